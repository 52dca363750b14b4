"""Every quantitative or comparative sentence of lesson 5 (05-bridges-and-brokers),
and of its questions' feedback, checked on the lesson's own networks and code.

One test per claim; each reads the sentence from its cell (or question) first,
in English and in the Italian lesson (it/05-ponti-e-intermediari, whose cell
ids are the English ones with ``it-`` in front) and its questions (``-it``)."""

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from claims import _cells, cell_output, cell_text, lesson_minutes

from smlessons.datasets.networks import class_network, follow_network, karate_club
from smlessons.engine.measures import (
    audience,
    bridges,
    central_people,
    communities,
    community_of,
    degree,
    followers,
    following,
    local_bridges,
    mutual_ties,
    neighbours,
    reciprocity,
)
from smlessons.exercises import load_questions, question
from smlessons.figures.tables import audience_table

NB = "05-bridges-and-brokers"
NB_IT = "it/05-ponti-e-intermediari"
EXERCISES = Path(__file__).resolve().parents[1] / "smlessons" / "content" / "exercises"


def it_text(cell_id):
    """The Italian cell that translates the English cell `cell_id`."""
    return cell_text(NB_IT, "it-" + cell_id)


def q_it(question_id):
    return question(question_id + "-it")


@pytest.fixture(scope="module")
def G():
    return class_network()


@pytest.fixture(scope="module")
def K():
    return karate_club()


@pytest.fixture(scope="module")
def F():
    return follow_network()


def _uma_side(G):
    return communities(G)[community_of(G, "Uma") - 1]


def test_the_class_recap_says_synthetic_24_students_four_communities(G):
    text = cell_text(NB, "l5-recap")
    assert "**synthetic** class of lesson 4: 24 invented students in four communities" in text
    assert "classe **sintetica** della lezione 4: 24 studenti inventati in quattro comunità" in it_text("l5-recap")
    assert G.graph["synthetic"] and len(G) == 24 and len(communities(G)) == 4


def test_ben_uma_is_the_only_bridge_and_cuts_off_uma_s_6_from_the_other_18(G):
    text = cell_text(NB, "l5-ex123-solution")
    assert "# [('Ben', 'Uma')]" in text and "Ben–Uma is the only bridge" in text
    assert "Uma's whole community (Carla, Jamal, Luca, Uma, Vera, Xavi) is cut off from the other 18 students" in text
    it = it_text("l5-ex123-solution")
    assert "# [('Ben', 'Uma')]" in it and "Ben–Uma è l'unico ponte" in it
    assert (
        "tutta la comunità di Uma (Carla, Jamal, Luca, Uma, Vera, Xavi) resta tagliata fuori dagli altri 18 studenti"
        in it
    )
    assert bridges(G) == [("Ben", "Uma")]
    H = G.copy()
    H.remove_edge("Ben", "Uma")
    parts = sorted((sorted(c) for c in nx.connected_components(H)), key=len)
    assert parts[0] == ["Carla", "Jamal", "Luca", "Uma", "Vera", "Xavi"] == _uma_side(G) and len(parts[1]) == 18


def test_three_local_bridges_with_a_detour_of_6(G):
    text = cell_text(NB, "l5-ex123-solution")
    assert "Dev–Wen, Farid–Kira and Pia–Tariq are local bridges that are not bridges" in text
    assert "without it the detour is 6 steps long" in text
    it = it_text("l5-ex123-solution")
    assert "Dev–Wen, Farid–Kira e Pia–Tariq sono ponti locali che non sono ponti" in it
    assert "ognuno unisce due comunità, e senza di esso la deviazione è lunga 6 passi" in it
    assert local_bridges(G, with_span=True) == [
        ("Ben", "Uma", float("inf")),
        ("Dev", "Wen", 6),
        ("Farid", "Kira", 6),
        ("Pia", "Tariq", 6),
    ]
    for u, v in [("Dev", "Wen"), ("Farid", "Kira"), ("Pia", "Tariq")]:
        assert community_of(G, u) != community_of(G, v)  # "each joins two communities"
        H = G.copy()
        H.remove_edge(u, v)
        assert nx.shortest_path_length(H, u, v) == 6


