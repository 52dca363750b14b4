"""Run every benchmark, one after the other: `python benchmarks/run.py`.

Figures are printed and saved as JSON in benchmarks/results/. A benchmark
that stops with an error does not stop the others; the run then ends with
a non-zero status naming it.
"""

import runpy
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

SCRIPTS = (
    "import_time.py",
    "notebook_time.py",
    "browser_drop_latency.py",
    "network_draw.py",
    "diffusion_vs_ndlib.py",
    "many_cascades_vs_cynetdiff.py",
    "grade_class.py",
)

failed = []
for script in SCRIPTS:
    print(f"\n=== {script} ===", flush=True)
    sys.argv = [script]
    try:
        runpy.run_path(str(HERE / script), run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            failed.append(script)
            print(f"{script} stopped: {exc.code}")
    except Exception:
        failed.append(script)
        traceback.print_exc()

if failed:
    sys.exit(f"benchmarks that did not finish: {', '.join(failed)}")
