"""Figures and lists in words in Italian.

The language is the environment's (``LANG=it_IT.UTF-8``) unless a function
is given ``language=``; English stays what it was.
"""

from __future__ import annotations

import re

import networkx as nx
import pytest

from smlessons.datasets import class_network, multiplex_class
from smlessons.engine.diffusion import independent_cascade
from smlessons.figures import (
    compare_strategies,
    draw_layers,
    draw_network,
    removal_figure,
    spread_figure,
    tie_types_figure,
)
from smlessons.i18n import join_and, join_or

LANG_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def italian(monkeypatch):
    """An Italian environment, as a student's machine set to Italian has."""
    for var in LANG_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "it_IT.UTF-8")


# -- lists in words ---------------------------------------------------------


def test_lists_in_words_in_both_languages():
    assert join_and(["Ana", "Ben", "Carla"], "en") == "Ana, Ben and Carla"
    assert join_and(["Ana", "Ben", "Carla"], "it") == "Ana, Ben e Carla"
    assert join_or(["Instagram", "TikTok"], "it") == "Instagram o TikTok"
    assert join_and([], "en") == join_or([], "it") == ""  # no crash on an empty list
    assert join_or(["WhatsApp"], "en") == "WhatsApp"


def test_lists_follow_the_environment(italian):
    assert join_and(["Ana", "Ben"]) == "Ana e Ben"
    assert join_and(["Ana", "Ben"], "en") == "Ana and Ben"


# -- figures ----------------------------------------------------------------


def test_a_network_figure_speaks_the_environments_language(italian):
    fig = draw_network(class_network())
    assert fig.layout.title.text == "La rete sintetica di una classe: 24 persone, 50 legami, colori per comunità"
    assert {t.name for t in fig.data if t.name.startswith("Comunità")}
    hovers = [h for t in fig.data if t.hovertext is not None for h in t.hovertext]
    assert all("<br>grado " in h for h in hovers)
    assert all(re.fullmatch(r"<b>\w+</b><br>grado \d<br>Comunità [1-4]", h) for h in hovers), hovers[:2]
    english = [
        h for t in draw_network(class_network(), language="en").data if t.hovertext is not None for h in t.hovertext
    ]
    assert "<b>Ana</b><br>degree 5<br>Community 1" in english
    english = draw_network(class_network(language="en"), language="en").layout.title.text
    assert english == "A synthetic class network: 24 people, 50 ties, coloured by community"


def test_the_class_network_is_named_in_the_environments_language_or_the_one_asked(italian):
    assert class_network().graph["name"] == "La rete sintetica di una classe"
    assert class_network(language="en").graph["name"] == "A synthetic class network"
    assert nx.utils.graphs_equal(class_network(language="en"), class_network(language="it")) is False
    en, it = class_network(language="en"), class_network(language="it")
    assert list(en.edges(data=True)) == list(it.edges(data=True)) and list(en.nodes(data=True)) == list(
        it.nodes(data=True)
    )
    assert {k: v for k, v in en.graph.items() if k != "name"} == {k: v for k, v in it.graph.items() if k != "name"}
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        class_network(language="fr")


def test_the_layers_and_the_removal_figure_in_italian():
    G = multiplex_class()
    layers = draw_layers(G, language="it")
    assert layers.layout.title.text.endswith(": una rete, uno strato per mezzo")
    assert layers.layout.meta["panels"][0] == "Tutti i mezzi"
    removal = removal_figure(G, language="it")
    assert [t.name for t in removal.data] == ["legami rimasti", "persone ancora connesse"]
    assert removal.layout.title.text == "Togli un mezzo: che cosa resta della rete?"
    assert all(h.startswith("Senza ") for h in removal.data[0].hovertext)


def test_the_spread_figure_and_a_comparison_in_italian(italian):
    G = nx.path_graph(["a", "b", "c"])
    fig = spread_figure(G, independent_cascade(G, "a", 1.0))
    assert fig.layout.title.text == "Quando ogni persona ha ricevuto il messaggio: raggiunte 3 su 3 in 2 passi"
    assert sorted(t.name for t in fig.data if t.name.startswith("passo")) == [
        "passo 0, i seed (1)",
        "passo 1 (1)",
        "passo 2 (1)",
    ]
    c = compare_strategies(nx.karate_club_graph(), ["random", "degree"], 0.2, runs=5, rng=1)
    assert str(c).startswith("5 simulazioni per strategia, 1 seed, p = 0,2, 34 persone")
    assert "Persone raggiunte in 5 simulazioni" in c.figure().layout.title.text


def test_the_platform_labels_in_italian():
    fig = tie_types_figure(language="it")
    assert [t.name for t in fig.data][0] == "Reciproco (entrambi accettano)"
    assert fig.layout.title.text == "Le piattaforme secondo il tipo di legame che creano"
    assert "Fonte: " in fig.data[0].hovertext[0]


def test_a_course_networks_name_with_a_number_is_translated_until_renamed():
    G = multiplex_class()
    assert G.graph["name"] == "A synthetic class on 4 media"
    assert draw_layers(G, language="it").layout.title.text.startswith("Una classe sintetica su 4 mezzi: ")
    G.graph["name"] = "My class"
    assert draw_layers(G, language="it").layout.title.text.startswith("My class: ")


def test_the_audience_table_headers_follow_the_language(italian):
    from smlessons.datasets import follow_network
    from smlessons.figures.tables import audience_table

    rows = audience_table(follow_network(), top=2)
    assert repr(rows).splitlines()[0].split() == ["persona", "follower", "seguiti", "reciproci", "non", "ricambiati"]
    assert rows._repr_markdown_().startswith("| persona | follower | seguiti | reciproci | non ricambiati |")
    assert rows[0][0] == "Lea"  # the rows are data, in any language


def test_the_audience_table_takes_its_headers_language_from_the_keyword_over_the_environment(italian):
    from smlessons.datasets import follow_network
    from smlessons.figures.tables import audience_table

    F = follow_network()
    english = audience_table(F, top=2, language="en")
    assert english.language == "en"
    assert english._repr_markdown_().startswith("| person | followers | following | mutual | not followed back |")
    assert repr(english).splitlines()[0].split()[:3] == ["person", "followers", "following"]
    italian_rows = audience_table(F, top=2, language="it_IT.UTF-8")  # a locale name is a language too
    assert italian_rows.language == "it"
    assert repr(italian_rows).splitlines()[0].split()[:3] == ["persona", "follower", "seguiti"]
    assert list(english) == list(italian_rows)  # the rows are the same data
    assert audience_table(F, top=1).language is None  # no keyword: the environment decides when shown
    with pytest.raises(ValueError, match="'fr'"):
        audience_table(F, language="fr")
    with pytest.raises(TypeError):
        audience_table(F, language=1)


def test_a_feed_comparison_names_its_seeding_in_italian():
    from smlessons.figures import compare_feed

    G = nx.karate_club_graph()
    c = compare_feed(G, "degree", 0.1, (0, 1), runs=3, k=2, language="it")
    assert c.seeds == "2 seed scelti con la strategia 'degree'"
    assert str(c).startswith(
        "3 simulazioni per scenario, seed: 2 seed scelti con la strategia 'degree', p = 0,1 lungo i legami"
    )
    assert "il feed mostra ogni post a 1" in str(c)
    assert compare_feed(G, "degree", 0.1, (0,), runs=3, k=2, language="en").seeds == "2 by 'degree'"
