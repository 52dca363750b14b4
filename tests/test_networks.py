"""smlessons.engine.measures: the two networks, every measure on graphs whose answers
are known, the plotly view, and clear errors on bad input."""

import json
import math
import os
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlessons.datasets import networks
from smlessons.datasets.networks import NAMES, class_network, karate_club
from smlessons.engine import measures
from smlessons.engine.arrays import edge_index
from smlessons.engine.measures import (
    EmptyNetworkError,
    NoPathError,
    PersonNotFoundError,
    PlatformNotFoundError,
    bridges,
    central_people,
    centrality,
    communities,
    community_of,
    degree,
    degrees,
    distance,
    layer,
    local_bridges,
    neighbours,
    person,
    platforms,
    shortest_path,
    ties_between_communities,
)
from smlessons.figures import network as network_figures
from smlessons.figures import placement as figure_layout
from smlessons.figures import tables
from smlessons.figures.network import draw_network
from smlessons.figures.placement import edge_coordinates, layout


def two_triangles():
    """Two triangles (a, b, c) and (x, y, z) joined by the tie c-x."""
    G = nx.Graph()
    G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    return G


def multiplex():
    G = nx.MultiGraph(name="friends")
    G.add_edge("Ana", "Ben", platform="WhatsApp")
    G.add_edge("Ana", "Ben", platform="Instagram")
    G.add_edge("Ben", "Carla", platform="Instagram")
    G.add_edge("Carla", "Dev", platform={"WhatsApp", "TikTok"})
    G.add_node("Elif")
    return G


# -- the networks -----------------------------------------------------------


def test_karate_club_known_facts():
    G = karate_club()
    assert (G.number_of_nodes(), G.number_of_edges()) == (34, 78)
    assert degree(G, 33) == 17 and degree(G, 0) == 16
    assert max(degrees(G).items(), key=lambda kv: kv[1]) == (33, 17)
    clubs = [G.nodes[n]["club"] for n in G]
    assert clubs.count("Mr. Hi") == clubs.count("Officer") == 17
    assert G.nodes[0]["club"] == "Mr. Hi" and G.nodes[33]["club"] == "Officer"
    assert "Zachary" in G.graph["source"] and "1977" in G.graph["source"] and "33(4)" in G.graph["source"]
    assert G.graph["synthetic"] is False


def test_class_network_is_synthetic_seeded_and_named_from_the_list():
    G = class_network()
    assert G.graph["synthetic"] is True
    assert list(G) == list(NAMES[:24])
    assert nx.is_connected(G)
    assert nx.utils.graphs_equal(G, class_network())
    assert not nx.utils.graphs_equal(G, class_network(seed=8))
    groups = {g: [p for p in G if G.nodes[p]["group"] == g] for g in (1, 2, 3, 4)}
    assert sorted(len(ms) for ms in groups.values()) == [6, 6, 6, 6]
    for ms in groups.values():
        assert nx.is_connected(G.subgraph(ms))


def test_class_network_facts_the_lesson_relies_on():
    # The notebook's solutions and the shipped questions quote these.
    G = class_network()
    assert G.number_of_edges() == 50
    assert bridges(G) == [("Ben", "Uma")]
    assert [e for e in local_bridges(G, with_span=True) if e[2] != math.inf] == [
        ("Dev", "Wen", 6),
        ("Farid", "Kira", 6),
        ("Pia", "Tariq", 6),
    ]
    assert central_people(G, "degree", top=2) == [("Pia", 6), ("Ana", 5)]
    assert central_people(G, "betweenness", top=1)[0][0] == "Ben"
    assert neighbours(G, "Uma") == ["Ben", "Carla", "Jamal"]
    assert distance(G, "Hugo", "Xavi") == 6
    assert all(("Ben", "Uma") in zip(p, p[1:]) for p in nx.all_shortest_paths(G, "Hugo", "Xavi"))
    assert community_of(G, "Omar") == 4
    assert communities(G)[3] == ["Dev", "Elif", "Maya", "Omar", "Pia", "Sami"]
    # The communities found are the friendship groups the generator made.
    made = sorted(sorted(p for p in G if G.nodes[p]["group"] == g) for g in (1, 2, 3, 4))
    assert sorted(communities(G)) == made


def test_class_network_sizes_and_names_past_the_list():
    G = class_network(70, groups=5, seed=1)
    assert len(G) == 70 and "Ana 2" in G and "Jamal 2" in G
    assert nx.is_connected(G)
    assert len(class_network(4, groups=2)) == 4
    one = class_network(5, groups=1, p_in=0.0)
    assert nx.is_connected(one) and bridges(one)  # a group linked into a tree


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"n": 5, "groups": 4}, ValueError, "at least 2 people per group"),
        ({"groups": 0}, ValueError, "groups must be at least 1"),
        ({"p_in": 1.5}, ValueError, "p_in is a probability"),
        ({"n": 24.0}, TypeError, "n must be an integer"),
        ({"seed": "7"}, TypeError, "seed must be an integer"),
    ],
)
def test_class_network_rejects(kwargs, error, words):
    with pytest.raises(error, match=words):
        class_network(**kwargs)


# -- people -----------------------------------------------------------------


def test_person_accepts_case_spaces_and_numbers_as_text():
    assert person(class_network(), "  uma ") == "Uma"
    assert person(karate_club(), "33") == 33
    assert person(karate_club(), 33) == 33


