"""Every quantitative or comparative sentence of lesson 8 (prose, model answers,
exercise feedback), checked on the same data and code, one test per claim.

Each test reads the sentence where it stands (a notebook cell, or a question of
``lesson08_planning_a_campaign.json``), asserts it still says what the test
checks, then computes the fact. The simulations use the lesson's own scenario
(``Campaign()``: 200 runs, random seed 0), as the notebook does.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import combinations

import pytest
from claims import cell_text, lesson_minutes

from smlessons.datasets.multiplex import multiplex_class
from smlessons.datasets.networks import class_network
from smlessons.engine.measures import bridges, degrees
from smlessons.engine.multilayer import media_of, overlap, removal_effects
from smlessons.exercises import load_questions, question
from smlessons.exercises.campaign import Campaign, check_plan, judge_reason, texts
from smlessons.i18n import format_number

NB = "08-planning-a-campaign"
NB_IT = "it/08-progettare-una-campagna"


@cache
def campaign() -> Campaign:
    return Campaign()


@cache
def run(media: tuple, seeds: tuple, **scenario):
    return (Campaign(**scenario) if scenario else campaign()).plan(list(media), list(seeds))


MODEL = (("Instagram", "WhatsApp"), ("Carla", "Jamal"))
PLAN_A = (("Instagram",), ("Carla", "Jamal", "Uma"))
THREE_INSIDE = (("WhatsApp",), ("Uma", "Vera", "Xavi"))
HUBS = (("Instagram",), ("Pia", "Ben"))


def q(qid: str):
    return load_questions("lesson08_planning_a_campaign")[qid]


def text_of(qid: str) -> str:
    x = q(qid)
    return " ".join([x.prompt, x.explanation, *(x.options or {}).values(), *x.feedback.values()])


def q_it(qid: str):
    """The Italian translation of question `qid` (an English id)."""
    return load_questions("lesson08_planning_a_campaign_it")[qid + "-it"]


def text_of_it(qid: str) -> str:
    x = q_it(qid)
    return " ".join([x.prompt, x.explanation, *(x.options or {}).values(), *x.feedback.values()])


def it(x: float) -> str:
    """A mean as the Italian lesson writes it: one decimal, with a comma."""
    return format_number(x, "it", decimals=1, grouping=False)


def inside_ties():
    c = campaign()
    return [(u, v, set(ms)) for u, v, ms in c.graph.subgraph(c.members).edges(data="platform")]


def ties_leaving_target(medium=None):
    c = campaign()
    members = set(c.members)
    return [
        (u, v, set(ms))
        for u, v, ms in c.graph.edges(data="platform")
        if (u in members) != (v in members) and (medium is None or medium in ms)
    ]


def users(medium) -> int:
    return {r["medium"]: r["people"] for r in campaign().media_table()}[medium]


# -- notebook prose ----------------------------------------------------------


def test_brief_same_class_as_lesson_6_on_four_media():
    text = cell_text(NB, "l8-brief")
    assert "the same students, with ties on WhatsApp, Instagram, TikTok and Minecraft" in text
    G = campaign().graph
    assert sorted(G.edges()) == sorted(multiplex_class().edges()) == sorted(class_network().edges())
    assert media_of(G) == ["WhatsApp", "Instagram", "TikTok", "Minecraft"]
    assert "gli stessi studenti, con legami su WhatsApp, Instagram, TikTok e Minecraft" in cell_text(
        NB_IT, "it-l8-brief"
    )


def test_brief_a_tie_on_two_media_gets_two_chances():
    assert "A tie on two of your media gets two chances. This is an **assumption** of the game" in cell_text(
        NB, "l8-brief"
    )
    c = campaign()
    H = c._network(["Instagram", "WhatsApp"])
    assert H.edges["Carla", "Xavi"]["p"] == pytest.approx(1 - (1 - c.p) ** 2)  # on both
    assert H.edges["Jamal", "Uma"]["p"] == pytest.approx(c.p)  # WhatsApp only
    assert "Un legame su due dei tuoi mezzi ha due possibilità. È un'**ipotesi** del gioco" in cell_text(
        NB_IT, "it-l8-brief"
    )


def test_brief_p_recap_30_percent_one_attempt_per_tie_200_runs():
    text = cell_text(NB, "l8-brief")
    assert (
        "with p = 0.3: each time someone gets the message, each of their friends on a medium you bought has a 30% chance of getting it from them, and that friend gets one such attempt from them on each of those media, never more"
        in text
    )
    assert "Each plan is run 200 times" in text
    c = campaign()
    assert c.p == 0.3 and c.runs == 200
    # one attempt: Ben is a seed, Ben–Uma (on Instagram only) is the only way in, and the message
    # gets in in about 30% of the runs, not more (several attempts would push it towards 100%)
    assert 0.2 <= (run(*HUBS).in_target > 0).mean() <= 0.4
    text_it = cell_text(NB_IT, "it-l8-brief")
    assert (
        "con p = 0,3: ogni volta che qualcuno riceve il messaggio, ciascuno dei suoi amici su un mezzo che hai comprato ha il 30% di probabilità di riceverlo da lui, e con quell'amico ci prova una volta sola su ciascuno di quei mezzi, mai di più"
        in text_it
    )
    assert "Ogni piano viene simulato 200 volte" in text_it


def test_brief_follows_are_two_way_and_groups_are_pairs_in_the_game():
    text = cell_text(NB, "l8-brief")
    assert "In the game a message crosses an Instagram or TikTok tie in both directions" in text
    assert "A WhatsApp or Minecraft group is a set of ties between two friends, each with its own chance" in text
    c = campaign()
    assert not c.graph.is_directed() and not c._network(["Instagram"]).is_directed()
    H = c._network(["WhatsApp"])
    assert all("p" in d for *_, d in H.edges(data=True))  # every pair has its own chance
    text_it = cell_text(NB_IT, "it-l8-brief")
    assert "Nel gioco un messaggio attraversa un legame di Instagram o di TikTok in entrambe le direzioni" in text_it
    assert (
        "Un gruppo WhatsApp o Minecraft è un insieme di legami tra due amici, ognuno con la sua probabilità" in text_it
    )


def test_whatsapp_has_the_most_users():
    assert "WhatsApp is the medium with the most users in the class." in cell_text(NB, "l8-broadcast-intro")
    people = {r["medium"]: r["people"] for r in campaign().media_table()}
    assert max(people, key=people.get) == "WhatsApp" and sorted(people.values())[-2] < people["WhatsApp"]
    assert "WhatsApp è il mezzo con più utenti nella classe." in cell_text(NB_IT, "it-l8-broadcast-intro")


def test_whatsapp_ties_of_the_group_stay_inside():
    assert "the WhatsApp ties of Uma's group stay inside the group" in cell_text(NB, "l8-broadcast-says")
    assert ties_leaving_target("WhatsApp") == []
    assert "i legami su WhatsApp del gruppo di Uma restano dentro il gruppo" in cell_text(NB_IT, "it-l8-broadcast-says")


def test_instagram_carries_most_ties_between_groups():
    assert "buy Instagram, which carries most of the ties between friendship groups" in cell_text(NB, "l8-first-intro")
    G = campaign().graph
    between = [set(ms) for u, v, ms in G.edges(data="platform") if G.nodes[u]["group"] != G.nodes[v]["group"]]
    assert sum("Instagram" in ms for ms in between) > len(between) / 2
    assert "comprare Instagram, che porta la maggior parte dei legami tra i gruppi di amici" in cell_text(
        NB_IT, "it-l8-first-intro"
    )


def test_pia_is_the_most_connected_and_ben_the_main_broker_at_the_only_bridge():
    assert (
        "seed Pia, the most connected student of the class, and Ben, its main broker (in lesson 5, Ben has the highest betweenness and is one end of the class's only bridge, Ben–Uma)"
        in cell_text(NB, "l8-first-intro")
    )
    assert (
        "Pia, the most connected student of the class, and Ben, its main broker (lesson 5: the highest betweenness, and one end of the class's only bridge)"
        in q("campaign-hubs-predict").prompt
    )
    import networkx as nx

    G = campaign().graph
    deg = degrees(G)
    assert max(deg, key=deg.get) == "Pia" and list(deg.values()).count(deg["Pia"]) == 1
    btw = nx.betweenness_centrality(nx.Graph(G))
    assert max(btw, key=btw.get) == "Ben"
    assert [frozenset(b) for b in bridges(class_network())] == [frozenset(("Ben", "Uma"))]
    assert (
        "scegliere come seed Pia, la studentessa più connessa della classe, e Ben, il principale intermediario della classe (nella lezione 5 Ben ha la centralità di intermediazione più alta ed è uno dei due estremi dell'unico ponte della classe, Ben–Uma)"
        in cell_text(NB_IT, "it-l8-first-intro")
    )
    assert (
        "Pia, la studentessa più connessa della classe, e Ben, il principale intermediario della classe (lezione 5: la centralità di intermediazione più alta, e uno dei due estremi dell'unico ponte)"
        in q_it("campaign-hubs-predict").prompt
    )


def test_first_plan_never_gets_in_in_most_runs():
    assert "in most runs it never gets in" in cell_text(NB, "l8-first-says")
    first = run(("Instagram",), ("Pia", "Ben"))
    assert (first.in_target == 0).mean() > 0.5
    assert "nella maggior parte delle simulazioni non entra mai" in cell_text(NB_IT, "it-l8-first-says")


def test_model_answer_the_two_media_carry_9_of_10_ties_and_each_adds_its_own():
    text = cell_text(NB, "l8-model-answer")
    assert (
        'together they carry 9 of the 10 ties inside " "the group, and each adds ties of its own: only WhatsApp carries Jamal–Uma and Luca–Vera, only Instagram " "Jamal–Vera'
        in text
    )
    ties = inside_ties()
    assert len(ties) == 10 and sum(bool(ms & {"Instagram", "WhatsApp"}) for *_, ms in ties) == 9
    only = lambda m, other: {frozenset((u, v)) for u, v, ms in ties if m in ms and other not in ms}  # noqa: E731
    assert only("WhatsApp", "Instagram") == {frozenset(("Jamal", "Uma")), frozenset(("Luca", "Vera"))}
    assert only("Instagram", "WhatsApp") == {frozenset(("Jamal", "Vera"))}
    assert (
        'insieme portano 9 dei 10 legami interni " "al gruppo, e ognuno aggiunge legami suoi: solo WhatsApp porta Jamal–Uma e Luca–Vera, solo Instagram " "Jamal–Vera'
        in cell_text(NB_IT, "it-l8-model-answer")
    )


def test_model_answer_reach_cost_per_person_and_earned():
    text = cell_text(NB, "l8-model-answer")
    assert (
        'Over 200 runs the plan reached 5.0 of the 6 people of the group (83%), 2.0 points per person " "reached, and 3.0 of them heard it from a friend'
        in text
    )
    m = run(*MODEL)
    assert campaign().runs == 200 and f"{m.in_target.mean():.1f}" == "5.0" and f"{m.target_reach:.0%}" == "83%"
    assert f"{m.cost_per_target:.1f}" == "2.0" and f"{m.earned_in_target:.1f}" == "3.0"
    assert (
        'Su 200 simulazioni il piano ha raggiunto 5,0 delle 6 persone del gruppo (83%), 2,0 punti per persona " '
        "\"raggiunta, e 3,0 di loro l'hanno saputo da un amico" in cell_text(NB_IT, "it-l8-model-answer")
    )
    assert [it(x) for x in (m.in_target.mean(), m.cost_per_target, m.earned_in_target)] == ["5,0", "2,0", "3,0"]


def test_model_answer_reasons_a_b_d_are_marked_true_and_e_is_not_a_sound_reason():
    text = cell_text(NB, "l8-model-answer")
    assert 'my_reasons = ["a", "b", "d"]' in text and "Reasons (a), (b) and (d) were marked true" in text
    fb = check_plan(run(*MODEL), ["a", "b", "d"], "x", answers=False)
    assert fb.verdicts == {"a": True, "b": True, "d": True}
    assert all(texts()["reasons"][k]["sound"] for k in "abd")
    assert "Reasons (c), (e), (f), (g) and (h) are the tempting ones" in text
    assert [k for k, r in texts()["reasons"].items() if not r["sound"]] == ["c", "e", "f", "g", "h"]
    text_it = cell_text(NB_IT, "it-l8-model-answer")
    assert 'my_reasons = ["a", "b", "d"]' in text_it and "Le ragioni (a), (b) e (d) sono risultate vere" in text_it
    assert "Le ragioni (c), (e), (f), (g) e (h) sono quelle allettanti" in text_it
    plan_it = Campaign(language="it").plan(*map(list, MODEL))
    assert check_plan(plan_it, ["a", "b", "d"], "x", answers=False).verdicts == {"a": True, "b": True, "d": True}
    assert [k for k, r in texts("it")["reasons"].items() if not r["sound"]] == ["c", "e", "f", "g", "h"]


def test_model_answer_with_one_chance_or_rare_sharing_three_seeds_on_whatsapp_do_better():
    text = cell_text(NB, "l8-model-answer")
    assert (
        'with one chance per " "tie, or if people rarely share, three seeds inside the group on WhatsApp alone would do better'
        in text
    )
    assert run(*THREE_INSIDE, one_chance=True).target_reach > run(*MODEL, one_chance=True).target_reach
    assert run(*THREE_INSIDE, p=0.05).target_reach > run(*MODEL, p=0.05).target_reach
    assert run(*MODEL).target_reach > run(*THREE_INSIDE).target_reach  # "part of our lead"
    assert (
        'con una sola " "possibilità per legame, o se le persone condividono di rado, tre seed dentro il gruppo solo su WhatsApp farebbero meglio'
        in cell_text(NB_IT, "it-l8-model-answer")
    )


def test_model_answer_ben_one_tie_passes_it_on_in_about_3_runs_of_10():
    text = cell_text(NB, "l8-model-answer")
    assert "his one tie into the group passes the message on in about 3 runs out of 10" in text
    share = (run(*HUBS).in_target > 0).mean()
    assert campaign().p == 0.3 and 0.25 <= share <= 0.4
    assert "il suo unico legame verso il gruppo passa il messaggio più o meno in 3 simulazioni su 10" in cell_text(
        NB_IT, "it-l8-model-answer"
    )


def test_model_answer_most_connected_ties_lead_elsewhere():
    text = cell_text(NB, "l8-model-answer")
    assert "We left out Pia, the most connected student, because her ties lead to other groups" in text
    c = campaign()
    deg = degrees(c.graph)
    assert max(deg, key=deg.get) == "Pia" and list(deg.values()).count(deg["Pia"]) == 1
    assert not set(c.graph["Pia"]) & set(c.members)
    assert (
        "Abbiamo lasciato fuori Pia, la studentessa più connessa, perché i suoi legami portano ad altri gruppi"
        in cell_text(NB_IT, "it-l8-model-answer")
    )


def test_reflection_best_connected_student_plan_hardly_reached_the_group():
    text = cell_text(NB, "l8-reflection")
    assert (
        "the best-connected student's ties lead to other groups, so in our runs that plan hardly reached Uma's group"
        in text
    )
    assert run(*HUBS).target_reach < 0.2 and not set(campaign().graph["Pia"]) & set(campaign().members)
    assert (
        "i legami della studentessa più connessa portano ad altri gruppi, quindi nelle nostre simulazioni quel piano ha raggiunto a malapena il gruppo di Uma"
        in cell_text(NB_IT, "it-l8-reflection")
    )


def test_reflection_at_p_03_most_of_the_model_plans_reach_came_from_sharing():
    text = cell_text(NB, "l8-reflection")
    assert (
        "in our game, with a generous chance of sharing (p = 0.3), most of the reach of the model plan came from friends passing it on"
        in text
    )
    model = run(*MODEL)
    assert campaign().p == 0.3 and model.earned_in_target > model.in_target.mean() / 2
    assert (
        "nel nostro gioco, con una probabilità di condivisione generosa (p = 0,3), la maggior parte della reach del piano modello è venuta da amici che hanno passato il messaggio"
        in cell_text(NB_IT, "it-l8-reflection")
    )


def test_reflection_if_people_rarely_share_most_of_the_reach_is_the_seeds():
    text = cell_text(NB, "l8-reflection")
    assert "If people rarely share, most of the reach is the seeds we pay for" in text
    rare = run(*MODEL, p=0.05)
    assert rare.earned_in_target < rare.in_target.mean() / 2
    assert "Se le persone condividono di rado, la reach è fatta quasi tutta dai seed che paghiamo" in cell_text(
        NB_IT, "it-l8-reflection"
    )


def test_key_points_sharing_did_most_of_the_work_at_p_03_and_two_chances_favoured_the_model_plan():
    text = cell_text(NB, "l8-key-points")
    assert "With the game's generous p = 0.3, sharing did most of the work for the best plan" in text
    assert "Counting a tie on two media as two chances favoured the model plan, which buys two." in text
    model = run(*MODEL)
    assert model.earned_in_target > model.in_target.mean() / 2
    assert model.target_reach > run(*MODEL, one_chance=True).target_reach
    text_it = cell_text(NB_IT, "it-l8-key-points")
    assert (
        "Con la generosa p = 0,3 del gioco, per il piano migliore la condivisione ha fatto la maggior parte del lavoro"
        in text_it
    )
    assert (
        "Contare un legame su due mezzi come due possibilità ha favorito il piano modello, che ne compra due."
        in text_it
    )


def test_review_solutions_are_the_computed_keys():
    text = cell_text(NB, "l8-review-solutions")
    assert (
        '`"medium"`; `6`; `("Ben", "Uma")`; `"Instagram"`; `"degree"`. The middle three are computed from the course\'s networks when you check them'
        in text
    )
    assert "the last is what lesson 7's comparison gives with the settings the question states" in text
    for qid in ("review-class-ties", "review-bridge", "review-cut-off-medium"):
        assert question(qid).compute is not None
    assert question("review-medium-word").answers()[0] == "medium"
    assert question("review-class-ties").answers() == ["6"]
    assert question("review-bridge").answers() == ["Ben\u2013Uma"]
    assert question("review-cut-off-medium").answers() == ["Instagram"]
    assert question("review-seeding").answers()[0] == "degree"
    text_it = cell_text(NB_IT, "it-l8-review-solutions")
    assert (
        '`"medium"`; `6`; `("Ben", "Uma")`; `"Instagram"`; `"degree"`. Le tre in mezzo sono calcolate dalle reti del corso quando le verifichi'
        in text_it
    )
    assert (
        "l'ultima è quella che risulta dal confronto della lezione 7 con le impostazioni indicate nella domanda"
        in text_it
    )
    for qid in ("review-medium-word", "review-class-ties", "review-bridge", "review-cut-off-medium", "review-seeding"):
        assert question(qid + "-it").answers()[0] == question(qid).answers()[0]


# -- exercise questions and their feedback -----------------------------------


def test_broadcast_no_whatsapp_tie_leads_out_and_ben_uma_is_on_instagram():
    text = text_of("campaign-broadcast-predict")
    assert (
        "No WhatsApp tie leads out of Uma's group: the only tie joining the group to the rest of the class (Ben–Uma) lives on Instagram."
        in text
    )
    assert ties_leaving_target("WhatsApp") == []
    assert [(frozenset((u, v)), ms) for u, v, ms in ties_leaving_target()] == [
        (frozenset(("Ben", "Uma")), {"Instagram"})
    ]
    assert (
        "Nessun legame su WhatsApp porta fuori dal gruppo di Uma: l'unico legame che unisce il gruppo al resto della classe (Ben–Uma) passa per Instagram."
        in text_of_it("campaign-broadcast-predict")
    )


def test_broadcast_reaches_fewer_than_six():
    assert "the plan reaches fewer than 6 people on average" in text_of("campaign-broadcast-predict")
    r = run(("WhatsApp",), ("Carla", "Jamal", "Luca"))
    assert r.total.mean() < 6 and r.total.max() <= 6
    assert q("campaign-broadcast-predict").answer == "c"
    assert "in media il piano raggiunge meno di 6 persone" in text_of_it("campaign-broadcast-predict")


def test_broadcast_every_student_has_a_whatsapp_tie():
    assert "a plan buys WhatsApp, which every student of the class has a tie on" in text_of(
        "campaign-broadcast-predict"
    )
    assert users("WhatsApp") == len(campaign().graph)
    assert "un piano compra WhatsApp, su cui ogni studente della classe ha almeno un legame" in text_of_it(
        "campaign-broadcast-predict"
    )


def test_broadcast_whatsapp_carries_most_of_the_class_ties():
    assert "WhatsApp does carry most ties" in text_of("campaign-broadcast-predict")
    G = campaign().graph
    assert sum("WhatsApp" in ms for *_, ms in G.edges(data="platform")) > G.number_of_edges() / 2
    assert "WhatsApp porta davvero la maggior parte dei legami" in text_of_it("campaign-broadcast-predict")


def test_broadcast_whatsapp_carries_most_ties_inside_the_group():
    assert "WhatsApp carries most of the ties inside Uma's group" in text_of("campaign-broadcast-predict")
    ties = inside_ties()
    assert sum("WhatsApp" in ms for *_, ms in ties) > len(ties) / 2
    assert "WhatsApp porta la maggior parte dei legami interni al gruppo di Uma" in text_of_it(
        "campaign-broadcast-predict"
    )


def test_hubs_reach_about_a_tenth():
    text = text_of("campaign-hubs-predict")
    assert "About a tenth on average (0.6 of 6 people over 200 runs)." in text
    first = run(("Instagram",), ("Pia", "Ben"))
    assert f"{first.in_target.mean():.1f}" == "0.6" and campaign().runs == 200
    assert q("campaign-hubs-predict").answer == "c" and first.target_reach < 0.2
    assert "In media circa un decimo (0,6 persone su 6 in 200 simulazioni)." in text_of_it("campaign-hubs-predict")
    assert it(first.in_target.mean()) == "0,6"


def test_hubs_only_ben_has_a_tie_into_the_group():
    assert "only Ben has a tie into Uma's group (Ben–Uma, on Instagram)" in text_of("campaign-hubs-predict")
    c = campaign()
    assert [v for v in c.graph["Ben"] if v in c.members] == ["Uma"]
    assert not [v for v in c.graph["Pia"] if v in c.members]
    assert "solo Ben ha un legame verso il gruppo di Uma (Ben–Uma, su Instagram)" in text_of_it("campaign-hubs-predict")


def test_hubs_most_runs_never_get_in():
    assert "Most runs never get in." in q("campaign-hubs-predict").feedback["b"]
    assert (run(("Instagram",), ("Pia", "Ben")).in_target == 0).mean() > 0.5
    assert "Nella maggior parte delle simulazioni non entra." in q_it("campaign-hubs-predict").feedback["b"]


def test_hubs_get_in_in_roughly_3_runs_out_of_10_36_percent_of_these_200():
    assert "so the message gets in in roughly 3 runs out of 10 (36% of these 200 runs)" in text_of(
        "campaign-hubs-predict"
    )
    share = (run(*HUBS).in_target > 0).mean()
    assert f"{share:.0%}" == "36%" and campaign().runs == 200 and campaign().p == 0.3
    assert "quindi il messaggio entra più o meno in 3 simulazioni su 10 (il 36% di queste 200)" in text_of_it(
        "campaign-hubs-predict"
    )


def test_hubs_ben_makes_one_attempt_with_chance_03():
    text = text_of("campaign-hubs-predict")
    assert "Ben passes the message on along it once, with a chance of 0.3" in text
    assert "Ben makes one attempt along Ben–Uma, with a chance of 0.3" in text
    assert campaign()._network(["Instagram"]).edges["Ben", "Uma"]["p"] == pytest.approx(0.3)
    text_it = text_of_it("campaign-hubs-predict")
    assert "Ben passa il messaggio lungo quel legame una volta sola, con probabilità 0,3" in text_it
    assert "Ben fa un solo tentativo lungo Ben–Uma, con probabilità 0,3" in text_it


def test_broker_callback_lesson5_told_ben_and_uma_and_the_door_opens_3_in_10():
    text = cell_text(NB, "l8-broker-callback")
    assert "In lesson 5 you may have chosen to tell Ben and Uma, the two ends of the bridge" in text
    assert "Telling the two brokers, Ben and Uma" in cell_text("05-bridges-and-brokers", "l5-reflection")
    assert "a broker outside the group is a door that opens in about 3 runs out of 10" in text
    assert 0.25 <= (run(*HUBS).in_target > 0).mean() <= 0.4
    assert "The starter plan of Exercise 6 (Instagram; Uma and Ben)" in text
    assert 'my_media = ["Instagram"]\nmy_seeds = ["Uma", "Ben"]' in "".join(
        __import__("claims")._cells(NB)["l8-your-plan"]["source"]
    )
    text_it = cell_text(NB_IT, "it-l8-broker-callback")
    assert "Nella lezione 5 forse hai scelto di dirlo a Ben e a Uma, i due estremi del ponte" in text_it
    assert "un intermediario fuori dal gruppo è una porta che si apre più o meno in 3 simulazioni su 10" in text_it
    assert "Il piano di partenza dell'esercizio 6 (Instagram; Uma e Ben)" in text_it
    assert 'my_media = ["Instagram"]\nmy_seeds = ["Uma", "Ben"]' in "".join(
        __import__("claims")._cells(NB_IT)["it-l8-your-plan"]["source"]
    )


def test_hubs_explain_same_p_model_reaches_most():
    assert (
        "With the same p, the model plan (Instagram and WhatsApp, seeds Carla and Jamal) reaches most of the group."
        in text_of("campaign-hubs-explain")
    )
    assert run(("Instagram", "WhatsApp"), ("Carla", "Jamal")).target_reach > 0.5
    assert (
        "Con la stessa p, il piano modello (Instagram e WhatsApp, seed Carla e Jamal) raggiunge la maggior parte del gruppo."
        in text_of_it("campaign-hubs-explain")
    )


def test_hubs_explain_most_students_have_an_instagram_tie():
    assert "Most students of the class have a tie on Instagram" in text_of("campaign-hubs-explain")
    assert users("Instagram") > len(campaign().graph) / 2
    assert "La maggior parte degli studenti della classe ha un legame su Instagram" in text_of_it(
        "campaign-hubs-explain"
    )


def test_hubs_explain_both_have_instagram_ties():
    assert "Both have ties on Instagram" in text_of("campaign-hubs-explain")
    G = campaign().graph
    for p in ("Pia", "Ben"):
        assert any("Instagram" in ms for *_, ms in G.edges(p, data="platform"))
    assert "Tutti e due hanno legami su Instagram" in text_of_it("campaign-hubs-explain")


def test_hubs_explain_one_tie_joins_the_group_and_crosses_with_p():
    assert (
        "only one tie joins Uma's group to the rest of the class (Ben–Uma, on Instagram), and the message crosses it only with a chance of 0.3"
        in text_of("campaign-hubs-explain")
    )
    assert len(ties_leaving_target()) == 1 and campaign().p == 0.3
    assert (
        "un solo legame unisce il gruppo di Uma al resto della classe (Ben–Uma, su Instagram), e il messaggio lo attraversa solo con probabilità 0,3"
        in text_of_it("campaign-hubs-explain")
    )


def test_two_media_plan_b_beats_plan_a_under_the_games_rules():
    assert "Under the game's rules, plan B reaches more" in text_of("campaign-two-media-predict")
    assert "add more here than a third seed does" in text_of("campaign-two-media-predict")
    a = run(("Instagram",), ("Carla", "Jamal", "Uma"))
    b = run(("Instagram", "WhatsApp"), ("Carla", "Jamal"))
    assert a.cost == 9 and b.cost == 10
    assert b.target_reach > a.target_reach and q("campaign-two-media-predict").answer == "b"
    assert "Con le regole del gioco il piano B raggiunge di più" in text_of_it("campaign-two-media-predict")
    assert "aggiungono più di un terzo seed" in text_of_it("campaign-two-media-predict")


def test_two_media_overlap_well_under_one():
    assert "Instagram and WhatsApp overlap only in part (lesson 6's overlap is well under 1)" in text_of(
        "campaign-two-media-predict"
    )
    assert overlap(campaign().graph)[("WhatsApp", "Instagram")] < 0.5
    assert (
        "Instagram e WhatsApp si sovrappongono solo in parte (la sovrapposizione della lezione 6 è molto sotto 1)"
        in text_of_it("campaign-two-media-predict")
    )


def test_two_media_with_one_chance_per_tie_plan_b_falls_behind_plan_a():
    text = text_of("campaign-two-media-explain")
    assert (
        "Rerun with one chance per tie (a friend decides once, however many apps the message arrives on), plan B falls behind plan A"
        in text
    )
    assert (
        "With one chance per tie, plan B keeps WhatsApp's extra ties (Jamal–Uma and Luca–Vera) and still falls behind plan A"
        in text
    )
    assert q("campaign-two-media-explain").answer == "c"
    assert run(*MODEL, one_chance=True).target_reach < run(*PLAN_A, one_chance=True).target_reach
    assert run(*MODEL).target_reach > run(*PLAN_A).target_reach
    text_it = text_of_it("campaign-two-media-explain")
    assert (
        "Rifacendo le simulazioni con una sola possibilità per legame (un amico decide una volta sola, anche se il messaggio gli arriva su più app), il piano B finisce dietro il piano A"
        in text_it
    )
    assert (
        "Con una sola possibilità per legame, il piano B conserva i legami in più di WhatsApp (Jamal–Uma e Luca–Vera) e resta comunque dietro il piano A"
        in text_it
    )


def test_two_says_the_rule_changes_nothing_for_plan_a_and_plan_b_loses_its_lead():
    text = cell_text(NB, "l8-two-says")
    assert "Plan A buys one medium, so the rule changes nothing for it; plan B loses its lead." in text
    import numpy as np

    assert np.array_equal(run(*PLAN_A).in_target, run(*PLAN_A, one_chance=True).in_target)
    assert run(*MODEL, one_chance=True).target_reach < run(*PLAN_A, one_chance=True).target_reach
    assert (
        "Il piano A compra un solo mezzo, quindi nel suo caso la regola non cambia niente; il piano B perde il suo vantaggio."
        in cell_text(NB_IT, "it-l8-two-says")
    )


def test_two_media_whatsapp_ties_instagram_lacks_are_jamal_uma_and_luca_vera():
    text = text_of("campaign-two-media-explain")
    assert "WhatsApp's two ties inside Uma's group that Instagram lacks (Jamal–Uma and Luca–Vera)" in text
    only = {frozenset((u, v)) for u, v, ms in inside_ties() if "WhatsApp" in ms and "Instagram" not in ms}
    assert only == {frozenset(("Jamal", "Uma")), frozenset(("Luca", "Vera"))}
    assert (
        "I due legami di WhatsApp dentro il gruppo di Uma che Instagram non ha (Jamal–Uma e Luca–Vera)"
        in text_of_it("campaign-two-media-explain")
    )


def test_low_p_three_seeds_inside_beat_the_model_plan_and_the_order_flips():
    text = text_of("campaign-low-p-predict")
    assert "At p = 0.05 the plan with three seeds inside reaches more than plan B" in text
    assert "Here the order of the two plans flips." in text
    assert (
        "plan B of Exercise 4 (Instagram and WhatsApp, seeds Carla and Jamal, 10 points)" in text
        and "(Uma, Vera and Xavi, 9 points)" in text
    )
    assert run(*MODEL).cost == 10 and run(*THREE_INSIDE).cost == 9
    assert run(*THREE_INSIDE, p=0.05).target_reach > run(*MODEL, p=0.05).target_reach
    assert run(*MODEL).target_reach > run(*THREE_INSIDE).target_reach
    assert q("campaign-low-p-predict").answer == "b"
    text_it = text_of_it("campaign-low-p-predict")
    assert "Con p = 0,05 il piano con tre seed dentro il gruppo raggiunge più del piano B" in text_it
    assert "Qui l'ordine dei due piani si inverte." in text_it
    assert (
        "il piano B dell'esercizio 4 (Instagram e WhatsApp, seed Carla e Jamal, 10 punti)" in text_it
        and "(Uma, Vera e Xavi, 9 punti)" in text_it
    )


def test_low_p_most_of_the_reach_is_the_paid_seeds():
    text = text_of("campaign-low-p-predict") + " " + cell_text(NB, "l8-rare-says")
    assert (
        "at p = 0.05 few messages are passed on at all, so the ties add little and the paid seeds are most of the reach"
        in text
    )
    assert (
        "little is earned: the reach is mostly the seeds you paid for, and the plan with three seeds inside the group now beats plan B"
        in text
    )
    for plan in (MODEL, THREE_INSIDE):
        r = run(*plan, p=0.05)
        assert r.earned_in_target < r.in_target.mean() / 2
    assert run(*THREE_INSIDE, p=0.05).target_reach > run(*MODEL, p=0.05).target_reach
    text_it = text_of_it("campaign-low-p-predict") + " " + cell_text(NB_IT, "it-l8-rare-says")
    assert (
        "con p = 0,05 pochi messaggi vengono passati, quindi i legami aggiungono poco e i seed pagati sono quasi tutta la reach"
        in text_it
    )
    assert (
        "la parte earned è piccola: la reach è fatta quasi tutta dai seed che hai pagato, e il piano con tre seed dentro il gruppo ora batte il piano B"
        in text_it
    )


def test_reason_e_is_true_of_every_plan_with_all_seeds_outside_that_reaches_anyone():
    assert (
        "it is true of every plan whose seeds are all outside {target} and that reaches anyone in it at all, however little"
        in texts()["reasons"]["e"]["true"]
    )
    c = campaign()
    outside = [p for p in c.graph if p not in c.members]
    for media in c.media:
        for seeds in combinations(["Ben", "Pia", outside[0]], 2):
            r = c.plan([media], list(seeds))
            if r.ok and not set(r.seeds) & set(c.members):
                assert judge_reason(r, "e")[0] == bool(r.in_target.mean() > 0)
    assert (
        "vale per ogni piano i cui seed sono tutti fuori dal {target} e che raggiunge qualcuno nel gruppo, per quanto poco"
        in texts("it")["reasons"]["e"]["true"]
    )


def test_reason_c_door_chance_is_the_ties_chance():
    why = judge_reason(run(*HUBS), "c")[1]
    assert "Ben–Uma on Instagram, which passes it on in about 30% of runs" in why
    why_it = judge_reason(Campaign(language="it").plan(*map(list, HUBS)), "c")[1]
    assert "Ben–Uma su Instagram, che passa il messaggio in circa il 30% delle simulazioni" in why_it


def test_rubric_in_the_notebook_is_the_guides_four_rows_of_0_to_2():
    from pathlib import Path

    text = cell_text(NB, "l8-reasons-intro")
    assert "four things, 0 to 2 points each" in text
    guide = (Path(__file__).resolve().parents[1] / "instructors" / "README.md").read_text(encoding="utf-8")
    section = guide.split("## Lesson 8: marking the written plan", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| **")]
    assert len(rows) == 4 and all(line.count(" | ") == 3 for line in rows)
    for name in ("Paid and earned kept apart", "The target", "Evidence", "Ties"):
        assert name in text and any(name in r for r in rows)
    text_it = cell_text(NB_IT, "it-l8-reasons-intro")
    assert "quattro aspetti, da 0 a 2 punti ciascuno" in text_it
    names_it = re.findall(r"- \*\*([^*]+)\*\*:", text_it)
    assert names_it == ["Paid ed earned tenuti distinti", "Il target", "Le prove", "I legami"]


def test_review_pia_has_the_most_ties():
    assert "the most in the class" in q("review-class-ties").explanation
    deg = degrees(class_network())
    assert deg["Pia"] == max(deg.values()) and list(deg.values()).count(deg["Pia"]) == 1
    assert "più di chiunque altro nella classe" in q_it("review-class-ties").explanation


def test_review_the_only_bridge_cuts_off_a_group():
    assert "is the only bridge: without it, one friendship group is cut off" in q("review-bridge").explanation
    import networkx as nx

    G = class_network()
    ((u, v),) = bridges(G)
    H = G.copy()
    H.remove_edge(u, v)
    small = min(nx.connected_components(H), key=len)
    assert {G.nodes[p]["group"] for p in small} == {G.nodes["Uma"]["group"]}
    assert len(small) == sum(1 for p in G if G.nodes[p]["group"] == G.nodes["Uma"]["group"])
    assert (
        "è l'unico ponte: senza di esso, un gruppo di amici resta tagliato fuori" in q_it("review-bridge").explanation
    )


def test_review_instagram_carries_most_ties_between_groups_each_on_one_medium():
    assert (
        "it carries most of the ties between friendship groups, which live on one medium only"
        in q("review-cut-off-medium").explanation
    )
    G = multiplex_class()
    between = [set(ms) for u, v, ms in G.edges(data="platform") if G.nodes[u]["group"] != G.nodes[v]["group"]]
    assert sum("Instagram" in ms for ms in between) > len(between) / 2
    assert all(len(ms) == 1 for ms in between)
    effects = {r.medium: len(r.cut_off) for r in removal_effects(G)}
    assert max(effects, key=effects.get) == "Instagram"
    assert (
        "porta la maggior parte dei legami tra i gruppi di amici, e quei legami passano solo per questo mezzo"
        in q_it("review-cut-off-medium").explanation
    )


@cache
def lesson7_comparison():
    """Lesson 7's comparison with the settings the review question states, on the current code."""
    from smlessons.figures.spread import compare_strategies

    return compare_strategies(class_network(), k=3, p=0.3, runs=200, rng=0)


