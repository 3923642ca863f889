#!/usr/bin/env bash
# Compile time: a generated crate of 1,000 `#[route]` handlers against the same
# 1,000 handlers written with actix-web-codegen `#[get]` and `.service()` calls.
# Prints the clean build (the crate itself, dependencies already built) and an
# incremental rebuild after editing one handler, each as a ratio; then the same
# approute crate with the `openapi` feature on, against actix-web-codegen.
# Usage: bash benches/compile-time.sh [HANDLERS]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-1000}
work=$root/target/compile-bench
export CARGO_TARGET_DIR=$work/target
mkdir -p "$work"

generate() { # name flavour [approute features]
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
approute = { path = "$root/runtime", features = [${3:-}] }
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
generate gen-openapi approute '"openapi"'
# Dependencies once, for each (the openapi crate has a target dir of its own,
# so that its approute build does not replace the other's).
cargo build --quiet --manifest-path "$work/gen-approute/Cargo.toml"
cargo build --quiet --manifest-path "$work/gen-codegen/Cargo.toml"
CARGO_TARGET_DIR=$work/target-openapi cargo build --quiet --manifest-path "$work/gen-openapi/Cargo.toml"

build() { # crate
    if [ "$1" = gen-openapi ]; then
        CARGO_TARGET_DIR=$work/target-openapi seconds cargo build --manifest-path "$work/$1/Cargo.toml"
    else
        seconds cargo build --manifest-path "$work/$1/Cargo.toml"
    fi
}
clean() { # crate
    if [ "$1" = gen-openapi ]; then
        CARGO_TARGET_DIR=$work/target-openapi cargo clean --quiet -p "$1" --manifest-path "$work/$1/Cargo.toml"
    else
        cargo clean --quiet -p "$1" --manifest-path "$work/$1/Cargo.toml"
    fi
}

echo "| $n handlers | approute s | actix-web-codegen s | ratio | approute + openapi s | ratio |"
echo "|---|---|---|---|---|---|"
for round in 1 2; do
    for crate in gen-approute gen-codegen gen-openapi; do clean $crate; done
    a=$(build gen-approute)
    c=$(build gen-codegen)
    o=$(build gen-openapi)
    echo "| clean build, round $round | $a | $c | **$(echo "scale=3; $a / $c" | bc)** | $o | $(echo "scale=3; $o / $c" | bc) |"
    sed -i "s/format!(\"r7 /format!(\"r7 edited$round /" "$work"/gen-{approute,codegen,openapi}/src/main.rs
    a=$(build gen-approute)
    c=$(build gen-codegen)
    o=$(build gen-openapi)
    echo "| rebuild after editing one handler, round $round | $a | $c | **$(echo "scale=3; $a / $c" | bc)** | $o | $(echo "scale=3; $o / $c" | bc) |"
done