def test_person_not_in_the_network_is_a_key_error_that_names_them():
    with pytest.raises(PersonNotFoundError) as info:
        degree(class_network(), "Umma")
    assert isinstance(info.value, KeyError)
    assert str(info.value) == "'Umma' is not in this network (24 people). Did you mean 'Uma'?"
    assert info.value.person == "Umma"
    with pytest.raises(PersonNotFoundError, match="numbered 0 to 33"):
        neighbours(karate_club(), 34)
    with pytest.raises(PersonNotFoundError, match="give one person's name"):
        degree(karate_club(), [0, 1])


PER_PERSON = [
    lambda G, p: degree(G, p),
    lambda G, p: neighbours(G, p),
    lambda G, p: shortest_path(G, p, "a"),
    lambda G, p: distance(G, "a", p),
    lambda G, p: community_of(G, p),
    lambda G, p: draw_network(G, highlight=p),
]


@pytest.mark.parametrize("measure", PER_PERSON)
def test_every_measure_names_the_missing_person(measure):
    with pytest.raises(PersonNotFoundError, match="'Zed' is not in this network"):
        measure(two_triangles(), "Zed")


WHOLE_NETWORK = [
    degrees,
    communities,
    bridges,
    local_bridges,
    ties_between_communities,
    centrality,
    central_people,
    layout,
    platforms,
    draw_network,
    lambda G: degree(G, "a"),
    lambda G: neighbours(G, "a"),
    lambda G: shortest_path(G, "a", "b"),
    lambda G: person(G, "a"),
    lambda G: layer(G, "WhatsApp"),
]


@pytest.mark.parametrize("measure", WHOLE_NETWORK)
def test_an_empty_network_is_a_clear_error(measure):
    with pytest.raises(EmptyNetworkError, match="the network is empty: it has no people in it"):
        measure(nx.Graph())


@pytest.mark.parametrize("measure", [degrees, communities, bridges, draw_network])
def test_not_a_graph_is_a_type_error(measure):
    with pytest.raises(TypeError, match="expected a networkx graph, not dict"):
        measure({"a": ["b"]})


# -- measures on graphs with known answers -------------------------------------


def test_degree_and_neighbours_on_a_star():
    G = nx.star_graph(["hub", "a", "b", "c"])
    assert degree(G, "hub") == 3 and degree(G, "a") == 1
    assert neighbours(G, "hub") == ["a", "b", "c"]
    assert degrees(G) == {"hub": 3, "a": 1, "b": 1, "c": 1}


def test_degree_counts_people_not_parallel_ties_self_ties_or_directions():
    G = nx.MultiDiGraph()
    G.add_edges_from([("a", "b"), ("b", "a"), ("a", "b"), ("a", "a"), ("c", "a")])
    assert degree(G, "a") == 2
    assert neighbours(G, "a") == ["b", "c"]
    assert degrees(G) == {"a": 2, "b": 1, "c": 1}


def test_communities_are_numbered_in_reading_order():
    G = nx.disjoint_union_all([nx.complete_graph(3) for _ in range(12)])
    fig = draw_network(G)
    names = [t.name for t in fig.data[1:]]
    assert names[:3] == ["Community 1 (3)", "Community 2 (3)", "Community 3 (3)"] and names[-1] == "Community 12 (3)"
    assert measures.sorted_nodes(["Ana 10", "ana 2", "Ben", 3, 1.5]) == [1.5, 3, "ana 2", "Ana 10", "Ben"]


def test_neighbours_sort_numbers_by_value():
    assert neighbours(karate_club(), 0)[:4] == [1, 2, 3, 4]
    assert neighbours(karate_club(), 33)[-3:] == [30, 31, 32]


def test_paths():
    G = two_triangles()
    assert shortest_path(G, "a", "z") == ["a", "c", "x", "z"]
    assert distance(G, "a", "z") == 3 and distance(G, "a", "a") == 0
    assert shortest_path(karate_club(), 11, 33) == [11, 0, 8, 33]
    G.add_node("hermit")
    with pytest.raises(NoPathError, match="no path between 'a' and 'hermit': they are in separate parts"):
        distance(G, "a", "hermit")


def test_communities_of_two_triangles_and_their_numbers():
    G = two_triangles()
    for method in ("louvain", "greedy"):
        assert communities(G, method=method) == [["a", "b", "c"], ["x", "y", "z"]]
    assert community_of(G, "b") == 1 and community_of(G, "Z") == 2
    assert ties_between_communities(G) == [("c", "x")]


def test_karate_communities_follow_the_split():
    # The lesson reads this table: three communities went wholly to one side,
    # the fourth all but one member (member 8, who joined Mr. Hi).
    G = karate_club()
    table = []
    for members in communities(G):
        sides = [G.nodes[m]["club"] for m in members]
        table.append((sides.count("Mr. Hi"), sides.count("Officer")))
    assert table == [(1, 11), (11, 0), (0, 6), (5, 0)]
    assert [m for m in communities(G)[0] if G.nodes[m]["club"] == "Mr. Hi"] == [8]


