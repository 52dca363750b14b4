"""Every quantitative or comparative sentence of lesson 6 and of its questions,
checked on the data and code the lesson uses: one test per claim.

A test reads the sentence where the student reads it (a notebook cell, by its
id, or a question of smlessons/content/exercises/lesson06_one_network_many_media.json),
asserts it still says what the test checks, then computes the fact. Part 1 is
the synthetic class (multiplex_class()), part 2 the real Copenhagen network.

Every sentence is checked in both languages: ``cell`` and ``q`` take the
Italian phrases (``it=``, required) and read them in the Italian lesson's cell
paired with the English one, or in the Italian question ``<id>-it``.
"""

from __future__ import annotations

import json
import re
import statistics
from functools import cache
from pathlib import Path

import networkx as nx
import pytest
from claims import _cells as _notebook_cells
from claims import cell_output, cell_text

from smlessons.datasets.copenhagen_study import copenhagen
from smlessons.datasets.multiplex import multiplex_class
from smlessons.engine.multilayer import (
    friends_by_medium,
    layers,
    media_combinations,
    overlap,
    reach,
    reached_by,
    removal_effect,
    removal_effects,
    ties_on,
    without_medium,
)

NB = "06-one-network-many-media"
NB_IT = "it/06-una-rete-molti-mezzi"
EXERCISES = Path(__file__).resolve().parents[1] / "smlessons" / "content" / "exercises"
QUESTIONS = EXERCISES / "lesson06_one_network_many_media.json"
QUESTIONS_IT = EXERCISES / "lesson06_one_network_many_media_it.json"


def says(text, *phrases):
    for phrase in phrases:
        assert phrase in text, f"the text no longer says {phrase!r}"


@cache
def _italian_cell_of():
    """English cell id -> the id of the Italian cell that translates it."""
    out = {}
    for cid, c in _notebook_cells(NB_IT).items():
        source = c.get("metadata", {}).get("smlessons", {}).get("source_cell")
        if source:
            out[source] = cid
    return out


def cell(cell_id, *phrases, it):
    """The English cell says `phrases`, and its Italian counterpart says `it`."""
    text = cell_text(NB, cell_id)
    says(text, *phrases)
    assert cell_id in _italian_cell_of(), f"{NB_IT} has no cell paired with {cell_id}"
    says(cell_text(NB_IT, _italian_cell_of()[cell_id]), *it)
    return text


@cache
def _questions(language="en"):
    data = json.loads((QUESTIONS if language == "en" else QUESTIONS_IT).read_text(encoding="utf-8"))
    return {q["id"]: q for q in data["questions"]}


def q(qid, field, *phrases, it, key=None):
    """A field of a question (``key``: an option or a feedback entry), checked to say `phrases`;
    the same field of the Italian question ``<qid>-it`` is checked to say `it`."""
    for language, wanted, ident in (("en", phrases, qid), ("it", it, f"{qid}-it")):
        value = _questions(language)[ident][field]
        says(" ".join((value[key] if key is not None else value).split()), *wanted)
    value = _questions()[qid][field]
    return " ".join((value[key] if key is not None else value).split())


def asked(qid):
    """The question is asked and checked in the lesson, and in the Italian lesson as ``<qid>-it``."""
    for notebook, ident in ((NB, qid), (NB_IT, f"{qid}-it")):
        ids = [c for c in _notebook_cells(notebook) if f'"{ident}"' in cell_text(notebook, c)]
        assert any(f'check("{ident}", answer)' in cell_text(notebook, c) for c in ids), (
            f"{notebook} does not check {ident}"
        )


def _cells():
    return list(_notebook_cells(NB))


# -- the data, built once ------------------------------------------------------


@cache
def G():
    return multiplex_class()


@cache
def C():
    return copenhagen()


@cache
def _removal(H, m):
    return removal_effect(H(), m)


def group_of():
    return {p: d["group"] for p, d in G().nodes(data=True)}


def inside():
    g = group_of()
    return [(u, v) for u, v in G().edges() if g[u] == g[v]]


def between():
    g = group_of()
    return [(u, v) for u, v in G().edges() if g[u] != g[v]]


def only_on(H, m):
    return [(u, v) for u, v, ms in H.edges(data="platform") if ms == (m,)]


def friends_among(pairs):
    F = copenhagen("facebook")
    return sum(F.has_edge(u, v) for u, v in pairs.edges())


# ---------------------------------------------------------------------------
# Part 1: the synthetic class


def test_l6_data_the_class_is_lesson_4s_24_students_in_four_groups_with_50_ties():
    cell(
        "l6-data",
        "the same 24 students in four friendship groups, the same 50 ties",
        "**This class is synthetic.**",
        it=(
            "gli stessi 24 studenti in quattro gruppi di amici, gli stessi 50 legami",
            "**Questa classe è sintetica.**",
        ),
    )
    from smlessons.datasets.networks import class_network

    assert G().number_of_nodes() == 24 and G().number_of_edges() == 50
    assert len(set(group_of().values())) == 4
    assert nx.utils.edges_equal(G().edges(), class_network().edges())
    assert G().graph["synthetic"] is True


def test_l6_data_inside_a_group_one_or_more_media_between_groups_exactly_one():
    cell(
        "l6-data",
        "a tie *inside* a friendship group lives on one or more media, a tie *between* two groups on exactly one",
        it=(
            "un legame *dentro* un gruppo di amici passa per uno o più mezzi, un legame *tra* due gruppi per uno solo",
        ),
    )
    assert all(len(G().edges[e]["platform"]) >= 1 for e in inside())
    assert all(len(G().edges[e]["platform"]) == 1 for e in between())


def test_l6_data_the_rule_follows_haythornthwaites_pattern_stronger_ties_more_media():
    cell(
        "l6-data",
        "the stronger the tie, the more media it tends to use (Haythornthwaite, 2005)",
        it=("più il legame è forte, più mezzi tende a usare (Haythornthwaite, 2005)",),
    )
    mean = lambda ties: sum(len(G().edges[e]["platform"]) for e in ties) / len(ties)  # noqa: E731
    assert mean(inside()) > mean(between())


def test_l6_tie_read_ana_rosa_on_tiktok_ana_tariq_not():
    cell(
        "l6-tie-read",
        "her tie with Rosa lives on TikTok, and her tie with Tariq does not",
        it=("il suo legame con Rosa passa per TikTok, e quello con Tariq no",),
    )
    assert "TikTok" in G().edges["Ana", "Rosa"]["platform"]
    assert "TikTok" not in G().edges["Ana", "Tariq"]["platform"]


def test_l6_try_bridge_solution_ben_uma_on_instagram_only_between_groups():
    cell(
        "l6-try-bridge-solution",
        "{'platform': ('Instagram',)}",
        "Instagram, and nothing else: Ben and Uma are in different friendship groups",
        it=("{'platform': ('Instagram',)}", "Instagram, e nient'altro: Ben e Uma sono in due gruppi di amici diversi"),
    )
    assert G().edges["Ben", "Uma"]["platform"] == ("Instagram",)
    assert group_of()["Ben"] != group_of()["Uma"]
    assert ("Ben", "Uma") in [tuple(sorted(e)) for e in nx.bridges(G())]


