"""The assessments of lessons 1, 2 and 3: banks, questions, notebooks, and keys kept private.

Each assignment (``instructors/source/lessonN``) has a board drawn per
student from a bank and questions recorded in the answer file; the keys
(``instructors/keys``) are the only place the answers are written. These
tests read the files as the grader and nbgrader do.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from smlessons.exercises import load_questions
from smlessons.exercises import load_questions as load_student_questions
from smlessons.exercises.loader import load_exercise
from smlessons.variants import board_cards

sys.path.insert(0, str(Path(__file__).resolve().parent))
import italian_assessments  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "instructors"
KEYS = COURSE / "keys"
ASSIGNMENTS = {
    # lesson: (assignment folder, notebook stem)
    1: ("lesson1", "media-or-network"),
    2: ("lesson2", "the-python-you-need"),
    3: ("lesson3", "what-a-medium-offers"),
}
#: The same assessments in Italian (instructors/source/lessonN-it, files *_it.json, ids *-it).
ASSIGNMENTS_IT = {
    1: ("lesson1-it", "media-o-rete"),
    2: ("lesson2-it", "il-python-che-serve"),
    3: ("lesson3-it", "che-cosa-offre-un-mezzo"),
}
LESSONS = sorted(ASSIGNMENTS)
#: Every assignment: (lesson, language).
VERSIONS = [(n, "en") for n in LESSONS] + [(n, "it") for n in sorted(ASSIGNMENTS_IT)]
RULE = (
    "the answer file handed in is what is graded; an answer counts once its cell has been run "
    "(a cell edited but never run does not count); the last answer recorded counts"
)
RULE_IT = (
    "si valuta il file delle risposte consegnato; una risposta conta quando la sua cella è stata eseguita "
    "(una cella modificata ma mai eseguita non conta); conta l'ultima risposta registrata"
)


def version_id(value):
    return f"{value[0]}-{value[1]}" if isinstance(value, tuple) else str(value)


def _sfx(lang: str, sep: str = "_") -> str:
    return "" if lang == "en" else f"{sep}{lang}"


def assignment(n, lang="en"):
    return (ASSIGNMENTS if lang == "en" else ASSIGNMENTS_IT)[n]


def read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def board_key(n, lang="en"):
    return KEYS / f"lesson{n:02d}_assessment_board{_sfx(lang)}.json"


def questions_key(n, lang="en"):
    return KEYS / f"lesson{n:02d}_assessment_questions{_sfx(lang)}.json"


def copy_of(n, kind, lang="en"):
    folder, _ = assignment(n, lang)
    return COURSE / "source" / folder / f"lesson{n:02d}_assessment_{kind}{_sfx(lang)}.json"


def notebook(n, lang="en"):
    folder, stem = assignment(n, lang)
    return COURSE / "source" / folder / f"{stem}.ipynb"


def cell_text(cell) -> str:
    return "".join(cell["source"])


# -- the banks --------------------------------------------------------------------------------


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_every_bank_holds_at_least_twice_the_cards_shown(n, lang):
    key = load_exercise(board_key(n, lang))
    assert key.id == f"lesson{n:02d}-assessment-board{_sfx(lang, '-')}" and key.mode == "practice"
    assert key.show == 8 and len(key.items) >= 2 * key.show, (len(key.items), key.show)


EXPECTED_CLAUSES = {1: {"M1", "M2", "M3", "N1", "N2"}, 2: {"V1", "V2", "V3", "V4"}, 3: {"T1", "T2", "T3", "T4"}}
#: Cards per set: one per bin (lesson 1 pairs, lessons 2 and 3 sets of four).
SET_SIZE = {1: 2, 2: 4, 3: 4}


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_every_clause_of_a_lesson_has_cards_in_its_bank(n, lang):
    key = load_exercise(board_key(n, lang))
    per_clause = Counter(key.clause_of[i.label] for i in key.items)
    assert set(per_clause) == EXPECTED_CLAUSES[n], per_clause
    assert min(per_clause.values()) >= 2, per_clause
    per_bin = Counter(b for i in key.items for b in i.answers)
    assert set(per_bin) == set(key.bins), per_bin  # every bin is right for some cards


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_every_bank_is_built_of_sets_of_one_card_per_bin(n, lang):
    """No card is right in two bins; every set holds one card per bin; a student gets whole sets,
    so always choosing one bin scores the same for every student: 1 / (number of bins)."""
    key = load_exercise(board_key(n, lang))
    assert all(len(i.answers) == 1 for i in key.items)
    sets = Counter(key.set_of[i.label] for i in key.items)
    assert set(sets.values()) == {SET_SIZE[n]} == {len(key.bins)}, sets
    assert key.show % SET_SIZE[n] == 0 and len(sets) >= 2 * key.show // SET_SIZE[n], (len(sets), key.show)
    for name in sets:
        assert sorted(i.answers[0] for i in key.items if key.set_of[i.label] == name) == sorted(key.bins), name
    for student in (f"student{i:03d}" for i in range(100)):
        shown = key.variant(student)
        for b in key.bins:
            assert sum(i.answers == (b,) for i in shown) == key.show // len(key.bins), (student, b)


def test_a_bank_with_a_two_bin_card_or_a_lopsided_set_is_refused(tmp_path):
    """The loader's check on sets can fail: a set of two network cards is refused."""
    from smlessons.exercises.loader import ExerciseFileError

    bad = read(board_key(1))
    first, second = bad["items"][0], bad["items"][1]
    assert first["set"] == second["set"]
    second.update(answer=first["answer"], clause=first["clause"], source=first["source"])
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    with pytest.raises(ExerciseFileError, match="exactly one card right in each bin"):
        load_exercise(tmp_path / "bad.json")


