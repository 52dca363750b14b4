"""Every quantitative or comparative sentence of lesson 7, checked on its data.

One test per claim. Each reads the sentence where it stands (a notebook
cell, through :func:`claims.cell_text`, or a question of the lesson's
exercise file), asserts that it still says what the test checks, and
computes the fact with the same network, code, seeds and runs as the
notebook. When a sentence changes, its test fails and names the place.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from functools import cache
from pathlib import Path

import numpy as np
from claims import _cells, cell_text, lesson_minutes

from smlessons.datasets.copenhagen_study import copenhagen
from smlessons.datasets.networks import class_network, karate_club
from smlessons.engine.diffusion import (
    STRATEGIES,
    choose_seeds,
    feed_cascade,
    independent_cascade,
    linear_threshold,
    run_many,
)
from smlessons.engine.influence import greedy_seeds
from smlessons.engine.measures import communities
from smlessons.engine.multilayer import layers
from smlessons.figures.spread import compare_feed, compare_strategies

NB = "07-how-a-message-spreads"
NB_IT = "it/07-come-si-diffonde-un-messaggio"
EXERCISES = Path(__file__).resolve().parents[1] / "smlessons" / "content" / "exercises"
QUESTIONS = EXERCISES / "lesson07_how_a_message_spreads.json"
QUESTIONS_IT = EXERCISES / "lesson07_how_a_message_spreads_it.json"


def text(cell_id: str) -> str:
    return cell_text(NB, cell_id)


def text_it(cell_id: str) -> str:
    """A cell of the Italian lesson (its ids are the English ones with ``it7-`` for ``l7-``)."""
    return cell_text(NB_IT, cell_id)


@cache
def question(qid: str) -> dict:
    data = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    return next(q for q in data["questions"] if q["id"] == qid)


@cache
def question_it(qid: str) -> dict:
    """The Italian twin of the English question `qid`."""
    data = json.loads(QUESTIONS_IT.read_text(encoding="utf-8"))
    return next(q for q in data["questions"] if q["id"] == f"{qid}-it")


def words(*parts) -> str:
    return " ".join(" ".join(str(p) for p in parts).split())


# -- the same computations as the notebook, done once --------------------------


@cache
def G():
    return class_network()


@cache
def comparison():  # cell l7-compare
    return compare_strategies(G(), p=0.3, runs=200, k=3, rng=0)


@cache
def average_reach(name: str, p: float) -> float:  # cell l7-halve
    graph = G() if name == "class" else karate_club()
    return compare_strategies(graph, ["degree"], p=p, runs=200, rng=0).mean()["degree"]


def start_and_friends(seeds) -> set:  # cell l7-start-and-friends
    return set(seeds).union(*(G()[s] for s in seeds))


@cache
def feed_runs():  # cell l7-feed
    return compare_feed(G(), ["Pia"], p=0.3, feeds=(0, 2, 4), feed_p=0.1, runs=400, rng=1)


@cache
def feed_by_strategy():  # cell l7-feed-strategies
    return {s: compare_feed(G(), s, p=0.3, feeds=(0, 4), feed_p=0.1, runs=200, k=3, rng=0) for s in STRATEGIES}


@cache
def outside_group(feed: int) -> float:  # cell l7-outside
    pia_group = next(g for g in communities(G()) if "Pia" in g)
    gen = np.random.default_rng(1)
    cascades = [feed_cascade(G(), ["Pia"], 0.3, feed=feed, feed_p=0.1, rng=gen) for _ in range(400)]
    return sum(len(set(c.reached) - set(pia_group)) for c in cascades) / 400


@cache
def threshold_run():  # cell l7-threshold
    starters = ["Pia", *sorted(G()["Pia"])[:2]]
    return starters, linear_threshold(G(), starters, thresholds=0.5)


@cache
def facebook():
    return copenhagen("facebook")


@cache
def fb_comparison():  # cell l7-copenhagen-compare
    return compare_strategies(facebook(), p=0.05, runs=200, k=3, rng=0)


@cache
def media_reach():  # cell l7-copenhagen-media
    media = layers(copenhagen())
    out = {name: float(run_many(H, "random", 0.1, runs=200, k=3, rng=0).mean()) for name, H in media.items()}
    out["Calls at 0.5"] = float(run_many(media["Calls"], "random", 0.5, runs=200, k=3, rng=0).mean())
    return media, out


# -- the notebook's prose ------------------------------------------------------


def test_pia_has_the_most_friends():
    assert "Pia, the student with the most friends" in text("l7-one-intro")
    assert "Pia, la studentessa con più amici" in text_it("it7-one-intro")
    degree = dict(G().degree())
    assert max(degree, key=degree.get) == "Pia" and sorted(degree.values())[-2] < degree["Pia"]


def test_in_a_single_run_any_strategy_can_beat_any_other():
    assert "in a single run, any strategy can beat any other" in text("l7-overlap-text")
    assert "in una singola simulazione, qualunque strategia può battere qualunque altra" in text_it("it7-overlap-text")
    sizes = comparison().sizes
    for a, b in itertools.permutations(sizes, 2):
        assert sizes[a].max() > sizes[b].min(), (a, b)


def test_bridge_seeding_reaches_fewer_than_random_in_the_class():
    assert "seeding them reaches fewer people on average than seeding three people at random" in text(
        "l7-best-solution"
    )
    assert "usate come seed, raggiungono in media meno persone di tre persone scelte a caso" in text_it(
        "it7-best-solution"
    )
    means = comparison().mean()
    assert means["broker"] < means["random"]


def test_bridge_people_overlap_and_the_most_connected_do_not():
    t = text("l7-bridge-solution")
    assert words("Ben, Uma and Farid have 2 ties among them, and with their friends they make up 10 people,",
                 "fewer than three people at random on average; the three most connected people have no tie among",
                 "them and make up 18") in t  # fmt: skip
    assert words("Ben, Uma e Farid hanno 2 legami tra loro, e con i loro amici fanno 10 persone, meno di tre",
                 "persone a caso in media; le tre persone più connesse non hanno nessun legame tra loro e fanno",
                 "18 persone") in text_it("it7-bridge-solution")  # fmt: skip
    bridge, degree = choose_seeds(G(), "broker", 3), choose_seeds(G(), "degree", 3)
    assert bridge == ["Ben", "Uma", "Farid"]
    assert G().subgraph(bridge).number_of_edges() == 2 and len(start_and_friends(bridge)) == 10
    assert G().subgraph(degree).number_of_edges() == 0 and len(start_and_friends(degree)) == 18
    trios = [len(start_and_friends(t)) for t in itertools.combinations(G(), 3)]
    assert sum(trios) / len(trios) > 10


def test_halving_p_costs_more_than_half_in_three_cases_and_under_a_third_in_one():
    t = text("l7-halving-text")
    assert words("Halving p costs more than half of the reach in three of these four cases, and less than a",
                 "third in the fourth: the karate club at p = 0.8, where the message already reaches almost",
                 "everyone") in t  # fmt: skip
    assert "no rule that halving p more than halves the reach" in t
    t_it = text_it("it7-halving-text")
    assert words("Dimezzare p costa più della metà della reach in tre di questi quattro casi, e meno di un terzo",
                 "nel quarto: il club di karate con p = 0,8, dove il messaggio raggiunge già quasi tutti") in t_it  # fmt: skip
    assert "non esiste una regola per cui dimezzare p più che dimezzi la reach" in t_it
    lost = {
        (net, hi): 1 - average_reach(net, hi / 2) / average_reach(net, hi)
        for net in ("class", "karate club")
        for hi in (0.8, 0.4)
    }
    assert sorted(k for k, v in lost.items() if v > 0.5) == [("class", 0.4), ("class", 0.8), ("karate club", 0.4)]
    assert lost[("karate club", 0.8)] < 1 / 3
    assert average_reach("karate club", 0.8) >= 0.95 * 34  # almost everyone


def test_sharing_more_than_doubles_the_broadcast():
    assert "At p = 0.3, sharing more than doubles the reach of the broadcast *in this class*." in text("l7-paid-earned")
    assert "Con p = 0,3 la condivisione più che raddoppia la reach della trasmissione *in questa classe*." in text_it(
        "it7-paid-earned"
    )
    only = run_many(G(), "random", 0.0, runs=200, k=8, rng=1)
    shared = run_many(G(), "random", 0.3, runs=200, k=8, rng=1)
    assert (only == 8).all() and shared.mean() > 2 * only.mean()


def test_at_p_005_sharing_adds_little_more_than_one_person():
    assert "At p = 0.05 sharing adds little more than one person to the 8 the ad bought" in text("l7-paid-earned-read")
    assert 'run_many(G, "random", 0.05, runs=200, k=8, rng=1)' in text("l7-low-p")
    assert "Con p = 0,05 la condivisione aggiunge poco più di una persona alle 8 comprate con la pubblicità" in text_it(
        "it7-paid-earned-read"
    )
    assert 'run_many(G, "random", 0.05, runs=200, k=8, rng=1)' in text_it("it7-low-p")
    added = run_many(G(), "random", 0.05, runs=200, k=8, rng=1).mean() - 8
    assert 1 < added < 2


def test_model_p_03_is_far_above_the_low_p_where_the_ad_does_the_work():
    assert "Which of the two matters more depends on p" in text("l7-paid-earned-read")
    assert "Quale delle due conti di più dipende da p" in text_it("it7-paid-earned-read")
    high = run_many(G(), "random", 0.3, runs=200, k=8, rng=1).mean() - 8
    low = run_many(G(), "random", 0.05, runs=200, k=8, rng=1).mean() - 8
    assert high > 8 and low < 8 / 4


def test_four_strangers_in_a_class_of_24_is_a_sixth():
    assert "4 strangers per post in a class of 24 is a sixth of the class" in text("l7-feed-text")
    assert "4 estranei per post in una classe di 24 sono un sesto della classe" in text_it("it7-feed-text")
    assert G().number_of_nodes() == 24 and 4 / 24 == 1 / 6


def test_with_a_feed_the_best_strategy_reaches_most_of_the_class():
    assert "with the feed, the best strategy already reaches most of a class of 24" in text("l7-feed-solution")
    assert "con il feed, la strategia migliore raggiunge già la maggior parte di una classe di 24" in text_it(
        "it7-feed-solution"
    )
    best = max(c.mean()[4] for c in feed_by_strategy().values())
    assert best > 24 / 2


@cache
def fb_feed_by_strategy():  # cell l7-feed-copenhagen
    return {
        s: compare_feed(facebook(), s, p=0.05, feeds=(0, 4), feed_p=0.1, runs=100, k=3, rng=0).mean()
        for s in STRATEGIES
    }


def test_on_copenhagen_the_feed_adds_150_to_180_and_the_gap_stays():
    t = text("l7-feed-solution")
    assert "the same feed adds about 150 to 180 people to every strategy's reach" in t
    assert (
        "the gap between the best and the worst strategy stays about the same in people; it shrinks only as a share"
        in t
    )
    assert "runs=100, k=3, rng=0" in text("l7-feed-copenhagen")
    t_it = text_it("it7-feed-solution")
    assert "lo stesso feed aggiunge tra le 150 e le 180 persone circa alla reach di ogni strategia" in t_it
    assert words("il divario tra la strategia migliore e la peggiore resta più o meno lo stesso in numero di persone;",
                 "si riduce solo in proporzione") in t_it  # fmt: skip
    assert "runs=100, k=3, rng=0" in text_it("it7-feed-copenhagen")
    m = fb_feed_by_strategy()
    for s, r in m.items():
        assert 145 <= r[4] - r[0] <= 185, (s, r)  # about 150 to 180
    gap = {f: max(r[f] for r in m.values()) - min(r[f] for r in m.values()) for f in (0, 4)}
    assert abs(gap[4] - gap[0]) < 0.1 * gap[0]
    ratio = {f: max(r[f] for r in m.values()) / min(r[f] for r in m.values()) for f in (0, 4)}
    assert ratio[4] < ratio[0] / 2


def test_the_feed_delivers_few_but_the_reach_grows_by_more():
    assert "The feed itself delivers few people (the upper part of each bar), yet the reach grows by much more" in text(
        "l7-feed-text"
    )
    assert words("Il feed da solo porta poche persone (la parte alta di ogni barra), eppure la reach cresce",
                 "molto di più") in text_it("it7-feed-text")  # fmt: skip
    runs = feed_runs().runs
    base = runs[0].mean()
    for f in (2, 4):
        delivered = runs[f].by_feed.mean()
        assert delivered < 3 and runs[f].mean() - base > 2 * delivered, f


def test_with_a_feed_the_strategy_gap_is_about_half():
    assert "the gap between the best and the worst strategy is about half as large as with no feed" in text(
        "l7-feed-solution"
    )
    assert "il divario tra la strategia migliore e la peggiore è circa la metà di quello senza feed" in text_it(
        "it7-feed-solution"
    )
    means = {s: c.mean() for s, c in feed_by_strategy().items()}
    gap = {f: max(m[f] for m in means.values()) - min(m[f] for m in means.values()) for f in (0, 4)}
    assert 0.4 < gap[4] / gap[0] < 0.6, gap


def test_the_behaviour_fills_pias_group_and_stops():
    assert "The behaviour fills Pia's friendship group (Dev, Elif, Maya, Omar, Pia, Sami) and stops there." in text(
        "l7-ex9"
    )
    assert words("Il comportamento riempie il gruppo di amici di Pia (Dev, Elif, Maya, Omar, Pia, Sami)",
                 "e si ferma lì.") in text_it("it7-ex9")  # fmt: skip
    _, th = threshold_run()
    group = next(g for g in communities(G()) if "Pia" in g)
    assert sorted(th.reached) == sorted(group) == ["Dev", "Elif", "Maya", "Omar", "Pia", "Sami"]


def test_the_news_leaves_the_group_in_about_half_of_the_runs():
    assert "leaves the group in about half of the runs" in text("l7-ex9")
    assert "esce dal gruppo in circa metà delle simulazioni" in text_it("it7-ex9")
    starters, th = threshold_run()
    joined = set(th.reached)
    gen = np.random.default_rng(0)
    crossed = [bool(set(independent_cascade(G(), starters, 0.3, rng=gen).reached) - joined) for _ in range(200)]
    assert 0.4 <= sum(crossed) / 200 <= 0.6


def test_copenhagen_is_about_800_students():
    assert "about 800 first-year students" in text("l7-copenhagen-intro")
    assert "circa 800 studenti del primo anno" in text_it("it7-copenhagen-intro")
    assert facebook().number_of_nodes() == 800 and copenhagen().number_of_nodes() == 833


def test_copenhagen_students_have_about_16_friends_and_p_005_travels():
    t = text("l7-ex10")
    assert "about 16 friends on average, far more than in the class" in t
    assert "a much smaller p (0.05) can be enough for a message to take off" in t
    t_it = text_it("it7-ex10")
    assert "in media circa 16 amici, molti più che nella classe" in t_it
    assert "può bastare una p molto più piccola (0,05) perché un messaggio decolli" in t_it
    F = facebook()
    assert round(2 * F.number_of_edges() / F.number_of_nodes()) == 16
    assert 2 * G().number_of_edges() / G().number_of_nodes() < 5
    assert fb_comparison().mean()["degree"] > 100  # from 3 seeds


@cache
def p_sweep():  # cell l7-p-sweep (1,000 runs: the share that dies out is then within 3 points of its true value)
    return {p: run_many(facebook(), "random", p, runs=1000, k=3, rng=0) for p in (0.03, 0.05, 0.08)}


def test_p_sweep_from_dying_out_to_taking_off_half_die_at_005():
    t = text("l7-p-sweep-read")
    assert "Between p = 0.03 and p = 0.08 the message goes from usually dying out to usually taking off" in t
    assert "At p = 0.05, about half of the runs from random seeds die out" in t
    t_it = text_it("it7-p-sweep-read")
    assert (
        "Tra p = 0,03 e p = 0,08 si passa da un messaggio che di solito si spegne a uno che di solito decolla" in t_it
    )
    assert "Con p = 0,05, circa metà delle simulazioni da seed a caso si spegne" in t_it
    assert "the cell below runs 3 random seeds 1,000 times" in text("l7-ex10")
    assert "la cella qui sotto esegue 1.000 volte il modello da 3 seed a caso" in text_it("it7-ex10")
    assert "runs=1000, k=3, rng=0" in text_it("it7-p-sweep")
    assert "runs=1000, k=3, rng=0" in text("l7-p-sweep")
    died = {p: float(np.mean(s < 20)) for p, s in p_sweep().items()}
    assert died[0.03] > 0.5 > died[0.08]
    assert 0.4 <= died[0.05] <= 0.55


def test_uneven_degrees_matter_not_only_the_average():
    # "Whether it does depends on how uneven the numbers of friends are, not only on their average"
    assert "depends on how uneven the numbers of friends are, not only on their average" in text("l7-ex10")
    assert "dipende da quanto è disuguale il numero di amici, non solo dalla sua media" in text_it("it7-ex10")
    degrees = np.array([d for _, d in facebook().degree()])
    assert degrees.max() > 5 * degrees.mean()  # a few have many more
    assert (degrees**2).mean() / degrees.mean() > 1.5 * degrees.mean()


def test_on_copenhagen_random_runs_are_bimodal():
    t = text("l7-copenhagen-bridge-text")
    assert (
        "From random seeds, nearly half of the runs die out below 20 people, while the runs that take off reach about as many people as the most connected seeds do"
        in t
    )
    assert words("Da seed a caso, quasi metà delle simulazioni si spegne sotto le 20 persone, mentre quelle che",
                 "decollano raggiungono più o meno tante persone quante ne raggiungono i seed più connessi",
                 ) in text_it("it7-copenhagen-bridge-text")  # fmt: skip
    sizes = fb_comparison().sizes
    died = float(np.mean(sizes["random"] < 20))
    assert 0.4 <= died < 0.5
    took_off = sizes["random"][sizes["random"] >= 20].mean()
    # "about as many": within 10% in the lesson's 200 runs (about 110 take off, so their
    # mean is uncertain by about 3%), and within 5% over 20,000 runs
    assert abs(took_off - sizes["degree"].mean()) < 0.1 * sizes["degree"].mean()
    assert float(np.mean(sizes["degree"] < 20)) == 0.0
    many, hubs = (run_many(facebook(), s, 0.05, runs=20_000, k=3, rng=1) for s in ("random", "degree"))
    assert 0.4 <= float(np.mean(many < 20)) < 0.5
    assert abs(many[many >= 20].mean() - hubs.mean()) < 0.05 * hubs.mean()


def test_on_copenhagen_betweenness_is_estimated_from_500():
    assert "betweenness is estimated from a sample of 500 people, seeded" in text("l7-copenhagen-bridge-text")
    assert "la betweenness viene stimata da un campione di 500 persone, con un seme fisso" in text_it(
        "it7-copenhagen-bridge-text"
    )
    from smlessons.engine import diffusion

    assert diffusion._BETWEENNESS_SAMPLE == 500 < facebook().number_of_nodes()


def test_calls_largest_group_is_347():
    assert "The calls' largest connected group holds 347 people" in text("l7-reflection")
    assert "the calls' largest connected group holds 347 people" in question("spread-copenhagen-media")["feedback"]["a"]
    assert "Il più grande gruppo connesso delle telefonate conta 347 persone" in text_it("it7-reflection")
    assert (
        "il più grande gruppo connesso delle telefonate conta 347 persone"
        in question_it("spread-copenhagen-media")["feedback"]["a"]
    )
    import networkx as nx

    assert max(len(c) for c in nx.connected_components(layers(copenhagen())["Calls"])) == 347


def test_on_copenhagen_bridge_and_degree_are_the_same_three():
    t = text("l7-copenhagen-bridge-text")
    assert '"broker" and "degree" choose the same three people, so their averages differ only by chance' in t
    assert "In the class they chose different people, and the brokers did worse than random." in t
    t_it = text_it("it7-copenhagen-bridge-text")
    assert '"broker" e "degree" scelgono le stesse tre persone, quindi le loro medie differiscono solo per caso' in t_it
    assert "Nella classe sceglievano persone diverse, e i broker andavano peggio dei seed scelti a caso." in t_it
    F = facebook()
    assert set(choose_seeds(F, "broker", 3)) == set(choose_seeds(F, "degree", 3))
    assert set(choose_seeds(G(), "broker", 3)) != set(choose_seeds(G(), "degree", 3))


def test_model_answer_sharing_doubled_and_degree_did_best():
    t = text("l7-reflection")
    assert (
        "In the class, at the illustrative p = 0.3, sharing more than doubled the reach of a broadcast to 8, but at p = 0.05, nearer real share rates, it added little more than one person"
        in t
    )
    assert words("Seeding the most connected people did best in the class, and on the 800 students as well as",
                 "the brokers, who were the same three") in t  # fmt: skip
    t_it = text_it("it7-reflection")
    assert words("Nella classe, con la p illustrativa di 0,3, la condivisione ha più che raddoppiato la reach di",
                 "una trasmissione a 8 persone, ma con p = 0,05, più vicina ai tassi di condivisione reali, ha",
                 "aggiunto poco più di una persona") in t_it  # fmt: skip
    assert words("Usare come seed le persone più connesse è andato meglio di tutto nella classe, e sugli 800",
                 "studenti alla pari con i broker, che erano le stesse tre persone") in t_it  # fmt: skip
    assert 1 < run_many(G(), "random", 0.05, runs=200, k=8, rng=1).mean() - 8 < 2
    assert run_many(G(), "random", 0.3, runs=200, k=8, rng=1).mean() > 16
    assert comparison().best == "degree"
    fb = fb_comparison().mean()
    assert fb["degree"] > max(fb["random"], fb["community"])
    assert set(choose_seeds(facebook(), "broker", 3)) == set(choose_seeds(facebook(), "degree", 3))


def test_key_point_on_halving_p():
    t = text("l7-key-points")
    assert (
        "near the point where messages take off, halving p can cost more than half of the reach; far above it, much less"
        in t
    )
    assert words("vicino al punto in cui i messaggi decollano, dimezzare p può costare più della metà della",
                 "reach; molto al di sopra, molto meno") in text_it("it7-key-points")  # fmt: skip
    assert 1 - average_reach("class", 0.2) / average_reach("class", 0.4) > 0.5
    assert 1 - average_reach("karate club", 0.4) / average_reach("karate club", 0.8) < 0.5


def test_header_time_and_question_levels():
    assert "**Teaching:** 35 min · **Exercises:** 47 min" in text("l7-title")
    assert "**Teoria:** 38 min · **Esercizi:** 47 min" in text_it("it7-title")
    data = json.loads(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    levels = [q["level"] for q in data]
    assert levels.count("predict") + levels.count("explain") >= len(levels) / 2


# -- the exercise file's explanations and feedback -------------------------------


def test_q_best_strategy_degree_seeds_sit_in_three_groups():
    q = question("spread-best-strategy")
    assert "here they sit in three different groups" in q["explanation"]
    q_it = question_it("spread-best-strategy")
    assert "e qui stanno in tre gruppi diversi" in q_it["explanation"]
    assert "tutte e tre stanno in gruppi diversi" in text_it("it7-best-solution")
    assert q["answer"] == "b" and "most connected" in q["options"]["b"] and comparison().best == "degree"
    group = {u: i for i, g in enumerate(communities(G())) for u in g}
    assert len({group[u] for u in choose_seeds(G(), "degree", 3)}) == 3


def test_q_best_strategy_community_fewest_bridge_below_degree_random_below_degree():
    fb = question("spread-best-strategy")["feedback"]
    assert "One community reaches the fewest on average here" in fb["c"]
    assert "reach fewer on average than the three most connected here, and even fewer than random people" in fb["d"]
    assert "they have fewer ties on average than the most connected people" in fb["a"]
    fb_it = question_it("spread-best-strategy")["feedback"]
    assert "Qui una sola comunità raggiunge in media meno persone di tutte" in fb_it["c"]
    assert words("Qui i tre broker raggiungono in media meno persone dei tre più connessi, e persino meno di",
                 "persone a caso") in fb_it["d"]  # fmt: skip
    assert "in media hanno meno legami delle persone più connesse" in fb_it["a"]
    assert comparison().mean()["broker"] < comparison().mean()["random"]
    means = comparison().mean()
    assert min(means, key=means.get) == "community" and means["broker"] < means["degree"]
    degree = dict(G().degree())
    top = choose_seeds(G(), "degree", 3)
    assert sum(degree[u] for u in top) / 3 > sum(degree.values()) / len(degree)


def test_q_bridge_overlap_ten_people_against_about_13():
    q = question("spread-bridge-overlap")
    e = q["explanation"]
    assert "Ben is tied to Uma and to Farid, and Ben and Farid share two more friends." in e
    assert (
        "the three make up only 10 people, fewer than three random people and their friends (about 13 on average over every possible three)"
        in e
    )
    H = G()
    assert H.has_edge("Ben", "Uma") and H.has_edge("Ben", "Farid") and not H.has_edge("Uma", "Farid")
    assert len((set(H["Ben"]) & set(H["Farid"])) - {"Ben", "Farid", "Uma"}) == 2
    assert len(start_and_friends(["Ben", "Uma", "Farid"])) == 10
    trios = [len(start_and_friends(t)) for t in itertools.combinations(H, 3)]
    assert round(sum(trios) / len(trios)) == 13
    assert "reach fewer people on average than three random people" in q["prompt"]
    q_it = question_it("spread-bridge-overlap")
    assert "Ben è legato a Uma e a Farid, e Ben e Farid hanno altri due amici in comune." in q_it["explanation"]
    assert words("i tre fanno solo 10 persone, meno di tre persone a caso con i loro amici (circa 13 in media",
                 "su tutti i possibili terzetti)") in q_it["explanation"]  # fmt: skip
    assert "raggiungono in media meno persone di tre persone a caso" in q_it["prompt"]
    assert comparison().mean()["broker"] < comparison().mean()["random"]


def test_q_bridge_overlap_ben_and_farid_have_five_friends():
    fb = question("spread-bridge-overlap")["feedback"]["c"]
    assert "Ben and Farid have 5 friends each, as many as almost anyone in the class; only Uma has 3" in fb
    assert words("Ben e Farid hanno 5 amici ciascuno, un numero che nella classe solo Pia supera; solo Uma",
                 "ne ha 3") in question_it("spread-bridge-overlap")["feedback"]["c"]  # fmt: skip
    d = dict(G().degree())
    assert d["Ben"] == d["Farid"] == 5 and d["Uma"] == 3
    assert sum(v > 5 for v in d.values()) == 1  # only Pia has more


def test_q_halve_p_more_than_half():
    q = question("spread-halve-p")
    assert q["answer"] == "c" and "It falls by more than half here" in q["explanation"]
    assert "(the most connected person in the class)" in q["prompt"]
    q_it = question_it("spread-halve-p")
    assert q_it["answer"] == "c" and "Qui scende di più della metà" in q_it["explanation"]
    assert "(la persona più connessa della classe)" in q_it["prompt"]
    assert average_reach("class", 0.2) < average_reach("class", 0.4) / 2
    assert choose_seeds(G(), "degree", 1) == ["Pia"]


def test_q_halve_p_high_loses_less_than_half_and_most_still_reached():
    q = question("spread-halve-p-high")
    assert "halving p from 0.8 to 0.4 loses less than half of the reach" in q["prompt"]
    assert "at 0.4 one of those paths still gets through to most of them" in q["options"]["a"]
    q_it = question_it("spread-halve-p-high")
    assert "dimezzare p da 0,8 a 0,4 fa perdere meno della metà della reach" in q_it["prompt"]
    assert "con 0,4 uno di quei cammini arriva comunque alla maggior parte di loro" in q_it["options"]["a"]
    hi, lo = average_reach("karate club", 0.8), average_reach("karate club", 0.4)
    assert lo > hi / 2 and lo > 34 / 2


def test_q_halve_p_high_karate_is_a_little_larger_and_also_loses_more_than_half():
    fb = question("spread-halve-p-high")["feedback"]["b"]
    assert "The karate club (34 people) is only a little larger than the class (24)" in fb
    assert "in the karate club too, halving p from 0.4 to 0.2 costs more than half" in fb
    fb_it = question_it("spread-halve-p-high")["feedback"]["b"]
    assert "Il club di karate (34 persone) è solo un po' più grande della classe (24)" in fb_it
    assert "anche nel club di karate, dimezzare p da 0,4 a 0,2 costa più della metà" in fb_it
    assert karate_club().number_of_nodes() == 34 and G().number_of_nodes() == 24
    assert average_reach("karate club", 0.2) < average_reach("karate club", 0.4) / 2


def test_q_sharing_adds_more_than_double():
    q = question("spread-sharing-adds")
    assert "At p = 0.3, sharing more than doubles what the broadcast bought" in q["explanation"]
    assert "at p = 0.05 sharing adds little more than one person" in q["explanation"]
    q_it = question_it("spread-sharing-adds")
    assert "Con p = 0,3 la condivisione più che raddoppia ciò che la trasmissione ha comprato" in q_it["explanation"]
    assert "con p = 0,05 la condivisione aggiunge poco più di una persona" in q_it["explanation"]
    assert "16 persone non hanno ancora il messaggio" in q_it["feedback"]["b"]
    assert 1 < run_many(G(), "random", 0.05, runs=200, k=8, rng=1).mean() - 8 < 2
    assert "16 people still lack the message" in q["feedback"]["b"]
    assert G().number_of_nodes() - 8 == 16
    shared = run_many(G(), "random", 0.3, runs=200, k=8, rng=1)
    assert shared.mean() > 16


def test_q_feed_reaches_more_outside_pias_group_and_more_than_it_delivers():
    q = question("spread-feed")
    assert "many of them outside Pia's friendship group" in q["options"]["b"]
    assert "The reach grows by more than what the feed delivers directly." in q["explanation"]
    assert "2 strangers who take it up 1 time in 10 is 0.2 people per post" in q["options"]["a"]
    q_it = question_it("spread-feed")
    assert "molte delle quali fuori dal gruppo di amici di Pia" in q_it["options"]["b"]
    assert "La reach cresce più di quanto il feed porti direttamente." in q_it["explanation"]
    assert "2 estranei che lo raccolgono 1 volta su 10 fanno 0,2 persone per post" in q_it["options"]["a"]
    assert outside_group(2) > outside_group(0) + 2 and outside_group(4) > outside_group(2)
    runs = feed_runs().runs
    assert runs[2].mean() - runs[0].mean() > runs[2].by_feed.mean()


def test_q_feed_strategies_gap_shrinks_and_most_reach_through_ties():
    q = question("spread-feed-strategies")
    assert "the gap between the best and the worst seeding strategy in the class shrinks to about half" in q["prompt"]
    assert (
        "On the 800 Copenhagen students the gap stays about the same in people and shrinks only as a share"
        in q["explanation"]
    )
    m = fb_feed_by_strategy()
    g = {f: max(r[f] for r in m.values()) - min(r[f] for r in m.values()) for f in (0, 4)}
    assert abs(g[4] - g[0]) < 0.1 * g[0]
    assert "most of the reach still comes through ties" in q["feedback"]["c"]
    q_it = question_it("spread-feed-strategies")
    assert (
        "il divario tra la strategia di seeding migliore e la peggiore nella classe si riduce a circa la metà"
        in (q_it["prompt"])
    )
    assert words("Sugli 800 studenti di Copenaghen il divario resta più o meno lo stesso in persone e si riduce",
                 "solo in proporzione") in q_it["explanation"]  # fmt: skip
    assert "la maggior parte della reach arriva ancora tramite i legami" in q_it["feedback"]["c"]
    comps = feed_by_strategy()
    means = {s: c.mean() for s, c in comps.items()}
    gap = {f: max(m[f] for m in means.values()) - min(m[f] for m in means.values()) for f in (0, 4)}
    assert gap[4] < gap[0]
    for c in comps.values():
        assert c.runs[4].by_ties.mean() > c.runs[4].by_feed.mean()


def test_q_threshold_edge_one_friend_of_five():
    q = question("spread-threshold-edge")
    assert "has only that one friend among five" in q["options"]["a"]
    assert (
        "Tariq and Wen, the two people outside the group with a friend inside it, each have one friend who has joined out of five"
        in q["explanation"]
    )
    assert "the news from the same three people often reaches other groups" in q["prompt"]
    q_it = question_it("spread-threshold-edge")
    assert "ha solo quell'amico su cinque" in q_it["options"]["a"]
    assert words("Tariq e Wen, le due persone fuori dal gruppo con un amico dentro, hanno ciascuno un amico che",
                 "ha aderito su cinque") in q_it["explanation"]  # fmt: skip
    assert "la notizia partita dalle stesse tre persone raggiunge spesso altri gruppi" in q_it["prompt"]
    _, th = threshold_run()
    joined = set(th.reached)
    H = G()
    edge = {
        v: (sum(u in joined for u in H[v]), H.degree(v))
        for v in H
        if v not in joined and any(u in joined for u in H[v])
    }
    assert edge == {"Tariq": (1, 5), "Wen": (1, 5)}


def test_q_copenhagen_bridge_same_three_with_78_to_101_friends_above_random():
    q = question("spread-copenhagen-bridge")
    assert "the same three, with 78 to 101 friends each" in q["explanation"]
    assert "About as well as seeding the most connected people, above random on average." == q["options"]["b"]
    assert "nearly half of the runs from random seeds die out" in q["explanation"]
    q_it = question_it("spread-copenhagen-bridge")
    assert "gli stessi tre, che hanno da 78 a 101 amici ciascuno" in q_it["explanation"]
    assert (
        q_it["options"]["b"]
        == "Più o meno come il seeding sulle persone più connesse, in media meglio dei seed scelti a caso."
    )
    assert "quasi metà delle simulazioni da seed a caso si spegne" in q_it["explanation"]
    assert 0.4 <= float(np.mean(fb_comparison().sizes["random"] < 20)) < 0.5
    F = facebook()
    three = choose_seeds(F, "broker", 3)
    assert sorted(F.degree(u) for u in three) == [78, 86, 101]
    fb = fb_comparison().mean()
    assert fb["broker"] > 1.5 * fb["random"] and abs(fb["broker"] - fb["degree"]) < 0.1 * fb["degree"]


def test_q_copenhagen_media_ten_times_a_third_no_call_and_calls_at_half():
    q = question("spread-copenhagen-media")
    assert "about ten times as many Facebook friendships as calling pairs" in q["explanation"]
    assert "With the same p on every tie" in q["explanation"] and "same p = 0.1 on every medium" in q["prompt"]
    assert "about a third of them made or received no call at all in the four weeks recorded" in q["explanation"]
    assert "Even at p = 0.5 the calls reach far fewer people than Facebook at 0.1" in q["feedback"]["a"]
    q_it = question_it("spread-copenhagen-media")
    assert "circa dieci volte più amicizie di Facebook che coppie che si sono telefonate" in q_it["explanation"]
    assert (
        "Con la stessa p su ogni legame" in q_it["explanation"] and "la stessa p = 0,1 su ogni mezzo" in q_it["prompt"]
    )
    assert words("circa un terzo di loro non ha fatto né ricevuto nessuna telefonata nelle quattro settimane",
                 "registrate") in q_it["explanation"]  # fmt: skip
    assert "Anche con p = 0,5 le telefonate raggiungono molte meno persone di Facebook con 0,1" in q_it["feedback"]["a"]
    media, reach = media_reach()
    ratio = media["Facebook"].number_of_edges() / media["Calls"].number_of_edges()
    assert 9.5 < ratio < 10.5
    silent = sum(1 for _, d in media["Calls"].degree() if d == 0) / media["Calls"].number_of_nodes()
    assert 0.28 < silent < 0.4
    assert reach["Calls at 0.5"] < reach["Facebook"] / 4
    assert max(reach, key=reach.get) == "Facebook"


def test_rerun_rng4_stops_at_once_and_the_others_go_two_steps():
    assert "the run with `rng=4` stopped at once, while the others went on for two steps" in text("l7-rerun-after")
    assert words("la simulazione con `rng=4` si è fermata subito, mentre le altre sono andate avanti per due",
                 "passi") in text_it("it7-rerun-after")  # fmt: skip
    runs = {r: independent_cascade(G(), ["Pia"], 0.3, rng=r) for r in (3, 4, 5)}
    assert runs[4].size == 1 and runs[3].duration == runs[5].duration == 2


def test_model_answer_lower_p_loses_more_than_its_share_unless_saturated():
    assert (
        "A less shareable message (lower p) can lose more than its share of reach, unless it already reaches almost everyone."
        in text("l7-reflection")
    )
    assert words("Un messaggio meno condivisibile (p più bassa) può perdere più della sua quota di reach, a meno",
                 "che non raggiunga già quasi tutti.") in text_it("it7-reflection")  # fmt: skip
    # "its share": halving p (a 50 % cut) cost more than 50 % of the reach ...
    assert 1 - average_reach("class", 0.2) / average_reach("class", 0.4) > 0.5
    # ... but not where almost everyone was reached already.
    assert average_reach("karate club", 0.8) >= 0.95 * 34
    assert 1 - average_reach("karate club", 0.4) / average_reach("karate club", 0.8) < 0.5


def test_every_hint_names_objects_that_exist_in_the_notebook():

    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / f"{NB}.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assigned = re.findall(r"^(?:def |for )?(\w+)\b", code, re.M)
    imports = re.findall(r"^from \S+ import \(([^)]*)\)", code, re.M) + re.findall(
        r"^from \S+ import ([^(\n]+)$", code, re.M
    )
    imported = re.findall(r"\b(\w+)\b", " ".join(imports))
    loops = re.findall(r"\bfor (?:\w+, )?(\w+) in\b", code)
    defined = set(assigned) | set(imported) | set(loops) | set(re.findall(r"^(\w+) = ", code, re.M))
    data = [q for f in (QUESTIONS, QUESTIONS_IT) for q in json.loads(f.read_text(encoding="utf-8"))["questions"]]
    for q in data:
        names = set(re.findall(r"(?<![.\w])([A-Za-z_]\w*)\(", q.get("hint", ""))) | set(
            re.findall(r"print\((\w+)\)", q.get("hint", ""))
        )
        names |= set(
            re.findall(
                r"\b(G|F|K|H|comparison|fb_comparison|feed_runs|feed_by_strategy|joined|media)\b", q.get("hint", "")
            )
        )
        assert names, f"{q['id']}: the hint names no object of the notebook"
        missing = {n for n in names if n not in defined and n != "print"}
        assert not missing, (q["id"], missing)


def test_copenhagen_bridge_strategy_picks_the_exact_top_betweenness():
    # The "broker" strategy estimates betweenness from 500 sources past 500
    # people; the lesson says "the three people with the highest betweenness".
    import networkx as nx

    assert "the three brokers (highest betweenness)" in question("spread-copenhagen-bridge")["prompt"]
    assert "i tre broker (betweenness più alta)" in question_it("spread-copenhagen-bridge")["prompt"]
    F = facebook()
    exact = nx.betweenness_centrality(F)
    assert set(sorted(exact, key=exact.get, reverse=True)[:3]) == set(choose_seeds(F, "broker", 3))


def test_doubling_p_adds_little_when_saturated_and_more_than_doubles_otherwise():
    assert words("if a message already reaches almost everyone it can, making it more shareable adds little;",
                 "if not, doubling p can more than double the reach") in text("l7-halve-solution")  # fmt: skip
    assert words("se un messaggio raggiunge già quasi tutti quelli che può raggiungere, renderlo più",
                 "condivisibile aggiunge poco; altrimenti, raddoppiare p può più che raddoppiare la reach",
                 ) in text_it("it7-halve-solution")  # fmt: skip
    # The class from Pia: 0.2 -> 0.4 more than doubles the reach.
    assert average_reach("class", 0.4) > 2 * average_reach("class", 0.2)
    # The karate club, almost everyone reached at 0.8: doubling from 0.4 adds under half.
    assert average_reach("karate club", 0.8) < 1.5 * average_reach("karate club", 0.4)


def test_q_rerun_feedback_c_with_rng4_it_stops_at_pia():
    assert "with rng=4 it stops at Pia" in question("spread-rerun")["feedback"]["c"]
    assert "con rng=4 si ferma a Pia" in question_it("spread-rerun")["feedback"]["c"]
    sizes = [independent_cascade(G(), ["Pia"], 0.3, rng=r).size for r in (3, 4, 5)]
    assert sizes[1] == 1 and max(sizes) - min(sizes) > 2


def test_q_threshold_edge_feedback_c_the_run_has_stopped_for_good():
    assert "nobody new meets their threshold" in question("spread-threshold-edge")["feedback"]["c"]
    assert "nessun altro raggiunge la propria soglia" in question_it("spread-threshold-edge")["feedback"]["c"]
    starters, th = threshold_run()
    longer = linear_threshold(G(), starters, thresholds=0.5, max_steps=50)
    assert sorted(longer.reached) == sorted(th.reached)


# -- the Italian lesson: the same questions, the same time rule ------------------


def asked(notebook: str) -> list[str]:
    """The question ids the notebook's ``ask`` cells show, in order."""
    out = []
    for cell in _cells(notebook).values():
        m = re.fullmatch(r'ask\("([^"]+)"\)', "".join(cell["source"]).strip())
        if cell["cell_type"] == "code" and m:
            out.append(m.group(1))
    return out


