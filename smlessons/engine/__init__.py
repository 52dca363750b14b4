"""The engine: graph measures and diffusion, on numpy and networkx only.

No plotly, no lesson content and no sentences here: functions take networks
and return numbers, people and ties. Everything that draws lives in
:mod:`smlessons.figures`; the course's networks live in :mod:`smlessons.datasets`.

- :mod:`~smlessons.engine.measures`: people, degree, paths, communities, bridges, centrality, followers;
- :mod:`~smlessons.engine.multilayer`: one network on several media (layers, overlap, removal, reach);
- :mod:`~smlessons.engine.diffusion`: independent cascade and linear threshold, many runs, seeding strategies;
- :mod:`~smlessons.engine.influence`: seeds chosen by influence maximization (greedy with lazy evaluation, CELF);
- :mod:`~smlessons.engine.arrays`: a network's ties as numpy arrays.
"""

from __future__ import annotations

from ..lazy import attach

#: Where each public name lives (imported on first use, so that importing
#: the package stays light).
_EXPORTS = {
    "Cascade": "diffusion",
    "CompactNetwork": "diffusion",
    "EmptyNetworkError": "measures",
    "FeedCascade": "diffusion",
    "FeedRuns": "diffusion",
    "LiveEdges": "influence",
    "MessageKeyError": "measures",
    "NetworkError": "measures",
    "NoPathError": "measures",
    "PersonNotFoundError": "measures",
    "PlatformNotFoundError": "measures",
    "Removal": "multilayer",
    "STRATEGIES": "diffusion",
    "STRATEGY_ALIASES": "diffusion",
    "SeedChoice": "influence",
    "audience": "measures",
    "best_media": "multilayer",
    "bridges": "measures",
    "central_people": "measures",
    "centrality": "measures",
    "choose_seeds": "diffusion",
    "combined": "multilayer",
    "communities": "measures",
    "community_of": "measures",
    "compact": "diffusion",
    "coverage": "multilayer",
    "degree": "measures",
    "degrees": "measures",
    "distance": "measures",
    "edge_index": "arrays",
    "feed_cascade": "diffusion",
    "follow_arrows": "measures",
    "followers": "measures",
    "following": "measures",
    "friends_by_medium": "multilayer",
    "greedy_seeds": "influence",
    "independent_cascade": "diffusion",
    "layer": "measures",
    "layers": "multilayer",
    "linear_threshold": "diffusion",
    "live_edges": "influence",
    "local_bridges": "measures",
    "media_combinations": "multilayer",
    "media_of": "multilayer",
    "medium": "multilayer",
    "mutual_ties": "measures",
    "neighbours": "measures",
    "overlap": "multilayer",
    "person": "measures",
    "platforms": "measures",
    "reach": "multilayer",
    "reachable": "multilayer",
    "reached_by": "multilayer",
    "reciprocity": "measures",
    "removal_effect": "multilayer",
    "removal_effects": "multilayer",
    "run_many": "diffusion",
    "run_many_feed": "diffusion",
    "shortest_path": "measures",
    "strategy_name": "diffusion",
    "ties_between_communities": "measures",
    "ties_on": "multilayer",
    "without_medium": "multilayer",
}

__getattr__, __dir__, __all__ = attach(__name__, _EXPORTS)