def test_review_seeding_degree_reaches_most_on_average():
    prompt = q("review-seeding").prompt
    assert "with 3 seeds per run, p = 0.3 and 200 runs" in prompt
    assert "compare_strategies(class_network(), k=3, p=0.3, runs=200, rng=0)" in q("review-seeding").hint
    assert lesson7_comparison().best == "degree" == question("review-seeding").answers()[0]
    assert "con 3 seed per simulazione, p = 0,3 e 200 simulazioni" in q_it("review-seeding").prompt
    assert (
        'compare_strategies(class_network(), k=3, p=0.3, runs=200, rng=0, language="it")' in q_it("review-seeding").hint
    )
    assert question("review-seeding-it").answers()[0] == "degree"


@pytest.mark.parametrize("strategy", ["community", "broker", "random"])
def test_review_seeding_each_other_strategy_reached_fewer_than_degree(strategy):
    feedback = q("review-seeding").feedback[strategy]
    assert "fewer" in feedback
    means = lesson7_comparison().mean()
    assert means[strategy] < means["degree"]
    assert "meno" in q_it("review-seeding").feedback[strategy]


def test_rubric_anchor_scripts_quote_the_saved_plans_numbers():
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[1] / "instructors" / "README.md").read_text(encoding="utf-8")
    section = " ".join(guide.split("## Lesson 8: marking the written plan", 1)[1].split("\n## ", 1)[0].split())
    assert "The plan reached 29% of the group." in section
    assert f"{run(('Instagram',), ('Uma', 'Ben')).target_reach:.0%}" == "29%"
    assert "It reached only 10% of Uma's group, 11.8 points per person reached." in section
    hubs = run(*HUBS)
    assert f"{hubs.target_reach:.0%}" == "10%" and f"{hubs.cost_per_target:.1f}" == "11.8"
    assert "passes the message on about 3 times in 10" in section and campaign().p == 0.3
    assert "quotes 83% and 2.0 points per person" in section
    m = run(*MODEL)
    assert f"{m.target_reach:.0%}" == "83%" and f"{m.cost_per_target:.1f}" == "2.0"
    assert "in the default brief in about 3 runs out of 10" in section
    assert 0.25 <= (hubs.in_target > 0).mean() <= 0.4
    assert "with rare sharing (p = 0.05) three seeds inside on WhatsApp do better" in section
    assert run(*THREE_INSIDE, p=0.05).target_reach > run(*MODEL, p=0.05).target_reach


