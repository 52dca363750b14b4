"""Each lesson's execution time under nbval, as a ratio to an empty notebook.

Goal (issues 2-4): at most 2.5 times an empty notebook executed in the same
run. The "empty" notebook has one code cell (`pass`), so that it pays for a
kernel start like every lesson does. Each round runs the empty notebook and
every lesson once, each as its own `pytest --nbval` process (the way a
contributor runs them); medians over the rounds.

    python benchmarks/notebook_time.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import median_ms, save, table, timed

ROOT = Path(__file__).resolve().parents[1]

EMPTY = {
    "cells": [{"id": "empty", "cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": "pass"}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def run_nbval(path: Path) -> None:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env", str(path)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=path.parent)
    if out.returncode != 0:
        raise SystemExit(f"nbval failed on {path.name}:\n{out.stdout[-2000:]}")


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    lessons = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.ipynb"
        empty.write_text(json.dumps(EMPTY))
        samples = {"empty": []} | {str(p.relative_to(ROOT)): [] for p in lessons}
        for _ in range(args.rounds):
            samples["empty"].append(timed(lambda: run_nbval(empty)))
            for p in lessons:
                samples[str(p.relative_to(ROOT))].append(timed(lambda p=p: run_nbval(p)))
    base = median_ms(samples["empty"])
    result = {"rounds": args.rounds, "empty_ms": base, "lessons": {}}
    rows = [["empty notebook", base, "1.00"]]
    for name, s in samples.items():
        if name == "empty":
            continue
        m = median_ms(s)
        ratio = round(m / base, 2)
        result["lessons"][name] = {"median_ms": m, "ratio": ratio, "goal_met": ratio <= 2.5}
        rows.append([name, m, f"{ratio:.2f}"])
    print(table(rows, ["notebook", "median ms", "ratio to empty"]))
    print("saved", save("notebook_time", result))
    return result


if __name__ == "__main__":
    main()
