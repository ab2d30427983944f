#!/bin/sh
# install.sh: install the browser tests' npm packages, pinned in
# package-lock.json, into tests/browser/node_modules with npm ci; does
# nothing when they are already installed from this same lock file.
# Run by scripts/test, and by tests/system/test_browser.py when missing.
set -eu
cd "$(dirname "$0")"
stamp=node_modules/.stafett-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
	exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
	echo "browser tests: npm not found (scripts/deps --test installs it)" >&2
	exit 1
fi
echo "browser tests: npm ci in tests/browser" >&2
npm ci --no-audit --no-fund --loglevel=error >&2
cp package-lock.json "$stamp"