def test_l6_layers_look_whatsapp_is_the_medium_that_has_a_tie_with_everybody():
    cell("l6-layers", "Which medium has a tie with everybody?", it=("Quale mezzo ha un legame con tutti?",))
    assert [m for m, share in reach(G()).items() if share == 1.0] == ["WhatsApp"]


def test_l6_coverage_read_whatsapp_touches_24_in_3_groups_instagram_21_in_one():
    cell("l6-coverage-read", "WhatsApp has a tie with all 24 students, but its ties fall into 3 separate groups (12, 6 and 6 people)",
         "Instagram touches 21 students, all in one connected group", it=('WhatsApp ha un legame con tutti i 24 studenti, ma i suoi legami si dividono in 3 gruppi separati (di 12, 6 e 6 persone)', 'Instagram ha legami con 21 studenti, tutti in un unico gruppo connesso'))  # fmt: skip
    from smlessons.engine.multilayer import coverage

    cov = coverage(G())
    assert cov["WhatsApp"] == (24, [12, 6, 6]) and cov["Instagram"] == (21, [21])


def test_l6_layers_sum_79_ties_on_the_media_50_between_people():
    cell(
        "l6-layers-sum",
        "39 + 28 + 8 + 4 = 79 ties on the media, but only 50 ties between people",
        it=("39 + 28 + 8 + 4 = 79 legami sui mezzi, ma solo 50 legami tra persone",),
    )
    counts = {m: L.number_of_edges() for m, L in layers(G()).items()}
    assert list(counts.values()) == [39, 28, 8, 4] and sum(counts.values()) == 79
    assert G().number_of_edges() == 50


def test_l6_overlap_the_worked_example_is_one_third():
    cell(
        "l6-overlap",
        "one tie is on both, three are on either: overlap 1/3 ≈ 0.33",
        it=("un legame è su entrambi e tre sono su almeno uno: sovrapposizione 1/3 ≈ 0,33",),
    )
    H = nx.Graph(media=["WhatsApp", "Instagram"])
    H.add_edge("Ana", "Ben", platform=("WhatsApp",))
    H.add_edge("Ben", "Carla", platform=("WhatsApp", "Instagram"))
    H.add_edge("Carla", "Dev", platform=("Instagram",))
    assert overlap(H) == {("WhatsApp", "Instagram"): 0.333}


def test_l6_ex1_solution_whatsapp_instagram_share_20_of_47():
    cell(
        "l6-ex1-solution",
        "WhatsApp and Instagram share 20 of the 47 ties on either of them: an overlap of 0.43",
        it=(
            "WhatsApp e Instagram hanno in comune 20 dei 47 legami presenti su almeno uno dei due: una sovrapposizione di 0,43",
        ),
    )
    w, i = set(map(frozenset, ties_on(G(), "WhatsApp"))), set(map(frozenset, ties_on(G(), "Instagram")))
    assert (len(w & i), len(w | i)) == (20, 47)
    assert next(iter(overlap(G()).items())) == (("WhatsApp", "Instagram"), 0.426)


def test_l6_removal_whatsapp_has_the_most_ties():
    cell(
        "l6-removal",
        "Take away WhatsApp, the medium with the most ties",
        it=("Togliamo WhatsApp, il mezzo con più legami",),
    )
    counts = {m: L.number_of_edges() for m, L in layers(G()).items()}
    assert max(counts, key=counts.get) == "WhatsApp"


def test_l6_why_a_third_of_the_ties_gone_nobody_cut_off():
    cell(
        "l6-why",
        "A third of the ties are gone, yet every student can still reach every other",
        it=("Un terzo dei legami non c'è più, eppure ogni studente può ancora raggiungere tutti gli altri",),
    )
    r = _removal(G, "WhatsApp")
    assert r.ties - r.ties_kept == 17 and round((r.ties - r.ties_kept) / r.ties, 1) == 0.3
    assert r.cut_off == () and r.parts == 1


def test_l6_why_groups_half_the_close_ties_on_one_medium_only():
    cell(
        "l6-why-groups",
        "Half of the ties inside the friendship groups live on one medium only",
        it=("La metà dei legami interni ai gruppi di amici passa per un solo mezzo",),
    )
    one = [e for e in inside() if len(G().edges[e]["platform"]) == 1]
    assert (len(inside()), len(one)) == (46, 23)


def test_l6_why_groups_16_of_the_17_ties_lost_with_whatsapp_are_inside_a_group():
    cell(
        "l6-why-groups",
        "16 of the 17 ties lost with WhatsApp are ties inside a group",
        it=("16 dei 17 legami persi con WhatsApp sono interni a un gruppo",),
    )
    lost = only_on(G(), "WhatsApp")
    g = group_of()
    assert len(lost) == 17 and sum(g[u] == g[v] for u, v in lost) == 16


def test_l6_why_groups_the_groups_have_10_to_13_ties_among_6_people():
    cell(
        "l6-why-groups",
        "the groups are **dense**: 10 to 13 ties among 6 people, of 15 possible",
        it=("i gruppi sono **densi**: da 10 a 13 legami tra 6 persone, su 15 possibili",),
    )
    g = group_of()
    sizes, ties = {}, {}
    for p, k in g.items():
        sizes[k] = sizes.get(k, 0) + 1
    for u, v in inside():
        ties[g[u]] = ties.get(g[u], 0) + 1
    assert set(sizes.values()) == {6} and 6 * 5 // 2 == 15
    assert (min(ties.values()), max(ties.values())) == (10, 13)


def test_l6_removal_read_each_group_holds_together_and_the_groups_are_joined_on_instagram():
    cell(
        "l6-removal-read",
        "Each group holds together through its remaining ties, and the groups are still joined by ties on Instagram",
        it=(
            "Ogni gruppo resta unito grazie ai legami che gli rimangono, e i gruppi sono ancora collegati da legami su Instagram",
        ),
    )
    after = without_medium(G(), "WhatsApp")
    g = group_of()
    for k in set(g.values()):
        assert nx.is_connected(after.subgraph(p for p in after if g[p] == k))
    kept_between = [e for e in between() if after.has_edge(*e)]
    assert kept_between and all(after.edges[e]["platform"] == ("Instagram",) for e in kept_between)
    groups = nx.Graph((g[u], g[v]) for u, v in kept_between)
    assert set(groups) == set(g.values()) and nx.is_connected(groups)


def test_l6_ex3_solution_without_instagram_8_lost_3_parts_12_cut_off():
    cell(
        "l6-ex3-solution",
        "Without it only 8 of the 50 ties are lost, far fewer than without WhatsApp, but the class falls into 3 parts and 12 students are cut off",
        it=(
            "Senza Instagram si perdono solo 8 dei 50 legami, molti meno che senza WhatsApp, ma la classe si divide in 3 parti e 12 studenti restano tagliati fuori",
        ),
    )
    r, w = _removal(G, "Instagram"), _removal(G, "WhatsApp")
    assert (r.ties - r.ties_kept, r.parts, len(r.cut_off)) == (8, 3, 12)
    assert w.ties - w.ties_kept == 17 > 8
    assert max(removal_effects(G()), key=lambda e: len(e.cut_off)).medium == "Instagram"


