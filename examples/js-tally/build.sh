#!/usr/bin/env sh
# Builds tally.wasm from tally.js: installs the pinned componentize-js (package-lock.json, `npm ci`) once, then
# runs build.mjs. Needs Node.js 20 or later with npm; the first run downloads the packages (about 100 MB).
set -eu
cd "$(dirname "$0")"
command -v node >/dev/null 2>&1 || { echo "build.sh: node not found; install Node.js 20 or later (with npm)" >&2; exit 2; }
if [ ! -d node_modules/@bytecodealliance/componentize-js ]; then
  command -v npm >/dev/null 2>&1 || { echo "build.sh: npm not found; install npm (it comes with Node.js)" >&2; exit 2; }
  npm ci --no-audit --no-fund --loglevel=error
fi
node build.mjs