def test_pia_most_friends_ben_and_uma_the_brokers_uma_3_friends(G):
    text = cell_text(NB, "l5-class-central-read")
    assert "Pia has the most friends, but Ben and Uma, the two ends of the bridge, are the brokers" in text
    assert "Uma has only 3 friends" in text
    it = it_text("l5-class-central-read")
    assert "Pia ha più amici di tutti, ma gli intermediari sono Ben e Uma, i due estremi del ponte" in it
    assert "Uma ha solo 3 amici" in it
    assert central_people(G, "degree", top=1)[0][0] == "Pia"
    assert [p for p, _ in central_people(G, "betweenness", top=2)] == ["Ben", "Uma"]
    assert degree(G, "Uma") == 3


def test_every_path_between_uma_s_community_and_the_rest_runs_through_ben_and_uma(G):
    assert "every path between Uma's community and the rest of the class runs through both of them" in cell_text(
        NB, "l5-class-central-read"
    )
    assert "ogni cammino tra la comunità di Uma e il resto della classe passa per tutti e due" in it_text(
        "l5-class-central-read"
    )
    side = set(_uma_side(G))
    rest = set(G) - side
    for broker in ("Ben", "Uma"):
        H = G.copy()
        H.remove_node(broker)
        for a in side - {broker}:
            for b in rest - {broker}:
                assert not nx.has_path(H, a, b), (broker, a, b)


def test_karate_34_members_78_ties(K):
    text = cell_text(NB, "l5-karate")
    assert "he recorded the **34** who regularly met other members outside" in text and "**78 ties**" in text
    assert "the data record, for each of the 34, the side they joined" in text
    it = it_text("l5-karate")
    assert "registrò i **34** che si incontravano regolarmente con altri membri fuori" in it and "**78 legami**" in it
    assert "i dati registrano, per ciascuno dei 34, la parte con cui si schierò" in it
    assert '(`"Mr. Hi"` o `"Officer"`, l\'amministratore)' in it
    assert (K.number_of_nodes(), K.number_of_edges()) == (34, 78)
    assert K.nodes[0]["club"] == "Mr. Hi" and K.nodes[33]["club"] == "Officer"


def test_karate_split_three_communities_one_side_the_fourth_all_but_one(K):
    text = cell_text(NB, "l5-karate-read")
    assert "In three communities everybody joined the same side; in the fourth, all but one did" in text
    assert "In tre comunità tutti si schierarono con la stessa parte; nella quarta, tutti tranne uno" in it_text(
        "l5-karate-read"
    )
    mixed = []
    for members in communities(K):
        sides = [K.nodes[m]["club"] for m in members]
        mixed.append(min(sides.count("Mr. Hi"), sides.count("Officer")))
    assert sorted(mixed) == [0, 0, 0, 1]


def test_karate_has_one_bridge_member_11_to_member_0(K):
    assert "The club has one bridge: member 11's only tie is to member 0" in cell_text(NB, "l5-karate-read")
    assert "Il club ha un solo ponte: l'unico legame del membro 11 è con il membro 0" in it_text("l5-karate-read")
    assert bridges(K) == [(0, 11)] and neighbours(K, 11) == [0]


def test_karate_solution_degrees_17_16_and_betweenness_44_percent(K):
    text = cell_text(NB, "l5-ex67-solution")
    assert "# [(33, 17), (0, 16), (32, 12)]" in text and "# [(0, 0.438), (33, 0.304), (32, 0.145)]" in text
    assert "Member 33, the administrator, has the most ties (17)" in text
    assert (
        "one tie fewer (16) but the highest betweenness: averaged over all pairs of other members, he lies on 44% of their shortest paths"
        in text
    )
    it = it_text("l5-ex67-solution")
    assert "# [(33, 17), (0, 16), (32, 12)]" in it and "# [(0, 0.438), (33, 0.304), (32, 0.145)]" in it
    assert "Il membro 33, l'amministratore, ha più legami di tutti (17)" in it
    assert (
        "ha un legame in meno (16) ma la betweenness più alta: in media su tutte le coppie di altri membri, si trova sul 44% dei loro cammini più brevi"
        in it
    )
    assert central_people(K, "degree") == [(33, 17), (0, 16), (32, 12)]
    assert central_people(K, "betweenness") == [(0, 0.438), (33, 0.304), (32, 0.145)]
    assert round(nx.betweenness_centrality(K)[0] * 100) == 44


