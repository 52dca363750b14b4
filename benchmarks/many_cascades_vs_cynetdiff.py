"""Many cascades at once, and greedy seeds (CELF), against cynetdiff, side by side.

cynetdiff is a Cython library for the Independent Cascade and Linear
Threshold models (one cascade at a time, in compiled loops). NDlib is the
pure-Python reference of ``diffusion_vs_ndlib.py``. Each row runs both sides
interleaved (the machine is shared and noisy) and reports medians:

(a) 1,000 runs from the same seeds on the karate club (2 seeds) and on the
    Copenhagen Networks Study's Facebook layer (10 seeds), total time:
    ``run_many(net, seeds, p, 1000)`` against cynetdiff's ``reset_model()``
    and ``advance_until_completion()`` 1,000 times. Goal: smlessons at most
    cynetdiff's time. Also reported, without a goal: the same on a
    Barabási-Albert network of 1,000 people (m = 5, 10 seeds), the size at
    which one cynetdiff cascade is 3 to 10 times faster than one of ours;
    and 1,000 runs on the karate club from 2 seeds drawn at random for every
    run (``run_many(net, "random", p, 1000, k=2)``; cynetdiff's side draws
    them with numpy and calls ``set_seeds`` before each run); and 1,000 runs
    of the Linear Threshold model (thresholds drawn at every run, each
    contact weighing 1 / in-degree, as on both sides by default) on the
    karate club and the Facebook layer.
(b) One cascade from 10 seeds on a Barabási-Albert network of 100,000
    people (m = 5): ``independent_cascade(net, seeds, p)`` against one
    cynetdiff cascade, and NDlib's ``IndependentCascadesModel`` (a few runs:
    it takes about a second). Goal: at least 3 times ahead of cynetdiff.
    Also reported: the same on a Watts-Strogatz network of 100,000 people
    (10 neighbours, rewiring 0.1).
(c) Greedy seeds with lazy evaluation (CELF), k = 5, 1,000 runs per
    estimate, on the Copenhagen Facebook layer: ``greedy_seeds`` (1,000
    live-edge samples shared by every candidate) against the same CELF
    written on cynetdiff's model, each estimate being cynetdiff's
    ``compute_marginal_gains(seeds, [candidate], 1000)``. Goal: faster than
    cynetdiff's, and under 2 s.
(d) Growth: one cascade from 10 seeds on Barabási-Albert networks of 1,000
    to 1,000,000 people, both sides (p = 0.2; and 1,000 people at p = 0.05,
    where a cascade is a few steps of a few people).

The mean reach of both sides is printed: they run the same model, so it
should agree (up to the randomness of the runs).

    pip install -r benchmarks/requirements.txt
    python benchmarks/many_cascades_vs_cynetdiff.py [--repeats 15] [--quick]
"""

from __future__ import annotations

import argparse
import heapq
import statistics
import sys
import time
import warnings

import networkx as nx
import numpy as np
from _common import save, table, timed

try:
    from cynetdiff.utils import networkx_to_ic_model, networkx_to_lt_model
except ImportError:
    print(
        "This benchmark compares with cynetdiff, which is not installed.\n"
        "Install it (benchmark only, not a dependency of smlessons) with:\n\n"
        "    pip install -r benchmarks/requirements.txt",
        file=sys.stderr,
    )
    sys.exit(2)

from smlessons.datasets import copenhagen
from smlessons.engine import compact, greedy_seeds, independent_cascade, run_many

GOAL_MANY_RATIO = 1.0  # (a): smlessons' time / cynetdiff's, at most
GOAL_ONE_SPEEDUP = 3.0  # (b): cynetdiff's time / smlessons', at least
GOAL_CELF_S = 2.0  # (c): smlessons' CELF, at most


def ms(xs) -> float:
    return round(statistics.median(xs) * 1000, 2)


def cyn_model(G, p, seed=1):
    model, mapping = networkx_to_ic_model(G, activation_prob=p, rng=seed)
    return model, mapping


def cyn_runs(model, seeds, runs):
    model.set_seeds(seeds)
    total = 0
    for _ in range(runs):
        model.reset_model()
        model.advance_until_completion()
        total += model.get_num_activated_nodes()
    return total / runs


