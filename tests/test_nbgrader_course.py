"""The nbgrader course in instructors/, graded by the real nbgrader.

A temporary copy of the course goes through generate_assignment; three
simulated students get the release: one answers through the widgets' Python
API and the notebook (some right, some wrong, some empty), one answers
everything right in unusual forms, one hands in untouched notebooks and a
damaged answer file. Their work is collected into submitted/, nbgrader
autogrades it, and the gradebook must hold the exact scores. The release is
scanned to prove that no answer key reaches a student.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from smlessons import SortingBoard, load_exercise
from smlessons.answers import AnswerStore
from smlessons.checks import load_questions

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "instructors"
ASSIGNMENTS = {"lesson1": "media-or-network", "lesson3": "people-and-ties"}
STUB = "answer = ...  # replace ... with your answer"
MEDIUM, NETWORK = load_exercise(COURSE / "keys" / "lesson01_assessment.json").bins


def nbgrader(course: Path, *args: str, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course, env=env, capture_output=True, text=True, timeout=120,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    e = dict(os.environ)
    e.pop("JPY_SESSION_NAME", None)
    # A hub may point answer files elsewhere; the assignments must not depend on it.
    e["SMLESSONS_ANSWERS_DIR"] = str(tmp_path_factory.mktemp("elsewhere"))
    e["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    # nbgrader runs the alembic command to set up its gradebook: as in an activated environment.
    e["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), e.get("PATH", "")])
    return e


@pytest.fixture(scope="module")
def course(tmp_path_factory, env):
    dest = tmp_path_factory.mktemp("course") / "smlessons-course"
    generated = [line.rstrip("/") for line in (COURSE / ".gitignore").read_text().split()]
    shutil.copytree(COURSE, dest, ignore=shutil.ignore_patterns(*generated, "README.md"))
    nbgrader(dest, "generate_assignment", "*", "--force", env=env)
    return dest


def fill_in(nb, answers: dict) -> None:
    """Type answers into the released answer cells, as a student would."""
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            assert STUB in cell.source
            cell.source = cell.source.replace(STUB, f"answer = {answers[grade_id]}")


def run(notebook: Path, env: dict, answers: dict | None = None) -> None:
    """Run a notebook top to bottom in a kernel, in its folder, and save it."""
    nb = nbformat.read(notebook, as_version=4)
    fill_in(nb, answers or {})
    client = NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}})
    client.execute(env=env)
    nbformat.write(nb, notebook)


def sort_cards(folder: Path, moves: list[tuple[str, str | None]]) -> None:
    """Drag cards the way the browser does: one placements change per move."""
    board = SortingBoard.from_exercise(
        str(folder / "lesson01_assessment.json"), answers=AnswerStore("media-or-network", folder=folder)
    )
    for label, bin_ in moves:
        placements = dict(board.placements)
        if bin_ is None:
            placements.pop(label, None)
        else:
            placements[label] = bin_
        board.placements = placements


@pytest.fixture(scope="module")
def graded(course, env, tmp_path_factory):
    homes = tmp_path_factory.mktemp("homes")
    for student in ("ada", "bo", "cy"):
        for assignment in ASSIGNMENTS:
            shutil.copytree(course / "release" / assignment, homes / student / assignment)

    # ada: some right, some wrong, some empty; one card moved twice.
    ada = homes / "ada"
    sort_cards(ada / "lesson1", [
        ("Telegram", MEDIUM),                                   # right
        ("The members of a choir and who sings next to whom", NETWORK),  # right
        ("Snapchat", NETWORK),                                  # wrong
        ("Neighbours who lend each other tools", MEDIUM),       # wrong (the trap)
        ("A podcast app where listeners comment on episodes and reply to each other", NETWORK),
        ("A podcast app where listeners comment on episodes and reply to each other", MEDIUM),                              # moved: right
        ("The subscribers of a cooking channel who comment on each other's recipes", NETWORK),  # right
        ("LinkedIn", NETWORK),                                  # right (contested)
        ("The readers of a shop's newsletter who forward it to their friends", NETWORK),
        ("The readers of a shop's newsletter who forward it to their friends", None),  # taken back: not placed
    ])
    run(ada / "lesson1" / "media-or-network.ipynb", env)  # the board comes back as it was left
    run(ada / "lesson3" / "people-and-ties.ipynb", env, {
        "q1-answer": '" pia"',                                  # right, odd spacing and case
        "q2-answer": "6",                                       # wrong
        "q3-answer": '"5"',                                     # right, as text
        "q4-answer": '["Dev", "Elif", "Maya", "Omar", "Sami"]',  # wrong: one missing
    })                                                          # q5 left as ...

    # bo: everything right, in the forms a student may use.
    bo = homes / "bo"
    sort_cards(bo / "lesson1", [
        ("Telegram", MEDIUM),
        ("The members of a choir and who sings next to whom", NETWORK),
        ("Snapchat", MEDIUM),
        ("Neighbours who lend each other tools", NETWORK),
        ("A podcast app where listeners comment on episodes and reply to each other", MEDIUM),
        ("The subscribers of a cooking channel who comment on each other's recipes", NETWORK),
        ("The readers of a shop's newsletter who forward it to their friends", NETWORK),
        ("LinkedIn", MEDIUM),                                   # the other bin of a contested card
    ])
    run(bo / "lesson3" / "people-and-ties.ipynb", env, {
        "q1-answer": 'central_people(G, "degree")[0]',          # a (name, degree) pair
        "q2-answer": 'degree(G, "Ben")',
        "q3-answer": "distance(K, 16, 26)",
        "q4-answer": 'set(neighbours(G, "Pia"))',
        "q5-answer": '"BEN"',
    })

    # cy: hands in the untouched release, with a damaged answer file.
    (homes / "cy" / "lesson1" / "media-or-network.answers.json").write_text('{"format": "smlessons-answers", "exerc')

    # Collect: what each student hands in lands in submitted/<student>/<assignment>/.
    for student in ("ada", "bo", "cy"):
        for assignment in ASSIGNMENTS:
            shutil.copytree(homes / student / assignment, course / "submitted" / student / assignment)
    result = nbgrader(course, "autograde", "*", env=env)
    return {"course": course, "homes": homes, "log": result.stdout + result.stderr}


def scores(course: Path) -> dict:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "smlessons") as gb:
        for student in ("ada", "bo", "cy"):
            for assignment in ASSIGNMENTS:
                sub = gb.find_submission(assignment, student)
                out[student, assignment] = (sub.score, sub.max_score)
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        out[student, grade.name] = grade.score
    return out


def test_autograde_gives_the_exact_scores(graded):
    got = scores(graded["course"])
    assert got["ada", "lesson1"] == (5.0, 8.0)
    assert got["ada", "lesson3"] == (2.0, 5.0)
    assert [got["ada", f"q{n}-points"] for n in range(1, 6)] == [1.0, 0.0, 1.0, 0.0, 0.0]
    assert got["bo", "lesson1"] == (8.0, 8.0)
    assert got["bo", "lesson3"] == (5.0, 5.0)
    assert got["cy", "lesson1"] == (0.0, 8.0)
    assert got["cy", "lesson3"] == (0.0, 5.0)


def test_the_answer_files_were_read_from_the_hand_in_not_from_elsewhere(graded, env):
    autograded = graded["course"] / "autograded"
    ada = json.loads((autograded / "ada" / "lesson1" / "media-or-network.answers.json").read_text())
    assert ada["exercises"]["lesson01-assessment"]["answer"]["A podcast app where listeners comment on episodes and reply to each other"] == MEDIUM
    assert "The readers of a shop's newsletter who forward it to their friends" not in ada["exercises"]["lesson01-assessment"]["answer"]
    assert list(Path(env["SMLESSONS_ANSWERS_DIR"]).iterdir()) == []
    # Grading never changes the student's hand-in, even a damaged one.
    submitted = graded["course"] / "submitted" / "cy" / "lesson1" / "media-or-network.answers.json"
    assert submitted.read_text() == '{"format": "smlessons-answers", "exerc'


def test_the_graded_notebooks_show_the_restored_board(graded):
    nb = nbformat.read(graded["course"] / "autograded" / "ada" / "lesson1" / "media-or-network.ipynb", as_version=4)
    outputs = "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    assert "7 of 8 cards placed" in outputs


def key_texts() -> list[str]:
    """What must never reach a student: explanations, solutions and hidden tests."""
    texts = []
    for path in (COURSE / "keys").glob("*.json"):
        data = json.loads(path.read_text())
        for entry in data.get("items", []) + data.get("questions", []):
            texts.append(entry["explanation"])
    marker = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)
    for nb_path in (COURSE / "source").rglob("*.ipynb"):
        for cell in nbformat.read(nb_path, as_version=4).cells:
            for _, body in marker.findall(cell.source):
                texts.extend(line.strip() for line in body.splitlines() if len(line.strip()) >= 10)
    assert len(texts) > 20
    return texts


def test_no_answer_key_reaches_a_student(graded):
    release = graded["course"] / "release"
    files = [p for p in release.rglob("*") if p.is_file()]
    assert {p.name for p in files} == {"media-or-network.ipynb", "lesson01_assessment.json", "people-and-ties.ipynb"}
    forbidden = key_texts() + ["BEGIN HIDDEN TESTS", "BEGIN SOLUTION", "find_key", "board_points", "question_points"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for secret in forbidden:
            assert secret not in text, f"{path.name} contains {secret!r}"
        if path.suffix == ".json":
            data = json.loads(text)
            assert data["mode"] == "assessment"
            assert all(set(item) == {"label"} for item in data["items"]), f"{path.name}: items carry more than labels"
    for nb_path in release.rglob("*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_no_answer_file_is_in_the_course_source():
    assert not list((COURSE / "source").rglob("*.answers.json"))


def test_a_stray_answer_file_in_source_stops_generate_assignment(tmp_path, env):
    course = tmp_path / "course"
    generated = [line.rstrip("/") for line in (COURSE / ".gitignore").read_text().split()]
    shutil.copytree(COURSE, course, ignore=shutil.ignore_patterns(*generated))
    (course / "source" / "lesson1" / "media-or-network.answers.json").write_text("{}")
    result = nbgrader(course, "generate_assignment", "lesson1", env=env, check=False)
    assert result.returncode == 2
    assert "source/lesson1/media-or-network.answers.json" in result.stderr
    assert not (course / "release").exists()


# -- the course's files agree with each other (no nbgrader run) -------------------------


def test_each_assessed_board_has_a_key_with_the_same_cards_and_bins():
    for student_copy in (COURSE / "source").rglob("*.json"):
        ex = load_exercise(student_copy)
        assert ex.mode == "assessment"
        key = load_exercise(COURSE / "keys" / student_copy.name)
        assert key.mode == "practice" and key.id == ex.id and key.bins == ex.bins
        assert [i.label for i in key.items] == [i.label for i in ex.items]
        assert all(i.answers and i.explanation and i.source for i in key.items)
        assert any(i.contested for i in key.items), "the assessment keeps a contested card"


def grade_cells(nb_path: Path) -> dict:
    nb = nbformat.read(nb_path, as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }


def test_points_match_the_keys():
    board = grade_cells(COURSE / "source" / "lesson1" / "media-or-network.ipynb")
    assert board["board-points"].metadata["nbgrader"]["points"] == len(
        load_exercise(COURSE / "keys" / "lesson01_assessment.json").items
    )
    cells = grade_cells(COURSE / "source" / "lesson3" / "people-and-ties.ipynb")
    keys = load_questions(COURSE / "keys" / "lesson03_assessment.json")
    graded_ids = [re.search(r'answers, "([^"]+)"\)', c.source).group(1) for c in cells.values()]
    assert graded_ids == list(keys)
    assert sum(c.metadata["nbgrader"]["points"] for c in cells.values()) == len(keys)


def test_the_source_solutions_are_right():
    nb = nbformat.read(COURSE / "source" / "lesson3" / "people-and-ties.ipynb", as_version=4)
    keys = load_questions(COURSE / "keys" / "lesson03_assessment.json")
    namespace = {}
    setup = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
    exec(setup.source, namespace)  # noqa: S102 (our own notebook; nothing is saved: record is replaced)
    namespace["record"] = lambda qid, answer: namespace.setdefault("given", {}).__setitem__(qid, answer)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            exec(cell.source, namespace)  # noqa: S102
    assert set(namespace["given"]) == set(keys)
    for qid, answer in namespace["given"].items():
        assert keys[qid].evaluate(answer).correct, qid