def test_results_do_not_depend_on_the_hash_seed():
    # Names are strings, whose set order changes from one Python process to the
    # next: communities, paths and layouts must not (nbval compares outputs).
    code = (
        "import json; from smlessons.datasets import *; from smlessons.engine import *; from smlessons.figures import layout; G = class_network(); K = karate_club();"
        "print(json.dumps([communities(G), communities(K), communities(class_network(60, groups=6, seed=2)),"
        " shortest_path(G, 'Hugo', 'Xavi'), local_bridges(G), central_people(G, 'betweenness'),"
        " {str(k): v.tolist() for k, v in layout(G).items()}]))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1


def test_communities_are_seeded_and_need_no_scipy():
    G = karate_club()
    assert communities(G, seed=0) == communities(G, seed=0)
    assert [len(c) for c in communities(G)] == [12, 11, 6, 5]
    assert sorted(p for c in communities(G) for p in c) == list(range(34))
    with pytest.raises(ValueError, match="method must be 'louvain' or 'greedy', not 'magic'"):
        communities(G, method="magic")


def test_ties_between_given_groups_must_cover_everybody():
    G = two_triangles()
    assert ties_between_communities(G, [["a", "b"], ["c", "x", "y", "z"]]) == [("a", "c"), ("b", "c")]
    with pytest.raises(ValueError, match="groups leaves out 3 people"):
        ties_between_communities(G, [["a", "b", "c"]])


def test_bridges_and_local_bridges():
    G = two_triangles()
    assert bridges(G) == [("c", "x")]
    assert local_bridges(G) == [("c", "x")]
    assert local_bridges(G, with_span=True) == [("c", "x", math.inf)]
    square = nx.cycle_graph(4)  # no tie's ends share a friend; a detour of 3 remains
    assert bridges(square) == []
    assert local_bridges(square, with_span=True) == [(0, 1, 3), (0, 3, 3), (1, 2, 3), (2, 3, 3)]
    assert local_bridges(nx.complete_graph(3)) == []
    looped = two_triangles()
    looped.add_edge("a", "a")
    assert local_bridges(looped) == [("c", "x")]


def test_karate_bridges():
    G = karate_club()
    assert bridges(G) == [(0, 11)]
    assert neighbours(G, 11) == [0]
    assert local_bridges(G, with_span=True)[:2] == [(0, 11, math.inf), (0, 31, 3)]


def test_central_people_degree_versus_betweenness():
    G = karate_club()
    assert central_people(G) == [(33, 17), (0, 16), (32, 12)]
    assert central_people(G, "betweenness", top=2) == [(0, 0.438), (33, 0.304)]
    b = centrality(G, "betweenness")
    assert max(b, key=b.get) == 0 and 0.43 < b[0] < 0.44
    path = nx.path_graph(["a", "b", "c"])
    assert centrality(path, "betweenness") == {"a": 0.0, "b": 1.0, "c": 0.0}
    # Equal scores: ordered by name.
    assert central_people(nx.star_graph(["hub", "z", "b", "m"]), top=4) == [("hub", 3), ("b", 1), ("m", 1), ("z", 1)]


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"by": "pagerank"}, "by must be 'degree' or 'betweenness', not 'pagerank'"),
        ({"top": 0}, "top must be a positive"),
    ],
)
def test_central_people_rejects(kwargs, words):
    with pytest.raises(ValueError, match=words):
        central_people(karate_club(), **kwargs)


# -- several media (the ``platform`` of a tie) ---------------------------------


def test_platforms_and_layers():
    G = multiplex()
    assert platforms(G) == ["Instagram", "TikTok", "WhatsApp"]
    wa = layer(G, "whatsapp")
    assert wa.graph["platform"] == "WhatsApp" and wa.graph["name"] == "friends"
    assert sorted(map(sorted, wa.edges())) == [["Ana", "Ben"], ["Carla", "Dev"]]
    assert len(wa) == 5, "everybody stays in a layer, tied or not"
    assert degree(G, "Ana") == 1, "two ties on two platforms: still one person"
    assert degree(G, "Ben", platform="WhatsApp") == 1 and degree(G, "Ben", platform="Instagram") == 2
    assert neighbours(G, "Carla", platform="TikTok") == ["Dev"]
    with pytest.raises(NoPathError):
        shortest_path(G, "Ana", "Dev", platform="WhatsApp")
    assert shortest_path(G, "Ana", "Dev") == ["Ana", "Ben", "Carla", "Dev"]


def test_a_platform_not_in_the_data_is_a_clear_error():
    with pytest.raises(PlatformNotFoundError) as info:
        degree(multiplex(), "Ana", platform="MySpace")
    assert isinstance(info.value, KeyError)
    assert str(info.value) == "no tie in this network is on 'MySpace'; the platforms are: Instagram, TikTok, WhatsApp"
    with pytest.raises(PlatformNotFoundError, match="none \\(no tie has a 'platform' attribute\\)"):
        layer(karate_club(), "WhatsApp")
    with pytest.raises(PlatformNotFoundError, match="'Email'"):
        draw_network(multiplex(), platform="Email")


# -- drawing ----------------------------------------------------------------


def test_edge_index_and_coordinates_on_a_path():
    G = nx.path_graph(["a", "b", "c"])
    assert edge_index(G).tolist() == [[0, 1], [1, 2]]
    pos = {"a": (0, 0), "b": (1, 0), "c": (1, 2)}
    x, y = edge_coordinates(G, pos)
    assert x.dtype == np.float32 and len(x) == len(y) == 6
    assert np.array_equal(x, [0, 1, np.nan, 1, 1, np.nan], equal_nan=True)
    assert np.array_equal(y, [0, 0, np.nan, 0, 2, np.nan], equal_nan=True)
    x2, _ = edge_coordinates(np.array([[0, 2]]), np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 2.0]]), dtype=np.float64)
    assert x2.dtype == np.float64 and np.array_equal(x2, [0, 5, np.nan], equal_nan=True)


