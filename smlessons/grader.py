"""``graded_outside`` under its old name, for grade cells stored by courses made before the move.

See :mod:`smlessons.nbgrader_plugin`: nbgrader restores each grade cell from
its gradebook during autograde, so an assignment generated before the
package was split into layers still runs ``from smlessons.grader import
graded_outside``. New assignments import :mod:`smlessons.instructor.grader`.
"""

from .instructor.grader import graded_outside

__all__ = ["graded_outside"]
