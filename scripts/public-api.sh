#!/usr/bin/env bash
# The public API of the published library crates (all features), one item per
# line, compared with the listing committed beside each crate
# (`<crate>/public-api.txt`), so that every API change shows up in review.
# `--bless` rewrites the listings after a change you mean.
#
# rustdoc's JSON output is unstable: RUSTC_BOOTSTRAP lets the stable toolchain
# (the only one CI has) emit it.
set -euo pipefail
cd "$(dirname "$0")/.."

crates=("approute:runtime" "approute_path:path" "approute_build:app-build")
RUSTC_BOOTSTRAP=1 RUSTDOCFLAGS="-Z unstable-options --output-format json" \
    cargo doc --quiet --no-deps --all-features -p approute -p approute-path -p approute-build

changed=0
for entry in "${crates[@]}"; do
    name=${entry%%:*}
    dir=${entry#*:}
    python3 scripts/public_api.py "target/doc/$name.json" > "target/$name-public-api.txt"
    if [ "${1:-}" = "--bless" ]; then
        cp "target/$name-public-api.txt" "$dir/public-api.txt"
    elif ! diff -u "$dir/public-api.txt" "target/$name-public-api.txt"; then
        changed=1
    fi
done
if [ "$changed" = 1 ]; then
    echo "The public API changed (diff above): if that is meant, run bash scripts/public-api.sh --bless and commit the listings." >&2
    exit 1
fi