def test_edge_coordinates_reject_missing_positions_and_partial_node_lists():
    G = nx.path_graph(3)
    with pytest.raises(ValueError, match="pos has no position for 1 people, e.g. 2"):
        edge_coordinates(G, {0: (0, 0), 1: (1, 1)})
    with pytest.raises(ValueError, match="nodes must list everybody in the network"):
        edge_index(G, [0, 1])
    with pytest.raises(ValueError, match="give nodes="):
        edge_coordinates(np.array([[0, 1]]), {0: (0, 0), 1: (1, 1)})


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 40),
    density=st.floats(0, 1),
    seed=st.integers(0, 10_000),
    labels=st.sampled_from(["int", "str", "sparse-int"]),
    kind=st.sampled_from([nx.Graph, nx.MultiGraph, nx.DiGraph]),
)
def test_edge_index_finds_every_tie_once(n, density, seed, labels, kind):
    base = nx.gnp_random_graph(n, density, seed=seed, directed=kind is nx.DiGraph)
    rename = {"int": lambda i: i, "str": lambda i: f"p{i}", "sparse-int": lambda i: i * 10**9 - 7}[labels]
    G = kind(nx.relabel_nodes(base, {i: rename(i) for i in base}))
    if n > 1:
        G.add_edge(rename(0), rename(0))  # a self-tie is not drawn
    nodes = list(G)
    found = {frozenset((nodes[i], nodes[j])) for i, j in edge_index(G)}
    expected = {frozenset(e) for e in G.edges() if e[0] != e[1]}
    assert found == expected
    assert len(edge_index(G)) == len(expected)


def karate_figure(**kwargs):
    return draw_network(karate_club(), **kwargs)


def test_draw_network_one_edge_trace_with_nan_separators():
    fig = karate_figure()
    edge_traces = [t for t in fig.data if t.mode == "lines"]
    assert len(edge_traces) == 1 and edge_traces[0].name == "ties"
    x, y = np.asarray(edge_traces[0].x), np.asarray(edge_traces[0].y)
    assert len(x) == 3 * 78
    assert np.isnan(x[2::3]).all() and np.isnan(y[2::3]).all()
    assert not np.isnan(x[0::3]).any() and not np.isnan(x[1::3]).any()
    assert fig.layout.meta == {"ties": 78, "ties_shown": 78, "sampled": False}
    assert "Showing" not in fig.layout.title.text


def test_draw_network_hover_names_everybody_with_their_degree():
    G = karate_club()
    fig = draw_network(G)
    hovers = [h for t in fig.data if t.hovertext is not None for h in t.hovertext]
    assert len(hovers) == 34
    by_person = {h.split("</b>")[0][3:]: h for h in hovers}
    assert sorted(by_person, key=int) == [str(p) for p in G]
    for p in G:
        assert by_person[str(p)].startswith(f"<b>{p}</b><br>degree {degree(G, p)}<br>")
    assert "degree 17" in by_person["33"] and "degree 16" in by_person["0"]
    assert by_person["33"].endswith("<br>Community 1")  # the community's label, said once


def test_draw_network_colours_by_community_with_one_legend_entry_each():
    G = class_network()
    fig = draw_network(G)
    people = [t for t in fig.data if t.name and t.name.startswith("Community")]
    expected = [f"Community {k} ({len(c)})" for k, c in enumerate(communities(G), start=1)]
    assert [t.name for t in people] == expected
    assert len({t.marker.symbol for t in people}) == len(people), "not by colour alone"
    omar = next(t for t in people if any(h.startswith("<b>Omar</b>") for h in t.hovertext))
    assert omar.name.startswith("Community 4")


def test_draw_network_colours_by_measures_attributes_and_dicts():
    G = karate_club()
    fig = draw_network(G, color_by="betweenness")
    nodes = fig.data[-1]
    assert nodes.marker.colorbar.title.text == "betweenness" and nodes.marker.showscale
    assert any("betweenness 0.438" in h for h in nodes.hovertext)
    clubs = draw_network(G, color_by="club")
    assert sorted(t.name for t in clubs.data[1:]) == ["Mr. Hi (17)", "Officer (17)"]
    chosen = draw_network(G, color_by={p: p % 2 for p in G})
    assert chosen.data[-1].marker.showscale
    words = draw_network(G, color_by={p: "even" if p % 2 == 0 else "odd" for p in G})
    assert [t.name for t in words.data[1:]] == ["even (17)", "odd (17)"]


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (
            {"color_by": "popularity"},
            ValueError,
            "color_by must be 'community', 'degree', 'betweenness' or a node attribute \\('club'\\)",
        ),
        ({"color_by": {0: 1}}, ValueError, "color_by has no value for 33 people"),
        ({"color_by": {p: 1 for p in range(35)}}, PersonNotFoundError, "34 is not in this network"),
        ({"color_by": 3}, TypeError, "color_by must be a string or a dict"),
        ({"highlight": [0, "Zed"]}, PersonNotFoundError, "'Zed' is not in this network"),
        ({"highlight_ties": [(0, 9)]}, ValueError, "0 and 9 are not tied"),
        ({"max_edges": 0}, ValueError, "max_edges must be a positive integer"),
        ({"pos": {0: (0, 0)}}, ValueError, "pos has no position for 33 people"),
    ],
)
def test_draw_network_rejects(kwargs, error, words):
    with pytest.raises(error, match=words):
        karate_figure(**kwargs)


