"""Exercise data files: the shipped ones are valid, and a malformed file is
rejected with the file, the item and the field named."""

import json

import pytest

from smlessons.exercises.loader import (
    EXERCISES_DIR,
    ExerciseFileError,
    list_exercises,
    load_exercise,
)

GOOD = {
    "id": "demo",
    "title": "Demo",
    "prompt": "Sort them.",
    "bins": ["Medium", "Network"],
    "sources": {"article": "An article."},
    "policy": {
        "bins": {"medium": "Medium", "network": "Network"},
        "clauses": [
            {"id": "M1", "name": "App", "text": "An app is a medium.", "right": ["medium"], "source": "article"},
            {"id": "C1", "name": "Both", "text": "Contested.", "right": ["network", "medium"]},
        ],
    },
    "items": [
        {"label": "TikTok", "answer": "Medium", "clause": "M1", "explanation": "An app.", "source": "article"},
        {
            "label": "My class",
            "answer": ["Network", "Medium"],
            "clause": "C1",
            "explanation": "People.",
            "source": "article",
        },
    ],
}


def write(tmp_path, data, name="demo.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def sorting_exercises():
    """Shipped sorting exercises; code-cell question files (with a "questions"
    list) share the folder and are checked in test_checks.py."""
    return [
        name
        for name in list_exercises()
        if "questions" not in json.loads((EXERCISES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize("name", sorting_exercises())
def test_every_shipped_exercise_loads(name):
    ex = load_exercise(name)
    assert ex.items and len(ex.bins) >= 2
    for item in ex.items:
        assert item.explanation.strip(), item.label
        assert ex.citation(item).strip(), item.label


def test_lesson1_exercise_covers_the_brief():
    ex = load_exercise("lesson01_media_or_network")
    assert len(ex.items) >= 16
    labels = " ".join(i.label.lower() for i in ex.items)
    for word in ("whatsapp", "facebook", "encyclopedia", "video game", "fan"):
        assert word in labels, word
    facebook = [i for i in ex.items if i.label.strip().lower() == "facebook"]
    assert facebook and facebook[0].contested
    per_bin = {b: sum(1 for i in ex.items if b in i.answers) for b in ex.bins}
    assert min(per_bin.values()) >= 5, per_bin


def test_load_by_path(tmp_path):
    ex = load_exercise(write(tmp_path, GOOD))
    assert ex.id == "demo" and [i.label for i in ex.items] == ["TikTok", "My class"]
    assert ex.citation(ex.items[0]) == "An article."
    assert ex.clause(ex.items[0]).id == "M1" and not ex.clause(ex.items[0]).contested
    assert ex.clause(ex.items[1]).contested and set(ex.clause(ex.items[1]).bins) == {"Medium", "Network"}
    assert ex.roles == {"medium": "Medium", "network": "Network"}


def broken(**changes):
    data = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        target = data
        *keys, last = path.split("__")
        for k in keys:
            target = target[int(k)] if k.isdigit() else target[k]
        if value is KeyError:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    "data, words",
    [
        (broken(items__1__answer=KeyError), r"demo.json: items\[1\] \('My class'\): missing field 'answer'"),
        (
            broken(items__0__answer="Elsewhere"),
            r"demo.json: items\[0\].answer \('TikTok'\): 'Elsewhere' is not one of the bins \(Medium, Network\)",
        ),
        (
            broken(items__0__explanation=7),
            r"demo.json: items\[0\].explanation \('TikTok'\): must be a non-empty string, not 7",
        ),
        (
            broken(items__0__source="nowhere"),
            r"demo.json: items\[0\].source \('TikTok'\): 'nowhere' is not a key of 'sources'",
        ),
        (broken(items__0__label=3), r"demo.json: items\[0\].label: must be a non-empty string, not 3"),
        (broken(bins=["Only"]), r"demo.json: bins: must be a list of at least two bins, each with its own label"),
        (broken(items="nope"), r"demo.json: items: must be a non-empty list of cards, not 'nope'"),
        (broken(sources=KeyError), r"demo.json: missing field 'sources'"),
        (broken(colour="red"), r"demo.json: unknown field 'colour'"),
        ([1, 2], r"demo.json: the top level must be an object, not a list"),
        ("{not json", r"demo.json: not valid JSON"),
        # the answer-key policy
        (broken(policy=KeyError), r"demo.json: missing field 'policy'"),
        (broken(items__0__clause=KeyError), r"demo.json: items\[0\] \('TikTok'\): missing field 'clause'"),
        (
            broken(items__0__clause="M9"),
            r"demo.json: items\[0\].clause \('TikTok'\): 'M9' is not a clause of this file's policy \(M1, C1\)",
        ),
        (
            broken(items__0__answer="Network"),
            r"items\[0\].answer \('TikTok'\): \['Network'\] does not follow clause M1",
        ),
        (
            broken(items__1__answer="Network"),
            r"items\[1\].answer \('My class'\): \['Network'\] does not follow clause C1",
        ),
        (broken(policy__bins__network=KeyError), r"demo.json: policy.bins: must give every bin exactly one role"),
        (
            broken(policy__clauses__0__right=["elsewhere"]),
            r"policy.clauses\[0\].right \('M1'\): 'elsewhere' is not a role of policy.bins",
        ),
        (broken(policy__clauses__1__id="M1"), r"policy.clauses\[1\].id \('M1'\): 'M1' is the id of another clause too"),
        (
            broken(policy__clauses__0__id="first"),
            r"policy.clauses\[0\].id \('first'\): must be a capital letter and a number",
        ),
        (broken(policy__clauses__0__text=""), r"policy.clauses\[0\].text \('M1'\): must be a non-empty string"),
        (
            broken(policy__clauses__0__source="nowhere"),
            r"policy.clauses\[0\].source \('M1'\): 'nowhere' is not a key of 'sources'",
        ),
        (broken(policy__clauses__0__colour="red"), r"policy.clauses\[0\] \('M1'\): unknown field 'colour'"),
    ],
)
def test_malformed_files_are_rejected_naming_file_item_and_field(tmp_path, data, words):
    with pytest.raises(ExerciseFileError, match=words):
        load_exercise(write(tmp_path, data))


def test_missing_exercise_is_a_clear_error():
    with pytest.raises(FileNotFoundError, match="no exercise file"):
        load_exercise("does_not_exist")


def test_an_assessment_copy_carries_no_clause_and_no_policy(tmp_path):
    student = {**GOOD, "mode": "assessment", "items": [{"label": "TikTok"}, {"label": "My class"}]}
    del student["policy"]
    assert load_exercise(write(tmp_path, student)).mode == "assessment"
    with pytest.raises(
        ExerciseFileError,
        match=r"items\[0\].clause \('TikTok'\): an assessment file \(a student's copy\) must not contain 'clause'",
    ):
        load_exercise(write(tmp_path, {**student, "items": [{"label": "TikTok", "clause": "M1"}]}))
    with pytest.raises(
        ExerciseFileError, match=r"policy: an assessment file \(a student's copy\) must not contain 'policy'"
    ):
        load_exercise(write(tmp_path, {**student, "policy": GOOD["policy"]}))


# -- a bank: "show": K of at least 2K cards --------------------------------------------------


def bank(n_items, show, **extra):
    items = [
        {"label": f"App {i}", "answer": "Medium", "clause": "M1", "explanation": "An app.", "source": "article"}
        for i in range(n_items)
    ]
    return {**GOOD, "items": items, "show": show, **extra}


def test_a_bank_states_how_many_cards_each_student_sees(tmp_path):
    ex = load_exercise(write(tmp_path, bank(8, 4)))
    assert ex.show == 4 and len(ex.items) == 8
    assert load_exercise(write(tmp_path, GOOD)).show is None  # not a bank: every card is shown


@pytest.mark.parametrize(
    "n_items, show, words",
    [
        (
            7,
            4,
            r"demo.json: show: 4 cards shown need a bank of at least 8 cards \(twice as many as each student sees\), but it has 7",
        ),
        (8, 0, r"demo.json: show: must be a whole number of cards, at least 1, not 0"),
        (8, -2, r"show: must be a whole number of cards, at least 1, not -2"),
        (8, 2.5, r"show: must be a whole number of cards, at least 1, not 2.5"),
        (8, "4", r"show: must be a whole number of cards, at least 1, not '4'"),
        (8, True, r"show: must be a whole number of cards, at least 1, not True"),
        (8, None, r"show: must be a whole number of cards, at least 1, not None"),
    ],
)
def test_a_bad_show_is_refused_with_a_clear_error(tmp_path, n_items, show, words):
    with pytest.raises(ExerciseFileError, match=words):
        load_exercise(write(tmp_path, bank(n_items, show)))


def test_a_students_copy_of_a_bank_carries_its_show(tmp_path):
    student = {k: v for k, v in bank(8, 4).items() if k != "policy"}
    student["mode"] = "assessment"
    student["items"] = [{"label": i["label"]} for i in student["items"]]
    assert load_exercise(write(tmp_path, student)).show == 4
    student["items"] = student["items"][:7]
    with pytest.raises(ExerciseFileError, match="need a bank of at least 8 cards"):
        load_exercise(write(tmp_path, student))
