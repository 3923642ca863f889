//! Scale-out: two instances of the example on one PostgreSQL. Runs where
//! `COMMENTS_TEST_POSTGRES_URL` names a server it may create databases on
//! (`.ci/run` installs and starts one); elsewhere the tests are reported as
//! ignored (`build.rs` decides at build time), never as passed.

mod support;

use std::collections::BTreeSet;
use std::time::Duration;

use futures_util::future::join_all;
use serde_json::json;
use sqlx::postgres::PgPoolOptions;
use support::{get, send_json, start_on, upstream, TestServer};

/// A fresh database on the test server, and two instances of the example
/// on it.
async fn two_instances(name: &str) -> (TestServer, TestServer) {
    let admin_url = std::env::var("COMMENTS_TEST_POSTGRES_URL")
        .expect("set COMMENTS_TEST_POSTGRES_URL=postgres://user@host:port/postgres to run");
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .connect(&admin_url)
        .await
        .unwrap();
    let database = format!("comments_{name}_{}", std::process::id());
    sqlx::query(&format!("DROP DATABASE IF EXISTS {database}"))
        .execute(&admin)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {database}"))
        .execute(&admin)
        .await
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    let url = format!("{base}/{database}");
    let no_upstream = || upstream(None, Duration::from_secs(1));
    // Started together, as a deployment would: the schema and seed still
    // happen exactly once.
    let (first, second) = futures_util::join!(
        start_on(&url, database.clone().into(), no_upstream()),
        start_on(&url, database.into(), no_upstream()),
    );
    (first, second)
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs COMMENTS_TEST_POSTGRES_URL at build time"
)]
async fn a_write_through_one_instance_is_read_through_the_other() {
    let (one, two) = two_instances("read_your_writes").await;
    assert_eq!(
        support::comment_count(&two).await,
        3,
        "seeded once, not twice"
    );
    let created = send_json(
        "POST",
        &one.url("/comments"),
        r#"{"text":"written via one"}"#,
    )
    .await;
    assert_eq!(created.status, 201);
    let id = created.json()["id"].as_i64().unwrap();
    assert_eq!(
        get(&two.url(&format!("/comments/{id}"))).await.json(),
        json!({ "id": id, "text": "written via one" })
    );
    let deleted = support::call("DELETE", &two.url(&format!("/comments/{id}")), &[], None).await;
    assert_eq!(deleted.status, 200);
    assert_eq!(get(&one.url(&format!("/comments/{id}"))).await.status, 307);
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs COMMENTS_TEST_POSTGRES_URL at build time"
)]
async fn concurrent_patches_from_both_instances_leave_one_consistent_row() {
    let (one, two) = two_instances("concurrent_patch").await;
    let patches = (0..40).map(|i| {
        let server = if i % 2 == 0 { &one } else { &two };
        let url = server.url("/comments/2");
        async move { send_json("PATCH", &url, &format!(r#"{{"text":"version {i}"}}"#)).await }
    });
    let replies = join_all(patches).await;
    assert!(replies.iter().all(|reply| reply.status == 200));
    let seen_by_one = get(&one.url("/comments/2")).await.json();
    let seen_by_two = get(&two.url("/comments/2")).await.json();
    assert_eq!(seen_by_one, seen_by_two);
    let text = seen_by_one["text"].as_str().unwrap();
    let written: BTreeSet<String> = replies
        .iter()
        .map(|reply| reply.json()["text"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        written.contains(text),
        "{text} is one of the acknowledged writes"
    );
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs COMMENTS_TEST_POSTGRES_URL at build time"
)]
async fn writes_spread_over_both_instances_lose_nothing() {
    let (one, two) = two_instances("no_lost_writes").await;
    let posts = (0..100).map(|i| {
        let server = if i % 2 == 0 { &one } else { &two };
        let url = server.url("/comments");
        async move { send_json("POST", &url, &format!(r#"{{"text":"load {i}"}}"#)).await }
    });
    let replies = join_all(posts).await;
    let acknowledged: BTreeSet<i64> = replies
        .iter()
        .filter(|reply| reply.status == 201)
        .map(|reply| reply.json()["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        acknowledged.len(),
        100,
        "every POST answered 201 with its own id"
    );
    let stored: BTreeSet<i64> = get(&two.url("/comments"))
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|comment| comment["id"].as_i64().unwrap())
        .collect();
    assert!(acknowledged.is_subset(&stored));
    assert_eq!(stored.len(), 103);
}