def test_italian_students_get_the_same_questions_checked_the_same_way():
    """The Italian lesson asks every English question, in order, and checks each where the English does."""
    ids = asked(NB_IT)
    assert ids == [f"{q}-it" for q in asked(NB)] and len(ids) == 11
    data_en = {q["id"]: q for q in json.loads(QUESTIONS.read_text(encoding="utf-8"))["questions"]}
    data_it = {q["id"]: q for q in json.loads(QUESTIONS_IT.read_text(encoding="utf-8"))["questions"]}
    assert set(ids) == set(data_it)
    for q_it in ids:
        en, it = data_en[q_it.removesuffix("-it")], data_it[q_it]
        assert (en["level"], en["answer"], list(en["options"]), en["source"]) == (
            it["level"],
            it["answer"],
            list(it["options"]),
            it["source"],
        )
    checked = {
        lang: [
            m.group(1)
            for c in _cells(nb).values()
            if (m := re.search(r'check\("([^"]+)", answer\)', "".join(c["source"])))
        ]
        for lang, nb in (("en", NB), ("it", NB_IT))
    }
    assert checked["it"] == [f"{q}-it" for q in checked["en"]]


def test_the_first_cascade_reaches_6_in_both_languages():
    """ "With rng=3, the message from Pia (p = 0.3) reached 6 people" (spread-rerun, both languages)."""
    assert "reached 6 people" in question("spread-rerun")["prompt"]
    assert "ha raggiunto 6 persone" in question_it("spread-rerun")["prompt"]
    assert independent_cascade(G(), ["Pia"], 0.3, rng=3).size == 6


