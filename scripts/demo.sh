#!/usr/bin/env bash
# `make demo`: checks and scores the bundled example, prints what jixiao found, writes the
# machine-readable results into out/, and renders the example's documents (Word, Excel, PDF,
# HTML and the prepared package JSON) into out/documents/.
set -uo pipefail
jixiao=${1:-build/jixiao}
cd "$(dirname "$0")/.."
example=examples/lingling-kexie-2024.json
mkdir -p out

echo "== jixiao check $example"
"$jixiao" check "$example"
echo "(exit $? — 0: no errors or inconsistencies; warnings and notes above)"
echo
echo "== jixiao score $example"
"$jixiao" score "$example" || exit 2
echo
echo "== jixiao score $example --rulebook national"
"$jixiao" score "$example" --rulebook national --lang en || exit 2

"$jixiao" check "$example" --format json >out/lingling-kexie-2024.check.json
"$jixiao" score "$example" --format json >out/lingling-kexie-2024.score.json || exit 2
echo
echo "Wrote out/lingling-kexie-2024.check.json and out/lingling-kexie-2024.score.json"
echo
echo "== jixiao render $example -o out/documents --to docx,xlsx,pdf,html,json"
"$jixiao" render "$example" -o out/documents --to docx,xlsx,pdf,html,json || exit 2
