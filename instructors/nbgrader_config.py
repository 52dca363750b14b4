"""nbgrader settings of the smlessons course. Run nbgrader from this folder.

The course folder::

    nbgrader_config.py      this file
    keys/                   answer keys: instructor's material, never released
    source/<assignment>/    the assignments as the instructor writes them
    release/ submitted/ autograded/ feedback/ gradebook.db
                            made by nbgrader (not kept in git)

The widgets save each student's answers in ``<notebook>.answers.json``
beside the notebook; the autograded cells read that file and the key files
in ``keys/`` (found by :func:`smlessons.autograde.find_key`).
"""

import sys
from pathlib import Path

c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.CourseDirectory.course_id = "smlessons"

# A solution region becomes the line students know from the lessons.
c.ClearSolutions.code_stub = {"python": "answer = ...  # replace ... with your answer"}

# Autograde copies the source's files over the student's. A student's answer
# file must never be replaced, even if one slipped into source/ by mistake.
c.Autograde.exclude_overwriting = {
    "lesson1": ["media-or-network.answers.json"],
    "lesson3": ["people-and-ties.answers.json"],
}

# An answer file in source/ (left there by trying an assignment out in
# Jupyter) would be released to every student: refuse to generate one.
if "generate_assignment" in sys.argv or "assign" in sys.argv:
    _here = Path(__file__).resolve().parent
    _stray = sorted(_here.glob("source/*/*.answers.json"))
    if _stray:
        sys.stderr.write(
            "nbgrader_config.py: refusing to generate: these answer files would be released to students:\n"
            + "".join(f"  {p.relative_to(_here)}\n" for p in _stray)
            + "Delete them (they hold only answers given while trying the assignment out), then run again.\n"
        )
        raise SystemExit(2)
