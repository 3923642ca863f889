//! The tutorial's endpoints over a real socket, against the example's own
//! routes: every status, header and body, bad input included.

mod support;

use serde_json::json;
use support::{call, get, send_json, start_default};

#[actix_web::test]
async fn hello_and_dashboard_answer_text() {
    let server = start_default().await;
    let hello = get(&server.url("/hello")).await;
    assert_eq!((hello.status, hello.body.as_str()), (200, "Hello World"));
    assert_eq!(hello.header("content-type"), "text/plain; charset=utf-8");
    let bearer = [("authorization", "Bearer abc123")];
    let dashboard = call("GET", &server.url("/dashboard"), &bearer, None).await;
    assert_eq!(dashboard.body, "Dashboard data");
    let users = call("GET", &server.url("/dashboard/users"), &bearer, None).await;
    assert_eq!(users.body, "Users data");
    let missing = get(&server.url("/nope")).await;
    assert_eq!(
        (missing.status, missing.json()),
        (404, json!({ "error": "no route for /nope" }))
    );
}

#[actix_web::test]
async fn comments_are_listed_and_filtered_by_query() {
    let server = start_default().await;
    let all = json!([
        { "id": 1, "text": "This is the first comment" },
        { "id": 2, "text": "This is the second comment" },
        { "id": 3, "text": "This is the third comment" },
    ]);
    let list = get(&server.url("/comments")).await;
    assert_eq!(
        (list.status, list.header("content-type")),
        (200, "application/json")
    );
    assert_eq!(list.json(), all);
    assert_eq!(
        get(&server.url("/comments?query=first")).await.json(),
        json!([all[0]])
    );
    assert_eq!(
        get(&server.url("/comments?query=zzz")).await.json(),
        json!([])
    );
    assert_eq!(get(&server.url("/comments?query=")).await.json(), all);
    assert_eq!(
        get(&server.url("/comments?query=first%20comment"))
            .await
            .json(),
        json!([all[0]])
    );
    // The first value wins, as in Next.js.
    assert_eq!(
        get(&server.url("/comments?query=second&query=x"))
            .await
            .json(),
        json!([all[1]])
    );
}

#[actix_web::test]
async fn a_comment_is_created_read_patched_and_deleted() {
    let server = start_default().await;
    let created = send_json(
        "POST",
        &server.url("/comments"),
        r#"{"text":"New comment"}"#,
    )
    .await;
    assert_eq!(created.status, 201);
    assert_eq!(created.header("location"), "/comments/4");
    assert_eq!(created.json(), json!({ "id": 4, "text": "New comment" }));
    assert_eq!(
        get(&server.url("/comments/4")).await.json(),
        json!({ "id": 4, "text": "New comment" })
    );

    let patched = send_json(
        "PATCH",
        &server.url("/comments/4"),
        r#"{"text":"Updated comment"}"#,
    )
    .await;
    assert_eq!(
        (patched.status, patched.json()),
        (200, json!({ "id": 4, "text": "Updated comment" }))
    );
    let untouched = send_json("PATCH", &server.url("/comments/4"), "{}").await;
    assert_eq!(
        untouched.json(),
        json!({ "id": 4, "text": "Updated comment" })
    );

    let deleted = call("DELETE", &server.url("/comments/4"), &[], None).await;
    assert_eq!(
        (deleted.status, deleted.json()),
        (200, json!({ "id": 4, "text": "Updated comment" }))
    );
    assert_eq!(support::comment_count(&server).await, 3);
}

#[actix_web::test]
async fn a_missing_comment_redirects_or_is_404() {
    let server = start_default().await;
    let read = get(&server.url("/comments/9")).await;
    assert_eq!((read.status, read.header("location")), (307, "/comments"));
    let patch = send_json("PATCH", &server.url("/comments/9"), r#"{"text":"x"}"#).await;
    assert_eq!(
        (patch.status, patch.json()),
        (404, json!({ "error": "not found" }))
    );
    let delete = call("DELETE", &server.url("/comments/9"), &[], None).await;
    assert_eq!(delete.status, 404);
    // The seed comments are untouched (the tutorial's code would have
    // deleted the last one).
    assert_eq!(support::comment_count(&server).await, 3);
}

#[actix_web::test]
async fn an_unparsable_id_is_404_naming_the_parameter() {
    let server = start_default().await;
    let reply = get(&server.url("/comments/abc")).await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.json(),
        json!({ "error": "path parameter `id` must be an integer (i64), got `abc`" })
    );
}

