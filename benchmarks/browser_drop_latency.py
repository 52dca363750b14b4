"""How fast does the sorting board answer a drop, in a real JupyterLab?

Run from the repository root::

    python benchmarks/browser_drop_latency.py [--runs 15] [--sizes 16,200] [--headed]

It starts its own JupyterLab (on a temporary copy of ``notebooks/``) and
Debian's chromium, opens lesson 1, runs all cells and, on lesson 1's board,
measures inside the page with ``performance.now()``:

(a) a drop (a ``drop`` event dispatched on a bin, as the browser does at the
    end of a mouse drag) until
    - ``dom``: the card sits in the bin and the live region announces it,
    - ``frame``: the next animation frame starts (the move is about to be painted),
    - ``painted``: that frame has been painted (a task queued from the frame),
    - ``python``: the kernel echoes the new ``placements`` back (the round
      trip through Python);
(b) a click on Check until
    - ``feedback``: the card's verdict is shown and the score is set (the
      grading happens in Python, so this is a round trip),
    - ``painted``: that state has been painted.

Then the same on boards built for the purpose, one per size given with
``--sizes`` (default 16 and 200 cards, four bins, half of the cards already
placed so that a Check returns a verdict for each of them): does a large
board stay as quick?

It prints a table of medians (and min / max) and writes the figures as JSON to
``benchmarks/results/``. The goal is visible feedback within 50 ms of a drop.

Every round trip through a stock Jupyter server costs about 40 ms more than
it should: the server's kernel websocket keeps Nagle's algorithm on, and its
small back-to-back frames wait for the browser's delayed ACK. So the
benchmark runs twice by default: ``stock`` (a server as shipped) and
``nodelay`` (the same server with ``TCP_NODELAY`` set on that websocket by a
``jupyter_server_config.py``), which shows what the board itself costs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

import harness  # noqa: E402
from _common import save  # noqa: E402  (this folder is on sys.path when run as a script)

GOAL_MS = 50.0

# A diagnostic server configuration: TCP_NODELAY on the kernel websocket.
NODELAY_CONFIG = """
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

_open = KernelWebsocketHandler.open


async def _open_nodelay(self, *args, **kwargs):
    self.set_nodelay(True)
    return await _open(self, *args, **kwargs)


KernelWebsocketHandler.open = _open_nodelay
"""
CONFIGS = {"stock": "", "nodelay": NODELAY_CONFIG}
LESSON = "01-media-and-networks.ipynb"

# Drop `label` on the bin `bin` and time it; resolves with the timings in ms.
DROP_JS = r"""
async ([label, bin]) => {
  const root = document.querySelector('.smb');
  const target = root.querySelector(`.smb-target[data-bin="${CSS.escape(bin)}"]`);
  const live = root.querySelector('.smb-live');
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let tPython = null;
  let resolvePython;
  const python = new Promise((r) => (resolvePython = r));
  const onIopub = (_, msg) => {
    const data = msg.content && msg.content.data;
    if (msg.header.msg_type === 'comm_msg' && data && data.method === 'echo_update'
        && data.state && data.state.placements && data.state.placements[label] === bin) {
      tPython = performance.now();
      resolvePython();
    }
  };
  kernel.iopubMessage.connect(onIopub);
  const dt = new DataTransfer();
  dt.setData('text/plain', label);
  const drop = new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt});

  const t0 = performance.now();
  target.dispatchEvent(drop);
  const moved = !!target.querySelector(`:scope > .smb-cards > .smb-item[data-label="${CSS.escape(label)}"]`);
  const announced = live.textContent.includes(`${label} placed in`);
  const tDom = performance.now();
  const tFrame = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const tPaint = await new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r(performance.now());
    ch.port2.postMessage(null);
  });
  await Promise.race([python, new Promise((r) => setTimeout(r, 5000))]);
  kernel.iopubMessage.disconnect(onIopub);
  return {moved, announced, dom: tDom - t0, frame: tFrame - t0, painted: tPaint - t0,
          python: tPython === null ? null : tPython - t0};
}
"""

# Click Check and time until the verdict of `label` is visible and the score set.
CHECK_JS = r"""
async ([label]) => {
  const root = document.querySelector('.smb');
  const score = root.querySelector('.smb-score');
  const fb = root.querySelector(`.smb-item[data-label="${CSS.escape(label)}"] .smb-feedback`);
  const visible = () => score.textContent !== '' && !fb.hidden && fb.textContent !== '';
  if (visible()) return {error: 'feedback already visible before the click'};
  let t1 = null;
  const done = new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      if (t1 === null && visible()) {
        t1 = performance.now();
        obs.disconnect();
        resolve();
      }
    });
    obs.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
    setTimeout(() => { obs.disconnect(); resolve(); }, 5000);
  });
  const t0 = performance.now();
  root.querySelector('button.smb-check').click();
  await done;
  if (t1 === null) return {error: 'no feedback within 5 s'};
  const tFrame = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const tPaint = await new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r(performance.now());
    ch.port2.postMessage(null);
  });
  return {feedback: t1 - t0, frame: tFrame - t0, painted: tPaint - t0};
}
"""


# The bare round trip browser -> server -> kernel -> server -> browser.
KERNEL_INFO_JS = r"""
async () => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const out = [];
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    await kernel.requestKernelInfo();
    if (i > 0) out.push(performance.now() - t0);
  }
  return out;
}
"""


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


# A board of `n` cards in four bins, every other card already placed.
SIZED_BOARD = """
from smlessons import SortingBoard
BINS = ["Social medium", "Social network", "Both", "Neither"]
board = SortingBoard(
    items=[{{"label": f"Card {{i:03d}}", "answer": BINS[i % 4], "explanation": f"Card {{i}} goes in {{BINS[i % 4]}}."}}
           for i in range({n})],
    bins=BINS, title="{n} cards")
