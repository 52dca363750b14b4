"""Test-session set-up shared by the unit tests and the notebooks under nbval.

Kernels started by nbval inherit this environment: their answer files go to
a fresh temporary folder, so answers a developer saved while working through
a lesson never change the stored outputs nbval compares.
"""

import os
import tempfile

_answers = tempfile.TemporaryDirectory(prefix="smlessons-answers-")
os.environ["SMLESSONS_ANSWERS_DIR"] = _answers.name
