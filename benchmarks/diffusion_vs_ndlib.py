"""The diffusion engine against NDlib's Independent Cascade, side by side.

Goals (issue 4): on 100,000 people, a full cascade on the compact form is at
least 150 times faster than NDlib's ``IndependentCascadesModel`` and takes
under 20 ms; ``compact()`` builds the compact form of 100,000 people in
under 0.5 s; time grows linearly in the number of ties.

On Barabási-Albert (m = 5) and Watts-Strogatz (k = 10, beta = 0.1) graphs,
both with an average degree of about 10, the same 10 seed people and the
same p on every tie for both engines (by default p = 0.2: well above the
epidemic threshold of both graphs, a cascade reaches about three quarters of
the people), measured in one run, interleaved (the machine is shared and
noisy), medians:

- ours on the compact form (``independent_cascade(net, seeds, p)``);
- ours from the networkx graph, conversion included;
- NDlib: ``model.iteration()`` until nobody is left infected (the cascade
  is over: a further iteration changes nothing), after ``model.reset(seeds)``
  (not timed). NDlib's setup (the model, one ``threshold`` per tie in its
  configuration, ``set_initial_status``) is timed separately;
- ``compact()`` on its own.

The mean share of people reached is printed for both engines: they run the
same model, so it should agree (up to the randomness of a few runs).

    pip install -r benchmarks/requirements.txt     # NDlib, for this benchmark only
    python benchmarks/diffusion_vs_ndlib.py [--sizes 1000 10000 100000] [--runs 15]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import warnings

import networkx as nx
import numpy as np
from _common import median_ms, save, table, timed

try:
    import ndlib.models.epidemics as ep
    import ndlib.models.ModelConfig as mc
except ImportError:
    print(
        "This benchmark compares with NDlib, which is not installed.\n"
        "Install it (benchmark only, not a dependency of smlessons) with:\n\n"
        "    pip install ndlib\n\n"
        "or: pip install -r benchmarks/requirements.txt",
        file=sys.stderr,
    )
    sys.exit(2)

from smlessons.engine.diffusion import compact, independent_cascade

GOAL_SPEEDUP = 150
GOAL_CASCADE_MS = 20.0
GOAL_COMPACT_S = 0.5
GOAL_SIZE = 100_000
SEEDS = 10
MAX_ITERATIONS = 100_000


def graph(family: str, n: int) -> nx.Graph:
    if family == "BA":
        return nx.barabasi_albert_graph(n, 5, seed=1)
    return nx.watts_strogatz_graph(n, 10, 0.1, seed=1)


def ndlib_setup(G, seeds, p):
    model = ep.IndependentCascadesModel(G, seed=1)
    config = mc.Configuration()
    config.add_model_initial_configuration("Infected", list(seeds))
    for e in G.edges():
        config.add_edge_configuration("threshold", e, p)
    model.set_initial_status(config)
    return model


def ndlib_cascade(model, seeds) -> int:
    """One full cascade: (seconds, people reached). The reset is not timed."""
    model.reset(list(seeds))
    t0 = time.perf_counter()
    for _ in range(MAX_ITERATIONS):
        counts = model.iteration(node_status=False)["node_count"]
        if counts[1] == 0:  # nobody can pass the message on any more
            break
    elapsed = time.perf_counter() - t0
    return elapsed, counts[2]


def measure(family: str, n: int, p: float, runs: int, ndlib_runs: int) -> dict:
    G = graph(family, n)
    m = G.number_of_edges()
    seeds = [int(s) for s in np.random.default_rng(0).choice(n, SEEDS, replace=False)]
    net = compact(G)
    degree = net.out_degree()

    setups, model = [], None
    for _ in range(3):
        model = None  # let the previous one go first: at 100k a model holds a few hundred MB
        t0 = time.perf_counter()
        model = ndlib_setup(G, seeds, p)
        setups.append(time.perf_counter() - t0)

    samples = {"ours, compact form": [], "ours, from networkx (with conversion)": [], "NDlib": [], "compact()": []}
    reached = {"ours": [], "NDlib": []}
    tries = []
    for r in range(runs):  # interleaved: the machine is shared and noisy
        t0 = time.perf_counter()
        c = independent_cascade(net, seeds, p, rng=r)
        samples["ours, compact form"].append(time.perf_counter() - t0)
        reached["ours"].append(c.size)
        tries.append(int(degree[c.step >= 0].sum()))
        samples["ours, from networkx (with conversion)"].append(timed(lambda: independent_cascade(G, seeds, p, rng=r)))
        samples["compact()"].append(timed(lambda: compact(G)))
        if r < ndlib_runs:
            elapsed, size = ndlib_cascade(model, seeds)
            samples["NDlib"].append(elapsed)
            reached["NDlib"].append(size)

    med = {k: statistics.median(v) for k, v in samples.items()}
    ours = med["ours, compact form"]
    return {
        "family": family,
        "people": n,
        "ties": m,
        "p": p,
        "seeds": seeds,
        "runs": runs,
        "ndlib_runs": ndlib_runs,
        "median_ms": {k: median_ms(v) for k, v in samples.items()},
        "ndlib_setup_ms": median_ms(setups),
        "ours_ms_exact": ours * 1000,
        "speedup_compact": med["NDlib"] / ours,
        "speedup_networkx": med["NDlib"] / med["ours, from networkx (with conversion)"],
        "ns_per_tie": ours / m * 1e9,
        "ns_per_try": ours / statistics.median(tries) * 1e9,
        "tries_median": statistics.median(tries),
        "reached_share": {k: float(np.mean(v)) / n for k, v in reached.items()},
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=15, help="cascades per engine and graph (ours)")
    parser.add_argument(
        "--ndlib-runs-large",
        type=int,
        default=5,
        help="NDlib cascades on graphs of 100,000 people or more (at least 3; each takes seconds)",
    )
    parser.add_argument("--p", type=float, default=0.2, help="probability on every tie, for both engines")
    args = parser.parse_args(argv)
    if args.ndlib_runs_large < 3:
        parser.error("--ndlib-runs-large must be at least 3")

    warnings.simplefilter("ignore")  # NDlib's dependencies warn about deprecated APIs
    results = []
    for family in ("BA", "WS"):
        for n in sorted(args.sizes):
            ndlib_runs = args.runs if n < GOAL_SIZE else min(args.runs, args.ndlib_runs_large)
            print(f"  {family} {n:,} people ...", flush=True)
            results.append(measure(family, n, args.p, args.runs, ndlib_runs))

    fewer = sorted({r["people"] for r in results if r["ndlib_runs"] < r["runs"]})
    print(
        f"\nIndependent Cascade, p = {args.p} on every tie, {SEEDS} seed people; medians of {args.runs} "
        f"interleaved runs per engine"
        + (f" (NDlib: {args.ndlib_runs_large} runs on {', '.join(f'{n:,}' for n in fewer)} people)" if fewer else "")
        + "\n"
    )
    rows = [
        [
            r["family"],
            f"{r['people']:,}",
            f"{r['ties']:,}",
            r["median_ms"]["ours, compact form"],
            r["median_ms"]["ours, from networkx (with conversion)"],
            r["median_ms"]["NDlib"],
            f"{r['speedup_compact']:.0f}x",
            f"{r['speedup_networkx']:.1f}x",
            r["ndlib_setup_ms"],
            r["median_ms"]["compact()"],
            f"{r['reached_share']['ours']:.0%} / {r['reached_share']['NDlib']:.0%}",
        ]
        for r in results
    ]
    print(
        table(
            rows,
            [
                "graph",
                "people",
                "ties",
                "ours ms",
                "ours+convert ms",
                "NDlib ms",
                "speedup",
                "speedup+convert",
                "NDlib setup ms",
                "compact() ms",
                "reached ours/NDlib",
            ],
        )
    )

    growth = {}
    growth_rows = []
    for family in ("BA", "WS"):
        rs = [r for r in results if r["family"] == family]
        for r in rs:
            growth_rows.append(
                [
                    family,
                    f"{r['people']:,}",
                    f"{r['ns_per_tie']:.1f}",
                    f"{r['tries_median']:,.0f}",
                    f"{r['ns_per_try']:.1f}",
                ]
            )
        if len(rs) >= 2:
            a, b = rs[0], rs[-1]
            exponent = math.log(b["ours_ms_exact"] / a["ours_ms_exact"]) / math.log(b["ties"] / a["ties"])
            growth[family] = {"from": a["people"], "to": b["people"], "exponent": round(exponent, 2)}
    print()
    print(table(growth_rows, ["graph", "people", "ns per tie", "ties tried", "ns per tie tried"]))
    for family, g in growth.items():
        print(
            f"{family}: time grows as ties^{g['exponent']} from {g['from']:,} to {g['to']:,} people "
            "(1 = linear; below 1: fixed per-step costs weigh more on small graphs)"
        )

    goals = {}
    for r in results:
        if r["people"] >= GOAL_SIZE:
            tag = f"{r['family']} {r['people']:,}"
            goals[f"{tag}: at least {GOAL_SPEEDUP}x faster than NDlib"] = r["speedup_compact"] >= GOAL_SPEEDUP
            goals[f"{tag}: under {GOAL_CASCADE_MS:g} ms per cascade (compact form)"] = (
                r["median_ms"]["ours, compact form"] < GOAL_CASCADE_MS
            )
            goals[f"{tag}: compact() under {GOAL_COMPACT_S:g} s"] = r["median_ms"]["compact()"] < GOAL_COMPACT_S * 1000
    for family, g in growth.items():
        goals[f"{family}: time at most linear in ties (exponent <= 1.1)"] = g["exponent"] <= 1.1
    result = {
        "p": args.p,
        "seeds": SEEDS,
        "runs": args.runs,
        "ndlib_runs_large": args.ndlib_runs_large,
        "results": results,
        "growth": growth,
        "goals": goals,
        "goal_met": all(goals.values()) if goals else None,
    }
    path = save("diffusion_vs_ndlib", result)
    print("\n" + "\n".join(f"{'met' if ok else 'NOT met'}: {goal}" for goal, ok in goals.items()))
    print(f"saved {path.name}")
    return result


if __name__ == "__main__":
    main()
