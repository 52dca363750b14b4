"""Every quantitative or comparative sentence of lesson 4 (04-people-and-ties),
and of its questions' feedback, checked on the lesson's own network and code.

One test per claim; each reads the sentence from its cell (or question) first,
so that rewriting the sentence makes the test fail and point at it. The Italian
lesson (it/04-persone-e-legami) says the same things: each test reads the Italian
sentence too, from the Italian cell or question."""

import re

import networkx as nx
import pytest
from claims import _cells, cell_output, cell_text, lesson_minutes

from smlessons.datasets.networks import class_network
from smlessons.engine.measures import (
    communities,
    community_of,
    degree,
    distance,
    neighbours,
    shortest_path,
)
from smlessons.exercises import load_questions, question

NB = "04-people-and-ties"
NB_IT = "it/04-persone-e-legami"
QUESTIONS = load_questions("lesson04_people_and_ties")
QUESTIONS_IT = load_questions("lesson04_people_and_ties_it")


@pytest.fixture(scope="module")
def G():
    return class_network()


def test_the_class_has_24_students_and_says_it_is_synthetic(G):
    text = cell_text(NB, "l4-class-intro")
    assert "a class of 24 students" in text and "**This network is synthetic**" in text
    text_it = cell_text(NB_IT, "it-class-intro")
    assert "una classe di 24 studenti" in text_it and "**Questa rete è sintetica**" in text_it
    assert G.number_of_nodes() == 24 and G.graph["synthetic"] is True
    # "Lo dice anche il suo attributo `graph`": the Italian output names it in Italian.
    assert "'name': 'La rete sintetica di una classe', 'synthetic': True" in cell_output(NB_IT, "it-class")


def test_the_example_path_ana_tariq_pia_omar_is_a_chain_of_ties(G):
    text = cell_text(NB, "l4-paths")
    assert "Ana is friends with Tariq, who is friends with Pia, who is friends with Omar" in text
    assert "Ana è amica di Tariq, che è amico di Pia, che è amica di Omar" in cell_text(NB_IT, "it-paths")
    assert all(G.has_edge(u, v) for u, v in [("Ana", "Tariq"), ("Tariq", "Pia"), ("Pia", "Omar")])


def test_the_path_figure_title_says_3_steps_and_the_shortest_path_is_the_one_highlighted(G):
    assert 'title="A shortest path from Ana to Omar: 3 steps"' in cell_text(NB, "l4-fig-path")
    assert 'title="Un cammino più breve da Ana a Omar: 3 passi"' in cell_text(NB_IT, "it-fig-path")
    assert distance(G, "Ana", "Omar") == 3
    assert [p for p in nx.all_shortest_paths(G, "Ana", "Omar")] == [shortest_path(G, "Ana", "Omar")]


def test_uma_has_3_neighbours_and_ben_is_not_in_her_group(G):
    text = cell_text(NB, "l4-ex1-solution")
    assert "# ['Ben', 'Carla', 'Jamal']" in text and "Uma has 3 neighbours, so her degree is 3" in text
    assert "Ben: he is not in Uma's friendship group" in text
    text_it = cell_text(NB_IT, "it-ex1-solution")
    assert "# ['Ben', 'Carla', 'Jamal']" in text_it and "Uma ha 3 vicini, quindi il suo grado è 3" in text_it
    assert "Ben: non fa parte del gruppo di amici di Uma" in text_it
    assert neighbours(G, "Uma") == ["Ben", "Carla", "Jamal"] and degree(G, "Uma") == 3
    assert G.nodes["Ben"]["group"] != G.nodes["Uma"]["group"]


def test_hugo_to_xavi_is_6_ties_and_7_people(G):
    text = cell_text(NB, "l4-ex34-solution")
    assert "# ['Hugo', 'Kira', 'Farid', 'Ben', 'Uma', 'Carla', 'Xavi']" in text
    assert "six ties, and seven people on the way" in text
    text_it = cell_text(NB_IT, "it-ex34-solution")
    assert "# ['Hugo', 'Kira', 'Farid', 'Ben', 'Uma', 'Carla', 'Xavi']" in text_it
    assert "sei legami, e sette persone lungo il cammino" in text_it
    path = shortest_path(G, "Hugo", "Xavi")
    assert path == ["Hugo", "Kira", "Farid", "Ben", "Uma", "Carla", "Xavi"]
    assert distance(G, "Hugo", "Xavi") == 6 and len(path) == 7