def test_karate_the_two_leaders_are_the_two_most_central_by_either_measure(K):
    assert "The two leaders of the split are the two most central people by either measure" in cell_text(
        NB, "l5-ex67-solution"
    )
    assert "I due leader della scissione sono le due persone più centrali con entrambe le misure" in it_text(
        "l5-ex67-solution"
    )
    for by in ("degree", "betweenness"):
        assert {p for p, _ in central_people(K, by, top=2)} == {0, 33}


def test_the_follow_network_is_synthetic_with_eleven_people(F):
    assert "**It is synthetic**: eleven invented people" in cell_text(NB, "l5-follows")
    assert "**È sintetica**: undici persone inventate" in it_text("l5-follows")
    assert cell_output(NB_IT, "it-l5-follow") == (
        "({'name': 'Una rete sintetica di follow', 'synthetic': True}, 11, 34)"
    )  # the network named in Italian, the same 11 people
    assert F.graph["synthetic"] is True and F.number_of_nodes() == 11


def test_a_friendship_network_has_reciprocity_1(G):
    assert "A network of friendships has reciprocity 1" in cell_text(NB, "l5-follows")
    assert "Una rete di amicizie ha reciprocità 1" in it_text("l5-follows")
    assert reciprocity(G) == 1.0


def test_aiko_follows_lea_and_not_the_other_way(F):
    text = cell_text(NB, "l5-ex8")
    assert '`("Aiko", "Lea") in F.edges` is `True`, and `("Lea", "Aiko")` is not' in text
    assert '`("Aiko", "Lea") in F.edges` è `True`, e `("Lea", "Aiko")` no' in it_text("l5-ex8")
    assert ("Aiko", "Lea") in F.edges and ("Lea", "Aiko") not in F.edges


def test_lea_largest_audience_follows_back_one_diego_fewer_all_mutual(F):
    text = cell_text(NB, "l5-audience-read")
    assert "Lea has the largest audience, and follows back one person" in text
    assert "Diego has fewer followers, but every one of them is a mutual tie" in text
    it = it_text("l5-audience-read")
    assert "Lea ha il pubblico più grande, e ricambia il follow di una sola persona" in it
    assert "Diego ha meno follower, ma ognuno di loro è un legame reciproco" in it
    rows = audience_table(F)
    assert rows[0][0] == "Lea" and rows[0][1] > rows[1][1]
    assert len(mutual_ties(F, "Lea")) == 1
    assert audience(F, "Diego") < audience(F, "Lea") and len(mutual_ties(F, "Diego")) == audience(F, "Diego")


def test_model_answer_pia_and_ana_outside_uma_s_community_ben_5_uma_3(G):
    text = cell_text(NB, "l5-reflection")
    assert "Pia (the most friends) and Ana (one of the students with 5) both sit outside Uma's community" in text
    assert "Ben and Uma have only 5 and 3 friends" in text
    it = it_text("l5-reflection")
    assert (
        "Pia (quella con più amici) e Ana (una degli studenti con 5 amici) stanno tutte e due fuori dalla comunità di Uma"
        in it
    )
    assert "Ben e Uma hanno solo 5 e 3 amici" in it
    assert central_people(G, "degree", top=1)[0][0] == "Pia" and degree(G, "Ana") == 5
    assert "Pia" not in _uma_side(G) and "Ana" not in _uma_side(G)
    assert (degree(G, "Ben"), degree(G, "Uma")) == (5, 3)
    # "puts the news on both sides of the bridge": Ben and Uma are its two ends, in different parts once it is cut
    H = G.copy()
    H.remove_edge("Ben", "Uma")
    assert not nx.has_path(H, "Ben", "Uma")


def test_model_answer_claims_no_winning_strategy_without_a_test():
    text = cell_text(NB, "l5-reflection")
    assert "only a test can answer it" in text and "Until a strategy has been tested, it is a guess" in text
    for overclaim in ("reach more people than", "the best seeds", "wins"):
        assert overclaim not in text
    it = it_text("l5-reflection")
    assert (
        "solo una prova può rispondere" in it
        and "Finché una strategia non è stata messa alla prova, è un'ipotesi" in it
    )
    for overclaim in ("raggiungono più persone di", "i seed migliori", "vince"):
        assert overclaim not in it


