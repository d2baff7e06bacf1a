#!/usr/bin/env bash
# Makes a Pulumi CLI that can run this project's Node.js, Python, Go and YAML programs available in
# .tools/pulumi/bin.
#
# No npm package ships the Pulumi CLI and nothing can be downloaded on the machines this project is
# built on, so the CLI is built from Go modules (tools/pulumi pins the release), together with its
# language hosts:
#   - pulumi-language-nodejs, -python and -go: small hosts of our own (tools/pulumi/cmd/…; Pulumi's
#     own are Go modules the module proxy doesn't serve);
#   - pulumi-language-yaml: Pulumi's own, github.com/pulumi/pulumi-yaml, pinned by tools/pulumi-yaml
#     (a module of its own: it is built against an older pulumi SDK than the CLI).
# Each binary is fingerprinted by what goes into it (its module's go.mod and go.sum, and our own
# sources for our hosts) and, in order of preference:
#   1. linked from a `pulumi` already on PATH when that one is new enough (>= min_version) and has
#      the binary beside it — a regular Pulumi install keeps its own hosts, only what it lacks is ours;
#   2. kept in .tools/pulumi/bin when it already holds this exact build;
#   3. copied from ~/.cache/pulumi-dynatrace-tokens, where an earlier build (of any clone) left it;
#   4. built with `go build` (the CLI takes several minutes the first time, a host under a minute).
# Set PULUMI_DT_FORCE_BUILD=1 to skip steps 1–3.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli_module="$root/tools/pulumi"
yaml_module="$root/tools/pulumi-yaml"
bin_dir="$root/.tools/pulumi/bin"
stamp_dir="$bin_dir/.stamps"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-dynatrace-tokens"
# pinned MODULE GO_MOD — the version GO_MOD requires of MODULE, without its "v".
pinned() {
  awk -v module="$1" '$1 == "require" { $1 = ""; $0 = $0 } $1 == module { sub(/^v/, "", $2); print $2 }' "$2"
}
version="$(pinned github.com/pulumi/pulumi/pkg/v3 "$cli_module/go.mod")"
yaml_version="$(pinned github.com/pulumi/pulumi-yaml "$yaml_module/go.mod")"
min_version="3.248.0" # the @pulumi/pulumi SDK this package develops against; an older engine lacks its features
nodejs_shim="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
force="${PULUMI_DT_FORCE_BUILD:-}"

say() { printf '[install-pulumi] %s\n' "$*" >&2; }

if [ -z "$version" ] || [ -z "$yaml_version" ]; then
  say "could not read the pinned Pulumi and pulumi-yaml versions from tools/pulumi/go.mod and tools/pulumi-yaml/go.mod"
  exit 1
fi
if [ ! -f "$nodejs_shim" ]; then
  say "node_modules/@pulumi/pulumi is missing: run \`npm install\` first"
  exit 1
fi
mkdir -p "$bin_dir" "$stamp_dir"
rm -f "$bin_dir/.stamp" # the single stamp of earlier versions of this script

