#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed (for driving code-server headlessly through playwright-core).
# Skips apt-get entirely when chromium is already there. Prints the browser path on success.
# Never use `npx playwright install`: it downloads a browser from the internet.
set -euo pipefail
find_chromium() {
  for c in "${SOURCE_CHECK_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser "$(command -v chromium 2>/dev/null || true)"; do
    if [ -n "$c" ] && [ -x "$c" ]; then echo "$c"; return 0; fi
  done
  return 1
}
if path=$(find_chromium); then echo "$path"; exit 0; fi
if [ "$(id -u)" != 0 ]; then
  SUDO=sudo; command -v sudo >/dev/null || { echo "ensure-chromium: chromium missing and not root (no sudo)" >&2; exit 1; }
else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >&2
path=$(find_chromium) || { echo "ensure-chromium: chromium still missing after apt-get install" >&2; exit 1; }
echo "$path"
