"""smlessons.datasets.copenhagen_study: the real Copenhagen network, its figures (those of its
README, each checked here), its shape (that of smlessons.engine.multilayer), and clear
errors for unknown layers and missing or corrupt files."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from smlessons.datasets import copenhagen_study as cph
from smlessons.datasets.copenhagen_study import (
    DATA_DIR,
    LAYERS,
    MEDIA,
    CopenhagenDataError,
    UnknownLayerError,
    copenhagen,
)
from smlessons.engine import multilayer

ROOT = Path(__file__).resolve().parents[1]
README = (DATA_DIR / "README.md").read_text(encoding="utf-8")


def readme_says(text):
    assert " ".join(text.split()) in " ".join(README.split()), f"the data README no longer says {text!r}"


# -- the files ship with the package -------------------------------------------


def test_the_data_files_ship_in_the_package_and_pyproject_lists_them():
    for name in ("README.md", "about.json", "facebook_friends.csv", "calls.csv", "sms.csv"):
        assert (DATA_DIR / name).is_file(), name
    text = (ROOT / "pyproject.toml").read_text()
    for pattern in ("data/copenhagen/*.csv", "data/copenhagen/*.json", "data/copenhagen/*.md"):
        assert f'"{pattern}"' in text


def test_the_readme_gives_source_citation_licence_and_changes():
    for words in ("Sapiezynski", "Scientific Data", "10.1038/s41597-019-0325-x", "MIT", "What was changed", "Privacy"):
        assert words in README, words


def test_import_smlessons_stays_light_and_loading_needs_no_plotly():
    code = (
        "import sys, smlessons; light = not [m for m in ('networkx', 'plotly') if m in sys.modules]; "
        "from smlessons.datasets.copenhagen_study import copenhagen; G = copenhagen(); "
        "print(light, 'plotly' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["True", "False"]


# -- the README's figures, measured ---------------------------------------------


def test_facebook_has_6418_friendships_among_800_people():
    readme_says("| `facebook_friends.csv` | a Facebook friendship (undirected): `person_a,person_b` | 6,418 | 800 |")
    F = copenhagen("facebook")
    assert not F.is_directed()
    assert (F.number_of_edges(), F.number_of_nodes()) == (6418, 800)
    assert nx.number_of_selfloops(F) == 0


def test_the_11_self_pairs_removed_from_the_facebook_file_are_those_the_readme_names():
    readme_says(
        "11 rows that paired a person with themselves (ids 72, 188, 200, 208, 270, 342, 477, 528, 645, 667, 740) were removed"
    )
    readme_says("all 800 people are still in the file")
    readme_says("had 6,429 rows and described them as 6,429 friendships; there are 6,418")
    F = copenhagen("facebook")
    assert all(F.degree(p) > 0 for p in (72, 188, 200, 208, 270, 342, 477, 528, 645, 667, 740))


@pytest.mark.parametrize(
    "layer, pairs, events, people, readme",
    [
        ("calls", 924, 3600, 536, "| 924 ordered pairs (3,600 calls) | 536 |"),
        ("sms", 1303, 24333, 568, "| 1,303 ordered pairs (24,333 messages) | 568 |"),
    ],
)
def test_calls_and_texts_are_directed_with_their_events(layer, pairs, events, people, readme):
    readme_says(readme)
    D = copenhagen(layer)
    assert D.is_directed()
    assert D.number_of_edges() == pairs
    assert sum(e for *_, e in D.edges(data="events")) == events
    assert D.number_of_nodes() == people
    assert min(e for *_, e in D.edges(data="events")) >= 1


def test_833_ids_in_all_from_1_to_851():
    readme_says(
        "People are anonymous integer ids (1 to 851, not all used), the same id in all three files: 833 ids appear in at least one."
    )
    G = copenhagen()
    assert G.number_of_nodes() == 833
    assert (min(G), max(G)) == (1, 851)
    assert set(G) == set(copenhagen("facebook")) | set(copenhagen("calls")) | set(copenhagen("sms"))


def test_pairs_either_way_and_how_many_are_facebook_friends():
    readme_says(
        "the calls join 621 pairs of people and the texts 697 pairs; 503 of the 621 calling pairs and 576 of the 697 texting pairs are also Facebook friends"
    )
    F = copenhagen("facebook")
    for layer, pairs, friends in (("calls", 621, 503), ("sms", 697, 576)):
        U = copenhagen(layer, either_way=True)
        assert not U.is_directed()
        assert U.number_of_edges() == pairs
        assert sum(F.has_edge(u, v) for u, v in U.edges()) == friends
        assert sum(e for *_, e in U.edges(data="events")) == sum(e for *_, e in copenhagen(layer).edges(data="events"))


def test_either_way_sums_the_events_of_both_directions():
    D = copenhagen("calls")
    U = copenhagen("calls", either_way=True)
    for u, v, events in U.edges(data="events"):
        both = sum(D.edges[a, b]["events"] for a, b in ((u, v), (v, u)) if D.has_edge(a, b))
        assert events == both


# -- the multiplex network, in the shape of smlessons.engine.multilayer ------------------


def test_the_multiplex_network_is_real_cited_and_in_multiplex_shape():
    G = copenhagen()
    assert type(G) is nx.Graph
    assert G.graph["real"] is True and G.graph["synthetic"] is False
    assert G.graph["media"] == list(MEDIA) == ["Facebook", "Calls", "SMS"]
    assert "Sapiezynski" in G.graph["source"] and "Scientific Data" in G.graph["source"]
    assert G.graph["doi"] == "10.1038/s41597-019-0325-x"
    assert "Copenhagen" in G.graph["name"]
    for *_, ms in G.edges(data="platform"):
        assert isinstance(ms, tuple) and ms and list(ms) == [m for m in MEDIA if m in ms]
    assert multilayer.media_of(G) == list(MEDIA)


def test_each_layer_of_the_multiplex_is_that_layer_either_way():
    G = copenhagen()
    L = multilayer.layers(G)
    assert {m: L[m].number_of_edges() for m in MEDIA} == {"Facebook": 6418, "Calls": 621, "SMS": 697}
    F = copenhagen("facebook")
    assert {frozenset(e) for e in multilayer.ties_on(G, "Facebook")} == {frozenset(e) for e in F.edges()}
    for layer, m in (("calls", "Calls"), ("sms", "SMS")):
        U = copenhagen(layer, either_way=True)
        assert {frozenset(e) for e in multilayer.ties_on(G, m)} == {frozenset(e) for e in U.edges()}
        key = layer
        assert sum(G.edges[e][key] for e in G.edges()) == sum(e for *_, e in U.edges(data="events"))
        assert all((G.edges[e][key] > 0) == (m in G.edges[e]["platform"]) for e in G.edges())


def test_multiplex_functions_work_on_it():
    G = copenhagen()
    ov = multilayer.overlap(G)
    assert set(ov) == {("Calls", "SMS"), ("Facebook", "Calls"), ("Facebook", "SMS")}
    r = multilayer.removal_effect(G, "facebook")  # any case, as for the synthetic class
    assert r.medium == "Facebook" and r.people == 833
    assert multilayer.reach(G)["Facebook"] == round(800 / 833, 3)


def test_layer_names_accept_any_case_and_common_names():
    for name, key in (("Facebook", "facebook"), ("FB", "facebook"), ("phone calls", "calls"), ("Phone", "calls"),
                      ("SMS", "sms"), ("text messages", "sms"), ("texts", "sms")):  # fmt: skip
        assert copenhagen(name).graph["medium"] == dict(zip(LAYERS, MEDIA))[key]


def test_each_call_returns_a_new_graph():
    G = copenhagen()
    G.remove_node(1)
    assert 1 in copenhagen()


def test_about_and_citation():
    info = cph.about()
    assert info["real"] is True and info["doi"] == "10.1038/s41597-019-0325-x"
    assert cph.citation().startswith("Sapiezynski, P., Stopczynski, A., Lassen, D. D., & Lehmann, S. (2019)")
    info["doi"] = "changed"
    assert cph.about()["doi"] == "10.1038/s41597-019-0325-x"


# -- clear errors ---------------------------------------------------------------


def test_an_unknown_layer_lists_the_known_ones():
    with pytest.raises(UnknownLayerError) as e:
        copenhagen("whatsapp")
    msg = str(e.value)
    assert "'whatsapp'" in msg and all(f"'{k}'" in msg for k in LAYERS)
    assert isinstance(e.value, ValueError)
    with pytest.raises(TypeError, match="string"):
        copenhagen(3)


@pytest.fixture
def folder(tmp_path):
    for name in ("about.json", "facebook_friends.csv", "calls.csv", "sms.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def test_a_copy_of_the_files_loads_the_same(folder):
    assert nx.utils.graphs_equal(copenhagen(folder=folder), copenhagen())


def test_a_missing_file_is_named(folder):
    (folder / "sms.csv").unlink()
    with pytest.raises(CopenhagenDataError, match=re.escape(str(folder / "sms.csv")) + ".*not found"):
        copenhagen(folder=folder)
    assert copenhagen("calls", folder=folder).number_of_edges() == 924  # the other layers still load


def append(path, line):
    with open(path, "a") as f:
        f.write(line + "\n")


@pytest.mark.parametrize(
    "file, line, message",
    [
        ("calls.csv", "5,6", "expected 3 values"),
        ("calls.csv", "5,six,2", "whole number"),
        ("calls.csv", "5,6,0", "at least 1"),
        ("calls.csv", "1,209,4", "already on line 2"),
        ("sms.csv", "0,6,1", "positive"),
        ("facebook_friends.csv", "7,7", "paired with themselves"),
        ("facebook_friends.csv", "105,1", "already on line 2"),
    ],
)
def test_a_corrupt_line_is_named_by_file_and_line(folder, file, line, message):
    path = folder / file
    last = len(path.read_text().splitlines())
    append(path, line)
    with pytest.raises(CopenhagenDataError) as e:
        copenhagen(folder=folder)
    text = str(e.value)
    assert f"{path}, line {last + 1}:" in text and message in text


def test_a_wrong_header_is_named(folder):
    path = folder / "calls.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(["from,to,n", *lines[1:]]) + "\n")
    with pytest.raises(CopenhagenDataError, match=r"calls\.csv, line 1: the header should be source,target,events"):
        copenhagen("calls", folder=folder)


def test_corrupt_about_json_is_named(folder):
    (folder / "about.json").write_text('{"name": ')
    with pytest.raises(CopenhagenDataError, match=r"about\.json: not valid JSON \(.*line 1 column"):
        copenhagen(folder=folder)
    json.loads((DATA_DIR / "about.json").read_text())


def test_readme_what_a_tie_means_303_reciprocal_833_ids_33_and_297_with_no_record():
    readme_says("in only 303 of the 621 calling pairs did each phone the other")
    readme_says('the paper describes "more than 700" participating freshmen; 833 different ids appear in these files')
    readme_says("(33 with no Facebook friendship, 297 with no call)")
    readme_says("a recorded call may be an attempt nobody answered")
    calls = copenhagen("calls")
    assert sum(calls.has_edge(v, u) for u, v in calls.edges()) // 2 == 303
    assert copenhagen("calls", either_way=True).number_of_edges() == 621
    from smlessons.engine.multilayer import layers

    L = layers(copenhagen())
    assert {m: sum(1 for _, d in H.degree() if d == 0) for m, H in L.items()}["Facebook"] == 33
    assert sum(1 for _, d in L["Calls"].degree() if d == 0) == 297
    assert copenhagen().number_of_nodes() == 833
    assert not any("duration" in line for line in (DATA_DIR / "calls.csv").read_text().splitlines()[:1])
