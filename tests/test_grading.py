"""Grading in plain Python: validation, verdicts, contested cards, the score."""

import pytest

from smlessons.exercises.boards import Feedback, check_placements, grade, make_bins, make_items

BINS = ("Medium", "Network")


def items(*defs):
    return make_items(list(defs), BINS)


def test_make_bins_accepts_two_or_more():
    assert make_bins(["A", "B", "C"]) == ("A", "B", "C")


@pytest.mark.parametrize(
    "bins, error, words",
    [
        (["A"], ValueError, "at least two bins"),
        ([], ValueError, "at least two bins"),
        (["A", "A"], ValueError, "duplicate bin label 'A'"),
        (["A", "  "], ValueError, "bin 1 has an empty label"),
        ("AB", TypeError, "bins must be a list"),
        (["A", 3], TypeError, "bin 1 must be a string"),
    ],
)
def test_make_bins_rejects(bins, error, words):
    with pytest.raises(error, match=words):
        make_bins(bins)


def test_plain_strings_are_cards_without_a_key():
    (item,) = items("A photo")
    assert item.label == "A photo" and item.answers == () and not item.contested


def test_contested_item_keeps_all_its_bins_once():
    (item,) = items({"label": "Facebook", "answer": ["Medium", "Network", "Medium"]})
    assert item.answers == ("Medium", "Network") and item.contested


@pytest.mark.parametrize(
    "defs, error, words",
    [
        ([{"label": "X", "answer": "Nope"}], ValueError, r"answer 'Nope' is not one of the bins"),
        ([{"label": "X", "answer": ["Medium", "Nope"]}], ValueError, "'Nope' is not one of the bins"),
        (["X", {"label": "X"}], ValueError, "duplicate item label 'X'"),
        ([{"label": ""}], ValueError, "item 0 has an empty label"),
        (["ok", " "], ValueError, "item 1 has an empty label"),
        ([{"label": "X", "anwser": "Medium"}], ValueError, "unknown field 'anwser'"),
        ([{"label": "X", "answer": []}], ValueError, "answer is an empty list"),
        ([{"label": 5}], TypeError, "label must be a string"),
        ([{"label": "X", "answer": 1}], TypeError, "answer must be a bin label"),
        ([{"label": "X", "explanation": 2}], TypeError, "explanation must be a string"),
        ([3], TypeError, "item 0 must be a string or a dict"),
        ([], ValueError, "items is empty"),
        ("X", TypeError, "items must be a list"),
    ],
)
def test_make_items_rejects_with_a_message_naming_the_problem(defs, error, words):
    with pytest.raises(error, match=words):
        make_items(defs, BINS)


def test_grade_right_wrong_unplaced_and_score():
    its = items(
        {"label": "TikTok", "answer": "Medium", "explanation": "An app."},
        {"label": "My class", "answer": "Network", "explanation": "People."},
        {"label": "YouTube", "answer": "Medium", "explanation": "A platform."},
    )
    fb = grade(its, {"TikTok": "Medium", "My class": "Medium"})
    assert [r.status for r in fb.results] == ["right", "wrong", "unplaced"]
    assert (fb.right, fb.wrong, fb.unplaced, fb.total) == (1, 1, 1, 3)
    assert str(fb) == "1 of 3 right (1 wrong, 1 not placed yet)"
    assert fb["My class"].explanation == "People."
    assert fb["My class"].symbol == "\u2717" and fb["My class"].verdict == "Not quite"
    assert fb["TikTok"].symbol == "\u2713" and fb["TikTok"].verdict == "Right"
    assert fb["YouTube"].explanation == ""  # no explanation before the card is placed


def test_contested_card_is_right_in_any_of_its_bins_and_says_so():
    its = items({"label": "Facebook", "answer": ["Medium", "Network"], "explanation": "Both."})
    for bin_ in BINS:
        fb = grade(its, {"Facebook": bin_})
        r = fb["Facebook"]
        assert r.status == "right"
        assert "both bins" in r.verdict
        other = [b for b in BINS if b != bin_][0]
        assert r.explanation.startswith("Both.") and other in r.explanation


def test_all_right_score_has_no_tail():
    its = items({"label": "A", "answer": "Medium"}, {"label": "B", "answer": "Network"})
    assert str(grade(its, {"A": "Medium", "B": "Network"})) == "2 of 2 right"


def test_cards_without_key_are_not_scored():
    its = items("Opinion one", "Opinion two")
    fb = grade(its, {"Opinion one": "Medium"})
    assert fb.total == 0
    assert [r.status for r in fb.results] == ["ungraded", "unplaced"]
    assert str(fb) == "1 of 2 cards placed"


def test_feedback_repr_lists_the_placed_cards_and_counts_the_rest():
    its = items(
        {"label": "A", "answer": "Medium"}, {"label": "B", "answer": "Network"}, {"label": "C", "answer": "Network"}
    )
    text = repr(grade(its, {"A": "Network"}))
    assert text.splitlines() == [
        "0 of 3 right (1 wrong, 2 not placed yet)",
        "  \u2717 A \u2192 Network: Not quite",
        "2 cards still to place: drag them into the bins, then check again.",
    ]
    done = repr(grade(its, {"A": "Medium", "B": "Network", "C": "Network"}))
    assert len(done.splitlines()) == 4 and "still to place" not in done


@pytest.mark.parametrize(
    "language, n, sentence",
    [
        (
            "en",
            18,
            "No card placed yet: drag the 18 cards into the bins above (or use the keyboard), then check again.",
        ),
        ("en", 1, "No card placed yet: drag the card into a bin above (or use the keyboard), then check again."),
        (
            "it",
            18,
            "Nessuna scheda ancora sistemata: trascina le 18 schede nei riquadri qui sopra (o usa la tastiera), poi verifica di nuovo.",
        ),
    ],
)
def test_a_check_before_any_card_is_placed_is_one_sentence(language, n, sentence):
    its = items(*({"label": f"card {i}", "answer": "Medium"} for i in range(n)))
    assert repr(grade(its, {}, language=language)) == sentence
    # the score line itself is unchanged (the board's score and the autograder use it)
    assert str(grade(its, {}, language=language)).startswith("0 ")


def test_one_card_left_is_singular_in_both_languages():
    its = items({"label": "A", "answer": "Medium"}, {"label": "B", "answer": "Network"})
    assert repr(grade(its, {"A": "Medium"})).endswith("1 card still to place: drag it into a bin, then check again.")
    assert repr(grade(its, {"A": "Medium"}, language="it")).endswith(
        "Ancora 1 scheda da sistemare: trascinala in un riquadro, poi verifica di nuovo."
    )


def test_check_placements_drops_empty_and_rejects_unknown():
    its = items("A", "B")
    assert check_placements({"A": "Medium", "B": None}, its, BINS) == {"A": "Medium"}
    assert check_placements({"A": ""}, its, BINS) == {}
    with pytest.raises(ValueError, match="unknown card 'C'"):
        check_placements({"C": "Medium"}, its, BINS)
    with pytest.raises(ValueError, match="unknown bin 'Elsewhere'"):
        check_placements({"A": "Elsewhere"}, its, BINS)
    with pytest.raises(TypeError, match="placements must be a dict"):
        check_placements([("A", "Medium")], its, BINS)


def test_empty_feedback_is_valid():
    assert Feedback().total == 0
