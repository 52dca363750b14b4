"""How long smlessons' grader takes for a class, and nbgrader's autograde for one student.

A temporary copy of the sample course (instructors/) gets 200 students'
hand-ins in nbgrader's layout (``submitted/<student>/<assignment>/``): for
every assignment found in source/, an answer file per notebook with each
exercise answered right or wrong at random (each student's own board cards,
each question asked as that student was), a few unanswered. Then:

- ``grade_class`` over the 200 students in one process (marks and both CSV
  files), several runs; the goal is under 5 s;
- ``smlessons grade COURSE`` as an instructor runs it (a new process:
  imports included);
- ``nbgrader autograde`` of every assignment for one student, with the
  course's configuration (the grader's preprocessors), several runs.

Medians are printed and saved in benchmarks/results/grade_class.json.

    python benchmarks/grade_class.py [--students 200] [--rounds 5] [--nbgrader-rounds 3]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import save, table, timed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def copy_course(dest: Path) -> Path:
    shutil.copytree(
        ROOT / "instructors",
        dest,
        ignore=shutil.ignore_patterns(
            "release", "submitted", "autograded", "feedback", "gradebook.db", "*.answers.json", "README.md", "grades"
        ),
    )
    return dest


def hand_ins(course: Path, students: list[str]) -> int:
    """Write every student's answer files; return how many files."""
    import json

    from smlessons.instructor.autograde import bind_question
    from smlessons.instructor.grader import Course

    sample = Course.load(course)
    keys = sample.keys
    files = 0
    for student in students:
        pick = random.Random(f"bench\x00{student}")
        for name, plan in sample.assignments.items():
            docs: dict = {}
            for cell in plan.cells:
                if pick.random() < 0.05:
                    continue  # unanswered
                right = pick.random() < 0.6
                if cell.exercise in keys.boards:
                    ex = keys.boards[cell.exercise]
                    cards = ex.variant(student)  # the student's own cards, as the board drew them
                    answer = {c.label: (c.answers[0] if pick.random() < 0.7 else pick.choice(ex.bins)) for c in cards}
                elif cell.exercise in keys.questions:
                    q = bind_question(keys.questions[cell.exercise][0], student)
                    answer = q.answers()[0] if right else "not this"
                else:
                    continue
                docs.setdefault(cell.notebook, {})[cell.exercise] = {
                    "answer": answer,
                    "saved": "2026-11-29T08:00:00+00:00",
                }
            folder = course / "submitted" / student / name
            folder.mkdir(parents=True)
            for notebook, exercises in docs.items():
                doc = {"format": "smlessons-answers", "version": 1, "notebook": notebook, "exercises": exercises}
                (folder / f"{notebook}.answers.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
                files += 1
    return files


def grade_once(course: Path, out: Path):
    from smlessons.instructor.grader import Course, grade_class, write_marks_csv, write_totals_csv

    grades = grade_class(course / "submitted", Course.load(course))
    out.mkdir(exist_ok=True)
    write_totals_csv(grades, out / "grades.csv")
    write_marks_csv(grades, out / "marks.csv")
    return grades


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--nbgrader-rounds", type=int, default=3)
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env.pop("JPY_SESSION_NAME", None)
    env.pop("SMLESSONS_ANSWERS_DIR", None)
    env.pop("SMLESSONS_STUDENT", None)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    with tempfile.TemporaryDirectory(prefix="smlessons-grade-") as tmp:
        course = copy_course(Path(tmp) / "course")
        students = [f"student{i:03d}" for i in range(args.students)]
        files = hand_ins(course, students)

        in_process = []
        for _ in range(args.rounds):
            in_process.append(timed(lambda: grade_once(course, Path(tmp) / "out")))
        grades = grade_once(course, Path(tmp) / "out")
        handed = sum(1 for s in grades.submissions if s.status != "absent")
        cli = []
        for _ in range(args.rounds):

            def run_cli():
                done = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "smlessons.instructor.cli",
                        "grade",
                        str(course),
                        "--out",
                        str(Path(tmp) / "cli"),
                    ],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if done.returncode != 0:
                    raise SystemExit(f"smlessons grade failed:\n{done.stderr}")

            cli.append(timed(run_cli))

        # nbgrader autograde for one student, every assignment, with the grader's preprocessors
        def nbgrader(*a):
            done = subprocess.run(
                [sys.executable, "-m", "nbgrader", *a], cwd=course, env=env, capture_output=True, text=True
            )
            if done.returncode != 0:
                raise SystemExit(f"nbgrader {' '.join(a)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")

        nbgrader("generate_assignment", "*", "--force")
        one = students[0]
        for name in grades.assignments:  # the hand-in: the released notebooks beside the answer files
            for nb in (course / "release" / name).glob("*.ipynb"):
                shutil.copy(nb, course / "submitted" / one / name / nb.name)
        autograde = []
        for _ in range(args.nbgrader_rounds):
            autograde.append(timed(lambda: nbgrader("autograde", "*", "--student", one, "--force")))
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "smlessons") as gb:
            by_nbgrader = {a: gb.find_submission(a, one).score for a in grades.assignments}
        by_grader = {a: grades.submission(one, a).points for a in grades.assignments}
        if {a: round(v, 6) for a, v in by_nbgrader.items()} != {a: float(v) for a, v in by_grader.items()}:
            raise SystemExit(f"nbgrader and the grader disagree for {one}: {by_nbgrader} != {by_grader}")

    med = statistics.median
    rows = [
        [
            f"grade_class, {args.students} students ({handed} hand-ins, {files} answer files), in one process",
            f"{med(in_process):.2f}",
            f"{min(in_process):.2f}",
            f"{max(in_process):.2f}",
        ],
        [
            "smlessons grade COURSE (new process, imports included)",
            f"{med(cli):.2f}",
            f"{min(cli):.2f}",
            f"{max(cli):.2f}",
        ],
        [
            f"nbgrader autograde, one student, {len(by_grader)} assignment(s)",
            f"{med(autograde):.2f}",
            f"{min(autograde):.2f}",
            f"{max(autograde):.2f}",
        ],
    ]
    print(table(rows, ["what", "median s", "min s", "max s"]))
    print(f"goal: grading {args.students} students under 5 s: {'met' if med(in_process) < 5 else 'NOT met'}")
    print(f"{one}: nbgrader {by_nbgrader} = grader {by_grader}")
    payload = {
        "students": args.students,
        "hand_ins": handed,
        "answer_files": files,
        "rounds": args.rounds,
        "grade_class_s": {
            "median": round(med(in_process), 3),
            "min": round(min(in_process), 3),
            "max": round(max(in_process), 3),
        },
        "cli_s": {"median": round(med(cli), 3), "min": round(min(cli), 3), "max": round(max(cli), 3)},
        "nbgrader_autograde_one_student_s": {
            "median": round(med(autograde), 2),
            "min": round(min(autograde), 2),
            "max": round(max(autograde), 2),
            "assignments": len(by_grader),
        },
    }
    path = save("grade_class", payload)
    print(f"saved {path.relative_to(ROOT)}")
    return payload


if __name__ == "__main__":
    main()