def test_model_answer_karate_split_along_communities():
    text = cell_text(NB, "l5-reflection")
    assert "in three of the four communities everybody joined the same side, in the fourth all but one" in text
    assert (
        "in tre delle quattro comunità tutti si schierarono con la stessa parte, nella quarta tutti tranne uno"
        in it_text("l5-reflection")
    )
    # computed in test_karate_split_three_communities_one_side_the_fourth_all_but_one


def test_model_answer_lea_10_followers_diego_4_all_mutual_lea_follows_back_1(F):
    text = cell_text(NB, "l5-reflection")
    assert (
        "Lea's post can reach up to her 10 followers, Diego's up to his 4; but all 4 of Diego's ties are mutual, and Lea follows back only 1 of hers"
        in text
    )
    assert (
        "Il post di Lea può arrivare fino ai suoi 10 follower, quello di Diego fino ai suoi 4; ma tutti e 4 i legami di Diego sono reciproci, mentre Lea ricambia solo 1 dei suoi"
        in it_text("l5-reflection")
    )
    assert audience(F, "Lea") == 10 and audience(F, "Diego") == 4
    assert len(mutual_ties(F, "Diego")) == 4 and len(mutual_ties(F, "Lea")) == 1


# -- the questions' texts ------------------------------------------------------------


def test_cut_the_bridge_question_6_students_and_the_other_18(G):
    q = question("class-cut-the-bridge")
    assert q.options["c"] == "6: Uma and everybody in her community." and q.answer == "c"
    assert "those 6 students, and the other 18" in q.explanation
    assert "here one part is much smaller than the other" in q.feedback["d"]
    qi = q_it("class-cut-the-bridge")
    assert qi.options["c"] == "6: Uma e tutta la sua comunità." and qi.answer == "c"
    assert "quei 6 studenti e gli altri 18" in qi.explanation
    assert "qui una parte è molto più piccola dell'altra" in qi.feedback["d"]
    H = G.copy()
    H.remove_edge("Ben", "Uma")
    assert sorted(len(c) for c in nx.connected_components(H)) == [6, 18]
    assert sorted(p for p in H if not nx.has_path(H, p, "Pia")) == _uma_side(G)


def test_uma_betweenness_question_second_after_ben(G):
    q = question("uma-betweenness")
    assert "Uma has only 3 friends, fewer than most of the class" in q.prompt
    assert (
        "Uma is second, after Ben" in q.explanation and "her community (6 students) and the other 18" in q.explanation
    )
    qi = q_it("uma-betweenness")
    assert "Uma ha solo 3 amici, meno della maggior parte della classe" in qi.prompt
    assert "Uma è seconda, dopo Ben" in qi.explanation
    assert "la sua comunità (6 studenti) e gli altri 18" in qi.explanation
    assert [p for p, _ in central_people(G, "betweenness", top=2)] == ["Ben", "Uma"]
    assert sum(degree(G, p) > 3 for p in G) > len(G) / 2
    assert len(_uma_side(G)) == 6


def test_karate_questions_member_0_best_on_his_side_one_tie_fewer_than_33(K):
    assert (
        "best-connected person on his side of the club, but someone on the other side has one tie more"
        in question("karate-most-ties").feedback["0"]
    )
    assert "He has one tie fewer than member 33" in question("karate-broker").explanation
    assert "Member 11, whose only tie is to him, adds only 0.06" in question("karate-broker").explanation
    assert (
        "la persona con più legami dalla sua parte del club, ma qualcuno dall'altra parte ha un legame in più"
        in q_it("karate-most-ties").feedback["0"]
    )
    assert "Ha un legame in meno del membro 33" in q_it("karate-broker").explanation
    assert "Il membro 11, il cui unico legame è con lui, aggiunge solo 0,06" in q_it("karate-broker").explanation
    his_side = [m for m in K if K.nodes[m]["club"] == "Mr. Hi"]
    assert max(his_side, key=lambda m: degree(K, m)) == 0
    assert degree(K, 33) == degree(K, 0) + 1 and K.nodes[33]["club"] == "Officer"
    assert neighbours(K, 11) == [0]


