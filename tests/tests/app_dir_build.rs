//! The `app/` directory through real `cargo build`s of a scratch crate: a
//! new `route.rs` is served after the next build with no `cargo clean`, a
//! compile error in it points at the user's file, and a conflict between an
//! `app/` file and a `#[route]` handler is one report with both locations.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A crate of its own (outside the workspace) using approute and
/// approute-build by path, with the workspace's lock file, built offline
/// into a target directory that later runs reuse.
struct Scratch {
    dir: PathBuf,
    target: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_owned();
        let dir = std::env::temp_dir().join(format!("approute-app-dir-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        let path = |crate_dir: &str| repo.join(crate_dir).display().to_string();
        let manifest = format!(
            "[package]\nname = \"scratch\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [workspace]\n\n\
             [dependencies]\napproute = {{ path = {:?} }}\n\n\
             [build-dependencies]\napproute-build = {{ path = {:?} }}\n",
            path("runtime"),
            path("app-build"),
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        std::fs::write(
            dir.join("build.rs"),
            "fn main() {\n    approute_build::app_dir();\n}\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("src/main.rs"),
            "approute::app_dir!();\n\nuse approute::prelude::*;\n\n#[route(\"/hello\")]\nasync fn GET() -> &'static str {\n    \"hi\"\n}\n\n\
             fn main() {\n    match approute::routes() {\n        Ok(table) => print!(\"{table}\"),\n        Err(error) => print!(\"{error}\"),\n    }\n}\n",
        )
        .unwrap();
        Scratch {
            dir,
            target: repo.join("target").join("app-dir-scratch"),
        }
    }

    fn write(&self, file: &str, text: &str) {
        let path = self.dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn cargo(&self, command: &str) -> Output {
        Command::new(env!("CARGO"))
            .args([command, "--offline", "--quiet"])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap()
    }

    /// `cargo run`'s stdout: the route listing or the problem report.
    fn run(&self) -> String {
        let output = self.cargo("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "cargo run failed:\n{stderr}");
        String::from_utf8(output.stdout).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

const GET_ROUTE: &str = "pub async fn GET() -> &'static str {\n    \"app\"\n}\n";

#[test]
fn new_files_errors_and_conflicts_through_cargo_build() {
    let scratch = Scratch::new();
    scratch.write("src/app/one/route.rs", GET_ROUTE);
    let listing = scratch.run();
    assert!(
        listing.contains("GET     /one") && listing.contains("src/app/one/route.rs:1"),
        "{listing}"
    );

    // A new file, and the next build serves it.
    scratch.write("src/app/two/[id]/route.rs", GET_ROUTE);
    let listing = scratch.run();
    assert!(
        listing.contains("/two/[id]") && listing.contains("src/app/two/[id]/route.rs:1"),
        "{listing}"
    );

    // An error in a handler points at its file.
    scratch.write(
        "src/app/broken/route.rs",
        "pub async fn GET() -> String {\n    let n: u32 = \"oops\";\n    n.to_string()\n}\n",
    );
    let build = scratch.cargo("build");
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(!build.status.success());
    assert!(stderr.contains("src/app/broken/route.rs:2:"), "{stderr}");
    std::fs::remove_dir_all(scratch.dir.join("src/app/broken")).unwrap();

    // The same URL and method as the `#[route]` handler: one report, both places.
    scratch.write("src/app/hello/route.rs", GET_ROUTE);
    let report = scratch.run();
    assert!(
        report.contains("src/app/hello/route.rs:1") && report.contains("src/main.rs:6"),
        "{report}"
    );
}
