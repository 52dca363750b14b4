"""nbgrader settings of an smlessons course. Run nbgrader from this folder.

The course folder::

    nbgrader_config.py      this file
    roster.csv              the students (nbgrader db student import roster.csv)
    keys/                   answer keys: the instructor's, never released
    source/<assignment>/    the assignments as the instructor writes them
    exchange/               where release_assignment puts assignments and
                            students submit (one machine)
    release/ submitted/ autograded/ feedback/ gradebook.db
                            made by nbgrader (not kept in git)

Marks come from smlessons' grader, outside the students' kernels: each
assignment's grade cells call ``graded_outside("<exercise id>")``, which
fails (0 points) wherever it runs; during ``nbgrader autograde`` the
preprocessor registered here grades the answer file handed in
(``submitted/<student>/<assignment>/<notebook>.answers.json``) against
``keys/`` and writes the points into those cells. ``smlessons grade .``
gives the same marks. See smlessons.instructor.nbgrader_plugin for what is set here:
nothing in this file needs editing when assignments are added.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# nbgrader only logs an error in this file and goes on without it: then marks
# would be 0 and nothing would guard the release. Stop instead, and say why.
try:
    from smlessons.instructor.nbgrader_plugin import configure, refuse_stray_answer_files_now
except ImportError as exc:
    sys.stderr.write(
        f"nbgrader_config.py: smlessons' grader cannot be loaded ({exc}). Run nbgrader in the environment "
        "where smlessons is installed with its instructor extra: pip install 'smlessons[instructor]'\n"
    )
    raise SystemExit(2) from None

c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.CourseDirectory.course_id = "smlessons"

# A solution region becomes the line students know from the lessons.
c.ClearSolutions.code_stub = {"python": "answer = ...  # replace ... with your answer"}

# The grader's preprocessors around Execute; every source/<assignment>/
# notebook's answer file protected from overwriting; the exchange in
# exchange/; generate_assignment (command line and formgrader) refuses an
# assignment with an answer file in its source folder.
try:
    configure(c, HERE)
except Exception as exc:
    sys.stderr.write(f"nbgrader_config.py: the course cannot be configured: {exc}\n")
    raise SystemExit(2) from None

# From the command line, stop at once (exit status 2) rather than per assignment.
refuse_stray_answer_files_now(HERE)