def test_l6_ex3_solution_three_of_the_four_ties_between_groups_on_instagram_only():
    cell(
        "l6-ex3-solution",
        "Three of the four ties between friendship groups live on Instagram only, the bridge Ben–Uma among them",
        it=("Tre dei quattro legami tra i gruppi di amici passano solo per Instagram, e tra questi il ponte Ben–Uma",),
    )
    on = [G().edges[e]["platform"] for e in between()]
    assert len(on) == 4 and on.count(("Instagram",)) == 3
    assert G().edges["Ben", "Uma"]["platform"] == ("Instagram",)


def test_l6_ex3_solution_inside_a_dense_group_a_lost_tie_has_a_way_around_it():
    cell(
        "l6-ex3-solution",
        "Inside a dense group a lost tie has a way around it; between groups there are too few ties for that",
        it=(
            "Dentro un gruppo denso un legame perso si può aggirare; tra i gruppi i legami sono troppo pochi per farlo",
        ),
    )
    g = group_of()
    for k in set(g.values()):
        group = G().subgraph(p for p in G() if g[p] == k)
        assert not list(nx.bridges(group)), "no tie inside a group is its only path"
    assert len(between()) == 4 and len(list(nx.bridges(G()))) >= 1


def test_l6_ex4_solution_tiktok_3_of_anas_5_friends_fewer_than_half_the_class():
    cell(
        "l6-ex4-solution",
        "TikTok: 3 of Ana's 5 friends. TikTok has a tie with fewer than half of the class, WhatsApp with all of it",
        it=(
            "TikTok: 3 dei 5 amici di Ana. TikTok ha un legame con meno di metà della classe, WhatsApp con tutta la classe",
        ),
    )
    by = friends_by_medium(G(), "Ana")
    assert next(iter(by)) == "TikTok" and len(by["TikTok"]) == 3 and G().degree("Ana") == 5
    assert len(reached_by(G(), "TikTok")) < 24 / 2 and len(reached_by(G(), "WhatsApp")) == 24


def test_l6_removal_read_the_default_class_is_a_picked_draw():
    cell(
        "l6-removal-read",
        "this class is one draw of a random program, and the course picked the draw that makes good exercises",
        it=(
            "questa classe è una sola estrazione di un programma casuale, e il corso ha scelto l'estrazione che dà buoni esercizi",
        ),
    )
    from smlessons.datasets import multiplex

    source = Path(multiplex.__file__).read_text().replace("#", " ")  # a comment may wrap over lines
    assert "so that the default class makes good exercises" in " ".join(source.split())


def test_l6_other_seed_read_whatsapp_cuts_someone_off_in_93_of_seeds_0_to_99():
    cell("l6-other-seed", "multiplex_class(seed=8)", it=("multiplex_class(seed=8)",))
    cell(
        "l6-other-seed-read",
        "With the seeds 0 to 99, removing WhatsApp cuts someone off in 93 of the 100 classes",
        it=("Con i semi da 0 a 99, togliere WhatsApp taglia fuori qualcuno in 93 classi su 100",),
    )
    assert removal_effect(multiplex_class(seed=8), "WhatsApp").cut_off
    assert sum(bool(removal_effect(multiplex_class(seed=s), "WhatsApp").cut_off) for s in range(100)) == 93


# ---------------------------------------------------------------------------
# Part 2: the Copenhagen Networks Study


def test_l6_cph_intro_about_800_students_cited():
    cell(
        "l6-cph-intro",
        "(Sapiezynski et al., 2019)",
        "over four weeks",
        it=("(Sapiezynski et al., 2019)", "per quattro settimane"),
    )
    assert C().number_of_nodes() == 833 and copenhagen("facebook").number_of_nodes() == 800
    assert C().graph["real"] is True
    cell("l6-title", "a real network of about 800 students", it=("una rete reale di circa 800 studenti",))


def test_l6_cph_calls_read_924_ordered_pairs_3600_calls_621_pairs_either_way():
    cell(
        "l6-cph-calls-read",
        "924 ordered pairs (A phoned B) and 3,600 calls; taken either way, in 621 pairs of students at least one phoned the other",
        it=(
            "924 coppie ordinate (A ha telefonato a B) e 3.600 chiamate; senza tener conto della direzione, in 621 coppie di studenti almeno uno ha telefonato all'altro",
        ),
    )
    calls = copenhagen("calls")
    assert calls.number_of_edges() == 924 and sum(n for *_, n in calls.edges(data="events")) == 3600
    assert copenhagen("calls", either_way=True).number_of_edges() == 621


def test_l6_ex3_solution_instagram_is_the_most_damaging_in_only_35_of_seeds_0_to_99():
    cell(
        "l6-ex3-solution",
        "Instagram cuts off the most people (alone or tied for first) in only 35 of the 100 classes",
        it=("Instagram è il mezzo che taglia fuori più persone (da solo o a pari merito) solo in 35 classi su 100",),
    )
    count = 0
    for seed in range(100):
        effects = removal_effects(multiplex_class(seed=seed))
        most = max(len(r.cut_off) for r in effects)
        count += any(r.medium == "Instagram" and len(r.cut_off) == most for r in effects)
    assert count == 35


def test_l6_cph_intro_833_ids_more_than_700_in_the_paper():
    cell(
        "l6-cph-intro",
        '"more than 700" first-year students',
        "833 different ids appear in the three files",
        "(Stopczynski et al., 2014)",
        it=(
            '"più di 700" studenti del primo anno',
            "nei tre file compaiono 833 ID diversi",
            "(Stopczynski et al., 2014)",
        ),
    )
    assert C().number_of_nodes() == 833 > 700


def test_l6_p3_limits_33_ids_with_no_facebook_225_with_no_call_or_text():
    cell(
        "l6-p3-limits",
        "`layers(C)` puts all 833 ids in every layer",
        "the 33 ids with no Facebook friendship, and the 225",
        it=("`layers(C)` mette tutti gli 833 ID in ogni strato", "i 33 ID senza nessuna amicizia su Facebook, e i 225"),
    )
    L = layers(C())
    assert all(H.number_of_nodes() == 833 for H in L.values())
    assert sum(1 for _, d in L["Facebook"].degree() if d == 0) == 33
    assert len(_removal(C, "Facebook").isolated) == 225


def test_l6_cph_calls_read_303_pairs_phoned_both_ways():
    cell(
        "l6-cph-calls-read",
        "in 621 pairs of students at least one phoned the other; in 303 of them, each phoned the other",
        it=(
            "in 621 coppie di studenti almeno uno ha telefonato all'altro; in 303 di queste si sono telefonati a vicenda",
        ),
    )
    calls = copenhagen("calls")
    assert sum(calls.has_edge(v, u) for u, v in calls.edges()) // 2 == 303 == 924 - 621


def test_l6_combinations_read_the_bars_87_percent_is_of_all_ties():
    cell(
        "l6-combinations-read",
        "(the bar's 87 % is a share of all 6,584 ties)",
        it=("(l'87 % della barra è una quota di tutti i 6.584 legami)",),
    )
    assert round(100 * media_combinations(C())[("Facebook",)] / C().number_of_edges()) == 87
    from smlessons.figures.multiplex import combinations_figure

    assert combinations_figure(C()).data[0].text[0] == "5,704 (87%)"
    assert combinations_figure(C(), language="it").data[0].text[0] == "5.704 (87%)"


