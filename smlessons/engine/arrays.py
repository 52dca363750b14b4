"""A network's ties as numpy arrays, for the engine and the figures.

:func:`edge_index` and :func:`tie_pairs` give each tie once as positions in a
list of people; :func:`positions_in` turns networkx adjacency rows into
positions. Plain numpy and networkx.
"""

from __future__ import annotations

from itertools import chain

import networkx as nx
import numpy as np

__all__ = [
    "edge_index",
]


def edge_index(G, nodes=None) -> np.ndarray:
    """The ties of `G` as an ``(m, 2)`` array of positions in `nodes`.

    Vectorised: the only Python-level work is one dictionary look-up per
    tie end (none when the people are integers). Each pair of people appears
    once (parallel ties of a multigraph collapse; self-ties are dropped).

    Parameters
    ----------
    G : networkx graph
    nodes : list, optional
        Everybody in `G`, in the order the positions refer to; by default
        ``list(G)``.

    Returns
    -------
    numpy.ndarray of int, shape (m, 2)

    Raises
    ------
    TypeError
        If `G` is not a networkx graph.
    ValueError
        If `nodes` is not everybody in `G`.

    Examples
    --------
    >>> edge_index(nx.path_graph(["a", "b", "c"])).tolist()
    [[0, 1], [1, 2]]
    """
    src, dst = tie_pairs(G, nodes)
    return np.stack((src, dst), axis=1)


def positions_in(nodes: list, rows: list, total: int) -> np.ndarray:
    """Positions in `nodes` of every neighbour listed in `rows`, in order.

    `rows` are adjacency dicts (``G._adj[u]`` for each ``u`` in `nodes`) and
    `total` the number of entries in them all. Vectorised: numbered people
    need no Python-level look-up at all; any other labels one dict look-up
    per entry. Shared by the drawing code and :func:`smlessons.engine.diffusion.compact`.
    """
    n = len(nodes)
    targets = chain.from_iterable(rows)
    if all(type(u) is int for u in nodes):  # noqa: E721 (bool is not a person number)
        labels = np.fromiter(nodes, dtype=np.int64, count=n)
        ids = np.fromiter(targets, dtype=np.int64, count=total)
        low, high = int(labels.min()), int(labels.max())
        if low == 0 and high == n - 1 and (n == 1 or bool(np.all(labels[1:] > labels[:-1]))):
            return ids.astype(np.intp, copy=False)  # people numbered 0..n-1 in order
        if high - low < 8 * n + 1024:  # numbered people: a look-up table is fastest
            table = np.empty(high - low + 1, dtype=np.intp)
            table[labels - low] = np.arange(n, dtype=np.intp)
            return table[ids - low]
        order = np.argsort(labels, kind="stable")
        return order[np.searchsorted(labels[order], ids)]
    where = dict(zip(nodes, range(n)))
    return np.fromiter(map(where.__getitem__, targets), dtype=np.intp, count=total)


def tie_pairs(G, nodes=None) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(G, nx.Graph):
        raise TypeError(f"expected a networkx graph, not {type(G).__name__}")
    if nodes is None:
        nodes = list(G)
    else:
        nodes = list(nodes)
        if len(nodes) != len(G) or len(set(nodes)) != len(nodes) or not all(u in G for u in nodes):
            raise ValueError("nodes must list everybody in the network, each once")
    # Read the adjacency dicts directly: a per-tie generator would cost more
    # than everything else here. A directed graph is made undirected first.
    adj = nx.Graph(G)._adj if G.is_directed() else G._adj
    n = len(nodes)
    if n == 0:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    rows = [adj[u] for u in nodes]
    counts = np.fromiter(map(len, rows), dtype=np.intp, count=n)
    total = int(counts.sum())
    src = np.repeat(np.arange(n, dtype=np.intp), counts)
    dst = positions_in(nodes, rows, total)
    keep = src < dst  # each undirected pair is stored twice: keep one, drop self-ties
    return src[keep], dst[keep]
