//! `/comments/count`: cached (`revalidate = 30`), and fresh after every create
//! and delete, over a real socket.

mod support;

use std::time::Duration;

#[actix_web::test]
async fn the_count_is_cached_and_fresh_after_each_write() {
    let server = support::start(
        support::fresh_database(),
        support::upstream(None, Duration::from_secs(1)),
    )
    .await;
    let count = |reply: &support::Reply| reply.json()["count"].as_u64().unwrap();
    let cache = |reply: &support::Reply| {
        reply
            .headers
            .get("x-approute-cache")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    let first = support::get(&server.url("/comments/count")).await;
    assert_eq!((first.status, cache(&first)), (200, "MISS".to_owned()));
    let again = support::get(&server.url("/comments/count")).await;
    assert_eq!(
        (count(&again), cache(&again)),
        (count(&first), "HIT".to_owned())
    );

    let created =
        support::send_json("POST", &server.url("/comments"), r#"{"text":"one more"}"#).await;
    assert_eq!(created.status, 201);
    let after_create = support::get(&server.url("/comments/count")).await;
    assert_eq!(
        (count(&after_create), cache(&after_create)),
        (count(&first) + 1, "MISS".to_owned())
    );

    let id = created.json()["id"].as_i64().unwrap();
    let deleted = support::call("DELETE", &server.url(&format!("/comments/{id}")), &[], None).await;
    assert_eq!(deleted.status, 200);
    let after_delete = support::get(&server.url("/comments/count")).await;
    assert_eq!(count(&after_delete), count(&first));
    server.stop().await;
}
