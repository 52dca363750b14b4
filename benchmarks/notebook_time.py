"""Each lesson's execution time under nbval, as a ratio to an empty notebook,
and the kernel's peak memory.

Goals (issues 2-4): at most 2.5 times an empty notebook executed in the same
run; kernel peak memory under 250 MB per lesson. The "empty" notebook has one code cell (`pass`), so that it pays for a
kernel start like every lesson does. Each round runs the empty notebook and
every lesson once, each as its own `pytest --nbval` process (the way a
contributor runs them); medians over the rounds.

The peak memory is read in the lesson's own kernel after its last cell
(``ru_maxrss`` of the kernel process), in a separate nbclient run.

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
    "cells": [
        {"id": "empty", "cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": "pass"}
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def run_nbval(path: Path) -> None:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env", str(path)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=path.parent)
    if out.returncode != 0:
        raise SystemExit(f"nbval failed on {path.name}:\n{out.stdout[-2000:]}")


PEAK_CELL = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def kernel_peak_mb(path: Path) -> float:
    """Run the notebook with nbclient plus one last cell that reports the kernel's peak RSS."""
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_CELL))
    nbclient.NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    out = nb.cells[-1].outputs[0]["text"]
    return round(int(out.strip()) / 1024, 1)  # Linux reports KiB


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    lessons = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    names = {p: str(p.relative_to(ROOT)) for p in lessons}
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.ipynb"
        empty.write_text(json.dumps(EMPTY))
        samples = {"empty": []} | {name: [] for name in names.values()}
        for _ in range(args.rounds):
            samples["empty"].append(timed(lambda: run_nbval(empty)))
            for p, name in names.items():
                samples[name].append(timed(lambda p=p: run_nbval(p)))
        peaks = {"empty": kernel_peak_mb(empty)} | {name: kernel_peak_mb(p) for p, name in names.items()}
    base = median_ms(samples["empty"])
    result = {"rounds": args.rounds, "empty_ms": base, "empty_kernel_peak_mb": peaks["empty"], "lessons": {}}
    rows = [["empty notebook", base, "1.00", peaks["empty"]]]
    for name in names.values():
        m = median_ms(samples[name])
        ratio = round(m / base, 2)
        result["lessons"][name] = {
            "median_ms": m,
            "ratio": ratio,
            "kernel_peak_mb": peaks[name],
            "goal_met": ratio <= 2.5 and peaks[name] < 250,
        }
        rows.append([name, m, f"{ratio:.2f}", peaks[name]])
    print(table(rows, ["notebook", "median ms", "ratio to empty", "kernel peak MB"]))
    print("saved", save("notebook_time", result))
    return result


if __name__ == "__main__":
    main()