def cyn_celf(model, n, k, trials):
    """CELF on cynetdiff's model (its own marginal-gain estimator, fresh runs for every estimate)."""
    heap = [(-model.compute_marginal_gains([], [v], trials)[1], v, 0) for v in range(n)]
    heapq.heapify(heap)
    chosen = []
    for i in range(k):
        while heap[0][2] != i:
            v = heap[0][1]
            heapq.heapreplace(heap, (-model.compute_marginal_gains(chosen, [v], trials)[1], v, i))
        chosen.append(heapq.heappop(heap)[1])
    return chosen


def interleaved(fns, repeats):
    times = [[] for _ in fns]
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            times[i].append(timed(fn))
    return times


def cyn_random_runs(model, n, k, runs, gen):
    """cynetdiff from `k` seeds drawn at random for every run."""
    total = 0
    for _ in range(runs):
        model.set_seeds(gen.choice(n, size=k, replace=False).tolist())
        model.reset_model()
        model.advance_until_completion()
        total += model.get_num_activated_nodes()
    return total / runs


def many_threshold_runs(name, G, k, runs, repeats, rng):
    """1,000 runs of the Linear Threshold model from the same seeds (reported, no goal)."""
    nodes = list(G)
    seeds = [nodes[i] for i in rng.choice(len(nodes), size=k, replace=False)]
    net = compact(G)
    model, mapping = networkx_to_lt_model(G.to_directed(), rng=1)  # cynetdiff reads successors
    cs = [mapping[s] for s in seeds]
    gen = np.random.default_rng(1)
    ours_fn = lambda: run_many(net, seeds, None, runs, model="linear_threshold", rng=gen)  # noqa: E731
    theirs_fn = lambda: cyn_runs(model, cs, runs)  # noqa: E731
    ours, theirs = interleaved([ours_fn, theirs_fn], repeats)
    return {
        "row": f"(a) {runs:,} threshold-model runs, {name}, {k} seeds",
        "smlessons_ms": ms(ours),
        "cynetdiff_ms": ms(theirs),
        "ratio": round(statistics.median(ours) / statistics.median(theirs), 2),
        "goal": "none (reported)",
        "met": None,
        "mean_reach": [round(float(ours_fn().mean()), 1), round(theirs_fn(), 1)],
    }


def many_runs(name, G, k, p, runs, repeats, rng, *, goal=True, random_seeds=False):
    nodes = list(G)
    seeds = [nodes[i] for i in rng.choice(len(nodes), size=k, replace=False)]
    net = compact(G)
    model, mapping = cyn_model(G, p)
    cs = [mapping[s] for s in seeds]
    gen, cyn_gen = np.random.default_rng(1), np.random.default_rng(1)
    if random_seeds:  # cynetdiff numbers people 0 .. n-1 in the order of G
        assert [mapping[u] for u in nodes] == list(range(len(nodes)))
        ours_fn = lambda: run_many(net, "random", p, runs, k=k, rng=gen)  # noqa: E731
        theirs_fn = lambda: cyn_random_runs(model, len(nodes), k, runs, cyn_gen)  # noqa: E731
    else:
        ours_fn = lambda: run_many(net, seeds, p, runs, rng=gen)  # noqa: E731
        theirs_fn = lambda: cyn_runs(model, cs, runs)  # noqa: E731
    ours, theirs = interleaved([ours_fn, theirs_fn], repeats)
    reach = (float(ours_fn().mean()), theirs_fn())
    met = statistics.median(ours) <= GOAL_MANY_RATIO * statistics.median(theirs)
    return {
        "row": f"(a) {runs:,} runs, {name}, {k} {'random seeds drawn per run' if random_seeds else 'seeds'}, p = {p}",
        "smlessons_ms": ms(ours),
        "cynetdiff_ms": ms(theirs),
        "ratio": round(statistics.median(ours) / statistics.median(theirs), 2),
        "goal": f"smlessons / cynetdiff <= {GOAL_MANY_RATIO}" if goal else "none (reported)",
        "met": met if goal else None,
        "mean_reach": [round(r, 1) for r in reach],
    }