def test_l6_p1_result_503_of_621_calling_and_576_of_697_texting_pairs_are_facebook_friends():
    cell(
        "l6-p1-result",
        "503 of the 621 pairs who phoned (81 %) and 576 of the 697 pairs who texted (83 %) are also Facebook friends",
        it=(
            "503 delle 621 coppie che si sono telefonate (81 %) e 576 delle 697 coppie che si sono scritte un SMS (83 %) sono anche amiche su Facebook",
        ),
    )
    phoned, texted = copenhagen("calls", either_way=True), copenhagen("sms", either_way=True)
    assert (phoned.number_of_edges(), friends_among(phoned)) == (621, 503) and round(100 * 503 / 621) == 81
    assert (texted.number_of_edges(), friends_among(texted)) == (697, 576) and round(100 * 576 / 697) == 83


def test_l6_combinations_read_5704_of_6418_facebook_friendships_carry_no_call_or_text():
    cell(
        "l6-combinations-read",
        "5,704 of the 6,418 Facebook friendships (89 %) carry no call and no text",
        it=("5.704 delle 6.418 amicizie su Facebook (89 %) non hanno né una chiamata né un SMS",),
    )
    counts = media_combinations(C())
    assert counts[("Facebook",)] == 5704 and sum(n for ms, n in counts.items() if "Facebook" in ms) == 6418
    assert round(100 * 5704 / 6418) == 89


def test_l6_p2_calls_and_texts_overlap_half_facebook_under_a_tenth():
    cell(
        "l6-p2",
        "Calls and texts overlap a lot (0.50): half of the pairs on either are on both. Facebook overlaps little with either (under 0.1)",
        it=(
            "Chiamate e SMS si sovrappongono molto (0,50): metà delle coppie presenti su almeno uno dei due sono su entrambi. Facebook si sovrappone poco sia con l'uno sia con l'altro (meno di 0,1)",
        ),
    )
    ov = overlap(C())
    assert round(ov[("Calls", "SMS")], 2) == 0.50
    assert ov[("Facebook", "Calls")] < 0.1 and ov[("Facebook", "SMS")] < 0.1


def test_l6_p2_solution_503_on_both_6536_on_either():
    cell(
        "l6-p2-solution",
        "divides the ties on both (503) by the ties on either (6,536)",
        "(503 of 621)",
        it=(
            "divide i legami presenti su entrambi (503) per quelli presenti su almeno uno dei due (6.536)",
            "(503 su 621)",
        ),
    )
    fb, calls = set(map(frozenset, ties_on(C(), "Facebook"))), set(map(frozenset, ties_on(C(), "Calls")))
    assert (len(fb & calls), len(fb | calls), len(calls)) == (503, 6536, 621)
    assert len(fb | calls) - len(fb & calls) - len(calls - fb) == 6536 - 503 - 118 == 5915  # Facebook without a call


def test_l6_p3_facebook_carries_6418_of_6584_ties_and_all_833_are_connected():
    cell(
        "l6-p3",
        "Facebook carries 6,418 of the 6,584 ties. With all three media, the 833 students form one connected network",
        it=(
            "Facebook porta 6.418 dei 6.584 legami. Con tutti e tre i mezzi, gli 833 studenti formano un'unica rete connessa",
        ),
    )
    assert layers(C())["Facebook"].number_of_edges() == 6418 and C().number_of_edges() == 6584
    assert C().number_of_nodes() == 833 and nx.is_connected(C())


def test_l6_p3_read_880_ties_left_515_connected_318_cut_off_225_with_no_tie_93_in_small_groups():
    cell("l6-p3-read", "Without Facebook, 880 ties are left. The largest connected group has 515 students",
         "318 students are cut off from it: 225 of them have no call or text tie at all, the other 93 are in small groups", it=('Senza Facebook restano 880 legami. Il gruppo connesso più grande ha 515 studenti', '318 studenti restano tagliati fuori: 225 di loro non hanno né chiamate né SMS con nessuno, gli altri 93 sono in piccoli gruppi'))  # fmt: skip
    r = _removal(C, "Facebook")
    assert (r.ties_kept, r.main_part, len(r.cut_off), len(r.isolated)) == (880, 515, 318, 225)
    assert 318 - 225 == 93
    after = without_medium(C(), "Facebook")
    small = sorted((len(c) for c in nx.connected_components(after)), reverse=True)[1:]
    assert max(small) == 7, "the others are small groups"


def test_l6_p3_read_without_calls_or_texts_only_3_or_4_cut_off():
    cell(
        "l6-p3-read",
        "Without calls, or without texts, only 3 or 4 students are cut off",
        it=("Senza chiamate, o senza SMS, restano tagliati fuori solo 3 o 4 studenti",),
    )
    assert len(_removal(C, "Calls").cut_off) == 3 and len(_removal(C, "SMS").cut_off) == 4


def test_l6_p3_limits_a_core_of_515():
    cell(
        "l6-p3-limits",
        "holds a core of 515 students together",
        "only four weeks of calls and texts",
        it=("tiene unito un nucleo di 515 studenti", "solo quattro settimane di chiamate e SMS"),
    )
    assert _removal(C, "Facebook").main_part == 515


def test_l6_p3_limits_833_people_6584_ties():
    cell(
        "l6-p3-limits",
        "833 people and 6,584 ties would draw as a hairball",
        it=("833 persone e 6.584 legami disegnati tutti insieme sarebbero un groviglio",),
    )
    assert (C().number_of_nodes(), C().number_of_edges()) == (833, 6584)


def test_l6_ego_student_23_has_13_facebook_friends_and_calls_and_texts_2():
    cell(
        "l6-ego-read",
        "Student 23 has 13 Facebook friends, and phones and texts with 2 of them",
        it=("Lo studente 23 ha 13 amici su Facebook, e con 2 di loro si telefona e si scambia SMS",),
    )
    median = statistics.median(d for _, d in C().degree())
    student = min(p for p, d in C().degree() if d == median)
    assert student == 23
    by = friends_by_medium(C(), 23)
    assert len(by["Facebook"]) == 13 and by["Calls"] == by["SMS"] and len(by["Calls"]) == 2
    assert set(by["Calls"]) <= set(by["Facebook"])


def test_l6_reflection_800_536_568_of_833_have_a_tie_on_each_medium():
    cell(
        "l6-reflection",
        "800 of the 833 students have a tie on Facebook, 536 on calls, 568 on texts",
        it=("800 degli 833 studenti hanno un legame su Facebook, 536 nelle chiamate, 568 negli SMS",),
    )
    assert [len(reached_by(C(), m)) for m in ("Facebook", "Calls", "SMS")] == [800, 536, 568]


