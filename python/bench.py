"""Benchmarks of the Python module (BENCHMARKS.md): `import defspend` in a
fresh interpreter, a warm `shortfall()`, `outlook(draws=10_000)` beside the
command line's. Medians of several runs; run with the release wheel:

    python python/bench.py [path/to/release/defspend]
"""

import statistics
import subprocess
import sys
import time


def median_ms(f, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main():
    cli = sys.argv[1] if len(sys.argv) > 1 else "target/release/defspend"
    code = "import time; t = time.perf_counter(); import defspend; print((time.perf_counter() - t) * 1000)"
    imports = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(21)]
    import defspend

    defspend.shortfall()
    warm = median_ms(defspend.shortfall, 201)
    outlook = median_ms(lambda: defspend.outlook(draws=10_000), 11)
    command = median_ms(lambda: subprocess.run([cli, "outlook", "--draws", "10000", "--format", "csv"],
                                               capture_output=True, check=True), 11)
    # The text route this module avoids: the command's CSV parsed by polars
    # (parsing alone, before any process is started), against the whole call.
    import io
    import polars as pl

    text = subprocess.run([cli, "fiscal", "--format", "csv"], capture_output=True, text=True,
                          check=True).stdout
    parse = median_ms(lambda: pl.read_csv(io.StringIO(text)), 51)
    call = median_ms(defspend.fiscal, 51)
    rows = defspend.fiscal().frame.shape
    print(f"fiscal() ({rows[0]} rows x {rows[1]} columns), whole call with the Arrow hand-over: "
          f"{call:.2f} ms; parsing its CSV text alone: {parse:.2f} ms (medians of 51)")
    print(f"import defspend: {statistics.median(imports):.1f} ms (median of 21 fresh interpreters)")
    print(f"shortfall(), warm: {warm:.2f} ms (median of 201 calls)")
    print(f"outlook(draws=10_000): {outlook:.1f} ms; the command line: {command:.1f} ms "
          f"({(outlook / command - 1) * 100:+.1f}%) (medians of 11)")


if __name__ == "__main__":
    main()