def test_the_italian_minutes_follow_the_english_rule():
    """The Italian header: Teaching = its Markdown words / 140, rounded; Exercises = the English header's,
    and the headings state the same exercise minutes in both languages."""
    (en_teaching, en_exercises), _, en_doing = lesson_minutes(NB)
    stated, reading, doing = lesson_minutes(NB_IT)
    assert stated == (reading, en_exercises) and doing == en_doing == en_exercises, (stated, reading, doing)


# -- what an algorithm would choose (influence maximization) -------------------


@cache
def algorithm():  # cell l7-greedy
    return greedy_seeds(facebook(), 3, 0.05, samples=1000, rng=0)


@cache
def algorithm_runs():  # cell l7-greedy-compare
    return run_many(facebook(), list(algorithm().seeds), 0.05, runs=200, rng=0)


def test_greedy_guarantee_and_lazy_evaluation_are_cited():
    t, t_it = text("l7-greedy-intro"), text_it("it7-greedy-intro")
    assert "is at least 63 % (1 − 1/e) of the expected reach of the best possible k seeds" in t
    assert "è almeno il 63 % (1 − 1/e) della reach attesa dei migliori k seed possibili" in t_it
    assert round(100 * (1 - 1 / np.e)) == 63
    assert "with reach estimated from simulations, as here, it holds up to their sampling error" in t
    assert "vale a meno dell'errore di campionamento" in t_it
    assert "Kempe, Kleinberg and Tardos, 2003" in t and "Leskovec et al., 2007" in t
    assert "Kempe, Kleinberg e Tardos, 2003" in t_it and "Leskovec et al., 2007" in t_it
    assert "the same 1,000 simulated runs" in t and "stesse 1.000 simulazioni" in t_it
    assert algorithm().samples == 1000
    for key in ("kempe-2003", "leskovec-2007"):
        assert f"<!-- cite: {key} -->" in text("l7-references") and f"<!-- cite: {key} -->" in text_it("it7-references")