def test_draw_network_highlights_people_and_ties():
    G = class_network()
    path = shortest_path(G, "Hugo", "Xavi")
    fig = draw_network(G, highlight=["Hugo", "xavi"], highlight_ties=list(zip(path, path[1:])))
    names = [t.name for t in fig.data]
    assert names[0] == "ties" and names[1] == "highlighted ties" and names[-1] == "highlighted"
    # The legend can say who the circled are (a spread figure's seeds).
    named = draw_network(G, highlight=["Ana"], highlight_name="seeds")
    assert [t.name for t in named.data][-1] == "seeds"
    for bad in ("", "  ", 3):
        with pytest.raises(ValueError, match="highlight_name must be a non-empty text"):
            draw_network(G, highlight=["Ana"], highlight_name=bad)
    assert len(fig.data[1].x) == 3 * (len(path) - 1)
    assert len(fig.data[-1].x) == 2


def test_draw_network_is_deterministic():
    assert karate_figure(seed=3).to_json() == karate_figure(seed=3).to_json()
    assert layout(karate_club(), seed=1).keys() == layout(karate_club(), seed=2).keys()
    a, b = layout(karate_club(), seed=1), layout(karate_club(), seed=2)
    assert not np.allclose(a[0], b[0])


def test_layout_of_a_large_network_needs_no_scipy():
    G = nx.gnm_random_graph(600, 1200, seed=1)
    pos = layout(G, seed=0)
    assert len(pos) == 600 and all(-1 <= c <= 1 for xy in pos.values() for c in xy)
    assert pos[0].tolist() == layout(G, seed=0)[0].tolist()


def test_sampling_kicks_in_past_the_limit_and_says_so():
    G = nx.gnm_random_graph(200, 3000, seed=2)
    fig = draw_network(G, color_by="degree", max_edges=1000)
    x = np.asarray(fig.data[0].x)
    assert len(x) == 3 * 1000
    assert fig.layout.meta == {"ties": 3000, "ties_shown": 1000, "sampled": True}
    assert "Showing 1,000 of 3,000 ties, a random sample (seed 0)." in fig.layout.title.text
    assert fig.layout.annotations[0].text.startswith("Showing 1,000 of 3,000 ties")
    again = draw_network(G, color_by="degree", max_edges=1000)
    assert np.array_equal(x, np.asarray(again.data[0].x), equal_nan=True), "the sample is seeded"
    # The hover still gives each person's full degree, not the sampled one.
    hub = max(G, key=G.degree)
    assert any(h.startswith(f"<b>{hub}</b><br>degree {G.degree(hub)}") for h in fig.data[1].hovertext)


def test_a_figure_of_100k_ties_stays_under_2_mb():
    G = nx.gnm_random_graph(5000, 100_000, seed=1)
    fig = draw_network(G, color_by="degree")
    size = len(fig.to_json().encode())
    assert size < 2_000_000, size
    assert fig.layout.meta["sampled"] and fig.layout.meta["ties_shown"] == network_figures.MAX_EDGES
    assert json.loads(fig.to_json())["layout"]["meta"]["ties"] == 100_000


def test_a_layer_is_drawn_with_everybody_in_place():
    G = multiplex()
    pos = layout(G, seed=0)
    whole = draw_network(G, pos=pos)
    wa = draw_network(G, pos=pos, platform="WhatsApp", color_by="degree")
    assert "ties on WhatsApp" in wa.layout.title.text
    assert whole.layout.meta["ties"] == 3 and wa.layout.meta["ties"] == 2
    assert len(wa.data[-1].x) == 5
    assert any("Elif</b><br>degree 0" in h for h in wa.data[-1].hovertext)


# ---------------------------------------------------------------------------
# Follow networks (directed ties)


def test_follow_network_is_a_synthetic_directed_example():
    F = networks.follow_network()
    assert F.is_directed() and F.graph["synthetic"] is True
    assert "synthetic" in F.graph["name"]
    assert F.number_of_edges() == len(set(networks.FOLLOWS))
    assert all(F.has_edge(a, b) for a, b in networks.FOLLOWS)


def test_follow_network_names_itself_in_the_language_asked_and_in_english_otherwise(monkeypatch):
    from smlessons.figures.network import network_name
    from smlessons.i18n import translator

    monkeypatch.setenv("LANGUAGE", "it")  # the environment does not rename the data
    assert networks.follow_network().graph["name"] == "A synthetic follow network"
    italian = networks.follow_network(language="it")
    assert italian.graph == {"name": "Una rete sintetica di follow", "synthetic": True}
    assert networks.follow_network([("Ana", "Ben")], language="it").graph["name"] == "Una rete di follow"
    assert networks.follow_network([("Ana", "Ben")], name="Mia", language="it").graph["name"] == "Mia"
    assert sorted(italian.edges) == sorted(networks.follow_network().edges)
    assert network_name(italian, translator("it")) == "Una rete sintetica di follow"
    with pytest.raises(ValueError, match="'fr'"):
        networks.follow_network(language="fr")


