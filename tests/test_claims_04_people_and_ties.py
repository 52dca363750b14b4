"""Every quantitative or comparative sentence of lesson 4 (04-people-and-ties),
and of its questions' feedback, checked on the lesson's own network and code.

One test per claim; each reads the sentence from its cell (or question) first,
so that rewriting the sentence makes the test fail and point at it."""

import networkx as nx
import pytest
from claims import cell_text

from smlessons.datasets.networks import class_network
from smlessons.engine.measures import (
    communities,
    community_of,
    degree,
    distance,
    neighbours,
    shortest_path,
)
from smlessons.exercises import question

NB = "04-people-and-ties"


@pytest.fixture(scope="module")
def G():
    return class_network()


def test_the_class_has_24_students_and_says_it_is_synthetic(G):
    text = cell_text(NB, "l4-class-intro")
    assert "a class of 24 students" in text and "**This network is synthetic**" in text
    assert G.number_of_nodes() == 24 and G.graph["synthetic"] is True


def test_the_example_path_ana_tariq_pia_omar_is_a_chain_of_ties(G):
    text = cell_text(NB, "l4-paths")
    assert "Ana is friends with Tariq, who is friends with Pia, who is friends with Omar" in text
    assert all(G.has_edge(u, v) for u, v in [("Ana", "Tariq"), ("Tariq", "Pia"), ("Pia", "Omar")])


def test_the_path_figure_title_says_3_steps_and_the_shortest_path_is_the_one_highlighted(G):
    assert 'title="A shortest path from Ana to Omar: 3 steps"' in cell_text(NB, "l4-fig-path")
    assert distance(G, "Ana", "Omar") == 3
    assert [p for p in nx.all_shortest_paths(G, "Ana", "Omar")] == [shortest_path(G, "Ana", "Omar")]


def test_uma_has_3_neighbours_and_ben_is_not_in_her_group(G):
    text = cell_text(NB, "l4-ex1-solution")
    assert "# ['Ben', 'Carla', 'Jamal']" in text and "Uma has 3 neighbours, so her degree is 3" in text
    assert "Ben: he is not in Uma's friendship group" in text
    assert neighbours(G, "Uma") == ["Ben", "Carla", "Jamal"] and degree(G, "Uma") == 3
    assert G.nodes["Ben"]["group"] != G.nodes["Uma"]["group"]


def test_hugo_to_xavi_is_6_ties_and_7_people(G):
    text = cell_text(NB, "l4-ex34-solution")
    assert "# ['Hugo', 'Kira', 'Farid', 'Ben', 'Uma', 'Carla', 'Xavi']" in text
    assert "six ties, and seven people on the way" in text
    path = shortest_path(G, "Hugo", "Xavi")
    assert path == ["Hugo", "Kira", "Farid", "Ben", "Uma", "Carla", "Xavi"]
    assert distance(G, "Hugo", "Xavi") == 6 and len(path) == 7


def test_pia_has_the_most_friends_but_ben_is_closer_to_xavi_3_against_6(G):
    text = cell_text(NB, "l4-ex34-solution")
    assert "Pia has the most friends, but Ben is closer to Xavi: 3 steps against 6" in text
    d = dict(G.degree())
    assert max(d, key=d.get) == "Pia" and list(d.values()).count(max(d.values())) == 1
    assert (distance(G, "Pia", "Xavi"), distance(G, "Ben", "Xavi")) == (6, 3)


def test_communities_are_numbered_from_the_largest_then_by_first_name(G):
    text = cell_text(NB, "l4-communities")
    assert (
        "numbered from the largest down; communities of the same size are ordered by their first member's name" in text
    )
    found = communities(G)
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
    assert [c[0] for c in found] == sorted(c[0] for c in found)  # here all are the same size


def test_omars_community_13_ties_inside_and_2_leaving(G):
    text = cell_text(NB, "l4-ex56-solution")
    assert "# 4" in text and "Community 4 is Dev, Elif, Maya, Omar, Pia and Sami" in text
    assert "13 ties among them, and only 2 ties (Dev–Wen and Pia–Tariq)" in text
    group = communities(G)[community_of(G, "Omar") - 1]
    assert community_of(G, "Omar") == 4 and group == ["Dev", "Elif", "Maya", "Omar", "Pia", "Sami"]
    inside = [e for e in G.edges() if e[0] in group and e[1] in group]
    leaving = {frozenset(e) for e in G.edges() if (e[0] in group) != (e[1] in group)}
    assert len(inside) == 13 and leaving == {frozenset(("Dev", "Wen")), frozenset(("Pia", "Tariq"))}


