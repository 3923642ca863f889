//! A client generated from the example's OpenAPI document by a real
//! generator, type-checked and run against the running example: the
//! document's types are what the server answers. openapi-typescript writes the types, openapi-fetch is the typed
//! client, `tsc` checks it (a call against the document's types must fail
//! to compile), node runs it. `.ci/run` installs the three from npm and
//! names their folder in `APPROUTE_TEST_OPENAPI_CLIENT`.

mod support;

use std::path::Path;
use std::process::Command;

use support::{get, start_default};

/// The client: creates a comment, finds it in the typed list, changes it
/// through the typed path parameter, deletes it; prints what it saw.
const CLIENT: &str = r#"
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

declare const process: { argv: string[] };

const client = createClient<paths>({ baseUrl: process.argv[2] });
const text = "from a generated client";
const created = await client.POST("/comments", { body: { text } });
const listed = await client.GET("/comments");
if (!listed.data) throw new Error(`list: ${listed.response.status}`);
const comment = listed.data.find((comment) => comment.text === text);
if (!comment) throw new Error("the created comment is not listed");
const id: number = comment.id;
const patched = await client.PATCH("/comments/{id}", {
  params: { path: { id } },
  body: { text: "changed" },
});
const deleted = await client.DELETE("/comments/{id}", { params: { path: { id } } });
const missing = await client.PATCH("/comments/{id}", { params: { path: { id } }, body: {} });
console.log(JSON.stringify({
  created: created.response.status,
  id,
  patched: patched.response.status,
  deleted: deleted.response.status,
  missing: missing.response.status,
  error: (missing.error as { error?: string } | undefined)?.error,
}));
"#;

/// Calls the document does not allow: each must be a type error.
const WRONG: [&str; 3] = [
    r#"client.POST("/comments", { body: { txt: "a typo" } });"#,
    r#"client.PATCH("/comments/{id}", { params: { path: { id: "7" } }, body: {} });"#,
    r#"client.GET("/no-such-path");"#,
];

const TSCONFIG: &str = r#"{
  "compilerOptions": {
    "target": "es2022", "module": "nodenext", "moduleResolution": "nodenext",
    "strict": true, "skipLibCheck": true, "outDir": "out"
  },
  "files": ["client.ts"]
}"#;

fn run(program: &Path, args: &[&str], dir: &Path) -> (bool, String) {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("{}: {error}", program.display()));
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[actix_web::test]
#[cfg_attr(
    not(openapi_client),
    ignore = "needs APPROUTE_TEST_OPENAPI_CLIENT at build time"
)]
async fn a_generated_typescript_client_type_checks_and_calls_the_example() {
    let tools = Path::new(option_env!("APPROUTE_TEST_OPENAPI_CLIENT").unwrap_or("."));
    let bin = tools.join("node_modules/.bin");
    let server = start_default().await;
    let document = get(&server.url("/openapi.json")).await.body;

    let dir = std::env::temp_dir().join(format!("approute-client-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("openapi.json"), &document).unwrap();
    std::fs::write(dir.join("package.json"), r#"{ "type": "module" }"#).unwrap();
    std::fs::write(dir.join("tsconfig.json"), TSCONFIG).unwrap();
    let modules = dir.join("node_modules");
    if !modules.exists() {
        std::os::unix::fs::symlink(tools.join("node_modules"), &modules).unwrap();
    }
    let generator = bin.join("openapi-typescript");
    let (generated, log) = run(&generator, &["openapi.json", "-o", "schema.d.ts"], &dir);
    assert!(generated, "openapi-typescript refused the document:\n{log}");

    // The compiler is the check: each wrong call alone must fail to build.
    let tsc = bin.join("tsc");
    std::fs::write(dir.join("client.ts"), CLIENT).unwrap();
    let (compiled, log) = run(&tsc, &["-p", "."], &dir);
    assert!(compiled, "the client does not type-check:\n{log}");
    let wrong_line = CLIENT.lines().count() + 1;
    for wrong in WRONG {
        let source = format!("{CLIENT}{wrong}\n");
        std::fs::write(dir.join("client.ts"), source).unwrap();
        let (compiled, log) = run(&tsc, &["-p", "."], &dir);
        assert!(!compiled, "tsc accepted `{wrong}`:\n{log}");
        let at = format!("client.ts({wrong_line},");
        assert!(log.contains(&at), "tsc refused, but not `{wrong}`:\n{log}");
    }
    std::fs::write(dir.join("client.ts"), CLIENT).unwrap();
    assert!(run(&tsc, &["-p", "."], &dir).0);

    let node = Path::new("node");
    let (ran, output) = run(node, &["out/client.js", &server.url("")], &dir);
    server.stop().await;
    std::fs::remove_dir_all(&dir).ok();
    assert!(ran, "the client failed:\n{output}");
    let seen: serde_json::Value = serde_json::from_str(output.trim()).unwrap();
    assert_eq!(seen["created"], 201, "{seen}");
    assert_eq!(seen["patched"], 200, "{seen}");
    assert_eq!(seen["deleted"], 200, "{seen}");
    // The error body the document promises, read through the client.
    assert_eq!(seen["missing"], 404, "{seen}");
    assert!(
        seen["error"]
            .as_str()
            .is_some_and(|error| !error.is_empty()),
        "{seen}"
    );
}