def test_l6_reflection_model_answer_figures():
    cell("l6-reflection", "880 of them, which keep a core of 515 students connected", "5,704 friendships that carry no call or text",
         "nothing in the data links the core to 318 students", "89 % of the Facebook friendships carry no call or text in four weeks", it=('880, che tengono connesso un nucleo di 515 studenti', '5.704 amicizie che in questi dati non hanno né chiamate né SMS', 'nei dati niente collega il nucleo a 318 studenti', "l'89 % delle amicizie su Facebook non ha né chiamate né SMS in quattro settimane"))  # fmt: skip
    r = _removal(C, "Facebook")
    assert (r.ties_kept, r.main_part, len(r.cut_off)) == (880, 515, 318)
    assert media_combinations(C())[("Facebook",)] == 5704


def test_l6_reflection_model_answer_in_the_class_it_is_other_paths_not_the_number_of_ties():
    cell(
        "l6-reflection",
        "whether people are cut off depends on whether other paths remain, not only on how many ties a medium carries",
        it=(
            "se qualcuno resta tagliato fuori dipende dal fatto che restino altri cammini, non solo da quanti legami porta un mezzo",
        ),
    )
    effects = {r.medium: r for r in removal_effects(G())}
    most_ties = max(effects, key=lambda m: effects[m].ties - effects[m].ties_kept)
    most_cut = max(effects, key=lambda m: len(effects[m].cut_off))
    assert most_ties == "WhatsApp" and most_cut == "Instagram"


def test_l6_keypoints_jaccard_is_small_when_one_layer_is_much_bigger():
    cell(
        "l6-keypoints",
        "It is small whenever one layer is much bigger",
        it=("È piccola ogni volta che uno strato è molto più grande",),
    )
    for H in (G(), C()):
        sizes = {m: L.number_of_edges() for m, L in layers(H).items()}
        for (a, b), value in overlap(H).items():
            assert value <= min(sizes[a], sizes[b]) / max(sizes[a], sizes[b]) + 0.0005


def test_l6_keypoints_most_callers_are_friends_most_friendships_are_quiet():
    cell(
        "l6-keypoints",
        "most pairs who phone or text are Facebook friends, but most Facebook friendships carry no call or text",
        it=(
            "la maggior parte delle coppie che si telefonano o si scrivono SMS è amica su Facebook, ma la maggior parte delle amicizie su Facebook non ha né chiamate né SMS",
        ),
    )
    counts = media_combinations(C())
    in_touch = sum(n for ms, n in counts.items() if {"Calls", "SMS"} & set(ms))
    in_touch_friends = sum(n for ms, n in counts.items() if {"Calls", "SMS"} & set(ms) and "Facebook" in ms)
    assert (in_touch, in_touch_friends) == (880, 714) and in_touch_friends > in_touch / 2
    assert counts[("Facebook",)] > 6418 / 2


# ---------------------------------------------------------------------------
# The questions (smlessons/content/exercises/lesson06_one_network_many_media.json)


def test_q_media_overlap_the_shared_ties_are_close_friends():
    asked("media-overlap")
    q(
        "media-overlap",
        "explanation",
        "Many pairs of close friends are tied on both",
        it=("Molte coppie di amici stretti sono legate su entrambi",),
    )
    g = group_of()
    shared = set(map(frozenset, ties_on(G(), "WhatsApp"))) & set(map(frozenset, ties_on(G(), "Instagram")))
    assert len(shared) == 20 and all(len({g[p] for p in e}) == 1 for e in shared)


def test_q_nobody_cut_off_why_prompt_17_of_50():
    asked("nobody-cut-off-why")
    q(
        "nobody-cut-off-why",
        "prompt",
        "removing WhatsApp loses 17 of the 50 ties, yet nobody is cut off",
        it=("togliendo WhatsApp si perdono 17 dei 50 legami, eppure nessuno resta tagliato fuori",),
    )
    r = _removal(G, "WhatsApp")
    assert (r.ties - r.ties_kept, r.ties, r.cut_off) == (17, 50, ())


def test_q_nobody_cut_off_why_explanation_figures():
    q("nobody-cut-off-why", "explanation", "(23 of 46) live on one medium only", "16 of the 17 ties lost with WhatsApp are inside a group",
      "10 to 13 ties among its 6 people", "Between the groups, 3 of the 4 ties live on Instagram", it=('(23 su 46) passa per un solo mezzo', '16 dei 17 legami persi con WhatsApp sono interni a un gruppo', 'da 10 a 13 legami tra le sue 6 persone', 'Tra i gruppi, 3 dei 4 legami passano per Instagram'))  # fmt: skip
    assert (len(inside()), sum(len(G().edges[e]["platform"]) == 1 for e in inside())) == (46, 23)
    g = group_of()
    assert sum(g[u] == g[v] for u, v in only_on(G(), "WhatsApp")) == 16
    assert [G().edges[e]["platform"] for e in between()].count(("Instagram",)) == 3


def test_q_nobody_cut_off_why_option_a_is_false():
    q(
        "nobody-cut-off-why",
        "options",
        "Every tie between close friends also lives on another medium",
        key="a",
        it=("Ogni legame tra amici stretti passa anche per un altro mezzo",),
    )
    q(
        "nobody-cut-off-why",
        "feedback",
        "23 of the 46 ties inside the friendship groups live on one medium only",
        "16 of the 17 ties lost with WhatsApp",
        key="a",
        it=(
            "23 dei 46 legami interni ai gruppi di amici passano per un solo mezzo",
            "16 dei 17 legami persi con WhatsApp",
        ),
    )
    assert any(len(G().edges[e]["platform"]) == 1 for e in inside())


def test_q_nobody_cut_off_why_option_b_is_true():
    q(
        "nobody-cut-off-why",
        "options",
        "each keeps enough ties on other media to stay in one piece, and the groups are still joined by ties on Instagram",
        key="b",
        it=(
            "ciascuno conserva abbastanza legami su altri mezzi da restare unito, e i gruppi restano collegati da legami su Instagram",
        ),
    )
    assert _questions()["nobody-cut-off-why"]["answer"] == "b"
    test_l6_removal_read_each_group_holds_together_and_the_groups_are_joined_on_instagram()


def test_q_nobody_cut_off_why_option_c_is_false_instagram_cuts_off_12():
    q(
        "nobody-cut-off-why",
        "feedback",
        "without Instagram, 12 students of this class are cut off",
        key="c",
        it=("senza Instagram, 12 studenti di questa classe restano tagliati fuori",),
    )
    assert len(_removal(G, "Instagram").cut_off) == 12


def test_q_nobody_cut_off_why_option_d_is_false_farid_kira():
    q(
        "nobody-cut-off-why",
        "options",
        "No tie between two friendship groups lives on WhatsApp",
        key="d",
        it=("Nessun legame tra due gruppi di amici passa per WhatsApp",),
    )
    q(
        "nobody-cut-off-why",
        "feedback",
        "Farid–Kira lives on WhatsApp only",
        "the other three ties between groups live on Instagram",
        key="d",
        it=("Farid–Kira passa solo per WhatsApp", "gli altri tre legami tra gruppi passano per Instagram"),
    )
    assert G().edges["Farid", "Kira"]["platform"] == ("WhatsApp",) and group_of()["Farid"] != group_of()["Kira"]
    assert sorted(G().edges[e]["platform"] for e in between()) == [("Instagram",)] * 3 + [("WhatsApp",)]