def one_cascade(n, p, repeats, rng, ndlib_runs=0, kind="BA"):
    G = nx.barabasi_albert_graph(n, 5, seed=1) if kind == "BA" else nx.watts_strogatz_graph(n, 10, 0.1, seed=1)
    seeds = [int(s) for s in rng.choice(n, size=10, replace=False)]
    t0 = time.perf_counter()
    net = compact(G)
    compact_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    model, mapping = cyn_model(G, p)
    model_s = time.perf_counter() - t0
    cs = [mapping[s] for s in seeds]
    model.set_seeds(cs)
    gen = np.random.default_rng(1)
    ours, theirs = interleaved(
        [lambda: independent_cascade(net, seeds, p, rng=gen), lambda: cyn_runs(model, cs, 1)], repeats
    )
    row = {
        "network": kind,
        "n": n,
        "smlessons_ms": ms(ours),
        "cynetdiff_ms": ms(theirs),
        "speedup": round(statistics.median(theirs) / statistics.median(ours), 2),
        "smlessons_compact_s": round(compact_s, 3),
        "cynetdiff_model_s": round(model_s, 3),
        "mean_reach": [
            round(statistics.mean(independent_cascade(net, seeds, p, rng=i).size for i in range(5)), 1),
            round(cyn_runs(model, cs, 5), 1),
        ],
    }
    if ndlib_runs:
        row["ndlib_ms"] = ndlib_cascade(G, seeds, p, ndlib_runs)
        row["ndlib_vs_smlessons"] = round(row["ndlib_ms"] / row["smlessons_ms"], 1)
    del G
    return row


def ndlib_cascade(G, seeds, p, runs):
    try:
        import ndlib.models.epidemics as ep
        import ndlib.models.ModelConfig as mc
    except ImportError:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ep.IndependentCascadesModel(G, seed=1)
        config = mc.Configuration()
        config.add_model_initial_configuration("Infected", seeds)
        for e in G.edges():
            config.add_edge_configuration("threshold", e, p)
        model.set_initial_status(config)
        times = []
        for _ in range(runs):
            model.reset(seeds)
            t0 = time.perf_counter()
            while True:
                it = model.iteration(node_status=False)
                if it["status_delta"][1] == 0 and it["iteration"] > 0:
                    break
            times.append(time.perf_counter() - t0)
    return ms(times)