def test_follow_network_from_pairs_counts_a_follow_once_and_makes_no_synthetic_claim():
    F = networks.follow_network([("Ana", "Ben"), ("Ana", "Ben"), ("Ben", "Ana")], name="Two friends")
    assert F.number_of_edges() == 2 and F.graph["name"] == "Two friends"
    assert "synthetic" not in F.graph


@pytest.mark.parametrize(
    "pairs, message",
    [
        ([("Ana", "Ana")], "cannot follow themself"),
        ([("Ana", "Ben", "Carla")], "must be a pair"),
        (["AnaBen"], "must be a pair"),
        ([(["Ana"], "Ben")], "name or a number"),
    ],
)
def test_follow_network_rejects_what_is_not_a_follow(pairs, message):
    with pytest.raises(ValueError, match=message):
        networks.follow_network(pairs)


def test_an_empty_follow_list_is_an_empty_network():
    with pytest.raises(EmptyNetworkError):
        networks.follow_network([])


def test_followers_following_and_audience_read_the_arrows_the_right_way():
    F = networks.follow_network([("Ana", "Ben"), ("Carla", "Ben"), ("Ben", "Carla")])
    assert measures.followers(F, "Ben") == ["Ana", "Carla"]
    assert measures.following(F, "Ben") == ["Carla"]
    assert measures.following(F, "Ana") == ["Ben"] and measures.followers(F, "Ana") == []
    assert measures.audience(F, "Ben") == 2 and measures.audience(F, "ana") == 0  # names as person() reads them
    assert measures.mutual_ties(F, "Ben") == ["Carla"]
    with pytest.raises(PersonNotFoundError, match="Did you mean 'Carla'"):
        measures.audience(F, "Karla")


def test_reciprocity_counts_returned_arrows():
    F = networks.follow_network([("Ana", "Ben"), ("Ben", "Ana"), ("Carla", "Ben")])
    assert measures.reciprocity(F) == round(2 / 3, 3)
    assert measures.reciprocity(F, "Carla") == 0.0
    assert measures.reciprocity(F, "Ben") == round(2 / 3, 3)
    assert measures.reciprocity(F) == round(nx.reciprocity(F), 3)
    for p in F:
        assert measures.reciprocity(F, p) == round(nx.reciprocity(F, p), 3)


def test_reciprocity_docstring_arc_based_0_706_against_dyad_based_12_of_22():
    """The docstring's comparison with Wasserman & Faust's pair-based count."""
    doc = " ".join(measures.reciprocity.__doc__.split())
    assert "12 of 22 pairs, 0.545, against 0.706 here" in doc
    F = networks.follow_network()
    pairs = {frozenset(e) for e in F.edges()}
    mutual = [p for p in pairs if all(F.has_edge(u, v) for u in p for v in p if u != v)]
    assert (len(mutual), len(pairs)) == (12, 22) and round(12 / 22, 3) == 0.545
    assert measures.reciprocity(F) == round(nx.overall_reciprocity(F), 3) == 0.706 > 0.545


def test_an_undirected_network_is_all_mutual_ties():
    G = class_network()
    assert measures.reciprocity(G) == 1.0
    assert measures.followers(G, "Uma") == measures.following(G, "Uma") == neighbours(G, "Uma")
    assert measures.audience(G, "Pia") == degree(G, "Pia")
    rows = tables.audience_table(G)
    assert all(r[1] == r[2] == r[3] and r[4] == 0 for r in rows)


def test_reciprocity_needs_follows():
    F = networks.follow_network([("Ana", "Ben")])
    F.add_node("Carla")
    with pytest.raises(ValueError, match="no follows to or from 'Carla'"):
        measures.reciprocity(F, "Carla")
    lonely = nx.DiGraph()
    lonely.add_node("Ana")
    with pytest.raises(ValueError, match="no follows in this network"):
        measures.reciprocity(lonely)


def test_audience_table_sorts_by_audience_and_shows_as_a_table():
    F = networks.follow_network()
    rows = tables.audience_table(F)
    assert [r[0] for r in rows][:2] == ["Lea", "Diego"]
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True)
    for p, ins, outs, mutual, one_way in rows:
        assert ins == measures.audience(F, p) == F.in_degree(p)
        assert outs == F.out_degree(p)
        assert mutual == len(measures.mutual_ties(F, p)) and one_way == ins - mutual
    assert len(tables.audience_table(F, top=3)) == 3
    md = rows._repr_markdown_()
    assert md.splitlines()[0] == "| person | followers | following | mutual | not followed back |"
    assert "| Lea | 10 | 1 | 1 | 9 |" in md
    assert repr(rows).splitlines()[0].split() == [
        "person",
        "followers",
        "following",
        "mutual",
        "not",
        "followed",
        "back",
    ]
    with pytest.raises(ValueError, match="top must be a positive integer"):
        tables.audience_table(F, top=0)


def test_the_undirected_measures_forget_the_arrows():
    F = networks.follow_network()
    # Lea: 10 followers, follows 1 of them back; as lines, 10 people.
    assert degree(F, "Lea") == len(set(measures.followers(F, "Lea")) | set(measures.following(F, "Lea"))) == 10


# -- what a student sees: nothing under a person, no name covered -------------

import figure_geometry  # noqa: E402  (tests/ is on the path: see conftest.py)

from smlessons.datasets import multiplex_class
from smlessons.engine import multilayer
from smlessons.figures import multiplex as multiplex_figures
from smlessons.figures.placement import layout_problems


