#!/usr/bin/env bash
# Regenerates the README's pictures from the example in content/: the first page of the team
# charter and of the Product Owner's role charter. Needs poppler-utils (pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm run --silent build
node dist/bin.js build content --out "$tmp/out" --format pdf --quiet
pdftoppm -png -r 72 -f 1 -l 1 -singlefile "$tmp/out/product-roles/charter.pdf" docs/images/team-charter
pdftoppm -png -r 72 -f 1 -l 1 -singlefile "$tmp/out/roles/product-owner.pdf" docs/images/role-charter
ls -l docs/images/*.png
