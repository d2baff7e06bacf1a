#!/usr/bin/env bash
# Makes a Pulumi CLI that can run this project's Node.js programs available in .tools/pulumi/bin.
#
# No npm package ships the Pulumi CLI and nothing can be downloaded on the machines this project is
# built on, so the CLI is built from Go modules (tools/pulumi pins the release), together with a
# small Node.js language host of our own (tools/pulumi/cmd/pulumi-language-nodejs; Pulumi's own
# language host module isn't served by the module proxy). In order of preference it:
#   1. keeps .tools/pulumi/bin when it already holds this exact build;
#   2. links a `pulumi` already on PATH when it is new enough (>= MIN_VERSION) and has its
#      Node.js language host beside it — users with Pulumi installed pay nothing;
#   3. copies a build cached under ~/.cache/pulumi-dynatrace-tokens by an earlier clone;
#   4. builds it with `go build` (a first build takes several minutes).
# Set PULUMI_DT_FORCE_BUILD=1 to skip steps 1–3.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_module="$root/tools/pulumi"
bin_dir="$root/.tools/pulumi/bin"
version="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { sub(/^v/, "", $2); print $2 }' "$tools_module/go.mod")"
min_version="3.248.0" # the @pulumi/pulumi SDK this package develops against; an older engine lacks its features
nodejs_shim="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

say() { printf '[install-pulumi] %s\n' "$*" >&2; }

if [ -z "$version" ]; then
  say "could not read the pinned Pulumi version from $tools_module/go.mod"
  exit 1
fi
if [ ! -f "$nodejs_shim" ]; then
  say "node_modules/@pulumi/pulumi is missing: run \`npm ci\` first"
  exit 1
fi

# A fingerprint of everything that goes into the build, so a change to the pins or to our language
# host rebuilds instead of reusing a stale binary.
fingerprint="$(cd "$tools_module" && cat go.mod go.sum $(find . -name '*.go' | sort) | sha256sum | cut -c1-16)"
stamp="$version-$fingerprint"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-dynatrace-tokens/pulumi-$stamp"

install_shim() {
  # Dynamic providers run through this script; without it the engine tries to download a plugin.
  cp "$nodejs_shim" "$bin_dir/pulumi-resource-pulumi-nodejs"
  chmod +x "$bin_dir/pulumi-resource-pulumi-nodejs"
}

version_at_least() { # $1 >= $2, both x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

if [ -z "${PULUMI_DT_FORCE_BUILD:-}" ]; then
  if [ -f "$bin_dir/.stamp" ] && [ "$(cat "$bin_dir/.stamp")" = "$stamp" ] && [ -x "$bin_dir/pulumi" ]; then
    install_shim
    say "Pulumi CLI $version already built in .tools/pulumi/bin"
    exit 0
  fi

  if existing="$(command -v pulumi 2>/dev/null)" && [ "$(dirname "$existing")" != "$bin_dir" ]; then
    existing_version="$(pulumi version 2>/dev/null | sed 's/^v//')"
    existing_dir="$(dirname "$(readlink -f "$existing")")"
    if [ -n "$existing_version" ] && version_at_least "${existing_version%%-*}" "$min_version" \
      && [ -x "$existing_dir/pulumi-language-nodejs" ]; then
      mkdir -p "$bin_dir"
      ln -sf "$existing_dir/pulumi" "$bin_dir/pulumi"
      ln -sf "$existing_dir/pulumi-language-nodejs" "$bin_dir/pulumi-language-nodejs"
      install_shim
      echo "path:$existing_dir:$existing_version" > "$bin_dir/.stamp"
      say "using the Pulumi CLI on PATH ($existing, v$existing_version)"
      exit 0
    fi
  fi

  if [ -x "$cache_dir/pulumi" ] && [ -x "$cache_dir/pulumi-language-nodejs" ]; then
    mkdir -p "$bin_dir"
    cp "$cache_dir/pulumi" "$cache_dir/pulumi-language-nodejs" "$bin_dir/"
    install_shim
    echo "$stamp" > "$bin_dir/.stamp"
    say "Pulumi CLI $version copied from the build cache ($cache_dir)"
    exit 0
  fi
fi

if ! command -v go >/dev/null 2>&1; then
  say "Go is needed to build the Pulumi CLI (or put a Pulumi CLI >= $min_version on PATH)"
  exit 1
fi

say "building Pulumi CLI $version from Go modules (the first build takes several minutes)"
mkdir -p "$bin_dir"
build_dir="$(mktemp -d)"
trap 'rm -rf "$build_dir"' EXIT
ldflags="-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
started=$(date +%s)
(
  cd "$tools_module"
  export CGO_ENABLED=0 GOFLAGS=-mod=mod
  say "compiling pulumi"
  go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$build_dir/pulumi" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  say "compiling pulumi-language-nodejs"
  go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$build_dir/pulumi-language-nodejs" \
    ./cmd/pulumi-language-nodejs
)
mv "$build_dir/pulumi" "$build_dir/pulumi-language-nodejs" "$bin_dir/"
install_shim
echo "$stamp" > "$bin_dir/.stamp"
mkdir -p "$cache_dir"
cp "$bin_dir/pulumi" "$bin_dir/pulumi-language-nodejs" "$cache_dir/"
say "built $("$bin_dir/pulumi" version) in $(( $(date +%s) - started ))s into .tools/pulumi/bin"
