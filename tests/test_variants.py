"""Each student's variant: who the student is, seeded streams, and a board's cards drawn from its bank.

The variant must be the same in every process (the student's kernel after a
restart, the grader's process) and differ between students.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from smlessons import variants
from smlessons.variants import board_cards, rng, student_id

ROOT = Path(__file__).resolve().parents[1]
BANK = [f"card {i:02d}" for i in range(24)]


# -- who the student is ---------------------------------------------------------------------


def test_the_graders_variable_wins_then_the_hub_then_the_login(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "login-name")
    monkeypatch.setenv("SMLESSONS_STUDENT", "graded")
    monkeypatch.setenv("JUPYTERHUB_USER", "hub")
    assert student_id() == "graded"
    monkeypatch.setenv("SMLESSONS_STUDENT", "   ")  # blank: not set
    assert student_id() == "hub"
    monkeypatch.delenv("SMLESSONS_STUDENT")
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert student_id() == "login-name"


def test_without_any_name_the_id_is_empty(monkeypatch):
    monkeypatch.delenv("SMLESSONS_STUDENT", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)

    def no_login():
        raise OSError("no login name")

    monkeypatch.setattr("getpass.getuser", no_login)
    assert student_id() == ""


# -- seeded streams -------------------------------------------------------------------------


def test_a_stream_depends_on_student_exercise_and_purpose():
    first = [rng("ana", "ex", "draw").random() for _ in range(3)]
    assert first == [rng("ana", "ex", "draw").random() for _ in range(3)]
    assert first != [rng("ben", "ex", "draw").random() for _ in range(3)]
    assert first != [rng("ana", "ex2", "draw").random() for _ in range(3)]
    assert first != [rng("ana", "ex", "order").random() for _ in range(3)]


@pytest.mark.parametrize("bad", [None, 3, b"ana"])
def test_a_stream_needs_string_names(bad):
    with pytest.raises(TypeError, match="must be strings"):
        rng(bad, "ex")


# -- a board's cards ------------------------------------------------------------------------


def test_a_draw_is_show_distinct_cards_of_the_bank():
    mine = board_cards(BANK, 8, "ana", "ex")
    assert len(mine) == 8 and len(set(mine)) == 8 and set(mine) <= set(BANK)


def test_two_students_get_different_cards_and_orders():
    ana, ben = board_cards(BANK, 8, "ana", "ex"), board_cards(BANK, 8, "ben", "ex")
    assert set(ana) != set(ben)
    # the order too: the whole bank, shown to two students, comes in two orders
    assert board_cards(BANK, None, "ana", "ex") != board_cards(BANK, None, "ben", "ex")
    shown = {tuple(board_cards(BANK, 8, f"student{i}", "ex")) for i in range(100)}
    assert len(shown) == 100  # a class of 100: no two boards alike


def test_the_same_cards_in_another_order_for_another_exercise():
    assert board_cards(BANK, 8, "ana", "ex-a") != board_cards(BANK, 8, "ana", "ex-b")


def test_show_none_shuffles_the_whole_bank():
    everything = board_cards(BANK, None, "ana", "ex")
    assert sorted(everything) == BANK and everything != BANK


def test_every_card_of_a_bank_is_drawn_about_as_often_over_a_class():
    counts = Counter(c for i in range(600) for c in board_cards(BANK, 8, f"s{i}", "ex"))
    assert set(counts) == set(BANK)
    expected = 600 * 8 / 24  # 200
    assert all(0.75 * expected < n < 1.25 * expected for n in counts.values()), counts


@pytest.mark.parametrize("show", [0, -1, 25, 2.0, "8", True])
def test_a_bad_show_is_refused_naming_the_range(show):
    with pytest.raises(ValueError, match=r"show must be a whole number from 1 to 24"):
        board_cards(BANK, show, "ana", "ex")


_PROBE = """
import json, sys
from smlessons.variants import board_cards, student_id
bank = [f"card {i:02d}" for i in range(24)]
print(json.dumps({"who": student_id(), "cards": board_cards(bank, 8, student_id(), "lesson01-assessment-board")}))
"""


@pytest.mark.parametrize("hashseed", ["0", "12345"])
def test_the_variant_is_the_same_in_another_process(hashseed):
    env = {**os.environ, "SMLESSONS_STUDENT": "ana", "PYTHONHASHSEED": hashseed, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True).stdout
    got = json.loads(out)
    assert got["who"] == "ana"
    assert got["cards"] == board_cards(BANK, 8, "ana", "lesson01-assessment-board")


def test_the_module_names_its_environment_variable():
    assert variants.STUDENT_ENV == "SMLESSONS_STUDENT"


# -- who the notebook works as -----------------------------------------------------------


def _shown(capsys, monkeypatch, env: dict, login: str = "maria"):
    from smlessons import variants

    for name in ("SMLESSONS_STUDENT", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(variants.getpass, "getuser", lambda: login)
    assert variants.show_student() is None  # prints only: a cell ending with it shows no value
    return variants.student_id(), capsys.readouterr().out


def test_show_student_names_the_id_the_cards_come_from(capsys, monkeypatch):
    student, out = _shown(capsys, monkeypatch, {"SMLESSONS_STUDENT": "maria"}, login="root")
    assert student == "maria"
    assert out == (
        "Your student id: maria. Your cards and network are drawn from it, and your instructor grades you as maria.\n"
    )
    student, out = _shown(capsys, monkeypatch, {"JUPYTERHUB_USER": "ben"})
    assert student == "ben" and "WARNING" not in out


@pytest.mark.parametrize("login", ["root", "jovyan", "user", "student", "ubuntu"])
def test_show_student_warns_on_a_shared_login(capsys, monkeypatch, login):
    student, out = _shown(capsys, monkeypatch, {}, login=login)
    assert student == login
    assert f"WARNING: {login!r} is a login many people share" in out and 'use_student("your id")' in out


def test_show_student_warns_on_the_login_name_fallback_and_on_a_generic_id_set_by_hand(capsys, monkeypatch):
    _, out = _shown(capsys, monkeypatch, {}, login="maria")
    assert "WARNING: 'maria' is this computer's login name" in out and 'use_student("your id")' in out
    _, out = _shown(capsys, monkeypatch, {"SMLESSONS_STUDENT": "jovyan"})
    assert "WARNING: 'jovyan' is a login many people share" in out


def test_use_student_sets_the_id_for_this_kernel(monkeypatch):
    from smlessons.variants import student_id, student_id_source, use_student

    monkeypatch.delenv("SMLESSONS_STUDENT", raising=False)
    assert use_student("maria") == "maria"
    assert student_id() == "maria" and student_id_source() == "SMLESSONS_STUDENT"
    monkeypatch.delenv("SMLESSONS_STUDENT")


@pytest.mark.parametrize("bad", ["", "  ", "maria rossi", "ivy;Ivy", "a,b", "../x", "x/y", 7, None, "x" * 129])
def test_use_student_refuses_what_cannot_be_an_id(monkeypatch, bad):
    from smlessons.variants import use_student

    monkeypatch.setenv("SMLESSONS_STUDENT", "before")
    with pytest.raises(ValueError):
        use_student(bad)
    assert os.environ["SMLESSONS_STUDENT"] == "before"