# -- word patterns do not give the bins away ----------------------------------------------------


def _words(label: str) -> set:
    return set(re.findall(r"[a-z']+", label.casefold()))


def keyword_score(cards, rule) -> float:
    """The share of cards a rule (label -> role) puts in a right bin."""
    return sum(rule(label) in roles for label, roles in cards) / len(cards)


def best_one_word_rule(cards) -> float:
    """The best score of any rule "if the card has word W, bin X, else bin Y" (fitted on the bank itself)."""
    roles = sorted({r for _, rs in cards for r in rs})
    words = set().union(*(_words(label) for label, _ in cards))
    best = 0.0
    for w in words:
        has = [w in _words(label) for label, _ in cards]
        for yes in roles:
            for no in roles:
                if yes != no:
                    best = max(best, sum((yes if h else no) in rs for h, (_, rs) in zip(has, cards)) / len(cards))
    return best


def bank_cards(n):
    doc = read(board_key(n))
    role = {label: r for r, label in doc["policy"]["bins"].items()}
    return [
        (c["label"], {role[a] for a in ([c["answer"]] if isinstance(c["answer"], str) else c["answer"])})
        for c in doc["items"]
    ]


def lesson1_rule(label):
    """The reviewer's rule for the old lesson 1 bank (24 of 24 there): who/whom, or 'Fans'/'People' first."""
    s = label.casefold()
    return "network" if re.search(r"\bwhom?\b", s) or s.startswith(("fans", "people")) else "medium"


def lesson1_media_words(label):
    s = label.casefold()
    named = r"\b(apps?|websites?|sites?|chats?|forums?|channels?|groups?|pages?|ads?|games?|section|telegram|signal|instagram|linkedin)\b"
    return "medium" if re.search(named, s) else "network"


def lesson3_rule(label):
    """The reviewer's rule for the old lesson 3 bank (20 of 20 there)."""
    s = label.casefold()
    if re.search(r"without|reading|watching|scrolling|wikipedia", s):
        return "none"
    if re.search(r"accept|each other|confirm|friend request|connect", s):
        return "mutual"
    if re.search(r"\bjoin|\badd(s|ed)?\b|group", s):
        return "group"
    if re.search(r"follow|subscrib", s):
        return "one-way"
    return "none"