version_at_least() { # $1 >= $2, both x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# A `pulumi` on PATH (other than ours) that is new enough provides itself and whatever hosts lie beside it.
external_dir=""
external_version=""
if [ -z "$force" ] && existing="$(command -v pulumi 2>/dev/null)" && [ "$(dirname "$existing")" != "$bin_dir" ]; then
  existing_version="$(pulumi version 2>/dev/null | sed 's/^v//')"
  if [ -n "$existing_version" ] && version_at_least "${existing_version%%-*}" "$min_version"; then
    external_dir="$(dirname "$(readlink -f "$existing")")"
    external_version="$existing_version"
  fi
fi

# fingerprint FILE... — a short hash of the files' contents.
fingerprint() { cat "$@" | sha256sum | cut -c1-16; }

# sources DIR... — every file under the directories, in a stable order (embedded scripts count too).
sources() { find "$@" -type f | LC_ALL=C sort; }

# place NAME FILE — puts FILE into bin_dir as NAME without writing into a binary a running program may be using.
place() {
  cp "$2" "$bin_dir/.$1.new"
  chmod +x "$bin_dir/.$1.new"
  mv -f "$bin_dir/.$1.new" "$bin_dir/$1"
}

# install NAME STAMP MODULE PACKAGE LDFLAGS — makes bin_dir/NAME the build STAMP of PACKAGE (in MODULE).
# A NAME-exec beside an external NAME comes along (Pulumi's own Python host runs programs through
# pulumi-language-python-exec); our builds have none.
install() {
  local name="$1" stamp="$2" module="$3" package="$4" ldflags="$5"
  if [ -n "$external_dir" ] && [ -x "$external_dir/$name" ]; then
    ln -sfn "$external_dir/$name" "$bin_dir/$name"
    if [ -x "$external_dir/$name-exec" ]; then ln -sfn "$external_dir/$name-exec" "$bin_dir/$name-exec"; fi
    echo "path:$external_dir:$external_version" > "$stamp_dir/$name"
    say "$name: the one beside the Pulumi CLI on PATH ($external_dir, v$external_version)"
    return
  fi
  if [ -z "$force" ] && [ -f "$stamp_dir/$name" ] && [ "$(cat "$stamp_dir/$name")" = "$stamp" ] \
    && [ -x "$bin_dir/$name" ] && [ ! -L "$bin_dir/$name" ]; then
    return
  fi
  local entry="$cache_root/$name-$stamp"
  if [ -n "$force" ] || [ ! -x "$entry/$name" ]; then
    if ! command -v go >/dev/null 2>&1; then
      say "Go is needed to build $name (or put a Pulumi CLI >= $min_version with its language hosts on PATH)"
      exit 1
    fi
    say "building $name (the first build of the CLI takes several minutes, of a language host under one)"
    local started work
    started=$(date +%s)
    work="$(mktemp -d "$cache_root/.build-XXXXXX")"
    (
      cd "$module"
      CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" \
        -o "$work/$name" "$package"
    ) || { rm -rf "$work"; exit 1; }
    # Publish the build in one rename, so a clone building at the same time never copies half a binary
    # (when another one published first, its build is as good as ours).
    if [ -n "$force" ]; then rm -rf "$entry"; fi
    mv -T "$work" "$entry" 2>/dev/null || rm -rf "$work"
    say "built $name in $(( $(date +%s) - started ))s"
  else
    say "$name: copied from the build cache ($entry)"
  fi
  rm -f "$bin_dir/$name-exec"
  place "$name" "$entry/$name"
  echo "$stamp" > "$stamp_dir/$name"
}

mkdir -p "$cache_root"
cli_ldflags="-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
cli_inputs=("$cli_module/go.mod" "$cli_module/go.sum")

install pulumi "$version-$(fingerprint "${cli_inputs[@]}")" \
  "$cli_module" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$cli_ldflags"

for language in nodejs python go; do
  host_sources=("$cli_module/cmd/pulumi-language-$language" "$cli_module/internal")
  # shellcheck disable=SC2046 # one file name per line, none with spaces
  install "pulumi-language-$language" \
    "$version-$(fingerprint "${cli_inputs[@]}" $(sources "${host_sources[@]}"))" \
    "$cli_module" "./cmd/pulumi-language-$language" "$cli_ldflags"
done

install pulumi-language-yaml "$yaml_version-$(fingerprint "$yaml_module/go.mod" "$yaml_module/go.sum")" \
  "$yaml_module" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
  "-w -s -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$yaml_version"

# Dynamic providers run through this script; without it the engine tries to download a plugin.
cp "$nodejs_shim" "$bin_dir/pulumi-resource-pulumi-nodejs"
chmod +x "$bin_dir/pulumi-resource-pulumi-nodejs"

say "Pulumi CLI $("$bin_dir/pulumi" version) and its Node.js, Python, Go and YAML language hosts are in .tools/pulumi/bin"
