"""Drawing a large network: edge coordinates for 100k ties, and the figure's size.

Goals (issue 3): building the edge coordinates of 100,000 ties takes under
10 ms; the figure's JSON stays under 2 MB (past ``MAX_EDGES`` ties,
``draw_network`` draws a seeded sample and says so).

Measured side by side, alternating, in the same run (medians):

- ``edge_coordinates(G, pos)``: the package's vectorised build, from the
  graph and a dict of positions (what ``draw_network`` does), for people
  named by strings and by numbers;
- the same from a prepared edge array and position array (the numpy part
  alone);
- the naive reference: one Python loop over ``G.edges()``, appending
  ``x0, x1, None`` per tie (the usual recipe for plotly network drawings).

    python benchmarks/network_draw.py [--rounds 15] [--edges 100000]
"""

from __future__ import annotations

import argparse
import time

import networkx as nx
import numpy as np
from _common import median_ms, save, table, timed

from smlessons.engine.arrays import edge_index
from smlessons.figures import network as network_figures
from smlessons.figures.network import draw_network
from smlessons.figures.placement import edge_coordinates, layout

GOAL_MS = 10.0
GOAL_BYTES = 2_000_000


def naive_edge_coordinates(G, pos):
    """The per-tie loop the package avoids."""
    xs, ys = [], []
    for u, v in G.edges():
        x0, y0 = pos[u]
        x1, y1 = pos[v]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    return xs, ys


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=5_000)
    args = parser.parse_args(argv)

    numbered = nx.gnm_random_graph(args.people, args.edges, seed=1)
    named = nx.relabel_nodes(numbered, {i: f"person {i}" for i in numbered})
    pos_numbered = layout(numbered, seed=0)
    pos_named = {f"person {i}": xy for i, xy in pos_numbered.items()}
    edges = edge_index(numbered)
    xy = np.array([pos_numbered[n] for n in numbered])

    # Same ties, same coordinates (NaN where the reference has None).
    x_fast, y_fast = edge_coordinates(named, pos_named, dtype=np.float64)
    x_ref, y_ref = naive_edge_coordinates(named, pos_named)
    ref = np.array([np.nan if v is None else v for v in x_ref])
    assert len(x_fast) == len(ref) == 3 * args.edges
    assert np.array_equal(np.sort(x_fast[~np.isnan(x_fast)]), np.sort(ref[~np.isnan(ref)]))

    cases = {
        "edge_coordinates, names": lambda: edge_coordinates(named, pos_named),
        "edge_coordinates, numbers": lambda: edge_coordinates(numbered, pos_numbered),
        "numpy part only (edge array)": lambda: edge_coordinates(edges, xy),
        "naive per-tie loop (reference)": lambda: naive_edge_coordinates(named, pos_named),
    }
    samples = {name: [] for name in cases}
    for _ in range(args.rounds):
        for name, fn in cases.items():  # interleaved: the machine is shared and noisy
            samples[name].append(timed(fn))
    medians = {name: median_ms(s) for name, s in samples.items()}
    reference = medians["naive per-tie loop (reference)"]

    t0 = time.perf_counter()
    fig = draw_network(numbered, color_by="degree")
    draw_ms = round((time.perf_counter() - t0) * 1000, 1)
    t0 = time.perf_counter()
    size = len(fig.to_json().encode())
    json_ms = round((time.perf_counter() - t0) * 1000, 1)
    unsampled = len(draw_network(numbered, color_by="degree", max_edges=args.edges).to_json().encode())

    rows = [
        [name, m, f"{reference / m:.1f}x" if m else "-", "yes" if name.startswith("edge_") and m < GOAL_MS else ""]
        for name, m in medians.items()
    ]
    print(f"{args.edges:,} ties among {args.people:,} people, medians of {args.rounds} interleaved rounds\n")
    print(table(rows, ["build edge coordinates", "median ms", "faster than loop", f"< {GOAL_MS:g} ms"]))
    print()
    print(
        table(
            [
                [
                    f"draw_network (samples {network_figures.MAX_EDGES:,} ties)",
                    f"{size / 1e6:.2f} MB",
                    draw_ms,
                    json_ms,
                ],
                ["draw_network, every tie (max_edges=all)", f"{unsampled / 1e6:.2f} MB", "", ""],
            ],
            ["figure", "JSON size", "draw ms", "to_json ms"],
        )
    )
    goals = {
        f"edge_coordinates, names < {GOAL_MS:g} ms": medians["edge_coordinates, names"] < GOAL_MS,
        f"edge_coordinates, numbers < {GOAL_MS:g} ms": medians["edge_coordinates, numbers"] < GOAL_MS,
        "figure JSON < 2 MB": size < GOAL_BYTES,
    }
    goal_met = all(goals.values())
    result = {
        "edges": args.edges,
        "people": args.people,
        "rounds": args.rounds,
        "median_ms": medians,
        "speedup_over_loop": {n: round(reference / m, 1) for n, m in medians.items() if m},
        "figure": {
            "max_edges": network_figures.MAX_EDGES,
            "json_bytes": size,
            "json_bytes_unsampled": unsampled,
            "title": fig.layout.title.text,
            "draw_ms": draw_ms,
            "to_json_ms": json_ms,
        },
        "goal_ms": GOAL_MS,
        "goal_bytes": GOAL_BYTES,
        "goals": goals,
        "goal_met": goal_met,
    }
    path = save("network_draw", result)
    print("\n" + "\n".join(f"{'met' if ok else 'NOT met'}: {goal}" for goal, ok in goals.items()))
    print(f"saved {path.name}")
    return result


if __name__ == "__main__":
    main()
