//! Two instances (two processes of `cache-instance`) sharing one Redis:
//! an entry made by one is served by the other, `revalidate_path` on one
//! makes the next GET on the other fresh, and a stale entry is refreshed
//! once for requests spread over both. Runs where `APPROUTE_TEST_REDIS_URL`
//! names a Redis (`.ci/run` installs and starts one); elsewhere the tests
//! are reported as ignored.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use futures_util::future::join_all;

/// One running instance, killed when dropped.
struct Instance {
    child: Child,
    base: String,
}

impl Instance {
    fn start(prefix: &str, name: &str) -> Instance {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cache-instance"))
            .args([prefix, name])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("cache-instance starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let addr = loop {
            let line = lines
                .next()
                .expect("cache-instance prints its address")
                .unwrap();
            if let Some(addr) = line.strip_prefix("listening on ") {
                break addr.to_owned();
            }
        };
        // Keep reading, so that the instance never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Instance {
            child,
            base: format!("http://{addr}"),
        }
    }

    async fn send(&self, method: &str, path: &str) -> (Option<String>, String) {
        let client = awc::Client::default();
        let method = actix_web::http::Method::from_bytes(method.as_bytes()).unwrap();
        let url = format!("{}{path}", self.base);
        let mut response = client.request(method, &url).send().await.unwrap();
        let how = response
            .headers()
            .get("x-approute-cache")
            .map(|value| value.to_str().unwrap().to_owned());
        let body = response.body().await.unwrap();
        (how, String::from_utf8(body.to_vec()).unwrap())
    }

    async fn get(&self, path: &str) -> (Option<String>, String) {
        self.send("GET", path).await
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Keys of this run only, so that runs never see each other's entries.
fn prefix(test: &str) -> String {
    format!("approute-test-{test}-{}", std::process::id())
}

fn hit(body: &str) -> (Option<String>, String) {
    (Some("HIT".to_owned()), body.to_owned())
}

#[actix_web::test]
#[cfg_attr(
    not(redis_tests),
    ignore = "needs APPROUTE_TEST_REDIS_URL at build time"
)]
async fn instances_share_entries_and_invalidations() {
    let prefix = prefix("share");
    let a = Instance::start(&prefix, "a");
    let b = Instance::start(&prefix, "b");
    assert_eq!(
        a.get("/counter").await,
        (Some("MISS".to_owned()), "a 1".to_owned())
    );
    assert_eq!(b.get("/counter").await, hit("a 1"), "b serves a's entry");
    assert_eq!(a.get("/counter").await, hit("a 1"));

    // A mutation on b: the next GET on a is fresh.
    assert_eq!(b.send("POST", "/counter").await.1, "");
    assert_eq!(
        a.get("/counter").await,
        (Some("MISS".to_owned()), "a 2".to_owned())
    );
    assert_eq!(b.get("/counter").await, hit("a 2"));
    assert_eq!(b.get("/calls").await.1, "0 0", "b never ran the handler");
}

#[actix_web::test]
#[cfg_attr(
    not(redis_tests),
    ignore = "needs APPROUTE_TEST_REDIS_URL at build time"
)]
async fn a_stale_entry_is_refreshed_once_across_instances() {
    let prefix = prefix("stale");
    let a = Instance::start(&prefix, "a");
    let b = Instance::start(&prefix, "b");
    assert_eq!(a.get("/slow").await.1, "a 1");
    actix_web::rt::time::sleep(Duration::from_millis(1100)).await;
    // 100 concurrent requests, half to each instance: every one is answered
    // with the stale copy, and one of the two refreshes it.
    let requests = (0..100).map(|at| if at % 2 == 0 { &a } else { &b });
    let replies = join_all(requests.map(|instance| instance.get("/slow"))).await;
    for reply in replies {
        assert_eq!(reply, (Some("STALE".to_owned()), "a 1".to_owned()));
    }
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    let slow_calls = |calls: String| calls.split(' ').nth(1).unwrap().parse::<u32>().unwrap();
    let total = slow_calls(a.get("/calls").await.1) + slow_calls(b.get("/calls").await.1);
    assert_eq!(total, 2, "the first call and one refresh");
    let (how, body) = b.get("/slow").await;
    assert_eq!(how.as_deref(), Some("HIT"));
    assert!(body == "a 2" || body == "b 1", "the refreshed copy: {body}");
}