def lesson2_first_character(label):
    return {'"': "text", "[": "list", "{": "dictionary"}.get(label[0], "number")


def lesson2_outer_call(label):
    for call, role in (
        ("len(", "number"),
        ("int(", "number"),
        ("str(", "text"),
        ("list(", "list"),
        ("sorted(", "list"),
        ("dict(", "dictionary"),
    ):
        if label.startswith(call):
            return role
    return lesson2_first_character(label)


KEYWORD_RULES = {
    1: [lesson1_rule, lesson1_media_words],
    2: [lesson2_first_character, lesson2_outer_call],
    3: [lesson3_rule],
}


@pytest.mark.parametrize("n", LESSONS)
def test_word_patterns_do_not_give_the_bins_away(n):
    """Keyword rules a student could guess from the wording stay far from full marks: at most
    three cards in four by the likeliest rules, and no single word sorts the bank better than that."""
    cards = bank_cards(n)
    for rule in KEYWORD_RULES[n]:
        assert keyword_score(cards, rule) <= 0.75, (rule.__name__, keyword_score(cards, rule))
    assert best_one_word_rule(cards) <= 0.7, best_one_word_rule(cards)


def test_the_keyword_check_catches_a_bank_that_word_patterns_solve():
    """The check can fail: the old lesson 1 bank's pattern (network cards name 'who/whom')."""
    solved = [
        ("Telegram", {"medium"}),
        ("Nurses and whom each asks for advice", {"network"}),
        ("A website for recipes", {"medium"}),
        ("Cousins and who calls whom", {"network"}),
    ]
    assert keyword_score(solved, lesson1_rule) == 1.0
    assert best_one_word_rule(solved) == 1.0


def _normal(label: str) -> str:
    return " ".join(re.sub(r"[^\w ]", " ", label.casefold()).split())


def test_the_banks_are_new_cards_not_the_practice_boards():
    practice = {
        _normal(item["label"])
        for p in (ROOT / "smlessons" / "content" / "exercises").glob("*.json")
        for item in read(p).get("items", [])
    }
    for n in LESSONS:
        for item in load_exercise(board_key(n)).items:
            assert _normal(item.label) not in practice, (n, item.label)


@pytest.mark.parametrize("lang", ["en", "it"])
def test_lesson_2s_cards_are_keyed_by_what_python_gives(lang):
    """Objective: run every card and compare the kind of its value with its bin."""
    key = load_exercise(board_key(2, lang))
    role_of_type = {int: "number", float: "number", str: "text", list: "list", dict: "dictionary"}
    for item in key.items:
        value = eval(
            item.label,
            {"__builtins__": {"len": len, "int": int, "str": str, "list": list, "sorted": sorted, "dict": dict}},
        )
        assert type(value) in role_of_type, (item.label, type(value))
        assert item.answers == (key.roles[role_of_type[type(value)]],), (item.label, value, item.answers)


def test_a_wrong_key_for_lesson_2_would_be_caught():
    """The check above can fail: a card keyed as text while Python gives a list."""
    key = load_exercise(board_key(2))
    value = eval('["Ana"] + ["Ben"]')
    assert key.roles["list"] != key.roles["text"] and type(value) is list


# -- the questions ----------------------------------------------------------------------------


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_every_question_tests_understanding_and_its_key_marks_it(n, lang):
    qs = load_questions(questions_key(n, lang))
    data = read(questions_key(n, lang))
    assert data["id"] == f"lesson{n:02d}-assessment-questions{_sfx(lang, '-')}"
    assert data["notebook"] == assignment(n, lang)[1] and data.get("lang", "en") == lang
    assert len(qs) >= 4
    for qid, q in qs.items():
        assert re.fullmatch(rf"a{n:02d}-[a-z0-9-]+{_sfx(lang, '-')}", qid), qid
        assert q.level in ("predict", "explain"), (qid, q.level)
        assert q.evaluate(q.key().accepted[0] if q.kind != "choice" else q.answer).correct, qid
        for wrong in q.feedback:  # every answer with feedback of its own is a wrong one
            assert not q.evaluate(wrong).correct, (qid, wrong)
    levels = Counter(q.level for q in qs.values())
    assert levels["predict"] >= 1 and levels["explain"] >= 1, levels