def test_reciprocity_question_0_706_then_0_957_nine_of_ten_unreturned_point_at_lea(F):
    q = question("reciprocity-without-lea")
    assert "70.6% of the follows are returned (reciprocity 0.706)" in q.prompt
    assert "It rises to 0.957. Of the 10 follows that nobody returns, 9 point at Lea" in q.explanation
    assert "Lea returns one follow only (Jonas). Nine of her ten followers are not followed back" in q.feedback["b"]
    assert "Deleting Lea removes 11 of them" in q.feedback["c"]
    qi = q_it("reciprocity-without-lea")
    assert "il 70,6% dei follow è ricambiato (reciprocità 0,706)" in qi.prompt
    assert "Sale a 0,957. Dei 10 follow che nessuno ricambia, 9 puntano verso Lea" in qi.explanation
    assert (
        "Lea ricambia un solo follow (Jonas). Nove dei dieci follow che riceve non sono ricambiati" in qi.feedback["b"]
    )
    assert "Cancellare Lea ne toglie 11" in qi.feedback["c"]
    assert reciprocity(F) == 0.706
    unreturned = [(u, v) for u, v in F.edges if not F.has_edge(v, u)]
    assert len(unreturned) == 10 and sum(v == "Lea" for _, v in unreturned) == 9
    assert mutual_ties(F, "Lea") == ["Jonas"] and audience(F, "Lea") == 10
    assert F.in_degree("Lea") + F.out_degree("Lea") == 11
    H = F.copy()
    H.remove_node("Lea")
    assert reciprocity(H) == 0.957 > reciprocity(F)


def test_arrows_to_lines_question_degree_10_and_one_mutual(F):
    q = question("arrows-to-lines")
    assert 'degree(F, "Lea")' in q.prompt and "It gives 10" in q.prompt
    assert "10 people follow her and she follows back one of them, Jonas" in q.explanation
    assert "Lea has the largest audience in the network: 10 followers" in q.feedback["c"]
    qi = q_it("arrows-to-lines")
    assert 'degree(F, "Lea")' in qi.prompt and "Dà 10" in qi.prompt
    assert "10 persone la seguono e lei ne segue a sua volta una, Jonas" in qi.explanation
    assert "Lea ha il pubblico più grande della rete: 10 follower" in qi.feedback["c"]
    assert degree(F, "Lea") == 10 and followers(F, "Lea") and following(F, "Lea") == ["Jonas"]
    assert audience_table(F)[0][:2] == ("Lea", 10)


def test_a_local_bridge_leaves_a_detour_of_at_least_3_steps(G, K):
    text = cell_text(NB, "l5-bridges")
    assert "no friend in common: cut it, and any detour between them takes at least 3 steps" in text
    assert "non hanno amici in comune: se lo tagli, qualunque deviazione tra i due richiede almeno 3 passi" in it_text(
        "l5-bridges"
    )
    for graph in (G, K):
        for u, v, span in local_bridges(graph, with_span=True):
            assert span >= 3 and not set(graph[u]) & set(graph[v])


def test_granovetter_s_job_contacts_occasionally_or_rarely_far_more_often_than_often():
    """The figures are quoted from Granovetter (1973), p. 1371; the test checks
    that the sentence's comparison follows from the figures it quotes."""
    text = cell_text(NB, "l5-weak-ties")
    assert (
        "16.7% saw that person often at the time, 55.6% occasionally and 27.8% rarely (Granovetter, 1973, p. 1371)"
        in text
    )
    assert "far more often someone seen occasionally or rarely than someone seen often" in text
    it = it_text("l5-weak-ties")
    assert (
        "il 16,7% all'epoca vedeva quella persona spesso, il 55,6% ogni tanto e il 27,8% raramente (Granovetter, 1973, p. 1371)"
        in it
    )
    assert "molto più spesso qualcuno visto ogni tanto o raramente che qualcuno visto spesso" in it
    often, occasionally, rarely = 16.7, 55.6, 27.8
    assert round(often + occasionally + rarely) == 100 and occasionally + rarely > 4 * often


