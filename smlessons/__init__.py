"""smlessons: the helper package of the course "Social media vs social networks".

Widgets for the exercises, grading in plain Python, and the exercise data.
Importing the package is kept light: no plotly, pandas or networkx here.
"""

from .exercises.boards import Feedback, grade
from .exercises.loader import load_exercise
from .widgets.sorting_board import SortingBoard

__all__ = ["SortingBoard", "Feedback", "grade", "load_exercise", "__version__"]
__version__ = "0.1.0"
