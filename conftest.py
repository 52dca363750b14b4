"""Test-session set-up shared by the unit tests and the notebooks under nbval.

Kernels started by nbval inherit this environment:
- their answer files go to a fresh temporary folder, so answers a developer
  saved while working through a lesson never change the stored outputs;
- the locale is neutral (C.UTF-8), so a board that follows the environment's
  language speaks English here whatever the machine's locale (the Italian
  lessons ask for Italian explicitly).
"""

import os
import tempfile

_answers = tempfile.TemporaryDirectory(prefix="smlessons-answers-")
os.environ["SMLESSONS_ANSWERS_DIR"] = _answers.name
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"