def test_lea_s_reciprocity_2_of_11_arrows(F):
    text = cell_text(NB, "l5-audience-read")
    assert "of Lea's 11 arrows (10 in, 1 out), only the 2 between her and Jonas are" in text
    assert "delle 11 frecce di Lea (10 in entrata, 1 in uscita), sono ricambiate solo le 2 tra lei e Jonas" in it_text(
        "l5-audience-read"
    )
    assert (F.in_degree("Lea"), F.out_degree("Lea")) == (10, 1)
    assert F.has_edge("Lea", "Jonas") and F.has_edge("Jonas", "Lea")
    assert reciprocity(F, "Lea") == round(2 / 11, 3)


def test_the_class_records_no_strength_and_the_karate_club_a_number_of_kinds_of_contact(G, K):
    text = cell_text(NB, "l5-weak-ties")
    assert "The class network records *whether* two people are tied, not *how strongly*" in text
    assert "The karate club below does record a strength, the number of kinds of contact two members had" in text
    assert "the class network does not even record how strong a tie is" in question("weak-ties-why").feedback["d"]
    it = it_text("l5-weak-ties")
    assert "La rete della classe registra *se* due persone sono legate, non *quanto forte* è il legame" in it
    assert (
        "Il club di karate che vedremo tra poco registra invece una forza: il numero di tipi di contatto che due membri avevano"
        in it
    )
    assert "la rete della classe non registra nemmeno quanto è forte un legame" in q_it("weak-ties-why").feedback["d"]
    assert all(not data for *_, data in G.edges(data=True))
    assert all(isinstance(data.get("weight"), int) and data["weight"] >= 1 for *_, data in K.edges(data=True))
    # the measures ignore it: degree and betweenness are the same without the weights
    plain = nx.Graph(K.edges())
    assert central_people(plain, "betweenness") == central_people(K, "betweenness")


# -- added with the second review ------------------------------------------------------


def _share_of_0_s_betweenness(K, pair_filter):
    """Part of member 0's betweenness that comes from the pairs pair_filter keeps."""
    from itertools import combinations

    others = [m for m in K if m != 0]
    total = 0.0
    for s, t in combinations(others, 2):
        if pair_filter(s, t):
            paths = list(nx.all_shortest_paths(K, s, t))
            total += sum(0 in p for p in paths) / len(paths)
    return total / (len(others) * (len(others) - 1) / 2)


def test_most_of_member_0_s_betweenness_comes_from_pairs_across_the_split(K):
    text = cell_text(NB, "l5-ex67-solution")
    assert "Most of that comes from pairs on opposite sides of the split" in text
    q = question("karate-broker").explanation
    assert "Most of his betweenness (0.28) comes from pairs on opposite sides of the split" in q
    assert (
        "La maggior parte di questa betweenness viene da coppie che stanno dalle due parti della scissione"
        in it_text("l5-ex67-solution")
    )
    assert (
        "La maggior parte della sua betweenness (0,28) viene da coppie che stanno dalle due parti della scissione"
        in q_it("karate-broker").explanation
    )
    across = _share_of_0_s_betweenness(K, lambda s, t: K.nodes[s]["club"] != K.nodes[t]["club"])
    assert round(across, 2) == 0.28 and across > nx.betweenness_centrality(K)[0] / 2


def test_member_11_adds_only_0_06_to_member_0_s_betweenness(K):
    assert "adds only 0.06" in question("karate-broker").explanation
    assert "aggiunge solo 0,06" in q_it("karate-broker").explanation
    share = _share_of_0_s_betweenness(K, lambda s, t: 11 in (s, t))
    assert round(share, 2) == 0.06 and share == 32 / 528


def test_karate_mismatch_is_member_8_and_four_communities_matched_after_the_fact(K):
    text = cell_text(NB, "l5-karate-read")
    assert "The algorithm found four communities, not two" in text
    assert "member 8 (Zachary's individual 9)" in text
    it = it_text("l5-karate-read")
    assert "L'algoritmo ha trovato quattro comunità, non due" in it and "il membro 8 (l'individuo 9 di Zachary)" in it
    assert len(communities(K)) == 4
    mismatched = []
    for members in communities(K):
        sides = [K.nodes[m]["club"] for m in members]
        majority = max(set(sides), key=sides.count)
        mismatched += [m for m in members if K.nodes[m]["club"] != majority]
    assert mismatched == [8] and K.nodes[8]["club"] == "Mr. Hi"


