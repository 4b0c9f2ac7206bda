#!/usr/bin/env bash
# Installs a real VS Code (code-server 4.100.3, the newest whose engines.node accepts Node 20) from the
# npm registry and Debian packages only, into a cache outside the repo, and reuses it when present.
#   Usage: install-code-server.sh [DEST]
#   DEST defaults to ${SOURCE_CHECK_CACHE:-$HOME/.cache/source-check}/code-server-4.100.3
# Prints the path of the code-server executable on its last line. Idempotent: a finished install is
# marked with DEST/.installed and is not touched again; an interrupted one is redone from scratch.
# Why each step (plain `npm install code-server` fails here three ways):
#   - root needs unsafe-perm and install scripts download from the internet -> --ignore-scripts;
#   - @vscode/ripgrep downloads rg -> link Debian's ripgrep instead;
#   - argon2 / node-pty / spdlog / kerberos want prebuilt binaries -> rebuild from source (make, g++, python3).
# About 45 s and 300 MB on a fresh machine.
set -euo pipefail
VER=4.100.3
CACHE=${SOURCE_CHECK_CACHE:-$HOME/.cache/source-check}
DEST=${1:-$CACHE/code-server-$VER}
BIN="$DEST/node_modules/.bin/code-server"

if [ -f "$DEST/.installed" ] && [ -x "$BIN" ]; then
  echo "code-server $VER already installed in $DEST" >&2
  echo "$BIN"; exit 0
fi

need_pkgs=()
command -v rg >/dev/null || need_pkgs+=(ripgrep)
command -v make >/dev/null || need_pkgs+=(make)
command -v g++ >/dev/null || need_pkgs+=(g++)
command -v python3 >/dev/null || need_pkgs+=(python3)
[ -e /usr/include/gssapi/gssapi.h ] || [ -e /usr/include/krb5.h ] || need_pkgs+=(libkrb5-dev)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  # Only refresh the package lists when a package cannot be found in the current ones.
  if ! $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need_pkgs[@]}" >&2; then
    $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
    $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need_pkgs[@]}" >&2
  fi
fi

mkdir -p "$DEST"
cd "$DEST"
rm -rf node_modules package.json package-lock.json   # leftovers of an interrupted install (only what we create)
echo '{"private":true}' > package.json
{
  npm install --ignore-scripts --no-audit --no-fund "code-server@$VER"
  npm rebuild argon2                                   # built from source: its prebuilt download is unreachable
  cd node_modules/code-server/lib/vscode
  npm install --omit=dev --ignore-scripts --no-audit --no-fund
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg   # Debian's ripgrep instead of a download
  npm_config_yes=true npm rebuild                      # node-pty, spdlog, kerberos, watcher (npx node-gyp needs yes)
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev --no-audit --no-fund)
} >&2
"$BIN" --version >&2
touch "$DEST/.installed"
echo "$BIN"