#[actix_web::test]
async fn rejected_bodies_answer_what_was_wrong_and_store_nothing() {
    let server = start_default().await;
    let url = server.url("/comments");
    let cases: [(&str, &str, &[u8], u16, &str); 5] = [
        (
            "malformed",
            "application/json",
            br#"{"text": bad"#.as_slice(),
            400,
            "malformed JSON: expected value at line 1 column 10",
        ),
        (
            "empty",
            "application/json",
            b"".as_slice(),
            400,
            "request body is empty; expected JSON",
        ),
        (
            "missing field",
            "application/json",
            br#"{"txt":"x"}"#.as_slice(),
            400,
            "invalid request body: missing field `text` at line 1 column 11",
        ),
        (
            "wrong type",
            "application/json",
            br#"{"text":5}"#.as_slice(),
            400,
            "invalid request body: invalid type: integer `5`, expected a string at line 1 column 9",
        ),
        (
            "form body",
            "application/x-www-form-urlencoded",
            br#"{"text":"x"}"#.as_slice(),
            415,
            "expected a JSON body with `Content-Type: application/json`",
        ),
    ];
    for (case, content_type, body, status, message) in cases {
        let reply = call(
            "POST",
            &url,
            &[("content-type", content_type)],
            Some(body.to_vec()),
        )
        .await;
        assert_eq!(reply.status, status, "{case}: {}", reply.body);
        assert_eq!(reply.json(), json!({ "error": message }), "{case}");
    }
    let oversized = format!(r#"{{"text":"{}"}}"#, "x".repeat(3 << 20));
    let reply = send_json("POST", &url, &oversized).await;
    assert_eq!(reply.status, 413);
    assert!(
        reply.json()["error"]
            .as_str()
            .unwrap()
            .contains("over the limit of 2097152 bytes"),
        "{}",
        reply.body
    );

    let patch = send_json("PATCH", &server.url("/comments/1"), r#"{"text": "#).await;
    assert_eq!(patch.status, 400);
    let list = get(&url).await.json();
    assert_eq!(list.as_array().unwrap().len(), 3, "nothing stored: {list}");
    assert_eq!(list[0]["text"], "This is the first comment");
}

#[actix_web::test]
async fn methods_head_options_and_trailing_slashes() {
    let server = start_default().await;
    let put = send_json("PUT", &server.url("/comments"), r#"{"text":"x"}"#).await;
    assert_eq!(
        (put.status, put.header("allow")),
        (405, "GET, HEAD, OPTIONS, POST")
    );
    assert_eq!(
        put.json(),
        json!({ "error": "method PUT is not allowed for /comments; allowed: GET, HEAD, OPTIONS, POST" })
    );
    let options = call("OPTIONS", &server.url("/comments/2"), &[], None).await;
    assert_eq!(
        (options.status, options.header("allow")),
        (204, "DELETE, GET, HEAD, OPTIONS, PATCH")
    );
    let head = call("HEAD", &server.url("/comments"), &[], None).await;
    assert_eq!(
        (head.status, head.header("content-type"), head.body.as_str()),
        (200, "application/json", "")
    );
    let slash = get(&server.url("/comments/2/?x=1")).await;
    assert_eq!(
        (slash.status, slash.header("location")),
        (308, "/comments/2?x=1")
    );
    assert_eq!(get(&server.url("/HELLO")).await.status, 404);
}

#[actix_web::test]
async fn profile_route_wins_over_its_page_and_the_api_uses_headers_and_cookies() {
    let server = start_default().await;
    assert_eq!(
        get(&server.url("/profile")).await.body,
        "Profile route handler"
    );

    let api = call(
        "GET",
        &server.url("/profile/api"),
        &[
            ("authorization", "Bearer abc123"),
            ("user-agent", "tests"),
            ("accept", "text/html"),
        ],
        None,
    )
    .await;
    assert_eq!(api.status, 200);
    assert_eq!(api.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(api.header("x-powered-by"), "approute");
    assert_eq!(
        api.header("set-cookie"),
        "theme=dark; HttpOnly; SameSite=Lax; Path=/"
    );
    assert_eq!(api.body, "<h1>Profile API data</h1><p>Authorization: Bearer abc123</p><p>User-Agent: tests</p><p>Accept: text/html</p>");

    let hostile = call(
        "GET",
        &server.url("/profile/api"),
        &[("authorization", "<script>")],
        None,
    )
    .await;
    assert!(
        hostile.body.contains("Authorization: &lt;script&gt;"),
        "{}",
        hostile.body
    );

    let theme = call(
        "GET",
        &server.url("/profile/theme"),
        &[("cookie", "theme=dark; other=1")],
        None,
    )
    .await;
    assert_eq!(theme.json(), json!({ "theme": "dark" }));
    assert_eq!(
        get(&server.url("/profile/theme")).await.json(),
        json!({ "theme": null })
    );
    let forget = call("DELETE", &server.url("/profile/theme"), &[], None).await;
    assert_eq!(forget.status, 204);
    let removal = forget.header("set-cookie");
    assert!(
        removal.starts_with("theme=; Path=/; Max-Age=0; Expires="),
        "{removal}"
    );
}

#[test]
fn the_start_up_listing_reports_the_shadowed_profile_page_with_both_locations() {
    let table = approute::routes().unwrap();
    let warnings: Vec<String> = table.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("the page at /profile is never served"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0]
            .contains("examples/comments/src/routes/profile.rs:13  #[route(\"/profile\")] GET"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0]
            .contains("examples/comments/src/routes/profile.rs:8  #[page(\"/profile\")] GET"),
        "{}",
        warnings[0]
    );
}
