#!/usr/bin/env bash
# Regenerates the pictures of the README and docs/ from the example in content/: the first page
# of the team charter and of the Product Owner's role charter (README), the team charter and a
# 30-role matrix page (docs/pdf.md), and the Product Manager's handout (docs/templates.md).
# Needs poppler-utils (pdftoppm). The themed poster of docs/templates.md is made by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm run --silent build
node dist/bin.js build content --out "$tmp/out" --format pdf --quiet --template team-charter,role-charter,handout
node dist/bin.js build test/fixtures/pdf/team-30.md --out "$tmp/wide" --format pdf --quiet --template team-charter
pdftoppm -png -r 72 -f 1 -l 1 -singlefile "$tmp/out/product-roles/charter.pdf" docs/images/team-charter
pdftoppm -png -r 72 -f 1 -l 1 -singlefile "$tmp/out/roles/product-owner.pdf" docs/images/role-charter
pdftoppm -png -r 72 -f 1 -l 1 -singlefile "$tmp/out/product-roles/charter.pdf" docs/img/pdf-team-charter-page1
pdftoppm -png -r 72 -f 3 -l 3 -singlefile "$tmp/wide/team-30/charter.pdf" docs/img/pdf-matrix-30-roles
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$tmp/out/handout/product-manager.pdf" docs/img/template-handout
ls -l docs/images/*.png docs/img/*.png
