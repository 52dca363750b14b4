"""Lesson 1's claims about its own board, questions and timing, checked on the
data they talk about (the exercise files, the questions files, the notebook).

Lesson 1 computes nothing from a network; its claims are about the key
("these platforms are decided by rule C1"), the questions ("three questions"),
the clause order ("the first rule that fits decides") and the stated time.
Claims that rest on a source (what boyd & Ellison chose, what a platform lets
you see) cannot be computed: for those the test checks that the sentence
names its source and that the card the sentence speaks for agrees with it.
"""

from __future__ import annotations

import re

from claims import _cells, cell_output, cell_text, lesson_minutes

from smlessons.exercises import load_questions
from smlessons.exercises.loader import load_exercise

NB = "01-media-and-networks"
NB_IT = "it/01-media-e-reti"
BOARD = load_exercise("lesson01_media_or_network")
BOARD_IT = load_exercise("lesson01_media_or_network_it")
QUESTIONS = load_questions("lesson01_questions")
QUESTIONS_IT = load_questions("lesson01_questions_it")


def decided_by(ex, clause_id):
    return {i.label for i in ex.items if ex.clause_of[i.label] == clause_id}


def asked(notebook, prefix=""):
    """The question ids the notebook's ``ask`` cells show, in order."""
    out = []
    for cid, cell in _cells(notebook).items():
        m = re.fullmatch(r'ask\("([^"]+)"\)', "".join(cell["source"]).strip())
        if cell["cell_type"] == "code" and m:
            out.append(m.group(1))
    return out


def test_the_social_network_sites_named_are_the_cards_rule_c1_decides():
    """ "Facebook, Instagram, TikTok and X are such sites today." (l1-how-cards-are-keyed, both languages)"""
    assert "Facebook, Instagram, TikTok and X are such sites today" in cell_text(NB, "l1-how-cards-are-keyed")
    assert "Oggi Facebook, Instagram, TikTok e X sono siti di questo tipo" in cell_text(NB_IT, "it-come-si-decide")
    for ex in (BOARD, BOARD_IT):
        assert decided_by(ex, "C1") == {"Facebook", "Instagram", "TikTok", "Twitter / X"}
        assert all(ex.clause(i).contested for i in ex.items if i.label in decided_by(ex, "C1"))


def test_every_c1_card_says_which_meaning_each_bin_stands_for():
    """The board's instructions: "Its feedback says which meaning of 'social network' each bin stands for"."""
    assert 'says which meaning of "social network" each bin stands for' in cell_text(NB, "82d6a00f")
    for ex, medium, network in (
        (BOARD, "In the medium bin", "In the network bin"),
        (BOARD_IT, "Nel riquadro del mezzo", "Nel riquadro della rete"),
    ):
        for item in ex.items:
            if ex.clause_of[item.label] == "C1":
                assert medium in item.explanation and network in item.explanation, item.label


def test_the_second_bin_names_both_meanings():
    """ "The board's second bin is labelled "Social network: people and ties (or, in everyday speech, a site that shows them)"."""
    assert f'labelled "{BOARD.bins[1]}"' in cell_text(NB, "l1-how-cards-are-keyed")
    assert f'si chiama "{BOARD_IT.bins[1]}"' in cell_text(NB_IT, "it-come-si-decide")


def test_youtube_is_a_medium_only_today_under_rule_m1():
    """ "(M1: YouTube today, ...)" and the solution's "YouTube is a medium only (M1)"."""
    assert "M1: YouTube today" in cell_text(NB, "l1-how-cards-are-keyed")
    assert "**YouTube** is a **medium** only (M1)" in cell_text(NB, "4e24dc44")
    assert "**YouTube** è solo un **mezzo** (M1)" in cell_text(NB_IT, "it-15")
    for ex in (BOARD, BOARD_IT):
        yt = next(i for i in ex.items if i.label == "YouTube")
        assert ex.clause_of["YouTube"] == "M1" and yt.answers == (ex.bins[0],)
        assert "2007" in yt.explanation  # the card says the verdict is about YouTube now, not in 2007


def test_whatsapp_is_a_medium_only_under_rule_m2():
    """ "such as WhatsApp with its groups and channels (M2)" and the solution's WhatsApp line."""
    assert "such as WhatsApp with its groups and channels (M2)" in cell_text(NB, "l1-how-cards-are-keyed")
    assert "**WhatsApp** is only a **medium** (M2)" in cell_text(NB, "4e24dc44")
    whatsapp = next(i for i in BOARD.items if i.label == "WhatsApp")
    assert BOARD.clause_of["WhatsApp"] == "M2" and whatsapp.answers == (BOARD.bins[0],)
    assert "channels" in whatsapp.explanation and "groups" in whatsapp.explanation