def test_every_set_cannot_be_tried_85_million_trios_and_3e22_sets_of_ten():
    t, t_it = text("l7-greedy-intro"), text_it("it7-greedy-intro")
    assert "800 students already make 85 million possible trios, and 10 seeds would make about 3 × 10²² sets" in t
    assert (
        "800 studenti formano già 85 milioni di terne possibili, e con 10 seed gli insiemi sarebbero circa 3 × 10²²"
        in t_it
    )
    n = facebook().number_of_nodes()
    assert n == 800 and round(math.comb(n, 3) / 1e6) == 85 and round(math.comb(n, 10) / 1e22) == 3


def test_the_estimate_is_optimistic_so_the_seeds_are_tested_on_new_runs():
    t, t_it = text("l7-greedy-intro"), text_it("it7-greedy-intro")
    assert "that number is a little optimistic, so below we test them on 200 new runs" in t
    assert (
        "quel numero è un po' ottimista: per questo qui sotto li mettiamo alla prova su 200 simulazioni nuove" in t_it
    )
    assert algorithm().reach > algorithm_runs().mean()  # in-sample 166.8 against 165.2 on new runs
    assert len(algorithm_runs()) == 200


def test_the_algorithm_keeps_the_first_and_third_most_connected_and_the_swap_is_noise():
    t, t_it = text("l7-greedy-read"), text_it("it7-greedy-read")
    assert (
        "keeps students 486 and 14 (the first and third most connected) and takes student 301 (65 friends) "
        "rather than student 707 (86 friends, the second most connected)" in t
    )
    assert (
        "tiene gli studenti 486 e 14 (il primo e il terzo più connessi) e prende lo studente 301 (65 amici) "
        "invece dello studente 707 (86 amici, il secondo più connesso)" in t_it
    )
    F = facebook()
    degree_three = choose_seeds(F, "degree", 3)
    assert degree_three == [486, 707, 14] and [F.degree(s) for s in degree_three] == [101, 86, 78]
    assert algorithm().seeds == (486, 14, 301) and (F.degree(301), F.degree(707)) == (65, 86)
    assert "about 142 of the 167 people the algorithm expects" in t
    assert "circa 142 delle 167 persone che l'algoritmo si aspetta" in t_it
    assert (round(algorithm().gains[0]), round(algorithm().reach)) == (142, 167)
    assert "with `rng=1` instead of `rng=0` it picks 486, 707 and 513" in t
    assert "con `rng=1` invece di `rng=0` sceglie 486, 707 e 513" in t_it
    assert set(greedy_seeds(F, 3, 0.05, samples=1000, rng=1).seeds) == {486, 707, 513}