def choice_questions():
    return [q for n, lang in VERSIONS for q in read(questions_key(n, lang))["questions"] if q["kind"] == "choice"]


def right_is_longest(q) -> bool:
    """The right option is the one longest option (a test-wise student's guess)."""
    lengths = {k: len(v) for k, v in q["options"].items()}
    return lengths[q["answer"]] == max(lengths.values()) and list(lengths.values()).count(max(lengths.values())) == 1


def test_the_right_option_is_never_the_one_longest_option():
    qs = choice_questions()
    assert len(qs) >= 8
    assert [q["id"] for q in qs if right_is_longest(q)] == []


def test_the_length_check_finds_a_right_option_longer_than_the_rest():
    q = {
        "answer": "b",
        "options": {"a": "No.", "b": "Yes, because the tie runs both ways once both agree.", "c": "Maybe."},
    }
    assert right_is_longest(q)


def test_every_wrong_option_has_its_own_feedback():
    for q in choice_questions():
        assert set(q["feedback"]) == set(q["options"]) - {q["answer"]}, q["id"]


#: The lessons' own exercises (practice questions): an assessment asks new cases, not these prompts.
def _practice_prompts():
    out = []
    for p in (ROOT / "smlessons" / "content" / "exercises").glob("lesson0[123]_*.json"):
        out += [q["prompt"] for q in read(p).get("questions", [])]
    return out


def test_the_questions_are_not_the_lessons_exercises():
    """No question of the lesson 1 and 3 assessments shares a run of eight words with a lesson's
    practice question. (Lesson 2's questions reuse the lesson's ``friends`` dictionary on purpose:
    the same data, new questions about it.)"""

    def runs(text, k=8):
        w = re.findall(r"\w+", text.casefold())
        return {tuple(w[i : i + k]) for i in range(len(w) - k + 1)}

    practice = set().union(*(runs(p) for p in _practice_prompts()))
    assert practice
    for n in (1, 3):
        for q in read(questions_key(n))["questions"]:
            assert not runs(q["prompt"]) & practice, q["id"]
    old = "A bakery pays Instagram to show one of its posts as an ad to people nearby"  # a copied prompt is found
    assert runs(old) & practice


def test_the_right_letters_are_not_all_the_same():
    letters = [q.answer for n in LESSONS for q in load_questions(questions_key(n)).values() if q.kind == "choice"]
    assert len(letters) >= 6 and len(set(letters)) >= 3, letters


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_the_students_questions_copy_matches_the_key_and_holds_no_answer(n, lang):
    from smlessons.exercises import student_copy

    student = load_student_questions(copy_of(n, "questions", lang))  # refuses any answer, compute, explanation...
    raw = read(copy_of(n, "questions", lang))
    key = read(questions_key(n, lang))
    assert raw == student_copy(key)  # "sources": {} and prompts, kinds, options only
    assert raw["id"] == key["id"] and raw["notebook"] == key["notebook"] and raw["mode"] == "assessment"
    assert list(student) == [q["id"] for q in key["questions"]]
    for q in key["questions"]:
        mine = student[q["id"]]
        assert (mine.prompt, mine.kind, dict(mine.options) if mine.options else None) == (
            q["prompt"],
            q["kind"],
            q.get("options"),
        )


# -- each student's variant -------------------------------------------------------------------


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_two_students_get_different_cards_in_different_orders(n, lang):
    key = load_exercise(board_key(n, lang))
    labels = [i.label for i in key.items]
    draw = lambda student: tuple(i.label for i in key.variant(student))  # whole sets, as the board and grader draw
    ana, ben = draw("ana"), draw("ben")
    assert set(ana) != set(ben)
    boards = {draw(f"student{i:03d}") for i in range(200)}
    assert len(boards) == 200  # no two of a class of 200 alike
    chosen = Counter(frozenset(key.set_of[label] for label in draw(f"student{i:03d}")) for i in range(200))
    assert len(chosen) >= 10 and max(chosen.values()) < 200 // 4  # many different choices of sets, none common
    orders = {tuple(board_cards(labels, None, f"student{i:03d}", key.id)) for i in range(50)}
    assert len(orders) == 50  # the order alone differs too


