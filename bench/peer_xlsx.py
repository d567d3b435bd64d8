#!/usr/bin/python3
"""The peer for bench/xlsx_read_bench.cc: openpyxl reading the same workbook.

    peer_xlsx.py FILE [N]
    peer_xlsx.py --once [--read-only] FILE   one read, for a whole-process timing
                                             (bench/compare_import.sh); prints the cell count

Loads FILE N times (default 5) with openpyxl.load_workbook and reads every cell's value on
every sheet, then does the same with read_only=True (streaming, no merged-cell handling), and
prints the best wall-clock and CPU seconds per file of each as key=value lines:

    cells=59670
    openpyxl_seconds=0.774
    openpyxl_cpu_seconds=0.770
    openpyxl_read_only_seconds=0.528
    openpyxl_read_only_cpu_seconds=0.525
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
    """(best wall seconds, best CPU seconds, cells) over `runs` reads."""
    wall, cpu, cells = None, None, 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        cells = read(path, read_only)
        elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        wall = elapsed if wall is None else min(wall, elapsed)
        cpu = elapsed_cpu if cpu is None else min(cpu, elapsed_cpu)
    return wall, cpu, cells


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--once":
        read_only = sys.argv[2] == "--read-only"
        print(read(sys.argv[-1], read_only))
        return
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) == 3 else 5
    wall, cpu, cells = best_seconds(path, runs, False)
    ro_wall, ro_cpu, _ = best_seconds(path, runs, True)
    print("cells=%d" % cells)
    print("openpyxl_seconds=%.4f" % wall)
    print("openpyxl_cpu_seconds=%.4f" % cpu)
    print("openpyxl_read_only_seconds=%.4f" % ro_wall)
    print("openpyxl_read_only_cpu_seconds=%.4f" % ro_cpu)


if __name__ == "__main__":
    main()