board.placements = {{c: BINS[i % 4] for i, c in enumerate(board.cards) if i % 2 == 0}}
board
"""


def drop_and_check(page, label: str, bins: list, runs: int) -> tuple[list, list]:
    """Drop `label` on each bin in turn and press Check after each drop; the timings of both."""
    drops, checks = [], []
    page.wait_for_function("() => document.querySelector('.smb .smb-score').textContent === ''")
    page.locator(".smb").first.evaluate("n => n.scrollIntoView({block: 'start'})")
    for i in range(runs + 1):  # the first round warms up and is not counted
        bin_ = bins[i % len(bins)]
        d = page.evaluate(DROP_JS, [label, bin_])
        if not (d["moved"] and d["announced"]):
            sys.exit(f"drop {i} did not move the card or was not announced: {d}")
        # The move clears the previous score in Python; wait for that before checking again.
        page.wait_for_function("() => document.querySelector('.smb .smb-score').textContent === ''")
        c = page.evaluate(CHECK_JS, [label])
        if "error" in c:
            sys.exit(f"check {i}: {c['error']}")
        if i > 0:
            drops.append(d)
            checks.append(c)
    return drops, checks


def summarise(drops: list, checks: list) -> dict:
    return {
        "drop": {k: stats([d[k] for d in drops]) for k in ("dom", "frame", "painted", "python")},
        "check": {k: stats([c[k] for c in checks]) for k in ("feedback", "frame", "painted")},
        "raw": {"drop": drops, "check": checks},
    }


def measure(runs: int, headed: bool = False, server_config: str = "", sizes=()) -> dict:
    from playwright.sync_api import sync_playwright

    if not harness.CHROMIUM.exists():
        sys.exit(harness.chromium_missing_message())
    boards = {}
    with harness.JupyterServer("lab", server_config=server_config) as server, sync_playwright() as p:
        browser = harness.launch_browser(p, headless=not headed)
        context = harness.new_context(browser)
        page = context.new_page()
        harness.open_notebook(page, server, LESSON)
        harness.run_all(page)
        errors = harness.notebook_errors(page)
        if errors:
            sys.exit(f"lesson 1 has errors: {errors}")
        kernel_info = page.evaluate(KERNEL_INFO_JS)
        bins = harness.run_python_json(page, "list(board.bins)")
        label = harness.run_python_json(page, "board.cards[0]")
        harness.run_python(page, "board.reset()")
        result = summarise(*drop_and_check(page, label, bins, runs))
        page.close()
        for n in sizes:
            # a fresh page per notebook: JupyterLab routes in-page URL changes itself
            page = context.new_page()
            path = harness.scratch_notebook(server, f"bench-{n}-cards.ipynb", cells=[SIZED_BOARD.format(n=n)])
            harness.open_notebook(page, server, path)
            harness.run_all(page)
            page.locator(".smb .smb-item").nth(n - 1).wait_for()
            bins = harness.run_python_json(page, "list(board.bins)")
            label = harness.run_python_json(page, "board.cards[1]")  # not placed yet
            boards[str(n)] = summarise(*drop_and_check(page, label, bins, runs))
            page.close()
        context.close()
        browser.close()
    return {**result, "kernel_info": stats(kernel_info), "boards": boards}


def fmt(v):
    return "     -" if v is None else f"{v:6.1f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="measured drops and checks (at least 10)")
    parser.add_argument(
        "--config",
        choices=["stock", "nodelay", "both"],
        default="both",
        help="server configuration(s) to measure (default: both)",
    )
    parser.add_argument(
        "--sizes", default="16,200", help="card counts of the extra boards to measure, comma-separated ('' for none)"
    )
    parser.add_argument("--headed", action="store_true", help="show the browser window")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when the stock server misses the goal")
    args = parser.parse_args(argv)
    if args.runs < 10:
        parser.error("--runs must be at least 10")
    names = list(CONFIGS) if args.config == "both" else [args.config]
    try:
        sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    except ValueError:
        parser.error(f"--sizes must be card counts separated by commas, not {args.sizes!r}")
    if any(n < 2 for n in sizes):
        parser.error("--sizes: a board needs at least 2 cards")
    started = time.monotonic()
    results = {name: measure(args.runs, args.headed, CONFIGS[name], sizes) for name in names}

    rows = [
        ("kernel_info round trip (no widget)", "kernel_info", None),
        ("drop -> card moved + announced", "drop", "dom"),
        ("drop -> next frame", "drop", "frame"),
        ("drop -> painted", "drop", "painted"),
        ("drop -> Python echo (round trip)", "drop", "python"),
        ("Check -> feedback shown (via Python)", "check", "feedback"),
        ("Check -> feedback painted", "check", "painted"),
    ]
    print(f"\nSorting board latency in JupyterLab, lesson 1, {args.runs} runs, ms: median (min-max)")
    print(f"{'':40}" + "".join(f"{name:>22}" for name in names))
    for label, group, key in rows:
        cells = []
        for name in names:
            st = results[name][group] if key is None else results[name][group][key]
            cells.append(f"{fmt(st['median'])} ({fmt(st['min']).strip()}-{fmt(st['max']).strip()})")
        print(f"{label:40}" + "".join(f"{c:>22}" for c in cells))
    if sizes:
        print(f"\nBoards of {', '.join(map(str, sizes))} cards (half placed), ms: median (min-max)")
        print(f"{'':40}" + "".join(f"{name + ' ' + str(n):>22}" for name in names for n in sizes))
        for label, group, key in rows[1:]:
            cells = []
            for name in names:
                for n in sizes:
                    st = results[name]["boards"][str(n)][group][key]
                    cells.append(f"{fmt(st['median'])} ({fmt(st['min']).strip()}-{fmt(st['max']).strip()})")
            print(f"{label:40}" + "".join(f"{c:>22}" for c in cells))
    verdicts = {}
    for name in names:
        goals = {
            "drop_painted": results[name]["drop"]["painted"]["median"],
            "check_feedback_painted": results[name]["check"]["painted"]["median"],
        }
        met = {goal: v is not None and v < GOAL_MS for goal, v in goals.items()}
        verdicts[name] = met
        results[name]["goal_met"] = met
        print(
            f"goal < {GOAL_MS:.0f} ms ({name}): "
            + "; ".join(f"{goal} {fmt(goals[goal]).strip()} ms {'met' if ok else 'MISSED'}" for goal, ok in met.items())
        )
    payload = {
        "runs": args.runs,
        "sizes": sizes,
        "goal_ms": GOAL_MS,
        "goal_met": verdicts,
        "packages": {
            p: metadata.version(p)
            for p in ("jupyterlab", "jupyter_server", "tornado", "ipykernel", "ipywidgets", "anywidget", "playwright")
        },
        "seconds": round(time.monotonic() - started, 1),
        "configs": results,
    }
    print("saved", save("browser_drop_latency", payload))
    strict_ok = all(verdicts.get("stock", verdicts[names[0]]).values())
    return 0 if strict_ok or not args.strict else 1


if __name__ == "__main__":
    # no sys.exit on success: benchmarks/run.py runs this file in its own process
    code = main()
    if code:
        sys.exit(code)
