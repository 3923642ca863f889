#!/usr/bin/env bash
# Regenerates benches/src/github_openapi_routes.rs: every path of GitHub's
# REST API description (@octokit/openapi on npm, MIT, the
# api.github.com document), in approute's syntax, for the lookup benchmarks
# (BENCHMARKS.md section 3b). Needs npm and python3; CI does not run it.
# Usage: bash benches/github-openapi-routes.sh [VERSION]   (default 23.0.2)
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-23.0.2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@octokit/openapi@$version" >/dev/null \
    && tar xzf "octokit-openapi-$version.tgz" package/generated/api.github.com.json)
python3 - "$work/package/generated/api.github.com.json" "$version" \
    > benches/src/github_openapi_routes.rs <<'PY'
import json, re, sys

document, version = sys.argv[1], sys.argv[2]
paths = json.load(open(document))["paths"]
routes, seen, left_out = [], set(), []
for path in paths:
    segments, count, whole = [], 0, True
    for segment in path.strip("/").split("/") if path != "/" else []:
        if re.fullmatch(r"\{[^{}]+\}", segment):
            count += 1
            segments.append(f"[p{count}]")
        elif "{" in segment:
            whole = False
        else:
            segments.append(segment)
    route = "/" + "/".join(segments)
    if not whole:
        left_out.append(f"{path} (a parameter inside a segment)")
    elif route in seen:
        left_out.append(f"{path} (the same route as another, parameters renamed)")
    else:
        seen.add(route)
        routes.append(route)

print(f"""//! Every path of GitHub's REST API description (`@octokit/openapi` {version}
//! on npm, `generated/api.github.com.json`, MIT), in approute's syntax, each
//! parameter named by its place (`[p1]`, `[p2]`, as in `github_routes`):
//! {len(routes)} routes of its {len(paths)} paths. Made by
//! `benches/github-openapi-routes.sh`; left out:""")
for reason in left_out:
    print(f"//! - `{reason.split(' ', 1)[0]}` {reason.split(' ', 1)[1]}")
print()
print("/// The patterns.")
print("pub const GITHUB_OPENAPI_ROUTES: &[&str] = &[")
for route in routes:
    print(f'    "{route}",')
print("];")
PY
echo "benches/src/github_openapi_routes.rs: $(grep -c '^    "' benches/src/github_openapi_routes.rs) routes"