def test_the_algorithm_reaches_about_as_many_as_the_most_connected():
    t, t_it = text("l7-greedy-read"), text_it("it7-greedy-read")
    assert "reach about as many people as the three most connected do (165 and 167 on average)" in t
    assert "tante persone quante ne raggiungono i tre più connessi (165 e 167 in media)" in t_it
    assert "the difference is within the noise of 200 runs" in t
    assert "rientra nel rumore statistico di 200 simulazioni" in t_it
    ours, degree = algorithm_runs(), fb_comparison().sizes["degree"]
    assert (round(float(ours.mean())), round(float(degree.mean()))) == (165, 167)
    noise = 2 * np.hypot(ours.std() / np.sqrt(len(ours)), degree.std() / np.sqrt(len(degree)))
    assert abs(ours.mean() - degree.mean()) < noise


def test_the_example_plan_reaches_as_many_as_the_algorithm():
    t, t_it = text("l7-greedy-limits"), text_it("it7-greedy-limits")
    assert "This plan reaches as many people as the algorithm's (165 on average)" in t
    assert "Questo piano raggiunge tante persone quante ne raggiunge quello dell'algoritmo (165 in media)" in t_it
    F = facebook()
    mine = [max(sorted(group), key=F.degree) for group in communities(F)[:3]]
    assert round(float(run_many(F, mine, 0.05, runs=200, rng=0).mean())) == 165
    assert "numbered 1 to 851 with gaps" in text("l7-greedy-read") and "numerati da 1 a 851 con dei buchi" in text_it(
        "it7-greedy-read"
    )
    assert (min(F), max(F)) == (1, 851) and len(F) < 851


