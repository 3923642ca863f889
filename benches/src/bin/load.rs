//! Mixed load against the comments example, and an audit of what it
//! acknowledged. `load run URLS SECONDS CONNECTIONS STATE [--sigterm-after S PID
//! | --sigkill-after S PID]` spreads GET/POST/PATCH/DELETE over the
//! comma-separated base URLs and writes the acknowledged writes to STATE;
//! `load verify URL STATE` checks that every acknowledged create is stored
//! and every acknowledged delete is gone. Used by `reliability.sh`.
//!
//! A write whose connection died before its answer (a killed server) may or
//! may not have been committed: a DELETE, POST or PATCH in doubt is recorded,
//! and the audit accepts its effect either way. A lost write is an
//! acknowledged create that is missing and was never the target of a delete,
//! or a row whose text is neither its last acknowledged write nor a PATCH in
//! doubt since; a phantom is a stored row that no acknowledged or in-doubt
//! create explains (the rows there before the run aside).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, ExitCode};
use std::rc::Rc;
use std::time::{Duration, Instant};

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    server_errors: usize,
    socket_errors: usize,
    other_statuses: usize,
    created: BTreeSet<i64>,
    deleted: BTreeSet<i64>,
    /// Deletes sent whose answer never came: committed or not, unknown.
    deletes_in_doubt: BTreeSet<i64>,
    /// Texts of creates sent whose answer never came.
    creates_in_doubt: BTreeSet<String>,
    /// Each live comment's text as its last acknowledged write left it.
    texts: BTreeMap<i64, String>,
    /// Texts of PATCHes in doubt since a comment's last acknowledged write.
    patches_in_doubt: BTreeMap<i64, BTreeSet<String>>,
    requests: usize,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    actix_web::rt::System::new().block_on(async move {
        match args.first().map(String::as_str) {
            Some("run") => run(&args[1..]).await,
            Some("verify") => verify(&args[1], &args[2]).await,
            Some("panics") => panics(&args[1], &args[2], &args[3]).await,
            _ => {
                eprintln!("usage: load run URLS SECONDS CONNECTIONS STATE [--sigterm-after S PID] | load verify URL STATE | load panics URL SECONDS CONNECTIONS");
                ExitCode::from(2)
            }
        }
    })
}

