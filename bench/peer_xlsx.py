#!/usr/bin/python3
"""The peer for bench/xlsx_read_bench.cc: openpyxl reading the same workbook.

    peer_xlsx.py FILE [N]

Loads FILE N times (default 5) with openpyxl.load_workbook and reads every cell's value on
every sheet, then does the same with read_only=True (streaming, no merged-cell handling), and
prints the best seconds per file of each as key=value lines:

    cells=60030
    openpyxl_seconds=0.912
    openpyxl_read_only_seconds=0.511
"""
import sys
import time

import openpyxl


def read(path, read_only):
    wb = openpyxl.load_workbook(path, read_only=read_only)
    cells = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells += 1
    wb.close()
    return cells


def best_seconds(path, runs, read_only):
    best, cells = None, 0
    for _ in range(runs):
        start = time.perf_counter()
        cells = read(path, read_only)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, cells


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) == 3 else 5
    seconds, cells = best_seconds(path, runs, False)
    read_only_seconds, _ = best_seconds(path, runs, True)
    print("cells=%d" % cells)
    print("openpyxl_seconds=%.4f" % seconds)
    print("openpyxl_read_only_seconds=%.4f" % read_only_seconds)


if __name__ == "__main__":
    main()