def test_pia_has_the_most_friends_but_ben_is_closer_to_xavi_3_against_6(G):
    text = cell_text(NB, "l4-ex34-solution")
    assert "Pia has the most friends, but Ben is closer to Xavi: 3 steps against 6" in text
    assert "Pia ha più amici di tutti, ma Ben è più vicino a Xavi: 3 passi contro 6" in cell_text(
        NB_IT, "it-ex34-solution"
    )
    d = dict(G.degree())
    assert max(d, key=d.get) == "Pia" and list(d.values()).count(max(d.values())) == 1
    assert (distance(G, "Pia", "Xavi"), distance(G, "Ben", "Xavi")) == (6, 3)


def test_communities_are_numbered_from_the_largest_then_by_first_name(G):
    text = cell_text(NB, "l4-communities")
    assert (
        "numbered from the largest down; communities of the same size are ordered by their first member's name" in text
    )
    assert (
        "numerate dalla più grande alla più piccola; quelle della stessa dimensione sono ordinate in base al nome"
        " del loro primo membro" in cell_text(NB_IT, "it-communities")
    )
    found = communities(G)
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
    assert [c[0] for c in found] == sorted(c[0] for c in found)  # here all are the same size


def test_omars_community_13_ties_inside_and_2_leaving(G):
    text = cell_text(NB, "l4-ex56-solution")
    assert "# 4" in text and "Community 4 is Dev, Elif, Maya, Omar, Pia and Sami" in text
    assert "13 ties among them, and only 2 ties (Dev–Wen and Pia–Tariq)" in text
    text_it = cell_text(NB_IT, "it-ex56-solution")
    assert "# 4" in text_it and "La comunità 4 è formata da Dev, Elif, Maya, Omar, Pia e Sami" in text_it
    assert "13 legami tra loro, e solo 2 legami (Dev–Wen e Pia–Tariq)" in text_it
    group = communities(G)[community_of(G, "Omar") - 1]
    assert community_of(G, "Omar") == 4 and group == ["Dev", "Elif", "Maya", "Omar", "Pia", "Sami"]
    inside = [e for e in G.edges() if e[0] in group and e[1] in group]
    leaving = {frozenset(e) for e in G.edges() if (e[0] in group) != (e[1] in group)}
    assert len(inside) == 13 and leaving == {frozenset(("Dev", "Wen")), frozenset(("Pia", "Tariq"))}


def test_the_four_communities_are_exactly_the_four_made_up_groups(G):
    text = cell_text(NB, "l4-ex56-solution")
    assert "the four communities found are exactly the four friendship groups the program made up" in text
    assert (
        "le quattro comunità trovate sono esattamente i quattro gruppi di amici inventati dal programma"
        in cell_text(NB_IT, "it-ex56-solution")
    )
    made_up = {frozenset(p for p in G if G.nodes[p]["group"] == g) for g in {G.nodes[p]["group"] for p in G}}
    assert {frozenset(c) for c in communities(G)} == made_up and len(made_up) == 4


def test_model_answer_five_of_pias_six_friends_are_in_her_community(G):
    text = cell_text(NB, "l4-reflection")
    assert "Pia's friends are almost all in her own community (five of six)" in text
    assert "needs 6 steps to reach Xavi, while Ben, with fewer friends, needs 3" in text
    text_it = cell_text(NB_IT, "it-reflection")
    assert "gli amici di Pia sono quasi tutti nella sua stessa comunità (cinque su sei)" in text_it
    assert "servono 6 passi per arrivare a Xavi, mentre a Ben, che ha meno amici, ne bastano 3" in text_it
    mine = community_of(G, "Pia")
    assert sum(community_of(G, f) == mine for f in neighbours(G, "Pia")) == 5 and degree(G, "Pia") == 6
    assert degree(G, "Ben") < degree(G, "Pia")
    assert community_of(G, "Xavi") in {community_of(G, f) for f in neighbours(G, "Ben")}


