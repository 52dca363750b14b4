"""How much `import smlessons` adds to a bare interpreter start.

Goal (issue 2): at most 250 ms over `python -c pass`, and none of
plotly.express, pandas, scipy, networkx imported. Runs the two commands
alternately, N times each, and compares medians.

    python benchmarks/import_time.py [--runs 21]
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from _common import median_ms, save, table, timed

HEAVY = ("plotly.express", "pandas", "scipy", "networkx", "plotly")
CASES = {
    "bare": "pass",
    "import smlessons": "import smlessons",
    "import smlessons + board": "import smlessons; smlessons.SortingBoard",
}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    samples = {name: [] for name in CASES}
    for _ in range(args.runs):
        for name, code in CASES.items():
            samples[name].append(timed(lambda: subprocess.run([sys.executable, "-c", code], check=True)))
    probe = f"import sys, smlessons; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    heavy = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    bare = median_ms(samples["bare"])
    rows, result = [], {"runs": args.runs, "heavy_modules_imported": heavy, "median_ms": {}}
    for name in CASES:
        m = median_ms(samples[name])
        result["median_ms"][name] = m
        rows.append([name, m, round(m - bare, 1)])
    result["added_ms"] = round(result["median_ms"]["import smlessons"] - bare, 1)
    result["goal_met"] = result["added_ms"] <= 250 and not heavy
    print(table(rows, ["command", "median ms", "over bare ms"]))
    print(
        f"heavy modules imported: {heavy or 'none'}; goal (<= 250 ms over bare): {'met' if result['goal_met'] else 'NOT met'}"
    )
    print("saved", save("import_time", result))
    return result


if __name__ == "__main__":
    main()