@cache
def greedy_by_p():  # cell l7-greedy-p
    F = facebook()
    out = {}
    for p in (0.03, 0.05, 0.08):
        choice = greedy_seeds(F, 3, p, samples=1000, rng=0)
        ours = run_many(F, list(choice.seeds), p, runs=1000, rng=1).mean()
        most = run_many(F, "degree", p, runs=1000, k=3, rng=1).mean()
        out[p] = (choice.seeds, float(ours), float(most))
    return out


def test_the_pick_changes_with_p_far_more_than_the_reach():
    t, t_it = text("l7-greedy-limits"), text_it("it7-greedy-limits")
    assert (
        "At 0.03 it picks the three most connected students. At 0.08 it keeps student 486 and replaces both others" in t
    )
    assert (
        "Con 0,03 sceglie i tre studenti più connessi. Con 0,08 tiene lo studente 486 e sostituisce gli altri due"
        in t_it
    )
    assert "yet its seeds reach only about 1 % more people than the three most connected (372 against 368)" in t
    assert "i suoi seed raggiungono solo l'1 % circa di persone in più dei tre più connessi (372 contro 368)" in t_it
    F = facebook()
    by_p = greedy_by_p()
    assert set(by_p[0.03][0]) == set(choose_seeds(F, "degree", 3))
    seeds, ours, most = by_p[0.08]
    assert 486 in seeds and not set(seeds) & {707, 14}
    assert (round(ours), round(most)) == (372, 368) and round(100 * (ours / most - 1)) == 1


def test_one_launch_is_one_run_between_26_and_228():
    assert "the 200 runs above reached between 26 and 228 people" in text("l7-greedy-limits")
    assert "le 200 simulazioni qui sopra hanno raggiunto tra 26 e 228 persone" in text_it("it7-greedy-limits")
    runs = algorithm_runs()
    assert (int(runs.min()), int(runs.max())) == (26, 228)


def test_the_facebook_data_limits_are_those_of_the_study():
    t, t_it = text("l7-greedy-limits"), text_it("it7-greedy-limits")
    assert "among its own participants, more than ten years ago" in t
    assert "tra i propri partecipanti, più di dieci anni fa" in t_it
    assert "around 2013" in text("l7-copenhagen-intro")  # the study's year, stated where the data come in
    assert "a student with 100 friends" in t and "uno studente con 100 amici" in t_it
    assert max(d for _, d in facebook().degree()) == 101