def test_key_point_degrees_add_up_to_twice_the_ties(G):
    assert "The degrees of a network add up to twice its number of ties" in cell_text(NB, "l4-keypoints")
    assert "La somma dei gradi di una rete è il doppio del numero dei suoi legami" in cell_text(NB_IT, "it-keypoints")
    assert sum(degree(G, p) for p in G) == 2 * G.number_of_edges()


# -- the questions' texts ------------------------------------------------------------


def test_degree_sum_question_24_students_50_ties_total_100_average_4_2(G):
    q = question("class-degree-sum")
    assert "The class has 24 students and 50 ties" in q.prompt and "100: each tie is counted twice" in q.options["b"]
    assert "2 × 50 = 100" in q.explanation and "100 / 24 ≈ 4.2" in q.explanation
    q_it = question("class-degree-sum-it")
    assert (
        "La classe ha 24 studenti e 50 legami" in q_it.prompt
        and "100: ogni legame è contato due volte" in q_it.options["b"]
    )
    assert "2 × 50 = 100" in q_it.explanation and "100 / 24 ≈ 4,2" in q_it.explanation
    assert (G.number_of_nodes(), G.number_of_edges()) == (24, 50)
    assert sum(degree(G, p) for p in G) == 100 and round(100 / 24, 1) == 4.2
    assert G.has_edge("Ana", "Tariq")  # the tie the hint and feedback use


def test_distance_question_every_shortest_path_crosses_ben_uma(G):
    q = question("class-distance")
    assert "news passes through 5 people between them" in q.explanation
    assert "every shortest path between them crosses the tie Ben–Uma" in q.explanation
    q_it = question("class-distance-it")
    assert "una notizia passa per 5 persone tra i due" in q_it.explanation
    assert "ogni cammino più breve tra loro attraversa il legame Ben–Uma" in q_it.explanation
    paths = list(nx.all_shortest_paths(G, "Hugo", "Xavi"))
    assert all(len(p) - 2 == 5 for p in paths)
    assert all(any({a, b} == {"Ben", "Uma"} for a, b in zip(p, p[1:])) for p in paths)
    assert community_of(G, "Hugo") != community_of(G, "Xavi")


def test_closer_question_pia_6_friends_ben_5_and_the_feedback_numbers(G):
    q = question("class-closer-to-xavi")
    assert "Pia has the most friends in the class (6); Ben has 5" in q.prompt
    assert "Ben is 3 steps from Xavi (through Uma), Pia is 6" in q.explanation
    assert "five of Pia's six friends are in her own community" in q.explanation
    assert "Distances in the class range from 1 step to 7" in q.feedback["c"]
    q_it = question("class-closer-to-xavi-it")
    assert "Pia è la persona con più amici nella classe (6); Ben ne ha 5" in q_it.prompt
    assert "Ben è a 3 passi da Xavi (passando per Uma), Pia a 6" in q_it.explanation
    assert "cinque dei sei amici di Pia sono nella sua stessa comunità" in q_it.explanation
    assert "Cinque dei sei amici di Pia sono nella sua stessa comunità" in q_it.feedback["a"]
    assert "Nella classe le distanze vanno da 1 passo a 7" in q_it.feedback["c"]
    assert degree(G, "Pia") == 6 and degree(G, "Ben") == 5
    assert all("Uma" in p for p in nx.all_shortest_paths(G, "Ben", "Xavi"))
    assert nx.diameter(G) == 7 and nx.is_connected(G)


def test_community_question_degrees_from_3_maya_to_6_pia(G):
    q = question("class-what-makes-a-community")
    assert "Their degrees range from 3 (Maya) to 6 (Pia)" in q.feedback["b"]
    assert "13 join two of them and only 2 leave the group (Dev–Wen and Pia–Tariq)" in q.explanation
    q_it = question("class-what-makes-a-community-it")
    assert "Omar in una comunità con Dev, Elif, Maya, Pia e Sami" in q_it.prompt
    assert "I loro gradi vanno da 3 (Maya) a 6 (Pia)" in q_it.feedback["b"]
    assert "13 ne uniscono due tra loro e solo 2 escono dal gruppo (Dev–Wen e Pia–Tariq)" in q_it.explanation
    group = communities(G)[community_of(G, "Omar") - 1]
    degrees = {p: degree(G, p) for p in group}
    assert min(degrees.values()) == degrees["Maya"] == 3 and max(degrees.values()) == degrees["Pia"] == 6
    assert list(degrees.values()).count(3) == 1 and list(degrees.values()).count(6) == 1


