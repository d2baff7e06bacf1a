#!/usr/bin/env bash
# Lints the package as npm would publish it: packs the dist/ the build made (once, without running prepack's build
# again) and runs publint and arethetypeswrong on that tarball. Part of `npm test` (pretest).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
npm pack --ignore-scripts --silent --pack-destination "$dir" >/dev/null
tarball=$(echo "$dir"/*.tgz)

# --strict: warnings fail too.
npx --no-install publint run --strict "$tarball"
# Every entry point must have types under every module resolution a user can pick, `node10` (the default of
# `module: commonjs`) included.
npx --no-install attw --profile strict "$tarball"