def test_the_solution_names_the_clause_of_each_tricky_card():
    """The folded solution gives each tricky card its clause; the key agrees."""
    text = cell_text(NB, "4e24dc44")
    expected = {
        "WhatsApp family group: the chat app": "M3",
        "WhatsApp family group: the relatives and their ties": "N1",
        "A fan community that lives on several platforms": "N2",
        "People who share an interest in vintage cameras, on several forums": "N2",
        "The followers of a local bakery and the ties among them": "N1",
        "An online encyclopedia that anyone can edit": "M1",
        "An online video game where strangers chat during a match, with no friend lists": "M1",
        "Facebook": "C1",
    }
    for label, clause in expected.items():
        assert BOARD.clause_of[label] == clause, label
        assert f"({clause})" in text, clause
    assert "N1 decides it" in text


def test_the_first_rule_that_fits_decides_cards_that_name_ties_are_n1():
    """ "The first rule that fits decides" with N1 before N2: every person card that names ties is N1."""
    text = cell_text(NB, "l1-how-cards-are-keyed")
    assert "the first rule that fits decides" in text
    order = [text.index(f"**{k}") for k in ("C1.", "M.", "N1.", "N2.")]
    assert order == sorted(order)
    names_ties = re.compile(r"\bties\b|who \w+ (?:to |with )?whom|each other", re.I)
    for item in BOARD.items:
        if names_ties.search(item.label):
            assert BOARD.clause_of[item.label] == "N1", item.label
    for item in BOARD.items:
        if BOARD.clause_of[item.label] == "N2":
            assert not names_ties.search(item.label), item.label


def test_no_newsletter_card_is_on_the_board():
    """ "A service where people only receive content, such as a plain email newsletter, ... you will not find it on the board.\""""
    assert "you will not find it on the board" in cell_text(NB, "l1-how-cards-are-keyed")
    assert "tra le schede non lo troverai" in cell_text(NB_IT, "it-come-si-decide")
    for ex in (BOARD, BOARD_IT):
        assert not any(re.search(r"newsletter", i.label, re.I) for i in ex.items)


def test_three_questions_in_exercise_3_and_three_in_exercise_4():
    """ "Three questions about the rules and about what a campaign pays for." (l1-questions-md), then three transfer questions."""
    assert cell_text(NB, "l1-questions-md").count("Three questions") == 1
    ids = asked(NB)
    assert ids[0] == "l1-family-moves-app"
    assert ids[1:4] == ["l1-whatsapp-medium-only", "l1-what-an-ad-buys", "l1-paying-a-creator"]
    assert ids[4:] == ["l1-transfer-reddit", "l1-transfer-discord", "l1-transfer-newsletter"]
    assert set(ids) == set(QUESTIONS)
    assert all(QUESTIONS[i].level in ("predict", "explain") for i in ids)


def test_italian_students_get_the_same_questions_checked_the_same_way():
    """ "Tre domande sulle regole ..." (it-perche): the Italian lesson asks every English question, in order."""
    assert "Tre domande" in cell_text(NB_IT, "it-perche")
    ids = asked(NB_IT)
    assert ids == [f"{q}-it" for q in asked(NB)]
    assert set(ids) == set(QUESTIONS_IT)
    for q_it in ids:
        en, it = QUESTIONS[q_it.removesuffix("-it")], QUESTIONS_IT[q_it]
        assert (en.level, en.answer, list(en.options)) == (it.level, it.answer, list(it.options))
        assert it.language == "it"


def test_eighteen_cards_and_a_check_before_sorting_says_so_in_one_sentence():
    """The instructor guide's "18 cards", and the saved output of the check cell (both languages)."""
    assert len(BOARD.items) == 18 == len(BOARD_IT.items)
    out = cell_output(NB, "fb072e72")
    assert (
        out.strip()
        == "No card placed yet: drag the 18 cards into the bins above (or use the keyboard), then check again."
    )
    assert "le 18 schede" in cell_output(NB_IT, "it-14")


def test_boyd_and_ellison_chose_network_not_networking():
    """ "They chose "network" on purpose, not "networking" ..." rests on boyd & Ellison (2007), named in the cell."""
    text = cell_text(NB, "43bb9b94")
    assert 'They chose "network" on purpose' in text and "boyd and Nicole Ellison (2007)" in text


def test_the_stated_minutes_follow_one_rule_in_both_languages():
    """The header: Teaching = Markdown words / 140 (rounded), Exercises = the minutes in the headings."""
    for nb in (NB, NB_IT):
        stated, reading, doing = lesson_minutes(nb)
        assert stated == (reading, doing), (nb, stated, reading, doing)