def test_q_medium_removal_predict_explanation_3_of_4_between_ties_on_instagram_only():
    asked("medium-removal-predict")
    q("medium-removal-predict", "explanation", "Without Instagram only 8 of the 50 ties are lost, but the class falls into 3 parts and 12 people are cut off",
      "does not carry the most ties, but 3 of the 4 ties between the friendship groups live on it and on nothing else", it=('Senza Instagram si perdono solo 8 dei 50 legami, ma la classe si divide in 3 parti e 12 persone restano tagliate fuori', "3 dei 4 legami tra i gruppi di amici passano per Instagram e per nient'altro"))  # fmt: skip
    assert (
        _questions()["medium-removal-predict"]["answer"] == "b"
        and _questions()["medium-removal-predict"]["level"] == "predict"
    )
    counts = {m: L.number_of_edges() for m, L in layers(G()).items()}
    assert max(counts, key=counts.get) != "Instagram"
    assert [G().edges[e]["platform"] for e in between()].count(("Instagram",)) == 3
    r = _removal(G, "Instagram")
    assert (r.ties - r.ties_kept, r.parts, len(r.cut_off)) == (8, 3, 12)
    assert max(removal_effects(G()), key=lambda e: len(e.cut_off)).medium == "Instagram"


def test_q_medium_removal_predict_explanation_no_tie_inside_a_group_is_its_only_path():
    q(
        "medium-removal-predict",
        "explanation",
        "Inside a dense group a lost tie has a way around it; between groups there are too few ties for that",
        it=(
            "Dentro un gruppo denso un legame perso si può aggirare; tra i gruppi i legami sono troppo pochi per farlo",
        ),
    )
    test_l6_ex3_solution_inside_a_dense_group_a_lost_tie_has_a_way_around_it()


@pytest.mark.parametrize("qid, key", [("medium-removal-predict", "a"), ("medium-removal", "WhatsApp")])
def test_q_medium_removal_whatsapp_feedback(qid, key):
    """The same feedback on WhatsApp in the predict question and in its check."""
    q(qid, "feedback", "removing it loses the most ties (17 of 50)", "16 of those 17 ties are inside friendship groups",
      "every group keeps enough other ties to stay in one piece", key=key, it=('toglierlo fa perdere più legami (17 su 50)', '16 di quei 17 legami sono interni ai gruppi di amici', 'ogni gruppo conserva abbastanza altri legami da restare unito'))  # fmt: skip
    lost = {m: r.ties - r.ties_kept for m, r in ((r.medium, r) for r in removal_effects(G()))}
    assert max(lost, key=lost.get) == "WhatsApp" and lost["WhatsApp"] == 17
    test_l6_removal_read_each_group_holds_together_and_the_groups_are_joined_on_instagram()


def test_q_medium_removal_predict_tiktok_feedback_one_tie_lost_nobody_cut_off():
    q(
        "medium-removal-predict",
        "feedback",
        "Removing TikTok loses 1 of the 50 ties and cuts off nobody",
        key="c",
        it=("Togliendo TikTok si perde 1 dei 50 legami e nessuno resta tagliato fuori",),
    )
    r = _removal(G, "TikTok")
    assert r.ties - r.ties_kept == 1 and not r.cut_off


def test_q_medium_removal_predict_none_feedback_instagram_cuts_off_12():
    q(
        "medium-removal-predict",
        "feedback",
        "without Instagram, 12 students are cut off",
        key="d",
        it=("senza Instagram, 12 studenti restano tagliati fuori",),
    )
    assert len(_removal(G, "Instagram").cut_off) == 12


def test_q_ana_best_medium_predict_tiktok_3_of_5_whatsapp_and_instagram_2_minecraft_1():
    asked("ana-best-medium-predict")
    q("ana-best-medium-predict", "explanation", "TikTok ties Ana to 3 of her 5 friends (Hugo, Kira and Rosa); WhatsApp and Instagram to 2 each, Minecraft to 1",
      "TikTok has a tie with fewer than half of the class", it=('TikTok lega Ana a 3 dei suoi 5 amici (Hugo, Kira e Rosa); WhatsApp e Instagram a 2 ciascuno, Minecraft a 1', 'TikTok ha un legame con meno di metà della classe'))  # fmt: skip
    q(
        "ana-best-medium-predict",
        "feedback",
        "WhatsApp has a tie with everybody in the class, but only 2 of them are ties with Ana",
        key="a",
        it=("WhatsApp ha un legame con tutti nella classe, ma solo 2 di questi sono legami con Ana",),
    )
    q(
        "ana-best-medium-predict",
        "feedback",
        "it ties Ana to only 2 of her 5 friends",
        key="b",
        it=("lega Ana solo a 2 dei suoi 5 amici",),
    )
    q(
        "ana-best-medium-predict",
        "feedback",
        "Ana's tie with Rosa lives on TikTok, her tie with Tariq does not",
        key="d",
        it=("il legame di Ana con Rosa passa per TikTok, quello con Tariq no",),
    )
    by = {m: sorted(v) for m, v in friends_by_medium(G(), "Ana").items()}
    assert (
        by["TikTok"] == ["Hugo", "Kira", "Rosa"]
        and len(by["WhatsApp"]) == len(by["Instagram"]) == 2
        and len(by["Minecraft"]) == 1
    )
    assert G().degree("Ana") == 5 and reach(G())["TikTok"] < 0.5 and reach(G())["WhatsApp"] == 1.0
    assert "TikTok" in G().edges["Ana", "Rosa"]["platform"] and "TikTok" not in G().edges["Ana", "Tariq"]["platform"]


def test_q_medium_removal_explanation_3_of_4_between_ties_on_instagram_only():
    asked("medium-removal")
    q(
        "medium-removal",
        "explanation",
        "does not carry the most ties, but 3 of the 4 ties between the friendship groups live on it and on nothing else",
        it=("3 dei 4 legami tra i gruppi di amici passano per {answer} e per nient'altro",),
    )
    counts = {m: L.number_of_edges() for m, L in layers(G()).items()}
    assert max(counts, key=counts.get) != "Instagram"
    assert [G().edges[e]["platform"] for e in between()].count(("Instagram",)) == 3


def test_q_medium_removal_explanation_no_tie_inside_a_group_is_its_only_path():
    q(
        "medium-removal",
        "explanation",
        "Inside a dense group a lost tie has a way around it; between groups there are too few ties for that",
        it=(
            "Dentro un gruppo denso un legame perso si può aggirare; tra i gruppi i legami sono troppo pochi per farlo",
        ),
    )
    test_l6_ex3_solution_inside_a_dense_group_a_lost_tie_has_a_way_around_it()


def test_q_ana_best_medium_tiktok_has_a_tie_with_fewer_than_half_whatsapp_everybody():
    asked("ana-best-medium")
    q(
        "ana-best-medium",
        "explanation",
        "{answer} has a tie with fewer than half of the class",
        it=("{answer} ha un legame con meno di metà della classe",),
    )
    q(
        "ana-best-medium",
        "feedback",
        "WhatsApp has a tie with everybody in the class",
        key="WhatsApp",
        it=("WhatsApp ha un legame con tutti nella classe",),
    )
    assert reach(G())["TikTok"] < 0.5 and reach(G())["WhatsApp"] == 1.0


