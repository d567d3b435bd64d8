#!/usr/bin/python3
"""The peer for bench/docx_read_bench.cc: python-docx reading the same DOCX.

Usage: peer_docx.py FILE.docx [N]     opens the file N times (default 20) from memory, reads
                                       every paragraph's text and every table cell's text, and
                                       prints "<seconds per file>".
       peer_docx.py --open-only FILE [N]  the same, reading only the paragraphs (the floor).

The cells are read the way a competent python-docx user reads a large table: row by row
through the table's XML (each <w:tr>'s <w:tc>, wrapped as a _Cell for its text), not through
row.cells, which rebuilds the whole table's grid on every call and makes reading a table
quadratic in its rows. A merged cell is read once, where it is written.
       peer_docx.py --once FILE.docx  one read from the file, for a whole-process timing
                                       (bench/compare_import.sh); prints the counts read
       peer_docx.py --dump FILE.docx  prints what python-docx reads as JSON:
                                       {"paragraphs": [...], "tables": [[[cell, ...], ...], ...]}
                                       (used by docx_reader_test.cc as an independent oracle).
"""
import io
import json
import sys
import time

import docx
from docx.table import _Cell


def read(document, cells=True):
    paragraphs = [p.text for p in document.paragraphs]
    if not cells:
        return paragraphs, []
    tables = [[[_Cell(tc, table).text for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
              for table in document.tables]
    return paragraphs, tables


def read_grid(document):
    """Every paragraph and every table as python-docx's grid (row.cells: a merged cell repeated
    in each grid column it spans), for --dump."""
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows]
              for table in document.tables]
    return paragraphs, tables


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    if args[0] == "--once":
        paragraphs, tables = read(docx.Document(args[1]))
        print(len(paragraphs), sum(len(row) for table in tables for row in table))
        return
    if args[0] == "--dump":
        paragraphs, tables = read_grid(docx.Document(args[1]))
        json.dump({"paragraphs": paragraphs, "tables": tables}, sys.stdout, ensure_ascii=False)
        return
    cells = args[0] != "--open-only"
    if not cells:
        args = args[1:]
    with open(args[0], "rb") as f:
        data = f.read()
    n = int(args[1]) if len(args) > 1 else 20
    read(docx.Document(io.BytesIO(data)), cells)  # warm up
    start = time.perf_counter()
    for _ in range(n):
        read(docx.Document(io.BytesIO(data)), cells)
    print("%.6f" % ((time.perf_counter() - start) / n))


if __name__ == "__main__":
    main()