/// `load panics URL SECONDS CONNECTIONS` against `bench-server approute`:
/// each connection alternates `/panics` (a middleware that panics) and
/// `/hello`. Every panic must answer 500 with the JSON body, and every
/// `/hello` 200, for the whole run: a panicking middleware costs its own
/// request only.
async fn panics(url: &str, seconds: &str, connections: &str) -> ExitCode {
    let deadline = Instant::now() + Duration::from_secs(seconds.parse().unwrap());
    let connections: usize = connections.parse().unwrap();
    let tally = Rc::new(RefCell::new([0usize; 4])); // panics, hellos, wrong, socket errors
    let workers = (0..connections).map(|_| {
        let tally = tally.clone();
        async move {
            let client = awc::Client::builder()
                .timeout(Duration::from_secs(10))
                .finish();
            let mut panic_next = true;
            while Instant::now() < deadline {
                let (path, status, body, slot) = if panic_next {
                    (
                        "/panics",
                        500,
                        &br#"{"error":"internal server error"}"#[..],
                        0,
                    )
                } else {
                    ("/hello", 200, &b"Hello World"[..], 1)
                };
                panic_next = !panic_next;
                let answer = match client.get(format!("{url}{path}")).send().await {
                    Ok(mut response) => {
                        let got = response.status().as_u16();
                        response.body().await.ok().map(|bytes| (got, bytes))
                    }
                    Err(_) => None,
                };
                let mut tally = tally.borrow_mut();
                match answer {
                    Some((got, bytes)) if got == status && bytes == body => tally[slot] += 1,
                    Some(_) => tally[2] += 1,
                    None => tally[3] += 1,
                }
            }
        }
    });
    futures_util::future::join_all(workers).await;
    let [panicked, served, wrong, socket_errors] = *tally.borrow();
    println!(
        "panicking middleware: {panicked} answered 500 JSON | /hello: {served} answered 200 | wrong answers {wrong} | socket errors {socket_errors}"
    );
    if wrong == 0 && socket_errors == 0 && panicked > 0 && served > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

async fn run(args: &[String]) -> ExitCode {
    let urls: Vec<String> = args[0].split(',').map(str::to_owned).collect();
    let seconds: u64 = args[1].parse().unwrap();
    let connections: usize = args[2].parse().unwrap();
    let state = args[3].clone();
    let signal = match &args[4..] {
        [flag, after, pid] if flag == "--sigterm-after" => {
            Some(("-TERM", after.parse::<u64>().unwrap(), pid.clone()))
        }
        [flag, after, pid] if flag == "--sigkill-after" => {
            Some(("-KILL", after.parse::<u64>().unwrap(), pid.clone()))
        }
        _ => None,
    };
    let mut before = BTreeSet::new();
    for url in &urls {
        before.extend(stored_comments(url).await.into_keys());
    }
    let tally = Rc::new(RefCell::new(Tally::default()));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    if let Some((name, after, pid)) = signal.clone() {
        actix_web::rt::spawn(async move {
            actix_web::rt::time::sleep(Duration::from_secs(after)).await;
            eprintln!("sending SIG{} to {pid}", &name[1..]);
            Command::new("kill").args([name, &pid]).status().unwrap();
        });
    }
    let workers = (0..connections).map(|worker| {
        let base = urls[worker % urls.len()].clone();
        let tally = tally.clone();
        worker_loop(worker as u64, base, deadline, tally)
    });
    futures_util::future::join_all(workers).await;

    let mut tally = tally.take();
    tally.latencies_us.sort_unstable();
    let percentile = |p: f64| {
        tally
            .latencies_us
            .get(((tally.latencies_us.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    println!(
        "requests {} | answered {} | 5xx {} | socket errors {} | other statuses {} | p50 {:.2} ms | p99 {:.2} ms | acknowledged creates {} | acknowledged deletes {} | in doubt: deletes {}, creates {}, patches {}",
        tally.requests,
        tally.latencies_us.len(),
        tally.server_errors,
        tally.socket_errors,
        tally.other_statuses,
        percentile(0.5),
        percentile(0.99),
        tally.created.len(),
        tally.deleted.len(),
        tally.deletes_in_doubt.len(),
        tally.creates_in_doubt.len(),
        tally.patches_in_doubt.values().map(BTreeSet::len).sum::<usize>(),
    );
    let state_json = serde_json::json!({
        "before": before,
        "created": tally.created,
        "deleted": tally.deleted,
        "deletes_in_doubt": tally.deletes_in_doubt,
        "creates_in_doubt": tally.creates_in_doubt,
        "texts": tally.texts,
        "patches_in_doubt": tally.patches_in_doubt,
    });
    std::fs::write(&state, state_json.to_string()).unwrap();
    // After a signal, requests sent once the server stopped accepting fail
    // to connect: expected, and never acknowledged.
    let clean = tally.server_errors == 0
        && tally.other_statuses == 0
        && (signal.is_some() || tally.socket_errors == 0);
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

async fn worker_loop(worker: u64, base: String, deadline: Instant, tally: Rc<RefCell<Tally>>) {
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(10))
        .disable_redirects()
        .finish();
    let mut random = 0x9E37_79B9_7F4A_7C15u64 ^ (worker + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    // Comments this worker created and has not deleted: the only ones it
    // patches or deletes, so every such request must succeed.
    let mut mine: Vec<i64> = Vec::new();
    let mut sequence = 0;
    while Instant::now() < deadline {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        sequence += 1;
        let op = match (random % 100, mine.last()) {
            (0..=39, _) => Op::List,
            (40..=59, _) => Op::Read(1 + (random >> 8) as i64 % 3),
            (60..=79, _) => Op::Create,
            (80..=89, Some(&id)) => Op::Patch(id),
            (_, Some(&id)) => Op::Delete(id),
            (_, None) => Op::Create,
        };
        let started = Instant::now();
        let text = match op {
            Op::Create => format!("w{worker}-{sequence}"),
            _ => format!("p{worker}-{sequence}"),
        };
        let sent = match op {
            Op::List => client.get(format!("{base}/comments")).send().await,
            Op::Read(id) => client.get(format!("{base}/comments/{id}")).send().await,
            Op::Create => {
                let body = serde_json::json!({ "text": text });
                client
                    .post(format!("{base}/comments"))
                    .send_json(&body)
                    .await
            }
            Op::Patch(id) => {
                let body = serde_json::json!({ "text": text });
                client
                    .patch(format!("{base}/comments/{id}"))
                    .send_json(&body)
                    .await
            }
            Op::Delete(id) => client.delete(format!("{base}/comments/{id}")).send().await,
        };
        // Only a refused connection surely never reached the server; after
        // anything else (a connection that died mid-request, whatever awc
        // calls it) the request may have been carried out unanswered.
        let reached = !matches!(
            &sent,
            Err(awc::error::SendRequestError::Connect(awc::error::ConnectError::Io(error)))
                if error.kind() == std::io::ErrorKind::ConnectionRefused
        );
        let answer = match sent {
            Ok(mut response) => {
                let status = response.status().as_u16();
                response
                    .body()
                    .limit(64 << 20)
                    .await
                    .ok()
                    .map(|body| (status, body))
            }
            Err(_) => None,
        };
        let mut tally = tally.borrow_mut();
        tally.requests += 1;
        let Some((status, body)) = answer else {
            tally.socket_errors += 1;
            if reached {
                tally.in_doubt(op, text, &mut mine);
            }
            continue;
        };
        tally
            .latencies_us
            .push(started.elapsed().as_micros() as u64);
        match (op, status) {
            // A balancer's answer for an instance that died mid-request:
            // the write may have been carried out.
            (_, 502..=504) => {
                tally.server_errors += 1;
                tally.in_doubt(op, text, &mut mine);
            }
            (_, 500..) => tally.server_errors += 1,
            (Op::Create, 201) => {
                let created: serde_json::Value = serde_json::from_slice(&body).unwrap();
                let id = created["id"].as_i64().unwrap();
                tally.created.insert(id);
                tally.texts.insert(id, text);
                mine.push(id);
            }
            (Op::Delete(id), 200) => {
                tally.deleted.insert(id);
                tally.texts.remove(&id);
                tally.patches_in_doubt.remove(&id);
                mine.pop();
            }
            (Op::Patch(id), 200) => {
                tally.texts.insert(id, text);
                tally.patches_in_doubt.remove(&id);
            }
            (Op::List, 200) | (Op::Read(_), 200) => {}
            _ => tally.other_statuses += 1,
        }
    }
}

impl Tally {
    /// A write sent whose outcome the client cannot know. A comment whose
    /// DELETE is in doubt is left alone from then on.
    fn in_doubt(&mut self, op: Op, text: String, mine: &mut Vec<i64>) {
        match op {
            Op::Delete(id) => {
                self.deletes_in_doubt.insert(id);
                mine.pop();
            }
            Op::Create => {
                self.creates_in_doubt.insert(text);
            }
            Op::Patch(id) => {
                self.patches_in_doubt.entry(id).or_default().insert(text);
            }
            Op::List | Op::Read(_) => {}
        }
    }
}

#[derive(Clone, Copy)]
enum Op {
    List,
    Read(i64),
    Create,
    Patch(i64),
    Delete(i64),
}

/// Every stored comment: id → text.
async fn stored_comments(url: &str) -> BTreeMap<i64, String> {
    let client = awc::Client::default();
    let mut response = client.get(format!("{url}/comments")).send().await.unwrap();
    let stored: serde_json::Value = response.json().limit(64 << 20).await.unwrap();
    stored
        .as_array()
        .unwrap()
        .iter()
        .map(|comment| {
            let id = comment["id"].as_i64().unwrap();
            (id, comment["text"].as_str().unwrap().to_owned())
        })
        .collect()
}

async fn verify(url: &str, state: &str) -> ExitCode {
    let state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(state).unwrap()).unwrap();
    let ids = |key: &str| -> BTreeSet<i64> {
        state[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| id.as_i64().unwrap())
            .collect()
    };
    let (created, deleted, in_doubt) = (ids("created"), ids("deleted"), ids("deletes_in_doubt"));
    let before = ids("before");
    let texts: BTreeMap<i64, String> = serde_json::from_value(state["texts"].clone()).unwrap();
    let patches_in_doubt: BTreeMap<i64, BTreeSet<String>> =
        serde_json::from_value(state["patches_in_doubt"].clone()).unwrap();
    let creates_in_doubt: BTreeSet<String> =
        serde_json::from_value(state["creates_in_doubt"].clone()).unwrap();
    let stored = stored_comments(url).await;
    let lost: Vec<_> = created
        .difference(&deleted)
        .filter(|id| !stored.contains_key(id) && !in_doubt.contains(id))
        .collect();
    let doubt_committed = in_doubt
        .iter()
        .filter(|id| !stored.contains_key(id))
        .count();
    let resurrected: Vec<_> = deleted
        .iter()
        .filter(|id| stored.contains_key(id))
        .collect();
    // A stored row of ours holds its last acknowledged text, or a PATCH in
    // doubt since.
    let wrong_text: Vec<_> = stored
        .iter()
        .filter(|(id, text)| {
            texts.get(id).is_some_and(|expected| {
                *text != expected
                    && !patches_in_doubt
                        .get(id)
                        .is_some_and(|doubt| doubt.contains(*text))
            })
        })
        .collect();
    let phantoms: Vec<_> = stored
        .iter()
        .filter(|(id, text)| {
            !before.contains(id) && !created.contains(id) && !creates_in_doubt.contains(*text)
        })
        .collect();
    let creates_committed = stored
        .values()
        .filter(|text| creates_in_doubt.contains(*text))
        .count();
    println!(
        "verify: {} acknowledged creates, {} acknowledged deletes, {} deletes in doubt ({} committed), {} creates in doubt ({} committed), {} rows stored | lost writes {} | deleted rows still present {} | rows with a text no write left {} | phantoms {}",
        created.len(),
        deleted.len(),
        in_doubt.len(),
        doubt_committed,
        creates_in_doubt.len(),
        creates_committed,
        stored.len(),
        lost.len(),
        resurrected.len(),
        wrong_text.len(),
        phantoms.len()
    );
    if lost.is_empty() && resurrected.is_empty() && wrong_text.is_empty() && phantoms.is_empty() {
        ExitCode::SUCCESS
    } else {
        for (what, rows) in [
            ("wrong text", format!("{wrong_text:?}")),
            ("phantom", format!("{phantoms:?}")),
        ] {
            eprintln!("{what}: {rows}");
        }
        ExitCode::FAILURE
    }
}
