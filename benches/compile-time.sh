#!/usr/bin/env bash
# Compile time: a generated crate of 1,000 `#[route]` handlers against the same
# 1,000 handlers written with actix-web-codegen `#[get]` and `.service()` calls.
# Prints the clean build (the crate itself, dependencies already built) and an
# incremental rebuild after editing one handler, each as a ratio.
# Usage: bash benches/compile-time.sh [HANDLERS]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-1000}
work=$root/target/compile-bench
export CARGO_TARGET_DIR=$work/target
mkdir -p "$work"

generate() { # name flavour
    local dir=$work/$1
    mkdir -p "$dir/src"
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
actix-web = { version = "4", default-features = false, features = ["macros", "cookies"] }
approute = { path = "$root/runtime" }
TOML
    {
        if [ "$2" = approute ]; then
            for i in $(seq 0 $((n - 1))); do
                echo "mod r$i { use approute::prelude::*; #[route(\"/r$i/[id]\")] pub async fn GET(Params(id): Params<u32>) -> String { format!(\"r$i {id}\") } }"
            done
            echo 'fn main() { let _ = approute::routes().map(|table| table.entries().count()); }'
        else
            echo 'use actix_web::{get, web, App};'
            for i in $(seq 0 $((n - 1))); do
                echo "#[get(\"/r$i/{id}\")] async fn r$i(id: web::Path<u32>) -> String { format!(\"r$i {id}\") }"
            done
            # Built for real (not inside an uncalled closure), so every handler's
            # service is monomorphised, as approute's registrations are.
            echo 'fn main() { let _app = App::new()'
            for i in $(seq 0 $((n - 1))); do echo "    .service(r$i)"; done
            echo '; }'
        fi
    } > "$dir/src/main.rs"
}

seconds() { # command...
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

generate gen-approute approute
generate gen-codegen codegen
# Dependencies once, for both.
cargo build --quiet --manifest-path "$work/gen-approute/Cargo.toml"
cargo build --quiet --manifest-path "$work/gen-codegen/Cargo.toml"

echo "| $n handlers | approute s | actix-web-codegen s | ratio |"
echo "|---|---|---|---|"
for round in 1 2; do
    cargo clean --quiet -p gen-approute --manifest-path "$work/gen-approute/Cargo.toml"
    cargo clean --quiet -p gen-codegen --manifest-path "$work/gen-codegen/Cargo.toml"
    a=$(seconds cargo build --manifest-path "$work/gen-approute/Cargo.toml")
    c=$(seconds cargo build --manifest-path "$work/gen-codegen/Cargo.toml")
    echo "| clean build, round $round | $a | $c | **$(echo "scale=3; $a / $c" | bc)** |"
    sed -i "s/format!(\"r7 /format!(\"r7 edited$round /" "$work/gen-approute/src/main.rs" "$work/gen-codegen/src/main.rs"
    a=$(seconds cargo build --manifest-path "$work/gen-approute/Cargo.toml")
    c=$(seconds cargo build --manifest-path "$work/gen-codegen/Cargo.toml")
    echo "| rebuild after editing one handler, round $round | $a | $c | **$(echo "scale=3; $a / $c" | bc)** |"
done
