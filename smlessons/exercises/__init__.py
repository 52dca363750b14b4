"""Exercises: the boards, the questions, the answer store and the recorder.

- :mod:`~smlessons.exercises.loader`: reads a board's exercise file;
- :mod:`~smlessons.exercises.boards`: grades a sorting board;
- :mod:`~smlessons.exercises.questions`: the lessons' questions, ``ask`` and ``check``;
- :mod:`~smlessons.exercises.forms`: reading an answer's form (what a student may write);
- :mod:`~smlessons.exercises.keys`: the measures that compute a question's key on a network;
- :mod:`~smlessons.exercises.roles`: the people a question asked on a student's own network names;
- :mod:`~smlessons.exercises.messages`: sentences for a student, translated when shown;
- :mod:`~smlessons.exercises.answers`: the answer store (one JSON file per notebook);
- :mod:`~smlessons.exercises.recorder`: records an assessment's answers;
- :mod:`~smlessons.exercises.campaign`: lesson 8's campaign plan and its feedback.
"""

from __future__ import annotations

from ..lazy import attach

#: Where each public name lives (imported on first use, so that importing
#: the package stays light).
_EXPORTS = {
    "AnswerFileWarning": "answers",
    "AnswerStore": "answers",
    "Campaign": "campaign",
    "CampaignResult": "campaign",
    "Clause": "loader",
    "EXAMPLES": "recorder",
    "EXERCISES_DIR": "loader",
    "Exercise": "loader",
    "ExerciseFileError": "loader",
    "FORMAT": "answers",
    "Feedback": "boards",
    "GRAPHS": "keys",
    "Item": "boards",
    "ItemResult": "boards",
    "KINDS": "forms",
    "Key": "keys",
    "LEVELS": "questions",
    "MEASURES": "keys",
    "Message": "messages",
    "NoStudentError": "keys",
    "Number": "messages",
    "OUTCOMES": "keys",
    "PLAN_EXERCISE": "campaign",
    "PlanError": "campaign",
    "PlanFeedback": "campaign",
    "PlanProblem": "campaign",
    "Question": "questions",
    "QuestionFileError": "keys",
    "ROLE_OPTIONS": "roles",
    "Recorder": "recorder",
    "SHOWN_CHARACTERS": "answers",
    "STUDENT_COPY_FIELDS": "questions",
    "STUDENT_GRAPHS": "keys",
    "StoreProblem": "answers",
    "TIE_KINDS": "roles",
    "TIE_MEDIUM_KINDS": "roles",
    "Table": "campaign",
    "UnknownQuestionError": "questions",
    "UnreadableAnswer": "forms",
    "VERDICT_WORDS": "campaign",
    "Verdict": "questions",
    "answer_names": "forms",
    "answers_dir": "answers",
    "ask": "questions",
    "check": "questions",
    "check_all": "questions",
    "check_exercise_id": "answers",
    "check_placements": "boards",
    "check_plan": "campaign",
    "compute_key": "keys",
    "evaluate": "questions",
    "form_message": "forms",
    "form_problem": "forms",
    "grade": "boards",
    "grading_run": "answers",
    "jsonable": "recorder",
    "judge_reason": "campaign",
    "list_exercises": "loader",
    "list_questions": "questions",
    "load_exercise": "loader",
    "load_questions": "questions",
    "make_bins": "boards",
    "make_items": "boards",
    "number": "messages",
    "open_store": "recorder",
    "parse_answer": "forms",
    "plan_campaign": "campaign",
    "question": "questions",
    "question_kinds": "questions",
    "reasons": "campaign",
    "resolve_roles": "roles",
    "revive": "answers",
    "save_answer": "recorder",
    "say": "messages",
    "say_n": "messages",
    "shorten": "answers",
    "store_for": "answers",
    "student_copy": "questions",
    "texts": "campaign",
    "verdict_word": "campaign",
}

__getattr__, __dir__, __all__ = attach(__name__, _EXPORTS)
