#!/usr/bin/env python3
"""Slow and idle clients against the comments example under `serve`'s defaults.

Each scenario runs against a fresh `target/release/comments` (SQLite), with a
second client timing `GET /hello` meanwhile. Prints one Markdown row per
scenario, for RELIABILITY.md.

Usage: cargo build --release -p comments && python3 benches/slow_clients.py
"""

import json
import os
import resource
import socket
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "comments")


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))


def start_server(port):
    database = tempfile.mktemp(suffix=".db")
    env = dict(os.environ, PORT=str(port), RUST_LOG="warn",
               DATABASE_URL=f"sqlite://{database}?mode=rwc")
    server = subprocess.Popen([BINARY], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, preexec_fn=raise_fd_limit)
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.05)


def hello_ms(port):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200"), answer[:80]
    return (time.monotonic() - started) * 1000


class HelloMeanwhile:
    """`GET /hello` every 100 ms from another client while a scenario runs."""

    def __init__(self, port):
        self.port, self.times, self.failures = port, [], 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run)
        self.thread.start()

    def run(self):
        while not self.stop.is_set():
            try:
                self.times.append(hello_ms(self.port))
            except (OSError, AssertionError):
                self.failures += 1
            time.sleep(0.1)

    def summary(self):
        self.stop.set()
        self.thread.join()
        times = sorted(self.times)
        worst = times[-1] if times else float("nan")
        return f"{len(times)} answered, {self.failures} failed, worst {worst:.1f} ms"


def read_until_closed(conn, limit):
    """What the server sends until it closes, and after how long."""
    started, answer = time.monotonic(), b""
    conn.settimeout(0.5)
    while time.monotonic() - started < limit:
        try:
            chunk = conn.recv(65536)
        except socket.timeout:
            continue
        except ConnectionResetError:
            return answer, time.monotonic() - started, "reset"
        if not chunk:
            return answer, time.monotonic() - started, "closed"
        answer += chunk
    return answer, time.monotonic() - started, "still open"


def status_of(answer):
    return answer.split(b"\r\n", 1)[0].decode(errors="replace") if answer else "nothing"


def idle_keep_alive(port):
    connections = []
    for _ in range(1000):
        conn = socket.create_connection(("127.0.0.1", port), timeout=10)
        conn.sendall(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        connections.append(conn)
    for conn in connections:
        conn.recv(65536)
    started = time.monotonic()
    open_ones = set(range(len(connections)))
    for conn in connections:
        conn.setblocking(False)
    while open_ones and time.monotonic() - started < 60:
        for index in list(open_ones):
            try:
                if connections[index].recv(1) == b"":
                    open_ones.discard(index)
            except BlockingIOError:
                pass
            except ConnectionResetError:
                open_ones.discard(index)
        time.sleep(0.1)
    closed_after = time.monotonic() - started
    for conn in connections:
        conn.close()
    return (f"1,000 connections, one request each, then idle",
            f"all closed by the server after {closed_after:.1f} s"
            if not open_ones else f"{len(open_ones)} still open after 60 s")


def slow_headers(port):
    conn = socket.create_connection(("127.0.0.1", port), timeout=10)
    request = b"GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
    started = time.monotonic()
    sent = 0
    conn.settimeout(0.01)
    answer = b""
    try:
        for byte in request:
            conn.sendall(bytes([byte]))
            sent += 1
            deadline = time.monotonic() + 1
            while time.monotonic() < deadline:
                try:
                    chunk = conn.recv(65536)
                except socket.timeout:
                    continue
                if not chunk:
                    raise BrokenPipeError
                answer += chunk
    except (BrokenPipeError, ConnectionResetError):
        pass
    rest, _, how = read_until_closed(conn, 5)
    answer += rest
    took = time.monotonic() - started
    conn.close()
    return ("request headers at one byte a second",
            f"{status_of(answer)} after {took:.1f} s ({sent} bytes sent), then {how}")


def endless_body(port):
    conn = socket.create_connection(("127.0.0.1", port), timeout=10)
    conn.sendall(b"POST /comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 1000\r\n\r\n{\"text\": \"")
    answer, took, how = read_until_closed(conn, 70)
    conn.close()
    return ("a body that never ends (Content-Length 1000, 11 bytes sent, then silence)",
            f"{status_of(answer)} after {took:.1f} s, then {how}")


def never_reads(port):
    conn = socket.create_connection(("127.0.0.1", port), timeout=10)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    request = b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n"
    conn.setblocking(False)
    sent = 0
    started = time.monotonic()
    while time.monotonic() - started < 5:
        try:
            sent += conn.send(request * 100)
        except BlockingIOError:
            time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            break
    time.sleep(70)
    conn.setblocking(True)
    answer, took, how = read_until_closed(conn, 5)
    conn.close()
    return ("pipelined requests for a large document, never read",
            f"{sent // len(request)} requests sent; after 75 s the connection is {how} "
            f"({len(answer)} bytes were waiting)")


def main():
    print("| client | server's answer | `/hello` for another client meanwhile |")
    print("|---|---|---|")
    for index, scenario in enumerate([idle_keep_alive, slow_headers, endless_body, never_reads]):
        port = 3400 + index
        server = start_server(port)
        meanwhile = HelloMeanwhile(port)
        try:
            client, answer = scenario(port)
        finally:
            others = meanwhile.summary()
            server.terminate()
            server.wait()
        print(f"| {client} | {answer} | {others} |", flush=True)


if __name__ == "__main__":
    raise_fd_limit()
    main()