def test_karate_s_only_bridge_is_a_pendant_tie(K):
    text = cell_text(NB, "l5-karate-read")
    assert "A tie to someone who has no other tie (a *pendant* tie) is always a bridge" in text
    assert "Un legame verso qualcuno che non ha altri legami (un legame *pendente*) è sempre un ponte" in it_text(
        "l5-karate-read"
    )
    assert bridges(K) == [(0, 11)] and degree(K, 11) == 1


def test_karate_local_bridges_average_2_36_kinds_of_contact_the_other_67_ties_3_06(K):
    text = cell_text(NB, "l5-karate-weights-read")
    assert "The 11 local bridges average 2.36 kinds of contact, the other 67 ties 3.06" in text
    assert "one local bridge has 5 kinds of contact" in text
    assert "local_bridges(K)" in cell_text(NB, "l5-karate-weights")
    it = it_text("l5-karate-weights-read")
    assert "Gli 11 ponti locali hanno in media 2,36 tipi di contatto, gli altri 67 legami 3,06" in it
    assert "un ponte locale ha 5 tipi di contatto" in it
    assert "{'ponti locali': (11, 2.36), 'altri legami': (67, 3.06)}" in cell_output(NB_IT, "it-l5-karate-weights")
    spanning = {frozenset(t) for t in local_bridges(K)}
    lb = [w for u, v, w in K.edges(data="weight") if frozenset((u, v)) in spanning]
    other = [w for u, v, w in K.edges(data="weight") if frozenset((u, v)) not in spanning]
    assert (len(lb), round(sum(lb) / len(lb), 2)) == (11, 2.36)
    assert (len(other), round(sum(other) / len(other), 2)) == (67, 3.06)
    assert sum(w == 5 for w in lb) == 1 and max(lb) == 5


def test_lea_s_mutual_tie_counts_twice_in_in_plus_out_degree_11(F):
    text = cell_text(NB, "l5-ex10")
    assert 'networkx\'s `F.degree("Lea")` gives 11' in text
    assert '`F.degree("Lea")` di networkx dà 11' in it_text("l5-ex10")
    assert "il grado del corso conta le persone distinte legate a Lea" in q_it("arrows-to-lines").prompt
    assert F.degree("Lea") == F.in_degree("Lea") + F.out_degree("Lea") == 11 and degree(F, "Lea") == 10
    assert "the course's degree counts the distinct people tied to Lea" in question("arrows-to-lines").prompt


def test_reciprocity_arc_based_here_pair_based_lower_when_follows_go_unreturned(F):
    text = cell_text(NB, "l5-follows")
    assert "networkx's `overall_reciprocity` counts the same" in text
    assert "That share is lower whenever some follows are not returned" in text
    it = it_text("l5-follows")
    assert "`overall_reciprocity` di networkx conta la stessa cosa" in it
    assert "Questa quota è più bassa ogni volta che alcuni follow non sono ricambiati" in it
    assert reciprocity(F) == round(nx.overall_reciprocity(F), 3)
    pairs = {frozenset(e) for e in F.edges()}
    mutual = sum(F.has_edge(*sorted(p)) and F.has_edge(*sorted(p)[::-1]) for p in pairs)
    # arcs: 2m / (2m + u) against pairs: m / (m + u), lower whenever u > 0
    assert mutual / len(pairs) < reciprocity(F) and len(pairs) > mutual


def test_lesson_7_test_bridge_seeds_below_random_ben_and_uma_one_tie(G):
    from smlessons.engine.diffusion import choose_seeds
    from smlessons.figures.spread import compare_strategies

    text = cell_text(NB, "l5-reflection")
    assert (
        "Lesson 7 runs that test (3 seeds, p = 0.3, 200 runs): in this class the three people with the highest betweenness, Ben, Uma and Farid, reach fewer people on average than three people picked at random"
        in text
    )
    assert "(Ben and Uma are the two ends of one tie)" in text
    it = it_text("l5-reflection")
    assert (
        "La lezione 7 fa questa prova (3 seed, p = 0,3, 200 simulazioni): in questa classe le tre persone con la betweenness più alta, Ben, Uma e Farid, raggiungono in media meno persone di tre persone scelte a caso"
        in it
    )
    assert "(Ben e Uma sono i due estremi di un solo legame)" in it
    assert choose_seeds(G, "broker", 3) == ["Ben", "Uma", "Farid"] and G.has_edge("Ben", "Uma")
    means = compare_strategies(G, p=0.3, runs=200, k=3, rng=0).mean()
    assert means["broker"] < means["random"]


