"""smlessons.engine.influence: greedy seeds with lazy evaluation, on live-edge samples.

The checks:

- lazy evaluation (CELF) picks the same seeds, with the same gains, as
  plain greedy on the same samples, with fewer evaluations;
- both agree with a plain-Python greedy that reads the same samples as
  lists of ties and searches them with sets (so the vectorized component
  labelling and searches are checked against something obvious);
- the estimated reach agrees with the mean reach of independent cascades
  from the chosen seeds (the live-edge samples are the same model);
- exact expectations on tiny networks, and clear errors on bad input.
"""

from __future__ import annotations

import math
from collections import deque

import networkx as nx
import numpy as np
import pytest

from smlessons.engine import compact, run_many
from smlessons.engine.influence import LiveEdges, SeedChoice, greedy_seeds, live_edges
from smlessons.engine.measures import PersonNotFoundError

SMALL = {
    "karate club": lambda: nx.karate_club_graph(),
    "Barabási-Albert 80, m=2": lambda: nx.barabasi_albert_graph(80, 2, seed=1),
    "Watts-Strogatz 80, k=4": lambda: nx.watts_strogatz_graph(80, 4, 0.2, seed=2),
    "two cliques and a path": lambda: nx.barbell_graph(6, 3),
    "directed G(n, p) 60": lambda: nx.gnp_random_graph(60, 3 / 59, seed=5, directed=True),
}


def sample_ties(edges: LiveEdges) -> list[list[tuple[int, int]]]:
    """Each sample's live ties, as (from, to) positions (both ways if undirected)."""
    net, n = edges.net, edges.net.n
    out = [[] for _ in range(edges.samples)]
    if net.directed:
        src = np.repeat(np.arange(n), net.out_degree())
        live = edges.live.reshape(edges.samples, net.entries)
        for s in range(edges.samples):
            for i in np.flatnonzero(live[s]):
                out[s].append((int(src[i]), int(net.indices[i])))
    else:
        for a, b in zip(edges.a.tolist(), edges.b.tolist()):
            s = a // n
            out[s] += [(a % n, b % n), (b % n, a % n)]
    return out


def reference_greedy(edges: LiveEdges, k: int):
    """Plain greedy in plain Python: breadth-first search in every sample, for every candidate."""
    n = edges.net.n
    adjacency = []
    for ties in sample_ties(edges):
        adj = [[] for _ in range(n)]
        for u, v in ties:
            adj[u].append(v)
        adjacency.append(adj)
    covered = [set() for _ in adjacency]

    def reach(adj, v, done):
        if v in done:
            return set()
        seen, queue = {v}, deque([v])
        while queue:
            u = queue.popleft()
            for w in adj[u]:
                if w not in seen and w not in done:
                    seen.add(w)
                    queue.append(w)
        return seen

    picked, gains = [], []
    for _ in range(k):
        best, best_gain = None, -1
        for v in range(n):
            if v in picked:
                continue
            g = sum(len(reach(adj, v, done)) for adj, done in zip(adjacency, covered))
            if g > best_gain:  # the first in the network among equals
                best, best_gain = v, g
        picked.append(best)
        gains.append(best_gain)
        for adj, done in zip(adjacency, covered):
            done |= reach(adj, best, done)
    return picked, gains


@pytest.mark.parametrize("case", list(SMALL))
def test_lazy_greedy_picks_what_plain_greedy_picks_on_the_same_samples(case):
    G = SMALL[case]()
    edges = live_edges(G, 0.15, samples=300, rng=4)
    lazy = greedy_seeds(G, 5, None, edges=edges)
    plain = greedy_seeds(G, 5, None, edges=edges, lazy=False)
    assert lazy.seeds == plain.seeds and lazy.gains == plain.gains
    assert lazy.evaluations < plain.evaluations
    gains = list(lazy.gains)
    assert gains == sorted(gains, reverse=True)  # submodular: each seed adds less


@pytest.mark.parametrize("case", ["karate club", "two cliques and a path", "directed G(n, p) 60"])
def test_greedy_agrees_with_a_plain_python_greedy_on_the_same_samples(case):
    G = SMALL[case]()
    edges = live_edges(G, 0.2, samples=60, rng=7)
    choice = greedy_seeds(G, 3, None, edges=edges)
    picked, gains = reference_greedy(edges, 3)
    net = compact(G)
    assert [net.index[s] for s in choice.seeds] == picked
    assert choice.gains == tuple(g / 60 for g in gains)


def test_the_estimated_reach_is_the_mean_reach_of_cascades_from_the_seeds():
    G = nx.barabasi_albert_graph(300, 2, seed=3)
    choice = greedy_seeds(G, 4, 0.2, samples=4_000, rng=1)
    sizes = run_many(G, list(choice.seeds), 0.2, 20_000, rng=2)
    se = math.hypot(sizes.std() / math.sqrt(20_000), sizes.std() / math.sqrt(4_000))
    assert abs(choice.reach - sizes.mean()) < 4 * se, (choice.reach, sizes.mean(), se)
    # A worse set of seeds reaches fewer: the four people who come last in the network.
    assert run_many(G, list(G)[-4:], 0.2, 5_000, rng=3).mean() < sizes.mean()