def test_the_italian_lesson_asks_every_english_question_in_order_with_the_same_answers():
    def asked(notebook):
        out = []
        for cell in __import__("claims")._cells(notebook).values():
            src = "".join(cell["source"])
            if cell["cell_type"] == "code":
                out += re.findall(r'^ask\("([^"]+)"\)', src, re.M)
                out += re.findall(r'^\s+"([a-z0-9-]+)": \.\.\.,', src, re.M)  # check_all's review
        return out

    en_ids, it_ids = asked(NB), asked(NB_IT)
    assert len(en_ids) == 12 and it_ids == [f"{x}-it" for x in en_ids]
    en, itq = load_questions("lesson08_planning_a_campaign"), load_questions("lesson08_planning_a_campaign_it")
    assert list(itq) == [f"{x}-it" for x in en]
    for x in en_ids:
        a, b = en[x], itq[x + "-it"]
        # a text answer's synonyms are translated ("most connected": "più connessi"); its first form is kept
        same = (lambda x: x.answer[:1]) if a.kind == "text" else (lambda x: x.answer)
        assert (a.level, a.kind, same(a), list(a.options or {})) == (b.level, b.kind, same(b), list(b.options or {}))
        assert b.language == "it" and question(x + "-it").answers()[0] == question(x).answers()[0]