_BUILD = """
import json, warnings
from smlessons import SortingBoard
board = SortingBoard.from_exercise({path!r}, answers=False)
print(json.dumps(board.cards))
"""


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_one_students_board_is_the_same_after_a_restart_and_at_grading(n, lang, tmp_path):
    """Two fresh processes (two kernel starts) build the student's board from the label-only
    copy; the grader draws with the key's own ``show``: all three agree."""
    key = load_exercise(board_key(n, lang))
    shown = []
    for hashseed in ("1", "2"):
        env = {**os.environ, "SMLESSONS_STUDENT": "ana", "PYTHONHASHSEED": hashseed, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", _BUILD.format(path=str(copy_of(n, "board", lang)))],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        shown.append(json.loads(out.strip().splitlines()[-1]))
    graded = [i.label for i in key.variant("ana")]
    assert shown[0] == shown[1] == graded


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_the_label_only_copy_matches_the_key_and_carries_no_key(n, lang):
    doc = read(copy_of(n, "board", lang))
    key = read(board_key(n, lang))
    assert [c["label"] for c in doc["items"]] == [c["label"] for c in key["items"]]
    assert all(set(c) == {"label", "set"} for c in doc["items"])
    assert [c["set"] for c in doc["items"]] == [c["set"] for c in key["items"]]
    assert "policy" not in doc and doc["sources"] == {} and doc["mode"] == "assessment"
    assert (doc["id"], doc["show"], doc["bins"], doc["notebook"]) == (
        key["id"],
        key["show"],
        key["bins"],
        key["notebook"],
    )
    text = json.dumps(doc)
    for word in ('"answer"', '"explanation"', '"clause"', '"policy"'):
        assert word not in text, word


# -- the notebooks ----------------------------------------------------------------------------


def grade_cells(nb):
    return [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]


GRADED_COMMENT = {
    "en": "# Graded from your answer file after you hand in.",
    "it": "# Il punteggio viene dal tuo file delle risposte, dopo la consegna.",
}


def expected_grade_source(exercise_id: str, lang: str = "en") -> str:
    return (
        f"{GRADED_COMMENT[lang]}\n"
        "### BEGIN HIDDEN TESTS\n"
        "from smlessons.instructor.grader import graded_outside\n"
        f'graded_outside("{exercise_id}")\n'
        "### END HIDDEN TESTS"
    )


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_one_grade_cell_per_board_and_per_question_in_the_spec_format(n, lang):
    nb = read(notebook(n, lang))
    key = load_exercise(board_key(n, lang))
    qs = load_questions(questions_key(n, lang))
    expected = {key.id: key.show, **{qid: 1 for qid in qs}}
    found = {}
    for cell in grade_cells(nb):
        meta = cell["metadata"]["nbgrader"]
        assert cell["cell_type"] == "code" and meta["locked"] and not meta["solution"]
        exercise = re.search(r'graded_outside\("([^"]+)"\)', cell_text(cell)).group(1)
        assert cell_text(cell) == expected_grade_source(exercise, lang)
        assert exercise not in found, exercise
        found[exercise] = meta["points"]
    assert found == expected


@pytest.mark.parametrize("n", LESSONS)
def test_the_intro_states_points_time_the_rule_and_the_variant(n):
    nb = read(notebook(n))
    intro = cell_text(nb["cells"][0])
    key = load_exercise(board_key(n))
    total = sum(c["metadata"]["nbgrader"]["points"] for c in grade_cells(nb))
    assert re.search(rf"\*\*Points:\*\* {total}\b", intro), intro
    assert re.search(r"\*\*Time:\*\* \d+ min", intro)
    assert RULE in intro
    assert f"{key.show} cards drawn for you from a bank of {len(key.items)}" in intro
    assert "shuffled for you" in intro and "each student gets their own cards" in intro


@pytest.mark.parametrize("n", sorted(ASSIGNMENTS_IT))
def test_the_italian_intro_states_points_time_the_rule_and_the_variant(n):
    nb = read(notebook(n, "it"))
    intro = cell_text(nb["cells"][0])
    key = load_exercise(board_key(n, "it"))
    total = sum(c["metadata"]["nbgrader"]["points"] for c in grade_cells(nb))
    assert total == sum(c["metadata"]["nbgrader"]["points"] for c in grade_cells(read(notebook(n))))
    assert re.search(rf"\*\*Punti:\*\* {total}\b", intro), intro
    assert re.search(r"\*\*Tempo:\*\* \d+ min", intro)
    assert RULE_IT in intro
    assert f"{key.show} schede estratte per te da un banco di {len(key.items)}" in intro
    assert "mescolato per te" in intro and "ogni studente riceve le sue schede" in intro


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_the_notebook_records_into_its_own_answer_file_from_the_label_only_copies(n, lang):
    folder, stem = assignment(n, lang)
    nb = read(notebook(n, lang))
    code = "\n".join(cell_text(c) for c in nb["cells"] if c["cell_type"] == "code")
    spoken = "" if lang == "en" else f', language="{lang}"'
    assert f'AnswerStore("{stem}", folder=".")' in code
    assert f'Recorder(answers, questions="{copy_of(n, "questions", lang).name}"{spoken})' in code
    assert f'SortingBoard.from_exercise("{copy_of(n, "board", lang).name}", answers=answers{spoken})' in code
    assert "show_student(" + spoken.removeprefix(", ") + ")" in code
    assert read(copy_of(n, "board", lang))["notebook"] == read(copy_of(n, "questions", lang))["notebook"] == stem
    recorded = re.findall(r'record\("([^"]+)", answer\)', code)
    assert recorded == list(load_student_questions(copy_of(n, "questions", lang)))


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_the_source_notebook_has_no_outputs_and_no_answers(n, lang):
    nb = read(notebook(n, lang))
    for cell in nb["cells"]:
        assert "nbgrader" in cell["metadata"] or cell_text(cell) == "board.check()", cell_text(cell)[:60]
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("solution"):
            assert "### BEGIN SOLUTION\nanswer = ...\n### END SOLUTION\n" in cell_text(cell)
    ids = [c["metadata"]["nbgrader"]["grade_id"] for c in nb["cells"] if "nbgrader" in c["metadata"]]
    assert len(ids) == len(set(ids))


# -- no key on a student-facing path ----------------------------------------------------------


def key_texts() -> list[str]:
    """Every explanation and feedback text of the assessment keys (long enough to be unique)."""
    out = []
    for n, lang in VERSIONS:
        out += [i["explanation"] for i in read(board_key(n, lang))["items"]]
        for q in read(questions_key(n, lang))["questions"]:
            out += [q["explanation"], q.get("hint", ""), *q.get("feedback", {}).values()]
    return [t for t in out if len(t) >= 40]


def student_facing_files(extra=()):
    roots = [ROOT / "notebooks", ROOT / "smlessons", COURSE / "source", *extra]
    for base in roots:
        for path in base.rglob("*"):
            if path.is_file() and path.suffix in (".json", ".ipynb", ".py", ".md", ".txt", ".csv"):
                yield path


def key_leaks(files) -> list[str]:
    texts = key_texts()
    bank_labels = {i["label"] for n, lang in VERSIONS for i in read(board_key(n, lang))["items"]}
    question_ids = {q["id"] for n, lang in VERSIONS for q in read(questions_key(n, lang))["questions"]}
    leaks = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks += [f"{path}: an explanation or feedback of a key" for t in texts if t in text]
        if path.suffix == ".json":
            try:
                doc = json.loads(text)
            except ValueError:
                continue
            if not isinstance(doc, dict):
                continue
            for item in doc.get("items", []) if isinstance(doc.get("items"), list) else []:
                if (
                    isinstance(item, dict)
                    and item.get("label") in bank_labels
                    and ("answer" in item or "clause" in item)
                ):
                    leaks.append(f"{path}: the answer to {item['label']!r}")
            for q in doc.get("questions", []) if isinstance(doc.get("questions"), list) else []:
                if isinstance(q, dict) and q.get("id") in question_ids and ({"answer", "compute"} & set(q)):
                    leaks.append(f"{path}: the answer to {q['id']!r}")
    return sorted(set(leaks))


def test_no_student_facing_file_holds_an_assessment_key():
    files = list(student_facing_files())
    assert len(files) > 50
    assert key_leaks(files) == []


def test_the_leak_check_finds_a_key_copied_where_students_see_it(tmp_path):
    shutil.copy(board_key(1), tmp_path / "oops.json")
    (tmp_path / "notes.md").write_text(read(questions_key(2))["questions"][0]["explanation"])
    leaks = key_leaks([tmp_path / "oops.json", tmp_path / "notes.md"])
    assert any("oops.json: the answer to" in leak for leak in leaks)
    assert any("notes.md: an explanation" in leak for leak in leaks)


def test_the_released_assignments_hold_no_key(tmp_path):
    """``nbgrader generate_assignment`` on a copy of the course: the release holds the
    label-only copies and notebooks without hidden tests, and no key."""
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(KEYS, course / "keys")
    for n, lang in VERSIONS:
        folder, stem = assignment(n, lang)
        (course / "source" / folder).mkdir(parents=True)
        for path in (notebook(n, lang), copy_of(n, "board", lang), copy_of(n, "questions", lang)):
            shutil.copy(path, course / "source" / folder / path.name)
    # nbgrader runs alembic by name: the environment's own bin folder goes first
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    for n, lang in VERSIONS:
        folder, stem = assignment(n, lang)
        done = subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", folder, "--force"],
            cwd=course,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        release = course / "release" / folder
        assert sorted(p.name for p in release.iterdir()) == sorted(
            [f"{stem}.ipynb", copy_of(n, "board", lang).name, copy_of(n, "questions", lang).name]
        )
        released = read(release / f"{stem}.ipynb")
        code = "\n".join(cell_text(c) for c in released["cells"])
        assert "graded_outside" not in code and "HIDDEN TESTS" not in code
        assert released["metadata"].get("smlessons", {}).get("language", "en") == lang
        stub = {
            "en": "answer = ...  # replace ... with your answer",
            "it": "answer = ...  # sostituisci ... con la tua risposta",
        }
        solutions = [c for c in released["cells"] if c["metadata"].get("nbgrader", {}).get("solution")]
        assert solutions and all(stub[lang] in cell_text(c) for c in solutions), lang
        assert read(release / copy_of(n, "board", lang).name) == read(copy_of(n, "board", lang))
    assert key_leaks(student_facing_files([course / "release"])) == []


# -- a student works through a notebook; the answer file is what the key marks ------------------


def run_notebook(n, folder: Path, answers_given: dict, placements, lang="en") -> None:
    """Run the notebook's code cells as a kernel would (grade cells are hidden tests, not run),
    with each ``answer = ...`` replaced by the given answer; then sort the board."""
    nb = read(notebook(n, lang))
    namespace: dict = {}
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        for cell in nb["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if cell["cell_type"] != "code" or meta.get("grade"):
                continue
            source = cell_text(cell)
            qid = re.search(r'record\("([^"]+)"', source)
            if meta.get("solution") and qid:
                source = source.replace("answer = ...", f"answer = {answers_given[qid.group(1)]!r}")
            exec(compile(source, f"cell {meta.get('grade_id')}", "exec"), namespace)
            if meta.get("grade_id") == "board":
                namespace["board"].placements = placements(namespace["board"])
    finally:
        os.chdir(cwd)


RECORDED = {"en": "Recorded your answer", "it": "Ho registrato la tua risposta"}


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_a_student_who_knows_everything_hands_in_a_file_the_key_marks_full(n, lang, tmp_path, monkeypatch, capsys):
    folder, stem = assignment(n, lang)
    for path in (copy_of(n, "board", lang), copy_of(n, "questions", lang)):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setenv("SMLESSONS_STUDENT", "ana")
    monkeypatch.delenv("SMLESSONS_ANSWERS_DIR", raising=False)
    key = load_exercise(board_key(n, lang))
    qs = load_questions(questions_key(n, lang))
    right = {qid: (q.answer if q.kind == "choice" else q.answers()[0]) for qid, q in qs.items()}
    answer_of = {i.label: i.answers[0] for i in key.items}
    run_notebook(n, tmp_path, right, lambda board: {label: answer_of[label] for label in board.cards}, lang)
    out = capsys.readouterr().out
    assert out.count(RECORDED[lang]) == len(qs) and "cannot be graded" not in out
    assert lang == "en" or "Recorded" not in out
    saved = read(tmp_path / f"{stem}.answers.json")["exercises"]
    mine = [i.label for i in key.variant("ana")]
    assert saved[key.id]["answer"] == {label: answer_of[label] for label in mine}
    for qid, q in qs.items():
        assert q.evaluate(saved[qid]["answer"]).correct, qid


# -- the Italian assignments: the English ones translated ---------------------------------------


def _english_ids(n) -> list[str]:
    return [read(board_key(n))["id"], *(q["id"] for q in read(questions_key(n))["questions"])]


@pytest.mark.parametrize("n", sorted(ASSIGNMENTS_IT))
def test_the_italian_keys_are_the_english_keys_translated(n):
    stem = assignment(n, "it")[1]
    code_labels = n == 2  # lesson 2's cards are Python expressions: the same in Italian
    assert italian_assessments.board_problems(board_key(n), board_key(n, "it"), stem, code_labels) == []
    assert italian_assessments.questions_problems(questions_key(n), questions_key(n, "it"), stem) == []


@pytest.mark.parametrize("n", sorted(ASSIGNMENTS_IT))
def test_the_italian_notebook_is_the_english_one_cell_by_cell(n):
    assert italian_assessments.notebook_problems(notebook(n), notebook(n, "it"), n, _english_ids(n)) == []
    assert italian_assessments.question_cells_problems(notebook(n, "it"), questions_key(n, "it")) == []
    assert italian_assessments.question_cells_problems(notebook(n), questions_key(n)) == []


def test_the_translation_checks_catch_a_changed_answer_an_english_text_and_changed_code(tmp_path):
    n, stem = 1, assignment(1, "it")[1]
    board = read(board_key(n, "it"))
    board["items"][0]["answer"], board["items"][1]["explanation"] = board["items"][1]["answer"], "x " * 3
    board["items"][2]["label"] = read(board_key(n))["items"][2]["label"]
    (tmp_path / "b.json").write_text(json.dumps(board), encoding="utf-8")
    problems = italian_assessments.board_problems(board_key(n), tmp_path / "b.json", stem)
    assert any("card 0" in p and "another answer" in p for p in problems)
    assert any("card 2" in p and "left in English" in p for p in problems)
    questions = read(questions_key(n, "it"))
    questions["questions"][0]["answer"] = "a"
    questions["questions"][1]["prompt"] = questions["questions"][1]["prompt"].replace("3.000", "300")
    (tmp_path / "q.json").write_text(json.dumps(questions), encoding="utf-8")
    problems = italian_assessments.questions_problems(questions_key(n), tmp_path / "q.json", stem)
    assert any("answer 'a'" in p for p in problems) and any("numbers" in p for p in problems)
    nb = read(notebook(n, "it"))
    code = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q1-answer")
    code["source"] = [line.replace("-it", "") for line in code["source"]]
    (tmp_path / f"{stem}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    problems = italian_assessments.notebook_problems(notebook(n), tmp_path / f"{stem}.ipynb", n, _english_ids(n))
    assert problems == ["cell 10 (q1-answer): code differs from the English beyond Italian names and language"]
