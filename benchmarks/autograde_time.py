"""How long nbgrader takes to autograde the whole course for one student, and
how big an answer file is after a full lesson.

A temporary copy of the nbgrader course (instructors/) is generated; one
student answers everything (every card of the assessed board placed, every
question answered); then, in each round, ``nbgrader autograde "*" --student
one --force`` grades the whole course (both assignments), side by side with a
reference assignment of one notebook with one trivial test cell (what
nbgrader costs with nothing of ours in it). Medians over the rounds, wall
time of the command as an instructor runs it.

The answer file sizes are those of the files written by the widgets' Python
API after every exercise of a lesson is answered: lesson 1's practice board
(all cards placed), lesson 4's practice questions (all answered through
``check``), and the two assessed notebooks.

    python benchmarks/autograde_time.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from _common import save, table, timed

ROOT = Path(__file__).resolve().parents[1]
STUB = "answer = ...  # replace ... with your answer"


def nbgrader(course: Path, env: dict, *args: str) -> None:
    out = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"nbgrader {' '.join(args)} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")


def reference_notebook(path: Path) -> None:
    cell = nbformat.v4.new_code_cell("assert True")
    cell.metadata["nbgrader"] = {
        "grade": True, "grade_id": "ref", "locked": True, "points": 1, "schema_version": 3, "solution": False, "task": False,
    }
    cell.id = "ref"
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    path.parent.mkdir(parents=True)
    nbformat.write(nb, path)


def answer_everything(home: Path, env: dict) -> None:
    """One student: the whole board sorted, every question answered (the source's solutions)."""
    from smlessons import SortingBoard, load_exercise
    from smlessons.answers import AnswerStore

    key = load_exercise(ROOT / "instructors" / "keys" / "lesson01_assessment.json")
    folder = home / "lesson1"
    board = SortingBoard.from_exercise(str(folder / "lesson01_assessment.json"), answers=AnswerStore("media-or-network", folder=folder))
    for item in key.items:  # one move at a time, as in the browser
        board.placements = {**board.placements, item.label: item.answers[0]}

    source = nbformat.read(ROOT / "instructors" / "source" / "lesson3" / "people-and-ties.ipynb", as_version=4)
    solutions = {
        c.metadata["nbgrader"]["grade_id"]: c.source.split("### BEGIN SOLUTION\n")[1].split("### END SOLUTION")[0].strip()
        for c in source.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }
    path = home / "lesson3" / "people-and-ties.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            cell.source = cell.source.replace(STUB, solutions[grade_id])
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute(env=env)
    nbformat.write(nb, path)


def practice_file_sizes(folder: Path) -> dict:
    """Answer files of the practice lessons after every exercise is answered."""
    from smlessons import SortingBoard, load_exercise
    from smlessons.answers import AnswerStore
    from smlessons.checks import check, load_questions

    sizes = {}
    ex = load_exercise("lesson01_media_or_network")
    store = AnswerStore("01-media-and-networks", folder=folder)
    board = SortingBoard.from_exercise("lesson01_media_or_network", answers=store)
    for item in ex.items:
        board.placements = {**board.placements, item.label: item.answers[0]}
    sizes["01-media-and-networks (18 cards placed)"] = store.path.stat().st_size

    store = AnswerStore("04-people-and-ties", folder=folder)
    questions = load_questions("lesson04_people_and_ties")
    with contextlib.redirect_stdout(io.StringIO()):
        for q in questions.values():
            check(q.id, q.key().accepted[0] if q.kind != "tie" else tuple(q.key().accepted[0]), answers=store)
    sizes[f"04-people-and-ties ({len(questions)} questions answered)"] = store.path.stat().st_size
    return sizes


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env.pop("JPY_SESSION_NAME", None)
    env.pop("SMLESSONS_ANSWERS_DIR", None)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    with tempfile.TemporaryDirectory(prefix="smlessons-autograde-") as tmp:
        tmp = Path(tmp)
        course = tmp / "course"
        shutil.copytree(ROOT / "instructors", course, ignore=shutil.ignore_patterns(
            "release", "submitted", "autograded", "feedback", "gradebook.db", "*.answers.json", "README.md"))
        reference_notebook(course / "source" / "ref" / "ref.ipynb")
        generate_s = timed(lambda: nbgrader(course, env, "generate_assignment", "*", "--force"))

        home = tmp / "home"
        for assignment in ("lesson1", "lesson3", "ref"):
            shutil.copytree(course / "release" / assignment, home / assignment)
        answer_everything(home, env)
        for assignment in ("lesson1", "lesson3", "ref"):
            shutil.copytree(home / assignment, course / "submitted" / "one" / assignment)

        course_s, ref_s = [], []
        for _ in range(args.rounds):
            shutil.rmtree(course / "autograded", ignore_errors=True)
            course_s.append(timed(lambda: nbgrader(course, env, "autograde", "lesson*", "--student", "one", "--force")))
            ref_s.append(timed(lambda: nbgrader(course, env, "autograde", "ref", "--student", "one", "--force")))

        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "smlessons") as gb:
            score = sum(gb.find_submission(a, "one").score for a in ("lesson1", "lesson3"))
            max_score = sum(gb.find_submission(a, "one").max_score for a in ("lesson1", "lesson3"))
        if score != max_score:
            raise SystemExit(f"the full answers should score {max_score}, got {score}")

        sizes = {
            "media-or-network (assessed board, 8 cards placed)": (home / "lesson1" / "media-or-network.answers.json").stat().st_size,
            "people-and-ties (assessed, 5 questions answered)": (home / "lesson3" / "people-and-ties.answers.json").stat().st_size,
        }
        sizes.update(practice_file_sizes(tmp / "practice"))

    course_med, ref_med = statistics.median(course_s), statistics.median(ref_s)
    print(f"nbgrader generate_assignment of the course: {generate_s:.2f} s (once)")
    print(table(
        [
            ["whole course (2 assignments, 2 notebooks)", f"{course_med:.2f}", f"{min(course_s):.2f}", f"{max(course_s):.2f}"],
            ["reference: 1 notebook, 1 trivial test", f"{ref_med:.2f}", f"{min(ref_s):.2f}", f"{max(ref_s):.2f}"],
        ],
        ["nbgrader autograde, one student", "median s", "min s", "max s"],
    ))
    print(f"score of the full answers: {score:g} / {max_score:g}")
    print(table([[k, v] for k, v in sizes.items()], ["answer file after a full lesson", "bytes"]))
    payload = {
        "rounds": args.rounds,
        "generate_assignment_s": round(generate_s, 2),
        "autograde_whole_course_s": {"median": round(course_med, 2), "min": round(min(course_s), 2), "max": round(max(course_s), 2)},
        "autograde_reference_s": {"median": round(ref_med, 2), "min": round(min(ref_s), 2), "max": round(max(ref_s), 2)},
        "score": [score, max_score],
        "answer_file_bytes": sizes,
    }
    path = save("autograde_time", payload)
    print(f"saved {path.relative_to(ROOT)}")
    return payload


if __name__ == "__main__":
    main()
