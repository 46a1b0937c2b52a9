#!/usr/bin/env bash
# Vendor the dashboard's front-end libraries into the package.
#
# Why: the dashboard must work offline (no CDN, no network at run time), so the
# browser libraries are fetched from npm at BUILD time, pinned, and committed
# under src/sitrep/web/static/vendor/ together with their LICENSE files.
# Re-run this script only to change a version; the result is committed.
set -euo pipefail

LEAFLET_VERSION=1.9.4
MARKERCLUSTER_VERSION=1.5.3

here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/src/sitrep/web/static/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

command -v npm >/dev/null || { echo "error: npm not found (node 20 + npm are needed to vendor assets)" >&2; exit 1; }

cd "$tmp"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund --ignore-scripts \
    "leaflet@${LEAFLET_VERSION}" "leaflet.markercluster@${MARKERCLUSTER_VERSION}"

rm -rf "$dest/leaflet" "$dest/leaflet.markercluster"
mkdir -p "$dest/leaflet/images" "$dest/leaflet.markercluster"

L="$tmp/node_modules/leaflet"
cp "$L/dist/leaflet.js" "$L/dist/leaflet.css" "$dest/leaflet/"
cp "$L"/dist/images/*.png "$dest/leaflet/images/"
cp "$L/LICENSE" "$dest/leaflet/LICENSE"

M="$tmp/node_modules/leaflet.markercluster"
cp "$M/dist/leaflet.markercluster.js" "$M/dist/MarkerCluster.css" "$M/dist/MarkerCluster.Default.css" \
    "$dest/leaflet.markercluster/"
cp "$M/MIT-LICENCE.txt" "$dest/leaflet.markercluster/LICENSE" 2>/dev/null \
    || cp "$M"/LICEN[CS]E* "$dest/leaflet.markercluster/LICENSE"

cat > "$dest/VERSIONS" <<V
leaflet ${LEAFLET_VERSION}
leaflet.markercluster ${MARKERCLUSTER_VERSION}
V
echo "vendored into $dest:"
find "$dest" -type f | sort | sed "s|$here/||"