def celf(p, k, trials, repeats, cyn_repeats):
    G = copenhagen("facebook")
    net = compact(G)
    ours = []
    for r in range(repeats):
        t0 = time.perf_counter()
        choice = greedy_seeds(net, k, p, samples=trials, rng=r)
        ours.append(time.perf_counter() - t0)
    model, mapping = cyn_model(G, p)
    back = {v: u for u, v in mapping.items()}
    theirs = []
    for _ in range(cyn_repeats):
        t0 = time.perf_counter()
        picked = cyn_celf(model, len(G), k, trials)
        theirs.append(time.perf_counter() - t0)
    their_seeds = [back[v] for v in picked]
    check = (
        run_many(net, their_seeds, p, 20_000, rng=3).mean(),
        run_many(net, list(choice.seeds), p, 20_000, rng=3).mean(),
    )
    return {
        "row": f"(c) CELF, k = {k}, {trials:,} runs per estimate, Copenhagen Facebook layer, p = {p}",
        "smlessons_s": round(statistics.median(ours), 3),
        "cynetdiff_s": round(statistics.median(theirs), 3),
        "speedup": round(statistics.median(theirs) / statistics.median(ours), 1),
        "goal": f"faster than cynetdiff and under {GOAL_CELF_S} s",
        "met": statistics.median(ours) < min(GOAL_CELF_S, statistics.median(theirs)),
        "smlessons_seeds": list(choice.seeds),
        "cynetdiff_seeds": their_seeds,
        "reach_of_their_seeds_and_ours": [round(float(x), 1) for x in check],
        "evaluations": choice.evaluations,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--quick", action="store_true", help="smaller sizes and fewer repeats (a smoke run)")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    repeats = 3 if args.quick else args.repeats
    karate, fb = nx.karate_club_graph(), copenhagen("facebook")

    rows_a = [many_runs("karate club", karate, 2, p, 1000, repeats, rng) for p in (0.2, 0.05)] + [
        many_runs("Copenhagen Facebook", fb, 10, p, 1000, max(3, repeats // 3), rng) for p in (0.2, 0.05)
    ]
    ba1k = nx.barabasi_albert_graph(1000, 5, seed=1)
    rows_a += [
        many_runs("BA 1,000 (m = 5)", ba1k, 10, p, 1000, max(3, repeats // 3), rng, goal=False) for p in (0.2, 0.05)
    ]
    rows_a += [
        many_runs("karate club", karate, 2, p, 1000, repeats, rng, goal=False, random_seeds=True) for p in (0.2, 0.05)
    ]
    rows_a += [
        many_threshold_runs("karate club", karate, 2, 1000, repeats, rng),
        many_threshold_runs("Copenhagen Facebook", fb, 10, 1000, max(3, repeats // 3), rng),
    ]
    print(
        table(
            [[r["row"], r["smlessons_ms"], r["cynetdiff_ms"], r["ratio"], r["met"], r["mean_reach"]] for r in rows_a],
            ["(a) many runs", "smlessons ms", "cynetdiff ms", "ratio", "goal met", "mean reach (ours, theirs)"],
        )
    )

    big = 20_000 if args.quick else 100_000
    row_b = one_cascade(big, 0.2, repeats, rng, ndlib_runs=0 if args.quick else 3)
    row_ws = one_cascade(big, 0.2, repeats, rng, kind="WS")
    print()
    print(
        table(
            [
                [
                    f"(b) one cascade, {kind} {big:,}, p = 0.2",
                    row["smlessons_ms"],
                    row["cynetdiff_ms"],
                    row["speedup"],
                    row["speedup"] >= GOAL_ONE_SPEEDUP if kind == "BA" else "(no goal)",
                    row.get("ndlib_ms"),
                    row["smlessons_compact_s"],
                    row["cynetdiff_model_s"],
                ]
                for kind, row in (("BA", row_b), ("WS", row_ws))
            ],
            [
                "(b)",
                "smlessons ms",
                "cynetdiff ms",
                "speedup",
                "goal met",
                "NDlib ms",
                "compact s",
                "cynetdiff model s",
            ],
        )
    )

    row_c = celf(0.05, 5, 1000, 3 if args.quick else 5, 1)
    print()
    print(
        table(
            [[row_c["row"], row_c["smlessons_s"], row_c["cynetdiff_s"], row_c["speedup"], row_c["met"]]],
            ["(c) influence maximization", "smlessons s", "cynetdiff s", "speedup", "goal met"],
        )
    )
    print(
        f"    seeds: smlessons {row_c['smlessons_seeds']}, cynetdiff {row_c['cynetdiff_seeds']}; "
        f"reach of theirs and ours (20,000 runs each): {row_c['reach_of_their_seeds_and_ours']}"
    )

    sizes = [1_000, 10_000, 100_000] if args.quick else [1_000, 10_000, 100_000, 1_000_000]
    rows_d = [one_cascade(n, 0.2, max(3, repeats // (1 + n // 100_000)), rng) for n in sizes]
    rows_d.append({**one_cascade(1_000, 0.05, repeats, rng), "p": 0.05})  # the smallest case
    print()
    print(
        table(
            [
                [
                    f"{r['n']:,}" + (f" (p = {r['p']})" if "p" in r else ""),
                    r["smlessons_ms"],
                    r["cynetdiff_ms"],
                    r["speedup"],
                    r["smlessons_compact_s"],
                    r["cynetdiff_model_s"],
                ]
                for r in rows_d
            ],
            ["(d) BA people", "smlessons ms", "cynetdiff ms", "speedup", "compact s", "cynetdiff model s"],
        )
    )

    path = save(
        "many_cascades_vs_cynetdiff",
        {"many_runs": rows_a, "one_cascade": row_b, "one_cascade_ws": row_ws, "celf": row_c, "growth": rows_d},
    )
    print(f"\nsaved {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
