"""Run every benchmark, one after the other: `python benchmarks/run.py`.

Figures are printed and saved as JSON in benchmarks/results/.
"""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

for script in ("import_time.py", "notebook_time.py", "browser_drop_latency.py", "network_draw.py"):
    print(f"\n=== {script} ===", flush=True)
    sys.argv = [script]
    runpy.run_path(str(HERE / script), run_name="__main__")
