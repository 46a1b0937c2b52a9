#!/usr/bin/env bash
# Make sure Debian's Chromium is present for the dashboard's browser tests.
#
# Why Debian's: Playwright's own browser download needs a host this machine
# cannot reach; the tests drive /usr/bin/chromium instead. Exit 0 when Chromium
# is there (or was installed), 1 when it cannot be had (the tests then skip).
set -u
CHROMIUM="${SITREP_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium with apt-get..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
echo "chromium not available at $CHROMIUM (need root with apt-get to install it)" >&2
exit 1