def test_q_medium_removal_lookup_follows_from_the_generators_rule():
    q(
        "medium-removal",
        "explanation",
        "This follows from the rule of the program that made the class: every tie between groups lives on exactly one medium",
        it=(
            "Questo viene dalla regola del programma che ha creato la classe: ogni legame tra gruppi passa per un solo mezzo",
        ),
    )
    test_l6_data_inside_a_group_one_or_more_media_between_groups_exactly_one()


def test_q_calls_facebook_friends_prompt_and_right_option():
    asked("calls-facebook-friends")
    q(
        "calls-facebook-friends",
        "prompt",
        "in 621 pairs of students at least one phoned the other during four weeks",
        it=("in 621 coppie di studenti almeno uno dei due ha telefonato all'altro nelle quattro settimane",),
    )
    q(
        "calls-facebook-friends",
        "options",
        "Most of them, about 4 in 5",
        key="c",
        it=("La maggior parte, circa 4 su 5",),
    )
    assert _questions()["calls-facebook-friends"]["answer"] == "c"
    assert round(503 / 621, 1) == 0.8 == round(friends_among(copenhagen("calls", either_way=True)) / 621, 1)


def test_q_calls_facebook_friends_explanation():
    q(
        "calls-facebook-friends",
        "explanation",
        "503 of the 621 pairs who phoned (81 %)",
        "576 of the 697 pairs who texted (83 %)",
        it=(
            "503 delle 621 coppie che si sono telefonate (81 %)",
            "576 delle 697 coppie che si sono scritte un SMS (83 %)",
        ),
    )
    test_l6_p1_result_503_of_621_calling_and_576_of_697_texting_pairs_are_facebook_friends()


def test_q_calls_facebook_friends_feedback_a_503_of_621():
    q(
        "calls-facebook-friends",
        "feedback",
        "503 of the 621 calling pairs are Facebook friends",
        key="a",
        it=("503 delle 621 coppie che si telefonano sono amiche su Facebook",),
    )
    assert friends_among(copenhagen("calls", either_way=True)) == 503


def test_q_calls_facebook_friends_feedback_b_a_random_pair_is_a_friendship_2_times_in_100():
    q(
        "calls-facebook-friends",
        "feedback",
        "503 of the 621 calling pairs (81 %)",
        "a random pair of these students is a Facebook friendship about 2 times in 100",
        key="b",
        it=(
            "503 delle 621 coppie che si telefonano (81 %)",
            "una coppia presa a caso tra questi studenti è un'amicizia su Facebook circa 2 volte su 100",
        ),
    )
    F = copenhagen("facebook")
    assert round(100 * nx.density(F)) == 2 and round(100 * F.number_of_edges() / (833 * 832 / 2)) == 2


def test_q_calls_facebook_friends_feedback_d_118_are_not_friends():
    q(
        "calls-facebook-friends",
        "feedback",
        "118 of the 621 calling pairs are not Facebook friends",
        key="d",
        it=("118 delle 621 coppie che si telefonano non sono amiche su Facebook",),
    )
    assert 621 - friends_among(copenhagen("calls", either_way=True)) == 118


def test_q_jaccard_why_prompt():
    asked("jaccard-why")
    q(
        "jaccard-why",
        "prompt",
        "overlap (Jaccard index) of Facebook and calls is only 0.08, yet 503 of the 621 pairs who phoned are Facebook friends",
        it=(
            "sovrapposizione (indice di Jaccard) tra Facebook e le chiamate è solo 0,08, eppure 503 delle 621 coppie che si sono telefonate sono amiche su Facebook",
        ),
    )
    assert round(overlap(C())[("Facebook", "Calls")], 2) == 0.08


def test_q_jaccard_why_option_b_facebook_has_about_ten_times_as_many_ties():
    q(
        "jaccard-why",
        "options",
        "Facebook has about ten times as many ties as calls",
        key="b",
        it=("Facebook ha circa dieci volte i legami delle chiamate",),
    )
    assert _questions()["jaccard-why"]["answer"] == "b"
    assert (
        round(6418 / 621)
        == 10
        == round(layers(C())["Facebook"].number_of_edges() / layers(C())["Calls"].number_of_edges())
    )


def test_q_jaccard_why_explanation_bound_of_0_10():
    q("jaccard-why", "explanation", "(503) by the ties on either (6,536)", "Facebook has 6,418 ties and calls 621",
      "the overlap could not exceed 621 / 6,418 ≈ 0.10", "503 of 621", it=('(503) per quelli presenti su almeno uno dei due (6.536)', 'Facebook ha 6.418 legami e le chiamate 621', 'la sovrapposizione non potrebbe superare 621 / 6.418 ≈ 0,10', '503 su 621'))  # fmt: skip
    assert round(621 / 6418, 2) == 0.10
    test_l6_p2_solution_503_on_both_6536_on_either()


def test_q_jaccard_why_feedback_a():
    q(
        "jaccard-why",
        "feedback",
        "503 of the 621 calling pairs (81 %) are Facebook friends",
        key="a",
        it=("503 delle 621 coppie che si telefonano (81 %) sono amiche su Facebook",),
    )
    assert friends_among(copenhagen("calls", either_way=True)) == 503


def test_q_jaccard_why_feedback_c_calls_are_taken_either_way():
    q(
        "jaccard-why",
        "feedback",
        "copenhagen() takes calls either way",
        key="c",
        it=("copenhagen() prende le chiamate in entrambe le direzioni",),
    )
    assert layers(C())["Calls"].number_of_edges() == copenhagen("calls", either_way=True).number_of_edges() == 621
    assert not C().is_directed()


def test_q_jaccard_why_feedback_d_505_of_536_callers_have_facebook_friends():
    q(
        "jaccard-why",
        "feedback",
        "505 of the 536 students who phoned someone have Facebook friends in the data",
        key="d",
        it=("505 dei 536 studenti che hanno telefonato a qualcuno hanno amici su Facebook nei dati",),
    )
    F, calls = copenhagen("facebook"), copenhagen("calls")
    assert (sum(p in F for p in calls), calls.number_of_nodes()) == (505, 536)


def test_q_without_facebook_prompt():
    asked("without-facebook")
    q(
        "without-facebook",
        "prompt",
        "Facebook carries 6,418 of the 6,584 ties, and with all three media the 833 students form one connected network",
        it=(
            "Facebook porta 6.418 dei 6.584 legami, e con tutti e tre i mezzi gli 833 studenti formano un'unica rete connessa",
        ),
    )
    test_l6_p3_facebook_carries_6418_of_6584_ties_and_all_833_are_connected()


def test_q_without_facebook_option_c_more_than_a_third_cut_off():
    q(
        "without-facebook",
        "options",
        "A large group stays connected through calls and texts, but more than a third of the students are cut off from it",
        key="c",
        it=(
            "Un grande gruppo resta connesso grazie a chiamate e SMS, ma più di un terzo degli studenti resta tagliato fuori",
        ),
    )
    assert _questions()["without-facebook"]["answer"] == "c"
    assert len(_removal(C, "Facebook").cut_off) > 833 / 3


