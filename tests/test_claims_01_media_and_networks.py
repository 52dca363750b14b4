"""Lesson 1's claims about its own board and questions, checked on the data
they talk about (the exercise files and the questions file)."""

from __future__ import annotations

import re

from claims import cell_output, cell_text

from smlessons.checks import load_questions
from smlessons.datafiles import load_exercise

NB = "01-media-and-networks"
NB_IT = "it/01-media-e-reti"
BOARD = load_exercise("lesson01_media_or_network")
BOARD_IT = load_exercise("lesson01_media_or_network_it")


def decided_by(ex, clause_id):
    return {i.label for i in ex.items if ex.clause_of[i.label] == clause_id}


def test_the_social_network_sites_named_are_the_cards_rule_c1_decides():
    """"Facebook, Instagram, TikTok, X and YouTube are such sites." (l1-how-cards-are-keyed)"""
    text = cell_text(NB, "l1-how-cards-are-keyed")
    assert "Facebook, Instagram, TikTok, X and YouTube are such sites" in text
    assert decided_by(BOARD, "C1") == {"Facebook", "Instagram", "TikTok", "Twitter / X", "YouTube"}
    assert all(BOARD.clause(i).contested for i in BOARD.items if i.label in decided_by(BOARD, "C1"))
    it = cell_text(NB_IT, "it-come-si-decide")
    assert "Facebook, Instagram, TikTok, X e YouTube sono siti di questo tipo" in it
    assert decided_by(BOARD_IT, "C1") == {"Facebook", "Instagram", "TikTok", "Twitter / X", "YouTube"}


def test_whatsapp_is_a_medium_only_under_rule_m2():
    """"a messaging app where nobody can browse other people's contacts, such as WhatsApp (M2)" and the solution's WhatsApp line."""
    assert "such as WhatsApp (M2)" in cell_text(NB, "l1-how-cards-are-keyed")
    assert "**WhatsApp** is only a **medium** (M2)" in cell_text(NB, "4e24dc44")
    whatsapp = next(i for i in BOARD.items if i.label == "WhatsApp")
    assert BOARD.clause_of["WhatsApp"] == "M2" and whatsapp.answers == (BOARD.bins[0],)


def test_the_solution_names_the_clause_of_each_tricky_card():
    """The folded solution gives each tricky card its clause; the key agrees."""
    text = cell_text(NB, "4e24dc44")
    expected = {
        "WhatsApp family group: the chat app": "M3",
        "WhatsApp family group: the relatives and their ties": "N1",
        "A fan community that lives on several platforms": "N2",
        "An online encyclopedia that anyone can edit": "M1",
        "An online video game where players chat": "M1",
        "Facebook": "C1",
    }
    for label, clause in expected.items():
        assert BOARD.clause_of[label] == clause, label
        assert f"({clause})" in text, clause


def test_no_newsletter_card_is_on_the_board():
    """"A service where people only receive content, such as an email newsletter, ... you will not find it on the board.\""""
    assert "you will not find it on the board" in cell_text(NB, "l1-how-cards-are-keyed")
    for ex in (BOARD, BOARD_IT):
        assert not any(re.search(r"newsletter", i.label, re.I) for i in ex.items)


def test_three_questions_follow_the_board():
    """"Three questions about the rules." (l1-questions-md): three ask/check pairs, each a real question."""
    assert "Three questions about the rules" in cell_text(NB, "l1-questions-md")
    asked = [cell_text(NB, f"l1-q{k}-ask") for k in (2, 3, 4)]
    questions = load_questions("lesson01_questions")
    ids = [re.search(r'ask\("([^"]+)"\)', a).group(1) for a in asked]
    assert len(set(ids)) == 3 and set(ids) < set(questions)
    assert all(questions[i].level in ("predict", "explain") for i in ids)


def test_eighteen_cards_and_a_check_before_sorting_says_so_in_one_sentence():
    """The instructor guide's "18 cards", and the saved output of the check cell."""
    assert len(BOARD.items) == 18 == len(BOARD_IT.items)
    out = cell_output(NB, "fb072e72")
    assert out.strip() == "No card placed yet: drag the 18 cards into the bins above (or use the keyboard), then check again."