def _clean(fig):
    found = figure_geometry.problems(fig)
    return {kind: items[:3] for kind, items in found.items() if items}


def _course_figures():
    """Every network drawing the lessons show, drawn as the lessons draw them."""
    G, K = class_network(), karate_club()
    path = shortest_path(G, "Ana", "Omar")
    yield "class by degree", draw_network(G, color_by="degree")
    yield "Ana to Omar", draw_network(G, color_by="degree", highlight=path, highlight_ties=list(zip(path, path[1:])))
    yield "class by community", draw_network(G)
    yield "karate by community", draw_network(K)
    yield "karate by betweenness", draw_network(K, color_by="betweenness", highlight=[0, 33])
    M = multiplex_class()
    views = multiplex_figures.draw_multiplex(M)
    for k, label in enumerate(views.layout.meta["views"]):
        view = type(views)(views)  # a copy
        for trace, owner in zip(view.data, _owners(views)):
            trace.visible = owner == k
        yield f"multiplex view {label}", view
    for medium in multilayer.media_of(M):
        yield f"without {medium}", multiplex_figures.draw_without(M, medium)
    ego = G.subgraph([*G["Ana"], "Ana"]).copy()
    yield "Ana's ego network", draw_network(ego, highlight="Ana")


def _owners(fig):
    """Which menu view each trace of draw_multiplex belongs to."""
    visible = [b.args[0]["visible"] for b in fig.layout.updatemenus[0].buttons]
    return [next(k for k, v in enumerate(visible) if v[i]) for i in range(len(fig.data))]


@pytest.mark.parametrize("name, fig", list(_course_figures()), ids=lambda x: x if isinstance(x, str) else "")
def test_no_tie_passes_under_a_person_and_no_name_is_covered(name, fig):
    assert _clean(fig) == {}, name


def test_the_ana_to_omar_path_clears_ben():
    G = class_network()
    path = shortest_path(G, "Ana", "Omar")
    pos = layout(G)
    s = figure_layout.plot_px(len(G)) / (2 * figure_layout.VIEW)
    ben = np.asarray(pos["Ben"]) * s
    for u, v in zip(path, path[1:]):
        if "Ben" in (u, v):
            continue
        a, b = np.asarray(pos[u]) * s, np.asarray(pos[v]) * s
        assert figure_geometry.point_segment(ben, a, b) > 6.5 + 2 + 1  # Ben's dot + half the thick tie + a gap


def test_the_check_finds_a_tie_under_a_person_and_a_covered_name():
    # c sits on the tie a-b it does not belong to.
    G = nx.Graph([("a", "b"), ("c", "d")])
    pos = {"a": (-1.0, 0.0), "b": (1.0, 0.0), "c": (0.0, 0.0), "d": (0.0, -1.0)}
    fig = draw_network(G, pos=pos)
    found = figure_geometry.problems(fig)
    assert len(found["tie under a person"]) == 1
    assert layout_problems(G, pos)["ties_under_people"] == 1
    # and a clean layout passes
    assert layout_problems(G, {"a": (-1, 1), "b": (1, 1), "c": (-1, -1), "d": (1, -1)})["ties_under_people"] == 0


def test_a_name_crossed_by_a_tie_is_found():
    # One person's name placed right on a tie of two others.
    G = nx.Graph([("a", "b")])
    G.add_node("Quentin")
    pos = {"a": (-1.0, 0.08), "b": (1.0, 0.08), "Quentin": (0.0, 0.0)}  # the tie 14 px above Quentin
    fig = draw_network(G, pos=pos, labels=True, color_by={"a": 1, "b": 1, "Quentin": 1})
    people = next(t for t in fig.data if t.name == "people")
    people.textposition = ["top center"] * 3
    assert any("Quentin" in p and "crosses" in p for p in figure_geometry.problems(fig)["name covered"])
    # draw_network itself puts the name elsewhere
    assert not _clean(draw_network(G, pos=pos, labels=True, color_by={"a": 1, "b": 1, "Quentin": 1}))


def _copenhagen_ego():
    """Lesson 6's ego network: the first student of median degree and the people tied to them."""
    import statistics

    from smlessons.datasets.copenhagen_study import copenhagen

    C = copenhagen()
    median = statistics.median(d for _, d in C.degree())
    student = min(p for p, d in C.degree() if d == median)
    return multilayer.combined_ties(nx.ego_graph(C, student))


def test_layouts_are_tidy_for_the_course_networks_and_the_same_every_time():
    for G in (class_network(), karate_club(), multiplex_class(), _copenhagen_ego()):
        pos = layout(G)
        assert layout_problems(G, pos) == {
            "ties_under_people": 0,
            "people_overlapping": 0,
            "names_without_place": 0,
        }
        again = layout(G)
        assert all(np.array_equal(pos[p], again[p]) for p in pos)


def test_drawings_use_the_course_template_and_square_axes():
    from smlessons.figures.theme import TEMPLATE

    fig = draw_network(class_network())
    assert fig.layout.template == TEMPLATE
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.xaxis.range == fig.layout.yaxis.range
    assert "white" not in json.dumps(fig.to_dict()["layout"].get("plot_bgcolor", ""))


# -- each student's own network (the assessments of lessons 4 to 6) ----------------

STUDENTS = [f"student{i:03d}" for i in range(40)] + ["ana", "ben", "", "m.rossi@example.org", "Zoë Ünal"]