def test_the_italian_prints_give_the_english_numbers():
    """The stored outputs of the Italian lesson: the same plans, the same numbers.

    The lesson's own code is the English code (tests/italian_pairs.py), so its
    prints keep Python's decimal point, as in every other lesson; the prose
    around them writes the same numbers with a comma.
    """
    from claims import cell_output

    assert "Ogni piano viene simulato 200 volte; p = 0.3." in cell_output(NB_IT, "it-l8-describe")
    a, b = run(*PLAN_A), run(*MODEL)
    a1, b1 = run(*PLAN_A, one_chance=True), run(*MODEL, one_chance=True)
    one = cell_output(NB_IT, "it-l8-one-chance")
    assert f"piano A {a1.target_reach:.0%}, piano B {b1.target_reach:.0%}." in one
    m = b
    model = cell_output(NB_IT, "it-l8-model-run")
    assert (
        f"Piano modello: reach nel gruppo di Uma {m.target_reach:.0%}, {m.cost_per_target:.1f} punti per persona raggiunta, "
        f"{m.earned_in_target:.1f} su {m.in_target.mean():.1f} raggiunte tramite condivisione." in model
    )
    three, hubs = run(*THREE_INSIDE), run(*HUBS)
    three1, hubs1 = run(*THREE_INSIDE, one_chance=True), run(*HUBS, one_chance=True)
    assert (
        f"Instagram e WhatsApp; Carla, Jamal: {b.target_reach:.0%} (regole del gioco), {b1.target_reach:.0%}" in model
    )
    assert f"WhatsApp; Uma, Vera, Xavi: {three.target_reach:.0%} (regole del gioco), {three1.target_reach:.0%}" in model
    assert (
        f"Instagram; Pia, Ben (esercizio 3): {hubs.target_reach:.0%} (regole del gioco), {hubs1.target_reach:.0%}"
        in model
    )
    assert a.target_reach < b.target_reach and a1.target_reach > b1.target_reach


def test_the_stated_minutes_follow_one_rule_in_both_languages():
    """The header: Teaching = Markdown words / 140 (rounded), Exercises = the minutes in the headings."""
    for nb in (NB, NB_IT):
        stated, reading, doing = lesson_minutes(nb)
        assert stated == (reading, doing) and doing == 52, (nb, stated, reading, doing)