def test_q_without_facebook_explanation():
    q(
        "without-facebook",
        "explanation",
        "880 ties are left",
        "The largest connected group has 515 students; 318 (38 %) are cut off from it, 225 of them",
        it=(
            "restano 880 legami",
            "Il gruppo connesso più grande ha 515 studenti; 318 (38 %) restano tagliati fuori, e 225 di loro",
        ),
    )
    r = _removal(C, "Facebook")
    assert (r.ties_kept, r.main_part, len(r.cut_off), len(r.isolated)) == (880, 515, 318, 225) and round(
        100 * 318 / 833
    ) == 38


def test_q_without_facebook_feedback_a_880_ties_515_connected():
    q(
        "without-facebook",
        "feedback",
        "the 880 ties on calls and texts",
        "a group of 515 students connected",
        key="a",
        it=("gli 880 legami di chiamate e SMS", "tengono connesso un gruppo di 515 studenti"),
    )
    r = _removal(C, "Facebook")
    assert (r.ties_kept, r.main_part) == (880, 515)


def test_q_without_facebook_feedback_b_318_cut_off_225_with_no_tie():
    q(
        "without-facebook",
        "feedback",
        "318 of the 833 students (38 %) are cut off, 225 of them with no call or text tie at all",
        key="b",
        it=(
            "318 degli 833 studenti (38 %) restano tagliati fuori, e 225 di loro non hanno né chiamate né SMS con nessuno",
        ),
    )
    r = _removal(C, "Facebook")
    assert (len(r.cut_off), len(r.isolated)) == (318, 225)
    L = layers(C())
    assert all(L["Calls"].degree(p) == 0 and L["SMS"].degree(p) == 0 for p in r.isolated)


def test_q_without_facebook_feedback_d_515_then_7():
    q(
        "without-facebook",
        "feedback",
        "515 students, while the next largest has 7",
        "Most of the students cut off have no tie left at all",
        key="d",
        it=(
            "515 studenti, mentre il secondo ne ha 7",
            "La maggior parte degli studenti tagliati fuori non ha più nessun legame",
        ),
    )
    after = without_medium(C(), "Facebook")
    sizes = sorted((len(c) for c in nx.connected_components(after)), reverse=True)
    assert sizes[:2] == [515, 7]
    r = _removal(C, "Facebook")
    assert len(r.isolated) > len(r.cut_off) / 2


# ---------------------------------------------------------------------------
# The questions by level: at least half predict or explain, look-ups as warm-ups


def test_at_least_half_the_questions_are_predict_or_explain_and_every_choice_has_its_feedback():
    qs = list(_questions().values())
    deep = [x for x in qs if x["level"] in ("predict", "explain")]
    assert len(deep) * 2 >= len(qs)
    for x in qs:
        if x["kind"] == "choice":
            assert set(x["feedback"]) == set(x["options"]) - {x["answer"]}
        asked(x["id"])


@pytest.mark.parametrize("qid", ["nobody-cut-off-why", "calls-facebook-friends", "without-facebook"])
def test_a_predict_or_explain_question_is_asked_before_the_cells_that_show_the_answer(qid):
    reveal = {
        "nobody-cut-off-why": "l6-why-groups",
        "calls-facebook-friends": "l6-p1-count",
        "without-facebook": "l6-p3-without",
    }[qid]
    for notebook, ident, shows in ((NB, qid, reveal), (NB_IT, f"{qid}-it", _italian_cell_of()[reveal])):
        order = list(_notebook_cells(notebook))
        ask_at = next(i for i, c in enumerate(order) if f'ask("{ident}")' in cell_text(notebook, c))
        assert ask_at < order.index(shows), notebook


# ---------------------------------------------------------------------------
# The Italian lesson: the same questions, the same answers, the same numbers


def _asked_in(notebook):
    """The question ids the notebook's ``ask`` cells show, in order."""
    out = []
    for c in _notebook_cells(notebook).values():
        m = re.fullmatch(r'ask\("([^"]+)"\)', "".join(c["source"]).strip())
        if c["cell_type"] == "code" and m:
            out.append(m.group(1))
    return out


def test_italian_students_get_the_same_questions_checked_the_same_way():
    english, italian = _questions("en"), _questions("it")
    ids = _asked_in(NB_IT)
    assert ids == [f"{x}-it" for x in _asked_in(NB)] and len(ids) == 9
    assert set(ids) == set(italian) and list(italian) == [f"{x}-it" for x in english]
    for qid, en in english.items():
        it = italian[f"{qid}-it"]
        for field in ("kind", "level", "answer", "compute", "source"):
            assert en.get(field) == it.get(field), (qid, field)
        assert list(en.get("options", {})) == list(it.get("options", {})), qid
        assert list(en.get("feedback", {})) == list(it.get("feedback", {})), qid
        for text in (
            it["prompt"],
            it["explanation"],
            *it.get("options", {}).values(),
            *it.get("feedback", {}).values(),
        ):
            assert text not in (en["prompt"], en["explanation"]), (qid, "left in English")
    data = json.loads(QUESTIONS_IT.read_text(encoding="utf-8"))
    assert (data["id"], data["lang"]) == ("lesson06-one-network-many-media-it", "it")


def test_italian_removal_texts_say_what_the_lesson_says():
    """The saved output under "Togliamo WhatsApp" and the other seed, in Italian, with the numbers of the English."""
    assert "Senza WhatsApp: restano 33 legami su 50 (66%)" in cell_output(
        NB_IT, _italian_cell_of()["l6-remove-whatsapp"]
    )
    assert "Nessuno resta tagliato fuori" in cell_output(NB_IT, _italian_cell_of()["l6-remove-whatsapp"])
    r = _removal(G, "WhatsApp")
    assert (r.ties_kept, r.ties, r.cut_off) == (33, 50, ())
    other = cell_output(NB_IT, _italian_cell_of()["l6-other-seed"])
    assert "13 persone tagliate fuori" in other
    assert len(removal_effect(multiplex_class(seed=8), "WhatsApp").cut_off) == 13


def test_italian_ego_figure_names_the_student_in_italian():
    """The ego network's name, set in the Italian cell, is Italian and names the same student."""
    code = cell_text(NB_IT, _italian_cell_of()["l6-ego"])
    assert 'f"Lo studente {student} e le persone a cui è legato (dati reali: Sapiezynski et al. 2019)"' in code


def test_every_function_a_hint_calls_is_one_the_lesson_imports():
    """A hint the student copies must run in the lesson: e.g. media_reach_figure, not lesson 7's reach_figure."""
    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / f"{NB}.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    imports = re.findall(r"^from \S+ import \(([^)]*)\)", code, re.M) + re.findall(
        r"^from \S+ import ([^(\n]+)$", code, re.M
    )
    defined = set(re.findall(r"\b(\w+)\b", " ".join(imports))) | set(re.findall(r"^(\w+) = ", code, re.M))
    defined |= {"print", "len", "sorted", "list", "set", "max", "min", "sum", "round"}
    for path in (QUESTIONS, QUESTIONS_IT):
        for question in json.loads(path.read_text(encoding="utf-8"))["questions"]:
            called = set(re.findall(r"(?<![.\w])([A-Za-z_]\w*)\(", question.get("hint", "")))
            assert called <= defined, (path.name, question["id"], called - defined)
