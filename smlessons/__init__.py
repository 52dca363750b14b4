"""smlessons: the helper package of the course "Social media vs social networks".

Widgets for the exercises, grading in plain Python, and the exercise data.
Importing the package is kept light: no plotly, pandas or networkx here.
"""

from .datafiles import load_exercise
from .grading import Feedback, grade
from .sorting_board import SortingBoard

__all__ = ["SortingBoard", "Feedback", "grade", "load_exercise", "__version__"]
__version__ = "0.1.0"
