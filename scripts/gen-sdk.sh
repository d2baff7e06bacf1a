#!/usr/bin/env bash
# Writes a Pulumi package's Python and Go SDKs from its schema.json with Pulumi's own code generators
# (tools/pulumi/cmd/gen-sdk, at the Pulumi version tools/pulumi pins). Paths are taken relative to
# the directory you run it in, e.g.:
#
#   bash scripts/gen-sdk.sh -schema schema.json -python sdk/python -go sdk/go
#
# The first run compiles the generator (a minute or two on a fresh machine); later runs take seconds.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
args=()
for arg in "$@"; do
  case "$arg" in
    -*) args+=("$arg") ;;
    *) args+=("$(realpath -m "$arg")") ;; # go run works in tools/pulumi
  esac
done
cd "$root/tools/pulumi"
GOFLAGS="${GOFLAGS:-} -mod=mod" exec go run ./cmd/gen-sdk "${args[@]}"
