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
UPLOT_VERSION=1.6.32      # timeline and fatalities charts (small, no dependencies)
CYTOSCAPE_VERSION=3.35.0  # actor graph: layout, arrowheads, edge labels

here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/src/sitrep/web/static/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

command -v npm >/dev/null || { echo "error: npm not found (node 20 + npm are needed to vendor assets)" >&2; exit 1; }

cd "$tmp"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund --ignore-scripts \
    "leaflet@${LEAFLET_VERSION}" "leaflet.markercluster@${MARKERCLUSTER_VERSION}" \
    "uplot@${UPLOT_VERSION}" "cytoscape@${CYTOSCAPE_VERSION}"

rm -rf "$dest/leaflet" "$dest/leaflet.markercluster" "$dest/uplot" "$dest/cytoscape"
mkdir -p "$dest/leaflet/images" "$dest/leaflet.markercluster" "$dest/uplot" "$dest/cytoscape"

L="$tmp/node_modules/leaflet"
cp "$L/dist/leaflet.js" "$L/dist/leaflet.css" "$dest/leaflet/"
cp "$L"/dist/images/*.png "$dest/leaflet/images/"
cp "$L/LICENSE" "$dest/leaflet/LICENSE"

M="$tmp/node_modules/leaflet.markercluster"
cp "$M/dist/leaflet.markercluster.js" "$M/dist/MarkerCluster.css" "$M/dist/MarkerCluster.Default.css" \
    "$dest/leaflet.markercluster/"
cp "$M/MIT-LICENCE.txt" "$dest/leaflet.markercluster/LICENSE" 2>/dev/null \
    || cp "$M"/LICEN[CS]E* "$dest/leaflet.markercluster/LICENSE"

U="$tmp/node_modules/uplot"
cp "$U/dist/uPlot.iife.min.js" "$U/dist/uPlot.min.css" "$U/LICENSE" "$dest/uplot/"

C="$tmp/node_modules/cytoscape"
cp "$C/dist/cytoscape.min.js" "$C/LICENSE" "$dest/cytoscape/"

cat > "$dest/VERSIONS" <<V
leaflet ${LEAFLET_VERSION}
leaflet.markercluster ${MARKERCLUSTER_VERSION}
uplot ${UPLOT_VERSION}
cytoscape ${CYTOSCAPE_VERSION}
V
echo "vendored into $dest:"
find "$dest" -type f | sort | sed "s|$here/||"
