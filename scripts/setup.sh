#!/usr/bin/env bash
# Install and build everything on a fresh Debian machine:
#   1. Debian packages the tests need (chromium, firefox-esr, fonts-noto-cjk), only if missing;
#   2. npm dependencies (npm ci: exactly the committed lockfile, which lists every optional dependency);
#   3. the index and both extension builds (npm run build), then the store zips (npm run zip).
# Browsers come from Debian only: nothing here (or in the tests) downloads a browser.
# Usage: bash scripts/setup.sh        (on a fresh clone there is no node_modules yet, so not "npm run").
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
fail() { printf '\nsetup: %s\n' "$*" >&2; exit 1; }
started=$SECONDS

# --- 1. Debian packages -----------------------------------------------------------------------------------
step "Checking Debian packages (chromium, firefox-esr, fonts-noto-cjk)"
packages=(chromium firefox-esr fonts-noto-cjk)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${packages[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" = "install ok installed" ]; then
      note "$pkg: installed"
    else
      note "$pkg: missing"
      missing+=("$pkg")
    fi
  done
else
  note "no dpkg here (not Debian?): skipping package installation"
  for bin in "${CHROMIUM_PATH:-/usr/bin/chromium}" "${FIREFOX_PATH:-/usr/bin/firefox-esr}"; do
    [ -x "$bin" ] || note "WARNING: $bin not found; the end-to-end tests need it (set CHROMIUM_PATH / FIREFOX_PATH)"
  done
fi

if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found; install ${missing[*]} by hand"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "not root and no sudo: install ${missing[*]} by hand"
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_install() { "${SUDO[@]}" apt-get install -y "${missing[@]}"; }
  # A fresh image has no package lists: update first. Otherwise try the lists we have, and update only
  # if that fails (stale lists).
  if [ -z "$(find "${APT_LISTS_DIR:-/var/lib/apt/lists}" -maxdepth 1 -name '*_Packages*' -print -quit 2>/dev/null)" ]; then
    step "apt-get update (no package lists yet)"
    "${SUDO[@]}" apt-get update
    step "apt-get install ${missing[*]}"
    apt_install
  else
    step "apt-get install ${missing[*]}"
    if ! apt_install; then
      step "Install failed with the current package lists: apt-get update and retry"
      "${SUDO[@]}" apt-get update
      apt_install
    fi
  fi
fi

browser_version() { "$1" --version 2>/dev/null | head -n 1 || true; }
step "Browsers for the end-to-end tests"
note "Chromium:    $(browser_version "${CHROMIUM_PATH:-/usr/bin/chromium}" || true)"
note "Firefox ESR: $(browser_version "${FIREFOX_PATH:-/usr/bin/firefox-esr}" || true)"

# --- 2. npm dependencies ----------------------------------------------------------------------------------
step "Checking Node.js"
command -v node >/dev/null 2>&1 || fail "node not found: install Node.js >= 20.12"
node -e '
  const [maj, min] = process.versions.node.split(".").map(Number);
  if (maj < 20 || (maj === 20 && min < 12)) { console.error("Node " + process.versions.node + " is too old: need >= 20.12"); process.exit(1); }
  console.log("    node " + process.versions.node);
'

step "npm ci (exactly the committed package-lock.json)"
npm ci --no-audit --no-fund

# --- 3. Build ---------------------------------------------------------------------------------------------
step "npm run build (index, Chrome MV3, Firefox MV3)"
npm run build

step "npm run zip"
npm run zip

step "Done in $((SECONDS - started)) s"
note "Chrome build:  .output/chrome-mv3   (load unpacked from chrome://extensions)"
note "Firefox build: .output/firefox-mv3  (about:debugging → Load Temporary Add-on)"
note "Zips:          .output/*.zip"
note "Run the tests: npm test"