def test_the_four_communities_are_exactly_the_four_made_up_groups(G):
    text = cell_text(NB, "l4-ex56-solution")
    assert "the four communities found are exactly the four friendship groups the program made up" in text
    made_up = {frozenset(p for p in G if G.nodes[p]["group"] == g) for g in {G.nodes[p]["group"] for p in G}}
    assert {frozenset(c) for c in communities(G)} == made_up and len(made_up) == 4


def test_model_answer_five_of_pias_six_friends_are_in_her_community(G):
    text = cell_text(NB, "l4-reflection")
    assert "Pia's friends are almost all in her own community (five of six)" in text
    assert "needs 6 steps to reach Xavi, while Ben, with fewer friends, needs 3" in text
    mine = community_of(G, "Pia")
    assert sum(community_of(G, f) == mine for f in neighbours(G, "Pia")) == 5 and degree(G, "Pia") == 6
    assert degree(G, "Ben") < degree(G, "Pia")
    assert community_of(G, "Xavi") in {community_of(G, f) for f in neighbours(G, "Ben")}


def test_key_point_degrees_add_up_to_twice_the_ties(G):
    assert "The degrees of a network add up to twice its number of ties" in cell_text(NB, "l4-keypoints")
    assert sum(degree(G, p) for p in G) == 2 * G.number_of_edges()


# -- the questions' texts ------------------------------------------------------------


def test_degree_sum_question_24_students_50_ties_total_100_average_4_2(G):
    q = question("class-degree-sum")
    assert "The class has 24 students and 50 ties" in q.prompt and "100: each tie is counted twice" in q.options["b"]
    assert "2 × 50 = 100" in q.explanation and "100 / 24 ≈ 4.2" in q.explanation
    assert (G.number_of_nodes(), G.number_of_edges()) == (24, 50)
    assert sum(degree(G, p) for p in G) == 100 and round(100 / 24, 1) == 4.2
    assert G.has_edge("Ana", "Tariq")  # the tie the hint and feedback use


def test_distance_question_every_shortest_path_crosses_ben_uma(G):
    q = question("class-distance")
    assert "news passes through 5 people between them" in q.explanation
    assert "every shortest path between them crosses the tie Ben–Uma" in q.explanation
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
    assert degree(G, "Pia") == 6 and degree(G, "Ben") == 5
    assert all("Uma" in p for p in nx.all_shortest_paths(G, "Ben", "Xavi"))
    assert nx.diameter(G) == 7 and nx.is_connected(G)


def test_community_question_degrees_from_3_maya_to_6_pia(G):
    q = question("class-what-makes-a-community")
    assert "Their degrees range from 3 (Maya) to 6 (Pia)" in q.feedback["b"]
    assert "13 join two of them and only 2 leave the group (Dev–Wen and Pia–Tariq)" in q.explanation
    group = communities(G)[community_of(G, "Omar") - 1]
    degrees = {p: degree(G, p) for p in group}
    assert min(degrees.values()) == degrees["Maya"] == 3 and max(degrees.values()) == degrees["Pia"] == 6
    assert list(degrees.values()).count(3) == 1 and list(degrees.values()).count(6) == 1


def test_modularity_one_group_with_everybody_scores_0_and_the_found_groups_score_higher():
    text = cell_text(NB, "l4-communities")
    assert "Putting everybody in one group scores 0" in text
    assert "A grouping scores high when its groups have more ties inside than chance would give them" in text
    G = class_network()
    assert abs(nx.community.modularity(G, [set(G)])) < 1e-12
    assert nx.community.modularity(G, [set(c) for c in communities(G)]) > 0.5


def test_found_communities_are_the_planted_groups_a_good_sign_not_a_proof():
    text = cell_text(NB, "l4-ex56-solution")
    assert "a good sign for the method, not a proof that it always finds the right groups" in text
    assert "a good sign, not a proof that it always works" in question("class-what-makes-a-community").feedback["d"]
    G = class_network()
    planted = {}
    for person, data in G.nodes(data=True):
        planted.setdefault(data.get("group"), set()).add(person)
    assert sorted(map(sorted, planted.values())) == sorted(map(sorted, communities(G)))
