"""The nbgrader plugin's old name, kept for courses made before the move to :mod:`smlessons.instructor`.

A course keeps its own copy of ``nbgrader_config.py`` (made by
``smlessons course init``), and the grade cells nbgrader stored in its
gradebook keep the import they had when the assignment was generated. Courses
made before the package was split into layers import
``smlessons.nbgrader_plugin`` and ``smlessons.grader``; these two modules keep
them grading. New courses import :mod:`smlessons.instructor.nbgrader_plugin`.
"""

from .instructor.nbgrader_plugin import configure, refuse_stray_answer_files_now

__all__ = ["configure", "refuse_stray_answer_files_now"]
