//! The benchmark driver: starts each server, loads it with wrk, and prints
//! the figures of BENCHMARKS.md as ratios measured in this one run.
//!
//! `cargo run --release -p approute-bench --bin bench -- [SECONDS]`; one section:
//! `bench overhead [SECONDS] [ROUNDS]`, `bench axum [SECONDS] [ROUNDS]` or
//! `bench startup`
//! (`benches/run.sh` installs wrk first).

use std::io::Read;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(mode: &str, n: usize, workers: usize) -> (Server, Duration) {
        let port = free_port();
        let started = Instant::now();
        let child = pinned(SERVER_CPU, sibling("bench-server"))
            .args([
                mode,
                &n.to_string(),
                &port.to_string(),
                &workers.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("bench-server starts");
        let server = Server { child, port };
        let path = if mode.ends_with("scale") {
            "/target/static"
        } else {
            "/hello"
        };
        while !server.answers_200(path) {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{mode} {n} never answered"
            );
            std::thread::sleep(Duration::from_micros(200));
        }
        (server, started.elapsed())
    }

    fn answers_200(&self, path: &str) -> bool {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        use std::io::Write;
        let request = format!("GET {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n");
        if stream.write_all(request.as_bytes()).is_err() {
            return false;
        }
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response.starts_with("HTTP/1.1 200")
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn rss_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kb: f64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|value| value.split_whitespace().next())
            .and_then(|value| value.parse().ok())
            .unwrap_or(0.0);
        kb / 1024.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sibling(name: &str) -> PathBuf {
    std::env::current_exe().unwrap().with_file_name(name)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Load {
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
}

/// The server runs on one core and wrk on the other: without this they
/// compete for both, and the scheduler's choices add to the host's noise.
const SERVER_CPU: &str = "1";
const LOAD_CPU: &str = "0";

/// `program` pinned to `cpu` with `taskset` where there are two cores or more
/// and taskset is installed; unpinned elsewhere.
fn pinned(cpu: &str, program: impl AsRef<std::ffi::OsStr>) -> Command {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let taskset = Command::new("taskset")
        .arg("-V")
        .output()
        .is_ok_and(|output| output.status.success());
    if cores < 2 || !taskset {
        return Command::new(program);
    }
    let mut command = Command::new("taskset");
    command.args(["-c", cpu]).arg(program);
    command
}

fn wrk(url: &str, seconds: u64) -> Load {
    let output = pinned(LOAD_CPU, "wrk")
        .args(["-t1", "-c32", &format!("-d{seconds}s"), "--latency", url])
        .output()
        .expect("wrk is installed (benches/run.sh installs it)");
    let text = String::from_utf8_lossy(&output.stdout);
    let field = |prefix: &str| {
        text.lines()
            .find_map(|line| line.trim().strip_prefix(prefix))
            .map(|value| value.trim().to_owned())
            .unwrap_or_else(|| panic!("no {prefix:?} in wrk output:\n{text}"))
    };
    if text.contains("Non-2xx") {
        panic!("{url} answered errors under load:\n{text}");
    }
    Load {
        requests_per_second: field("Requests/sec:").parse().unwrap(),
        p50_ms: millis(&field("50%")),
        p99_ms: millis(&field("99%")),
    }
}

fn millis(value: &str) -> f64 {
    let (number, unit) = value.split_at(value.find(|c: char| c.is_ascii_alphabetic()).unwrap());
    let number: f64 = number.parse().unwrap();
    match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        other => panic!("unit {other}"),
    }
}

fn measure(mode: &str, n: usize, path: &str, seconds: u64) -> Load {
    let (server, _) = Server::start(mode, n, 1);
    wrk(&server.url(path), seconds)
}

/// Runs each contender `rounds` times, alternating. Throughput is each one's
/// best run: the machine is shared, and a noisy neighbour only ever makes a
/// run slower, so the best run is the least disturbed. Latency is the median
/// run's: a lucky minimum of p99 would say little about the tail.
fn alternating_runs(contenders: &[(&str, usize, &str)], seconds: u64, rounds: usize) -> Vec<Load> {
    let mut runs: Vec<Vec<Load>> = contenders.iter().map(|_| Vec::new()).collect();
    for _ in 0..rounds {
        for (slot, (mode, n, path)) in contenders.iter().enumerate() {
            runs[slot].push(measure(mode, *n, path, seconds));
        }
    }
    runs.into_iter()
        .map(|loads| Load {
            requests_per_second: loads
                .iter()
                .map(|load| load.requests_per_second)
                .fold(0.0, f64::max),
            p50_ms: median(loads.iter().map(|load| load.p50_ms)),
            p99_ms: median(loads.iter().map(|load| load.p99_ms)),
        })
        .collect()
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |index: usize, default: u64| {
        args.get(index)
            .map_or(default, |text| text.parse().expect("a number"))
    };
    match args.first().map(String::as_str) {
        Some("startup") => return startup_and_memory(),
        Some("overhead") => return overhead(number(1, 3), number(2, 5) as usize),
        Some("axum") => return against_axum(number(1, 3), number(2, 5) as usize),
        _ => {}
    }
    let seconds = number(0, 3);

    overhead(seconds, 5);

    println!("\n## 2. Scale: N generated routes, the target behind all of them\n");
    println!(
        "| N | route | actix-web req/s | approute req/s | approute ÷ actix | approute p50 ms |"
    );
    println!("|---|---|---|---|---|---|");
    let mut approute_at = Vec::new();
    for n in [10, 100, 1_000, 10_000] {
        for path in ["/target/static", "/target/123"] {
            let [actix, approute] = <[Load; 2]>::try_from(alternating_runs(
                &[("actix-scale", n, path), ("approute-scale", n, path)],
                seconds,
                3,
            ))
            .ok()
            .unwrap();
            approute_at.push((n, path, approute.requests_per_second));
            println!(
                "| {n} | `{path}` | {:.0} | {:.0} | **{:.1}×** | {:.2} |",
                actix.requests_per_second,
                approute.requests_per_second,
                approute.requests_per_second / actix.requests_per_second,
                approute.p50_ms
            );
        }
    }
    for path in ["/target/static", "/target/123"] {
        let at = |n: usize| {
            approute_at
                .iter()
                .find(|(m, p, _)| *m == n && *p == path)
                .unwrap()
                .2
        };
        println!(
            "\napproute `{path}`: req/s at N = 10,000 ÷ at N = 10 = **{:.3}**",
            at(10_000) / at(10)
        );
    }

    startup_and_memory();
}

/// Section 1 alone: `bench overhead [SECONDS] [ROUNDS]`. Five rounds by
/// default: p99 is compared too, and it needs one undisturbed run of each.
fn overhead(seconds: u64, rounds: usize) {
    println!("## 1. Overhead: the same handlers, approute macros vs hand-registered actix-web (first in its list)\n");
    println!(
        "| route | actix-web req/s | approute req/s | ratio | actix p99 ms | approute p99 ms |"
    );
    println!("|---|---|---|---|---|---|");
    for path in ["/hello", "/comments/7", "/json"] {
        let [actix, approute] = <[Load; 2]>::try_from(alternating_runs(
            &[("actix", 0, path), ("approute", 0, path)],
            seconds,
            rounds,
        ))
        .ok()
        .unwrap();
        println!(
            "| `{path}` | {:.0} | {:.0} | **{:.3}** | {:.2} | {:.2} |",
            actix.requests_per_second,
            approute.requests_per_second,
            approute.requests_per_second / actix.requests_per_second,
            actix.p99_ms,
            approute.p99_ms
        );
    }
}

/// Section 9's throughput: `bench axum [SECONDS] [ROUNDS]`, the same
/// handlers on approute, hand-written actix-web and axum, alternating.
fn against_axum(seconds: u64, rounds: usize) {
    println!("## 9. The whole request against axum, throughput\n");
    println!("| route | actix-web req/s | approute req/s | axum req/s | approute ÷ axum |");
    println!("|---|---|---|---|---|");
    let cases = [
        ("`/hello`", "", 0, "/hello"),
        ("`/comments/7`", "", 0, "/comments/7"),
        ("`/json`", "", 0, "/json"),
        ("`/target/7` behind 10,000", "-scale", 10_000, "/target/7"),
    ];
    for (label, suffix, n, path) in cases {
        let modes = ["actix", "approute", "axum"].map(|server| format!("{server}{suffix}"));
        let contenders: Vec<(&str, usize, &str)> =
            modes.iter().map(|mode| (mode.as_str(), n, path)).collect();
        let [actix, approute, axum] =
            <[Load; 3]>::try_from(alternating_runs(&contenders, seconds, rounds))
                .ok()
                .unwrap();
        println!(
            "| {label} | {:.0} | {:.0} | {:.0} | **{:.3}** |",
            actix.requests_per_second,
            approute.requests_per_second,
            axum.requests_per_second,
            approute.requests_per_second / axum.requests_per_second,
        );
    }
}

/// Section 4 alone: `bench startup`.
fn startup_and_memory() {
    println!("\n## 4. Start-up (process start to first 200) and memory, N = 10,000\n");
    println!(
        "| server | workers | start-up ms (best of 3) | RSS MB after start | RSS MB after load |"
    );
    println!("|---|---|---|---|---|");
    for mode in ["actix-scale", "approute-scale"] {
        for workers in [1, 2] {
            let startup = (0..3)
                .map(|_| Server::start(mode, 10_000, workers).1)
                .min()
                .unwrap();
            let (server, _) = Server::start(mode, 10_000, workers);
            let idle = server.rss_mb();
            wrk(&server.url("/target/123"), 2);
            println!(
                "| {mode} | {workers} | {:.1} | {idle:.1} | {:.1} |",
                startup.as_secs_f64() * 1000.0,
                server.rss_mb()
            );
        }
    }
}