def _shape(G):
    return sorted(G.nodes(data="group")), sorted(tuple(sorted(e)) for e in G.edges())


def test_a_student_network_has_the_promised_shape():
    for s in STUDENTS:
        G = networks.student_network(s)
        groups = G.graph["communities"]
        assert 12 <= len(G) <= 20 and nx.is_connected(G), s
        assert 3 <= len(groups) <= 4 and sorted(p for ms in groups for p in ms) == sorted(G)
        assert set(G) <= set(NAMES)
        assert all(G.nodes[p]["group"] == G.nodes[ms[0]]["group"] for ms in groups for p in ms)
        assert min(d for _, d in G.degree()) >= 2
        assert G.graph["student"] == s and G.graph["synthetic"] is True


def test_every_assessed_question_has_one_answer_on_every_student_network():
    for s in STUDENTS:
        G = networks.student_network(s)
        group = nx.get_node_attributes(G, "group")
        assert len(bridges(G)) == 1, s
        between = {frozenset(e) for e in G.edges() if group[e[0]] != group[e[1]]}
        assert {frozenset(e) for e in local_bridges(G)} == between, s
        ranked = sorted(dict(G.degree()).values(), reverse=True)
        assert ranked[0] > ranked[1], s
        b = centrality(G, "betweenness")
        top = sorted(b.values(), reverse=True)
        assert top[0] - top[1] > 1e-6, s
        assert max(b, key=b.get) != max(dict(G.degree()), key=dict(G.degree()).get), s


def test_the_communities_found_are_the_groups_drawn():
    for s in STUDENTS:
        G = networks.student_network(s)
        planted = sorted(sorted(ms) for ms in G.graph["communities"])
        assert sorted(communities(G)) == planted, s
        assert sorted(communities(G, method="greedy")) == planted, s
        assert communities(G) == G.graph["communities"], s  # the same order too


def test_two_students_get_different_networks_and_one_student_always_the_same():
    a, b = networks.student_network("ana"), networks.student_network("ben")
    assert _shape(a) != _shape(b) and set(a) != set(b)
    assert _shape(a) == _shape(networks.student_network("ana"))
    shapes = {json.dumps(_shape(networks.student_network(s))) for s in STUDENTS}
    assert len(shapes) == len(STUDENTS)


def test_a_student_network_is_a_new_graph_each_time():
    G = networks.student_network("ana")
    G.remove_node(next(iter(G)))
    assert len(networks.student_network("ana")) == len(G) + 1


def test_a_student_network_is_the_same_in_another_process():
    code = (
        "import json; from smlessons.datasets import student_network as s\n"
        "print(json.dumps([[sorted(s(x).nodes(data='group')), sorted(tuple(sorted(e)) for e in s(x).edges())]"
        " for x in ('ana', 'ben', 'student007')]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    there = [[[tuple(n) for n in nodes], [tuple(e) for e in edges]] for nodes, edges in json.loads(out)]
    here = [[list(x) for x in _shape(networks.student_network(s))] for s in ("ana", "ben", "student007")]
    assert there == here


def test_a_student_network_is_pinned():
    """A change to the drawing (or to Python's random()) would change every student's network
    and their graded questions: this digest of one network makes it visible."""
    import hashlib

    G = networks.student_network("ana")
    digest = hashlib.sha256(json.dumps(_shape(G)).encode()).hexdigest()[:16]
    assert (len(G), G.number_of_edges(), digest) == (19, 31, "3177a9458b7a6678")


def test_the_drawing_uses_random_alone():
    """Only random() is promised the same numbers in every Python version: a stream that
    offers nothing else draws a network all the same."""
    from smlessons.variants import rng

    class OnlyRandom:
        def __init__(self, r):
            self.random = r.random

    groups, inside, between = networks._student_draft(OnlyRandom(rng("ana", "x")))
    assert groups and inside and between


def test_my_network_is_the_running_student_s(monkeypatch):
    monkeypatch.setenv("SMLESSONS_STUDENT", "ben")
    assert _shape(networks.my_network()) == _shape(networks.student_network("ben"))
    monkeypatch.setenv("SMLESSONS_STUDENT", "ana")
    assert _shape(networks.my_network()) == _shape(networks.student_network("ana"))


@pytest.mark.parametrize("bad", [7, None.__class__, ["ana"]])
def test_a_student_network_needs_a_string_id(bad):
    with pytest.raises(TypeError, match="student must be a student's id"):
        networks.student_network(bad)


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=40))
def test_any_student_id_gets_a_network_with_one_answer_per_question(student):
    G = networks.student_network(student)
    assert 12 <= len(G) <= 20 and nx.is_connected(G) and len(bridges(G)) == 1
    ranked = sorted(dict(G.degree()).values(), reverse=True)
    top = sorted(centrality(G, "betweenness").values(), reverse=True)
    assert ranked[0] > ranked[1] and top[0] - top[1] > 1e-6


def test_a_student_network_says_it_is_invented_and_so_do_its_figures():
    G = networks.student_network("ana")
    assert G.graph["name"] == networks.STUDENT_NETWORK_NAME == "Your practice network (invented)"
    assert "synthetic" in networks.student_network.__doc__ and "invented" in networks.student_network.__doc__
    for color_by in ("community", "degree", "betweenness"):
        title = network_figures.draw_network(G, color_by=color_by).layout.title.text
        assert title.startswith("Your practice network (invented): "), title