def test_modularity_one_group_with_everybody_scores_0_and_the_found_groups_score_higher():
    text = cell_text(NB, "l4-communities")
    assert "Putting everybody in one group scores 0" in text
    assert "A grouping scores high when its groups have more ties inside than chance would give them" in text
    text_it = cell_text(NB_IT, "it-communities")
    assert "Mettere tutti in un solo gruppo dà punteggio 0" in text_it
    assert (
        "ottiene un punteggio alto quando i suoi gruppi hanno più legami interni di quanti gliene darebbe il caso"
        in text_it
    )
    G = class_network()
    assert abs(nx.community.modularity(G, [set(G)])) < 1e-12
    assert nx.community.modularity(G, [set(c) for c in communities(G)]) > 0.5


def test_found_communities_are_the_planted_groups_a_good_sign_not_a_proof():
    text = cell_text(NB, "l4-ex56-solution")
    assert "a good sign for the method, not a proof that it always finds the right groups" in text
    assert "a good sign, not a proof that it always works" in question("class-what-makes-a-community").feedback["d"]
    assert "un buon segno per il metodo, non la prova che trovi sempre i gruppi giusti" in cell_text(
        NB_IT, "it-ex56-solution"
    )
    assert (
        "un buon segno, non la prova che funzioni sempre" in question("class-what-makes-a-community-it").feedback["d"]
    )
    G = class_network()
    planted = {}
    for person, data in G.nodes(data=True):
        planted.setdefault(data.get("group"), set()).add(person)
    assert sorted(map(sorted, planted.values())) == sorted(map(sorted, communities(G)))


# -- the Italian lesson asks the same questions ---------------------------------------


def asked(notebook):
    """The question ids the notebook's ``ask`` and ``check`` cells use, in order."""
    out = []
    for cell in _cells(notebook).values():
        if cell["cell_type"] == "code":
            out += re.findall(r'(?:ask|check)\("([^"]+)"', "".join(cell["source"]))
    return out


def test_italian_students_get_the_same_questions_checked_the_same_way():
    ids = asked(NB_IT)
    assert ids == [f"{q}-it" for q in asked(NB)] and len(ids) == 9
    assert set(ids) == set(QUESTIONS_IT) and {i.removesuffix("-it") for i in ids} == set(QUESTIONS)
    for q_it in QUESTIONS_IT:
        en, it = QUESTIONS[q_it.removesuffix("-it")], QUESTIONS_IT[q_it]
        assert (en.kind, en.level, en.answer, list(en.options or {}), en.compute, en.source) == (
            it.kind,
            it.level,
            it.answer,
            list(it.options or {}),
            it.compute,
            it.source,
        )
        assert list(en.feedback or {}) == list(it.feedback or {}) and it.language == "it"
        assert it.key().accepted == en.key().accepted  # computed on the same network, the same answer


def test_the_italian_check_cells_show_italian_before_an_answer():
    """An unanswered check speaks Italian, and so does the figure the student draws."""
    for cid in ("it-ex1-check", "it-ex3-check", "it-ex5-check"):
        assert cell_output(NB_IT, cid).startswith("• Ancora nessuna risposta")
    assert "Rispondi con la lettera" in cell_output(NB_IT, "it-ex2-ask")
    fig = _cells(NB_IT)["it-fig-communities"]["outputs"][0]["data"]["application/vnd.plotly.v1+json"]
    assert fig["layout"]["title"]["text"] == "La classe sintetica, colori per comunità"
    assert [t["name"] for t in fig["data"]] == ["legami"] + [f"Comunità {k} (6)" for k in (1, 2, 3, 4)]
    assert "<b>Omar</b><br>grado 4<br>Comunità 4" in fig["data"][4]["hovertext"]


def test_the_italian_stated_minutes_follow_lesson_1s_rule_and_match_the_english():
    """The Italian header: Teoria = Markdown words / 140 (rounded), as in lesson 1; Esercizi = the minutes
    in the headings. Both equal the English header's."""
    stated, reading, doing = lesson_minutes(NB_IT)
    assert stated == (reading, doing) and doing == 22, (stated, reading, doing)
    assert stated == lesson_minutes(NB)[0]
