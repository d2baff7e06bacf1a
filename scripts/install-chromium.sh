#!/usr/bin/env bash
# test/cli/review-width.test.ts lays the review comment out in headless Chromium, as a pull request shows it. Debian's
# package, installed with apt when missing (as root, or with sudo). DejaVu is the font it measures with: wider than
# GitHub's, so a fit here fits there. Run by `npm test` (pretest), so the README's test command works on a fresh clone.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "[install-chromium] chromium is missing and this user can't install Debian packages: run 'apt-get install -y chromium fonts-dejavu-core' as root" >&2
  exit 1
fi
echo "[install-chromium] installing Debian's chromium (once)" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