def test_granovetter_base_rate_caveat_is_stated():
    text = cell_text(NB, "l5-weak-ties")
    assert "Most people have many more acquaintances than close friends" in text
    assert "they do not show that one weak tie is worth more than one strong tie" in text
    assert "Numbers matter for the job figures" in question("weak-ties-why").feedback["b"]
    it = it_text("l5-weak-ties")
    assert "La maggior parte delle persone ha molti più conoscenti che amici stretti" in it
    assert "non mostrano che un legame debole valga più di un legame forte" in it
    assert "I numeri contano per i dati sul lavoro" in q_it("weak-ties-why").feedback["b"]


# -- the Italian lesson ----------------------------------------------------------------


def _asked(notebook):
    """The question ids the notebook's ``ask`` and ``check`` cells use, in order."""
    out = []
    for cell in _cells(notebook).values():
        if cell["cell_type"] == "code":
            out += re.findall(r'(?:ask|check)\("([^"]+)"', "".join(cell["source"]))
    return out


def test_italian_students_get_the_same_questions_checked_the_same_way():
    english, italian = _asked(NB), _asked(NB_IT)
    assert italian == [f"{q}-it" for q in english] and len(set(english)) == 10
    en = load_questions("lesson05_bridges_and_brokers")
    it = load_questions("lesson05_bridges_and_brokers_it")
    assert set(it) == set(italian) and list(it) == [f"{q}-it" for q in en]
    for qid, q in en.items():
        qi = it[qid + "-it"]
        same = ("kind", "level", "answer", "options", "compute")
        assert [getattr(q, a) if a != "options" else list(q.options or ()) for a in same] == [
            getattr(qi, a) if a != "options" else list(qi.options or ()) for a in same
        ], qid
        assert qi.language == "it"
        assert sorted(q.feedback or ()) == sorted(qi.feedback or ()), qid
    raw = {
        lang: json.loads((EXERCISES / f"lesson05_bridges_and_brokers{lang}.json").read_text(encoding="utf-8"))
        for lang in ("", "_it")
    }
    assert raw[""]["sources"] == raw["_it"]["sources"]
    assert [q["source"] for q in raw[""]["questions"]] == [q["source"] for q in raw["_it"]["questions"]]


def test_the_karate_split_prints_in_italian_and_counts_the_same_sides(K):
    """The Italian cell prints, per community, how many joined each side: the same counts as the English code."""
    out = cell_output(NB_IT, "it-l5-karate-split-count").splitlines()
    expected = []
    for k, members in enumerate(communities(K), start=1):
        sides = [K.nodes[m]["club"] for m in members]
        expected.append(
            f"Comunità {k}: {sides.count('Mr. Hi')} con Mr. Hi, {sides.count('Officer')} con l'amministratore"
        )
    assert out == expected


def test_the_italian_audience_table_has_italian_headers_and_the_same_rows(F):
    lines = cell_output(NB_IT, "it-l5-audience-table").splitlines()
    assert lines[0].split() == ["persona", "follower", "seguiti", "reciproci", "non", "ricambiati"]
    assert [tuple(line.split()) for line in lines[1:]] == [tuple(map(str, row)) for row in audience_table(F)]
    assert "(seguiti)" in it_text("l5-audience") and "(non ricambiati)" in it_text("l5-audience")


def test_the_stated_minutes_follow_one_rule_in_both_languages():
    """The header: Teaching = Markdown words / 140 (rounded), Exercises = the minutes in the headings."""
    for nb in (NB, NB_IT):
        stated, reading, doing = lesson_minutes(nb)
        assert stated == (reading, doing) and doing == 29, (nb, stated, reading, doing)