def test_a_path_of_three_exact_expectations():
    # a - b - c with p = 0.5: seeding b reaches 1 + 0.5 + 0.5 = 2 on average, an end 1 + 0.5 + 0.25.
    G = nx.path_graph(["a", "b", "c"])
    choice = greedy_seeds(G, 1, 0.5, samples=40_000, rng=0)
    assert choice.seeds == ("b",)
    assert abs(choice.reach - 2.0) < 4 * math.sqrt(0.5 / 40_000)
    both = greedy_seeds(G, 2, 0.5, samples=40_000, rng=0)
    # Then an end: it adds only itself, when its tie to b is dead (b reaches it otherwise).
    assert both.seeds in {("b", "a"), ("b", "c")}  # a and c differ only by sampling noise
    assert abs(both.gains[1] - 0.5) < 4 * math.sqrt(0.25 / 40_000)


def test_the_hub_of_an_out_star_is_picked_and_its_leaves_add_only_themselves():
    D = nx.DiGraph([(0, i) for i in range(1, 6)])
    choice = greedy_seeds(D, 2, 1.0, samples=5)
    assert choice.seeds == (0, 1) and choice.gains == (6.0, 0.0)
    # Arrows into the hub: the hub reaches nobody; a leaf reaches itself and the hub.
    assert greedy_seeds(D.reverse(), 1, 1.0, samples=5).seeds == (1,)


def test_per_tie_probabilities_and_candidates():
    G = nx.path_graph(4)
    net = compact(G)
    p = np.zeros(net.entries)
    choice = greedy_seeds(net, 1, p, samples=10)
    assert choice.seeds == (0,) and choice.reach == 1.0  # nobody passes anything on: the first person
    assert greedy_seeds(G, 1, 1.0, samples=3, candidates=[3, 2]).seeds == (2,)
    assert greedy_seeds(nx.Graph([("Ann", "Bo")]), 1, 1.0, samples=3, candidates=["bo"]).seeds == ("Bo",)


def test_the_same_rng_gives_the_same_choice_and_a_repr_for_people():
    K = nx.karate_club_graph()
    a, b = greedy_seeds(K, 3, 0.1, samples=200, rng=5), greedy_seeds(K, 3, 0.1, samples=200, rng=5)
    assert (a.seeds, a.gains) == (b.seeds, b.gains)
    assert isinstance(a, SeedChoice) and repr(a).startswith("SeedChoice(seeds=[") and "samples=200" in repr(a)
    assert repr(live_edges(nx.path_graph(3), 1.0, samples=4)) == "LiveEdges(samples=4, people=3, live_ties=8)"


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"k": 0}, ValueError, "k must be a whole number of seeds from 1 to 34"),
        ({"k": 35}, ValueError, "from 1 to 34"),
        ({"k": 2.0}, ValueError, "k must be a whole number"),
        ({"k": 3, "candidates": [0, 1]}, ValueError, "from 1 to 2 \\(the candidates\\)"),
        ({"p": 1.5}, ValueError, "p must be a probability in \\[0, 1\\], got 1.5"),
        ({"p": None}, ValueError, "p must be a probability"),
        ({"p": np.ones(3)}, ValueError, "one probability per entry of the compact form \\(156\\)"),
        ({"samples": 0}, ValueError, "samples must be a whole number >= 1, got 0"),
        ({"candidates": []}, ValueError, "candidates is empty"),
        ({"candidates": "0"}, ValueError, "candidates must be a list of people"),
        ({"candidates": [99]}, PersonNotFoundError, "candidate 99 is not in this network"),
        ({"edges": "samples"}, TypeError, "edges must be LiveEdges"),
        ({"edges": live_edges(nx.path_graph(3), 0.5, 5)}, ValueError, "edges were drawn on another network"),
    ],
)
def test_bad_input_gets_a_clear_error(kwargs, error, message):
    args = {"k": 2, "p": 0.1, "samples": 20} | kwargs
    with pytest.raises(error, match=message):
        greedy_seeds(nx.karate_club_graph(), **args)


def test_an_undirected_tie_has_one_probability():
    G = nx.path_graph(3)
    p = np.array([0.1, 0.1, 0.9, 0.1])  # entries 0->1, 1->0, 1->2, 2->1
    with pytest.raises(ValueError, match="p differs between the two directions of the undirected tie 1-2"):
        live_edges(G, p)


def test_too_many_coins_is_refused(monkeypatch):
    from smlessons.engine import influence

    monkeypatch.setattr(influence, "MAX_COINS", 100)
    with pytest.raises(ValueError, match="too many coins"):
        live_edges(nx.karate_club_graph(), 0.1, samples=10)


@pytest.mark.parametrize(
    "graph, exact",
    [
        # a triangle from one person: each other person directly (0.5), or else round the far side (0.5 * 0.5^2)
        (nx.cycle_graph(3), 1 + 2 * (0.5 + 0.5 * 0.5**2)),
        # a square: each neighbour directly, or else the long way (0.5 * 0.5^3); the far corner by either side
        (nx.cycle_graph(4), 1 + 2 * (0.5 + 0.5 * 0.5**3) + (2 * 0.25 - 0.25**2)),
    ],
    ids=["triangle", "square"],
)
def test_one_coin_per_tie_gives_the_independent_cascades_exact_expected_reach(graph, exact):
    choice = greedy_seeds(graph, 1, 0.5, samples=40_000, rng=3)
    assert abs(choice.reach - exact) < 0.03, (choice.reach, exact)  # about 4 standard errors
    # the directed form (two coins per tie, Kempe et al.'s live-edge model) agrees
    directed = greedy_seeds(graph.to_directed(), 1, 0.5, samples=40_000, rng=4)
    assert abs(directed.reach - exact) < 0.03, (directed.reach, exact)
