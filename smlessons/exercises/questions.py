"""Code-cell exercises: the student writes an answer, ``check`` explains it.

The pattern, in a notebook::

    from smlessons.exercises.questions import check

    answer = ...          # the student replaces ... with an expression
    check("karate-most-ties", answer)

``check`` prints whether the answer is right and *why*: when it is right,
the explanation and its source; when it is not, what is true of the answer
given, a word on a common mistake, and a hint (never only "wrong", and
never the answer itself). Leaving ``...`` in place prints "No answer yet".

The questions are data: ``smlessons/content/exercises/*.json`` files with a
``questions`` list (see :func:`load_questions` for the shape), editable
without touching code. A question states its answer, or says how to compute
it from one of the course's networks (``"compute"``), for answers that
follow from a graph. An instructor can also build a :class:`Question` in
Python and call its :meth:`~Question.check`.

An assessed question may be asked on each student's own network
(:func:`smlessons.datasets.networks.student_network`): it names the student's own
people by role, :meth:`Question.for_student` binds it to one student, and
its key is computed for that student at grading time, so no file holds it.
:func:`ask` shows a student their own prompt; a student's copy of a
questions file (``"mode": "assessment"``, see :func:`student_copy`) holds
prompts, kinds and roles only.

Answers are accepted in reasonable forms: a name in any case and spacing; a
list, tuple or set (or a comma-separated string) for a group of people; a
pair or ``"Ana-Ben"`` for a tie; a number or its text for a number; a
platform's name (any case, or an alias of lesson 3's table such as
``"Twitter"``) for a medium, and a pair, ``"TikTok, Instagram"`` or
``"TikTok/Instagram"`` for two. Brackets, quotes and a final full stop that
a student writes around names are taken off (``"(Hiro, Zoe)"``,
``"['Ana', 'Ben']"``, ``"Ben."``, ``'"Elif"'``). One reader of forms serves
both :func:`form_problem` (what a recorder checks before saving) and the
grading, so every answer whose form passes is graded.
Plain Python: nothing here needs a widget or a browser.

The reading of answers' forms lives in :mod:`smlessons.exercises.forms`, the
measures that compute a key in :mod:`smlessons.exercises.keys`, the roles of
a question on a student's own network in :mod:`smlessons.exercises.roles`.
Every sentence this prints around the data's own text comes from the
gettext catalogs (:mod:`smlessons.i18n`), in the questions file's ``lang``
or else the student's language.

Every answer given (not ``...``) is also saved, in the JSON form of
:func:`smlessons.exercises.recorder.jsonable`, under the question's id in the
lesson's answer file, as the sorting boards do (see :mod:`smlessons.exercises.answers`):
the file named by the questions file's ``notebook`` field
(``"04-people-and-ties"`` gives ``04-people-and-ties.answers.json``), else
the running notebook's. Where no notebook name can be found, nothing is
saved. An instructor's report and autograder read it back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..content.bibliography import resolve_sources
from ..content.loader import DataFileError, load, read_json, validate
from ..engine.measures import MessageKeyError, fold
from ..i18n import N_, resolve_language, translator
from .boards import SYMBOLS
from .forms import EXPECTS, EXPECTS_SENTENCE, KINDS, UnreadableAnswer, parse_answer, read_choice, show_answer
from .keys import (
    GRAPHS,
    MEASURES,
    OUTCOMES,
    STUDENT_GRAPHS,
    Key,
    NoStudentError,
    QuestionFileError,
    compute_key,
    load_network,
    not_found,
    read_person,
    read_platform,
)
from .messages import Message, Number, render, say
from .roles import bind_roles, check_roles, placeholders, resolve_roles, role_text

__all__ = [
    "LEVELS",
    "Question",
    "STUDENT_COPY_FIELDS",
    "UnknownQuestionError",
    "Verdict",
    "ask",
    "check",
    "check_all",
    "evaluate",
    "list_questions",
    "load_questions",
    "question",
    "question_kinds",
    "student_copy",
]

from ..content import EXERCISES_DIR  # noqa: E402

#: What a question asks of the student: to look something up (a warm-up), to
#: predict a result before computing it, or to explain why something is so.
LEVELS = ("lookup", "predict", "explain")

RIGHT, WRONG, UNANSWERED = "right", "wrong", "unanswered"
_SYMBOL = {RIGHT: SYMBOLS["right"], WRONG: SYMBOLS["wrong"], UNANSWERED: SYMBOLS["unplaced"]}

# The fields of a question and of a questions file: content/schemas/questions.schema.json.
#: The only fields of a question in a student's copy (a file with ``"mode": "assessment"``).
STUDENT_COPY_FIELDS = ("id", "prompt", "kind", "level", "options", "network", "roles")


class UnknownQuestionError(MessageKeyError):
    """No question has this id (a ``KeyError``). The message lists the known ids."""


@dataclass(frozen=True)
class Verdict:
    """The result of checking one answer.

    ``status`` is ``"right"``, ``"wrong"`` or ``"unanswered"``;
    ``str(verdict)`` is the feedback a student reads.
    """

    question_id: str
    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == RIGHT

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Question:
    """One code-cell question with its answer and feedback.

    Parameters
    ----------
    id : str
        Unique among the shipped questions, e.g. ``"karate-most-ties"``.
    prompt : str
        The question as the student reads it.
    kind : {"person", "people", "tie", "number", "text", "platform", "platforms", "choice"}
        What form of answer is expected (``"platform"``: one medium;
        ``"platforms"``: several, e.g. a pair; ``"choice"``: the letter of
        one of `options`).
    answer : optional
        The right answer. For ``"people"``, the whole group (a list); for the
        other kinds, one answer or a list of answers that are all accepted
        (for ``"tie"``, pairs). Give `answer` or `compute`, not both.
    compute : dict, optional
        How to compute the answer from a course network:
        ``{"graph": "karate_club" | "class_network" | "multiplex_class", "graph_args": {...},
        "measure": <a key of MEASURES>, ...the measure's arguments}``, and
        optionally ``"platform"`` to use only the ties on one medium. A new
        network or measure is added to ``GRAPHS`` or :data:`MEASURES`.
    explanation : str
        Why the right answer is right; shown with a right answer. May quote
        ``{answer}`` and the facts of the measure (e.g. ``{value}``,
        ``{path}``, ``{members}``).
    hint : str, optional
        Shown with a wrong answer (it should not give the answer away).
    feedback : dict, optional
        ``{a wrong answer: what to say about it}`` for common mistakes.
    source : str, optional
        The citation the explanation rests on.
    level : {"lookup", "predict", "explain"}
        What the question asks of the student (see :data:`LEVELS`).
    options : dict, optional
        For ``kind="choice"`` only, and required there: ``{letter: text}``
        in the order shown. `answer` is the right letter (or a list of
        letters that are all right), and `feedback` must say, for every
        wrong letter, what misconception it stands for.
    language : str, optional
        The language of the fixed words around the feedback and of what is
        said about a wrong answer (``"en"``, ``"it"``); ``None`` (the
        default): the student's, from the environment when the feedback is
        shown (see :func:`smlessons.i18n.resolve_language`).

    Examples
    --------
    >>> q = Question(id="demo", prompt="How many ties does a triangle have?",
    ...              kind="number", answer=3, explanation="Each pair of the three is tied.")
    >>> q.evaluate(3).correct, q.evaluate("3").correct, q.evaluate(2).correct
    (True, True, False)
    >>> mc = Question(id="demo-mc", prompt="Is a WhatsApp group a medium?", kind="choice",
    ...               level="explain", options={"a": "Yes: the app is the means",
    ...               "b": "No: it is people"}, answer="a",
    ...               explanation="The app carries the messages; the members are the network.",
    ...               feedback={"b": "The members are a network; the group is run on an app."})
    >>> mc.evaluate("A").correct, mc.evaluate("(b)").correct
    (True, False)
    """

    id: str
    prompt: str
    kind: str
    answer: Any = None
    compute: Mapping | None = None
    explanation: str = ""
    hint: str = ""
    feedback: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    level: str = "lookup"
    language: str | None = None
    options: Mapping[str, str] | None = None
    network: str | None = None
    roles: Mapping[str, Mapping] | None = None
    student: str | None = None
    names: Mapping[str, str] | None = None
    assessment: bool = False

    def __post_init__(self):
        where = f"question {self.id!r}"
        if not isinstance(self.id, str) or not self.id.strip():
            raise QuestionFileError(f"a question needs a non-empty string id, got {self.id!r}")
        if self.kind not in KINDS:
            raise QuestionFileError(f"{where}: kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        if self.language is not None:  # None: the student's language, read from the environment when shown
            try:
                object.__setattr__(self, "language", resolve_language(self.language))
            except (TypeError, ValueError) as exc:
                raise QuestionFileError(f"{where}: {exc}") from None
        if self.level not in LEVELS:
            raise QuestionFileError(f"{where}: level must be one of {', '.join(LEVELS)}, not {self.level!r}")
        if (self.kind == "choice") != (self.options is not None):
            raise QuestionFileError(f"{where}: field 'options' goes with kind 'choice', and only with it")
        if self.network is not None and self.network not in GRAPHS:
            raise QuestionFileError(f"{where}: network must be one of {', '.join(GRAPHS)}, not {self.network!r}")
        if self.roles is not None:
            check_roles(self.roles, where)
            if self.network not in STUDENT_GRAPHS:
                raise QuestionFileError(
                    f"{where}: a question with roles is asked on a student's own network: "
                    f"set 'network' to one of {', '.join(STUDENT_GRAPHS)}"
                )
        if self.student is None:  # a bound question's texts are already filled in
            texts = [self.prompt, self.hint, *(self.options or {}).values()] if isinstance(self.prompt, str) else []
            if self.roles is not None:
                for text in texts:
                    unknown = sorted(placeholders(text) - set(self.roles)) if isinstance(text, str) else []
                    if unknown:
                        raise QuestionFileError(f"{where}: the text names {{{unknown[0]}}}, which is not a role")
        if self.assessment:
            self._validate_copy(where)
            return
        if self.kind == "choice":
            self._validate_choice(where)
        for name in ("prompt", "explanation"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise QuestionFileError(f"{where}: field {name!r} must be a non-empty string")
        for name in ("hint", "source"):
            if not isinstance(getattr(self, name), str):
                raise QuestionFileError(f"{where}: field {name!r} must be a string")
        if not isinstance(self.feedback, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in self.feedback.items()
        ):
            raise QuestionFileError(f"{where}: field 'feedback' must map answers to messages (strings)")
        if (self.answer is None) == (self.compute is None):
            raise QuestionFileError(f"{where}: give either 'answer' or 'compute' (exactly one)")
        if self.compute is not None:
            self._validate_compute(where)
        elif self.kind == "people" and not isinstance(self.answer, (list, tuple, set, frozenset)):
            raise QuestionFileError(f"{where}: a 'people' answer must be a list of people")
        elif self.kind == "platforms" and not isinstance(self.answer, (list, tuple)):
            raise QuestionFileError(f"{where}: a 'platforms' answer must be a list of media (or a list of such lists)")

    def _validate_copy(self, where: str) -> None:
        """A student's copy: a prompt, a kind (and options, roles), nothing that tells the answer."""
        if not isinstance(self.prompt, str) or not self.prompt.strip():
            raise QuestionFileError(f"{where}: field 'prompt' must be a non-empty string")
        for name in ("answer", "compute"):
            if getattr(self, name) is not None:
                raise QuestionFileError(f"{where}: a student's copy must not carry {name!r}: it stays in the key")
        for name in ("explanation", "hint", "source"):
            if getattr(self, name):
                raise QuestionFileError(f"{where}: a student's copy must not carry {name!r}: it stays in the key")
        if self.feedback:
            raise QuestionFileError(f"{where}: a student's copy must not carry 'feedback': it stays in the key")
        if self.kind == "choice":
            self._validate_options(where)

    def _validate_options(self, where: str) -> None:
        options = self.options
        if not isinstance(options, Mapping) or len(options) < 2:
            raise QuestionFileError(f"{where}: field 'options' must map at least two letters to texts")
        for letter, text in options.items():
            if not (isinstance(letter, str) and len(letter) == 1 and letter.islower() and letter.isalpha()):
                raise QuestionFileError(f"{where}: option {letter!r}: options are named by one lower-case letter")
            if not isinstance(text, str) or not text.strip():
                raise QuestionFileError(f"{where}: option {letter!r} needs a non-empty text")

    def _validate_choice(self, where: str) -> None:
        options = self.options
        self._validate_options(where)
        if self.compute is not None:  # the answer is computed: each option stands for one outcome of the measure
            measure = self.compute.get("measure") if isinstance(self.compute, Mapping) else None
            if measure not in OUTCOMES:
                raise QuestionFileError(
                    f"{where}: a computed 'choice' question needs a measure with outcomes ({', '.join(OUTCOMES)})"
                )
            if self.answer is not None:
                raise QuestionFileError(f"{where}: give either 'answer' or 'compute' (exactly one)")
            if list(options) != list("abcdefghij"[: len(OUTCOMES[measure])]):
                raise QuestionFileError(
                    f"{where}: options must be {', '.join(repr(x) for x in 'abcdefghij'[: len(OUTCOMES[measure])])}, "
                    f"one for each outcome of {measure!r} in order: {'; '.join(OUTCOMES[measure])}"
                )
            stray = sorted(set(self.feedback) - set(options))
            if stray:
                raise QuestionFileError(f"{where}: 'feedback' names {stray[0]!r}, which is not an option")
            return
        right = self.answer if isinstance(self.answer, (list, tuple)) else [self.answer]
        if not right or any(r not in options for r in right):
            raise QuestionFileError(f"{where}: 'answer' must name options ({', '.join(options)}), got {self.answer!r}")
        for letter in options:
            if letter not in right and not (self.feedback.get(letter) or "").strip():
                raise QuestionFileError(f"{where}: option {letter!r} is wrong, so 'feedback' must say what it mistakes")
        stray = sorted(set(self.feedback) - set(options))
        if stray:
            raise QuestionFileError(f"{where}: 'feedback' names {stray[0]!r}, which is not an option")

    def _validate_compute(self, where: str) -> None:
        spec = self.compute
        if not isinstance(spec, Mapping):
            raise QuestionFileError(f"{where}: field 'compute' must be an object")
        graph, measure = spec.get("graph"), spec.get("measure")
        if graph not in GRAPHS:
            raise QuestionFileError(f"{where}: compute.graph must be one of {', '.join(GRAPHS)}, not {graph!r}")
        if measure not in MEASURES:
            raise QuestionFileError(f"{where}: compute.measure must be one of {', '.join(MEASURES)}, not {measure!r}")
        kind, _, allowed = MEASURES[measure]
        if self.network is not None and graph != self.network:
            raise QuestionFileError(
                f"{where}: compute.graph is {graph!r}, but the question's network is {self.network!r}"
            )
        if kind != self.kind:
            raise QuestionFileError(f"{where}: measure {measure!r} gives a {kind!r} answer, but kind is {self.kind!r}")
        unknown = sorted(set(spec) - {"graph", "graph_args", "measure", "platform"} - allowed)
        if unknown:
            raise QuestionFileError(f"{where}: compute has an unknown field {unknown[0]!r}")
        if not isinstance(spec.get("graph_args", {}), Mapping):
            raise QuestionFileError(f"{where}: compute.graph_args must be an object")

    @classmethod
    def from_dict(
        cls,
        data: Mapping,
        sources: Mapping[str, str] | None = None,
        language: str | None = None,
        *,
        assessment: bool = False,
    ) -> Question:
        """Build a question from one entry of a questions file.

        ``source`` may be a key of `sources` (the file's citations) or a
        citation itself. `language` is the questions file's ``"lang"``: the
        language of the few fixed words around the feedback ("Right", "Not
        quite", "Hint"...) and of what is said about a wrong answer, read from
        the gettext tables (:mod:`smlessons.i18n`); ``None`` (a file without
        ``"lang"``): the student's language, from the environment.

        Raises
        ------
        QuestionFileError
            On a missing or unknown field, or a bad value.
        """
        if not isinstance(data, Mapping):
            raise QuestionFileError(f"a question must be an object, not {type(data).__name__}")
        where = f"question {data.get('id', '?')!r}"
        validate(data, "questions", where, QuestionFileError, part="copy_question" if assessment else "question")
        if assessment:
            return cls(**data, language=language, assessment=True)
        fields = dict(data)
        source = fields.get("source", "")
        if sources is not None and source:
            if source not in sources:
                raise QuestionFileError(f"{where}: field 'source' is {source!r}, which is not a key of 'sources'")
            fields["source"] = sources[source]
        fields.setdefault("feedback", {})
        return cls(**fields, language=language)

    # -- the answer key ----------------------------------------------------

    def for_student(self, student: str) -> Question:
        """This question as one student is asked it, on their own network.

        A question asked on a student's own network (``"network":
        "student_network"`` or ``"student_multiplex"``) names people, ties
        or media by *role*: ``"roles": {"person": {"pick": "person"}}`` and
        a prompt such as ``"How many ties does {person} have?"``. Each role
        is drawn for the student, from :func:`smlessons.variants.rng` with
        the student's id, the question's id and the role's name, among what
        fits on that student's network:

        - ``{"pick": "person"}``: anybody not named yet by the question;
          ``"apart_from": "<role>"``: in another group than that person;
          ``"side": "main"``: on the larger side of the network's bridge;
          ``"one_best_medium": true``: tied to the most friends on one medium
          (a multiplex network).
        - ``{"pick": "tie"}``: a tie of the network (whose ends are not named
          yet, where the kind drawn has such a tie). ``"kinds"``: some of ``inside`` (its ends share a friend),
          ``local_bridge`` (they do not, but a detour remains), ``bridge``;
          a kind is drawn first, each as likely, then a tie of that kind.
          With ``"medium": "<role>"``, the kinds are ``only`` (the tie lives
          only on that medium), ``also`` (on it and another), ``not``.
          ``"several_media": true``: a tie on two media or more.
        - ``{"pick": "medium"}``: any medium; ``"cuts_off": true``: one whose
          closing cuts somebody off, but not the most people.

        The prompt, options and hint are filled in with the names (a tie reads
        ``"Ana\u2013Ben"``), and the compute spec's ``"{role}"`` arguments
        with the values. The key is then computed on the student's network
        when it is first needed: at grading time, never stored.

        Parameters
        ----------
        student : str
            The student's id (the name of their folder in nbgrader's
            ``submitted/``).

        Returns
        -------
        Question
            A new question, bound to `student`; ``names`` holds the roles as
            the prompt names them. A question asked on a network that is the
            same for everyone is returned unchanged.

        Raises
        ------
        TypeError
            If `student` is not a string.

        Examples
        --------
        >>> q = Question(id="demo-degree", prompt="How many ties does {person} have?", kind="number",
        ...              network="student_network", roles={"person": {"pick": "person"}},
        ...              compute={"graph": "student_network", "measure": "degree", "person": "{person}"},
        ...              explanation="{person} is tied to {neighbours}.")
        >>> mine = q.for_student("ana")
        >>> mine.prompt == q.for_student("ana").prompt, mine.prompt == q.prompt
        (True, False)
        """
        if not isinstance(student, str):
            raise TypeError(f"student must be a student's id (a string), not {type(student).__name__}")
        graph = self.network or (self.compute or {}).get("graph")
        if graph not in STUDENT_GRAPHS:
            return self
        import dataclasses

        values = {}
        if self.roles:
            G = load_network(graph, json.dumps({"student": student}))
            values = resolve_roles(G, self.roles, student, self.id)
        shown = {k: role_text(v) for k, v in values.items()}
        fill = (lambda text: text.format_map(shown)) if self.roles else (lambda text: text)
        return dataclasses.replace(
            self,
            prompt=fill(self.prompt),
            options={k: fill(v) for k, v in self.options.items()} if self.options else self.options,
            hint=fill(self.hint),
            compute=bind_roles(dict(self.compute), values) if self.compute is not None else None,
            student=student,
            names=shown,
        )

    def key(self) -> Key:
        """The accepted answers (computed from the network on first use, then kept).

        Raises
        ------
        QuestionFileError
            For a student's copy (it has no answers).
        NoStudentError
            For a question asked on each student's own network that is not
            bound to a student (see :meth:`for_student`).
        """
        if self.assessment:
            raise QuestionFileError(
                f"question {self.id!r} comes from a student's copy, which has no answers: grade with the key"
            )
        graph = self.network or (self.compute or {}).get("graph")
        if graph in STUDENT_GRAPHS and self.student is None:
            raise NoStudentError(
                f"question {self.id!r} is asked on each student's own network: "
                "bind it to a student first, question.for_student(student)"
            )
        cached = self.__dict__.get("_key")
        if cached is None:
            cached = compute_key(self)
            object.__setattr__(self, "_key", cached)  # a cache, not a field
        return cached

    def answers(self) -> list[str]:
        """The accepted answers, in display form (for instructors and tests)."""
        return [show_answer(a, self.kind) for a in self.key().accepted]

    # -- checking -------------------------------------------------------------

    def evaluate(self, answer) -> Verdict:
        """Check `answer` and return a :class:`Verdict` (nothing is printed)."""
        if answer is Ellipsis or answer is None:
            return Verdict(
                self.id,
                UNANSWERED,
                f"{_SYMBOL[UNANSWERED]} "
                + self._t(N_("No answer yet: replace ... with your answer, then run the cell again.")),
            )
        key = self.key()
        try:
            given = self._read(answer, key)
        except UnreadableAnswer as exc:
            return self._wrong(
                answer, say(EXPECTS_SENTENCE, what=say(EXPECTS[self.kind]), why=exc.message), key, show=False
            )
        except KeyError as exc:
            from ..engine.measures import PersonNotFoundError, PlatformNotFoundError

            if not isinstance(exc, (PersonNotFoundError, PlatformNotFoundError)):
                raise
            return self._wrong(answer, not_found(exc, key.graph), key, show=False)
        if given in key.accepted:
            return self._right(given, key)
        return self._wrong(given, key.describe(given), key)

    def check(self, answer) -> None:
        """Print the feedback on `answer` (see :meth:`evaluate`)."""
        print(self.evaluate(answer))

    def _read(self, answer, key: Key):
        """The answer in the key's terms: its form read by :func:`parse_answer`, its names looked up in the network."""
        G = key.graph
        if self.kind == "choice":
            return self._letter(answer)
        form = parse_answer(self.kind, answer)
        if self.kind == "person":
            return read_person(form, G)
        if self.kind == "people":
            return frozenset(read_person(p, G) for p in form)
        if self.kind == "tie":
            tie = frozenset(read_person(p, G) for p in form)
            if len(tie) != 2:
                raise UnreadableAnswer(say(N_("a tie joins two different people")))
            return tie
        if self.kind == "platform":
            return read_platform(form, G)
        if self.kind == "platforms":
            return frozenset(read_platform(m, G) for m in form)
        if self.kind == "number":
            return form
        return fold(form)

    def _letter(self, answer) -> str:
        letters = ", ".join(f'"{k}"' for k in self.options)
        try:
            letter = read_choice(answer)
        except UnreadableAnswer:
            raise UnreadableAnswer(
                say(N_("got {given}; answer with one letter in quotes: {letters}"), given=repr(answer), letters=letters)
            ) from None
        if letter not in self.options:
            raise UnreadableAnswer(
                say(N_("got {given}; answer with one of {letters}"), given=repr(answer), letters=letters)
            )
        return letter

    def _right(self, given, key: Key) -> Verdict:
        lines = [
            f"{_SYMBOL[RIGHT]} " + self._t(N_("Right: {answer}."), answer=self._display(given)),
            self._explain(key, given),
        ]
        if self.source:
            lines.append(self._t(N_("Source: {source}"), source=self.source))
        return Verdict(self.id, RIGHT, "\n".join(lines))

    def _wrong(self, given, why, key: Key, show: bool = True) -> Verdict:
        if show:
            head = f"{_SYMBOL[WRONG]} " + self._t(N_("Not quite: you answered {answer}."), answer=self._display(given))
        else:
            head = f"{_SYMBOL[WRONG]} " + self._t(N_("Not quite."))
        lines = [head]
        why = render(why, translator(self.language))
        if why:
            lines.append(why)
        specific = self._feedback_for(given)
        if specific:
            lines.append(specific)
        if self.hint:
            lines.append(self._t(N_("Hint: {hint}"), hint=self.hint))
        if len(lines) == 1:  # never a bare "wrong"
            lines.append(
                self._t(
                    N_("This question expects {what}. Read the question again and try once more."),
                    what=self._t(EXPECTS[self.kind]),
                )
            )
        return Verdict(self.id, WRONG, "\n".join(lines))

    def _t(self, message: str, /, **values) -> str:
        """A fixed frame string in the question's language (the data's own text is not translated)."""
        return translator(self.language).gettext(message, **values)

    def _display(self, given) -> str:
        if self.kind == "choice":
            return f"({given}) {self.options[given].rstrip('.')}"
        return show_answer(given, self.kind, translator(self.language).language)

    def prompt_markdown(self) -> str:
        """The question as Markdown: the prompt, then each option with its letter."""
        lines = [f"**{self.prompt}**"]
        if self.options:
            lines.append("")
            lines += [f"- **({k})** {v}" for k, v in self.options.items()]
            lines += [
                "",
                self._t(N_('Answer with the letter, e.g. `answer = "{letter}"`.'), letter=next(iter(self.options))),
            ]
        return "\n".join(lines)

    def _feedback_for(self, given) -> str:
        for wrong, message in self.feedback.items():
            try:
                if self._read(wrong, self.key()) == given:
                    return message
            except (UnreadableAnswer, KeyError):
                if fold(wrong) == fold(show_answer(given, self.kind)):
                    return message
        return ""

    def _explain(self, key: Key, given=None) -> str:
        shown = key.accepted[:1] if self.kind == "people" else key.accepted  # a group: the first form accepted
        t = translator(self.language)
        facts = {k: render(v, t) if isinstance(v, (Message, Number)) else v for k, v in key.facts.items()}
        lang = t.language
        facts = {**(self.names or {}), "answer": ", ".join(show_answer(a, self.kind, lang) for a in shown), **facts}
        if given is not None:
            facts["given"] = show_answer(given, self.kind, lang)
        try:
            return self.explanation.format_map(facts)
        except (KeyError, IndexError, ValueError) as exc:
            raise QuestionFileError(f"question {self.id!r}: the explanation quotes an unknown fact {exc}") from None


# Question files


def _resolve(name) -> Path:
    path = Path(name)
    if path.suffix == ".json" or path.parent != Path("."):
        return path
    return EXERCISES_DIR / f"{name}.json"


def load_questions(name) -> dict[str, Question]:
    """Load a questions file: ``{question id: Question}`` in file order.

    The file's shape::

        {
          "id": "lesson04-people-and-ties",
          "notebook": "04-people-and-ties",
          "title": "...",
          "sources": ["zachary-1977"],
          "questions": [
            {"id": "karate-most-ties", "prompt": "...", "kind": "person",
             "compute": {"graph": "karate_club", "measure": "most_central", "by": "degree"},
             "explanation": "Member {answer} has {value} ties ...",
             "hint": "...", "feedback": {"0": "..."}, "source": "zachary-1977"}
          ]
        }

    ``notebook`` (optional) names the lesson whose answer file records the
    answers given to these questions. ``sources`` lists keys of the course's
    bibliography (see :func:`smlessons.content.bibliography.resolve_sources`;
    a course's own file may write its citations out as ``{key: citation}``);
    each question's ``source`` is one of them.

    A question asked on each student's own network (the assessments of
    lessons 4 to 6) has ``"network": "student_network"`` (or
    ``"student_multiplex"``), ``roles`` naming the people, ties or media its
    prompt names, and a ``compute`` whose arguments may be ``"{role}"``;
    see :meth:`Question.for_student`. Its key is computed for each student
    at grading time.

    ``"mode": "assessment"`` marks a **student's copy** of an assessed
    questions file (see :func:`student_copy`): each question has only
    ``id``, ``prompt``, ``kind``, ``level``, and, where it needs them,
    ``options``, ``network`` and ``roles``. No ``answer``, ``compute``,
    ``explanation``, ``hint``, ``feedback`` or ``source``: the loader
    refuses a copy that carries one. The roles say how the people a prompt
    names are drawn for a student (a person at random, in another group
    than another, ...), never what the answer is, so the copy can show
    each student their own prompt. The compute spec would not give an
    answer away either (anyone can compute a degree), but it stays in the
    key so that a copy never holds anything of the key, literal answers
    included. A copy's questions can be shown (:func:`ask`) but not checked. ``lang`` (optional;
    ``"it"`` for Italian) is the language of the questions' text: the fixed
    words :func:`check` prints around it ("Right", "Not quite", "Hint", "No
    answer yet"...) and what it says about a wrong answer come in that
    language from the gettext tables. Without ``lang``, they come in the
    student's language (the environment's, see
    :func:`smlessons.i18n.resolve_language`; English by default).

    Parameters
    ----------
    name : str or path
        The stem of a shipped file (``"lesson04_people_and_ties"``) or a path.

    Returns
    -------
    dict

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    QuestionFileError
        If the file is not valid JSON or a question is malformed (the message
        names the file and the question).

    Examples
    --------
    >>> qs = load_questions("lesson05_bridges_and_brokers")
    >>> qs["karate-most-ties"].kind
    'person'
    """
    path = _resolve(name)
    if not path.is_file():
        raise FileNotFoundError(f"no questions file {str(path)!r}")
    data = load(path, "questions", QuestionFileError)  # the file's schema and cross-field checks
    language = data.get("lang")  # None: the student's language, from the environment
    try:
        sources = resolve_sources(data.get("sources", {}), language if language in ("en", "it") else "en")
    except ValueError as exc:
        raise QuestionFileError(f"{path.name}: {exc}") from None
    out: dict[str, Question] = {}
    for i, raw in enumerate(data["questions"]):
        try:
            q = Question.from_dict(raw, sources, language, assessment=data.get("mode") == "assessment")
        except (QuestionFileError, TypeError) as exc:
            where = f"questions[{i}]"
            raise QuestionFileError(
                f"{path.name}: {where}: {exc}", file=path.name, where=where, problem=str(exc)
            ) from None
        out[q.id] = q
    return out


def student_copy(data: Mapping) -> dict:
    """A student's copy of a questions file (a key): prompts, kinds, options and roles only.

    Parameters
    ----------
    data : dict
        The key's JSON (as :func:`load_questions` reads it).

    Returns
    -------
    dict
        ``{"id", "mode": "assessment", "notebook", "title", "sources": {},
        "questions": [...]}`` with each question cut down to
        :data:`STUDENT_COPY_FIELDS`; ready for ``json.dump``.

    Examples
    --------
    >>> key = {"id": "quiz", "questions": [{"id": "q1", "prompt": "How many?", "kind": "number",
    ...        "answer": 3, "explanation": "Three."}]}
    >>> student_copy(key)["questions"]
    [{'id': 'q1', 'prompt': 'How many?', 'kind': 'number'}]
    """
    out = {"id": data["id"], "mode": "assessment"}
    for field_name in ("notebook", "title", "lang"):
        if field_name in data:
            out[field_name] = data[field_name]
    out["sources"] = {}
    out["questions"] = [{k: q[k] for k in STUDENT_COPY_FIELDS if k in q} for q in data["questions"]]
    return out


def question_kinds(name) -> dict[str, str]:
    """``{question id: kind}`` of a questions file (a key or a student's copy), for a :class:`~smlessons.exercises.recorder.Recorder`.

    Examples
    --------
    >>> question_kinds("lesson05_bridges_and_brokers")["karate-most-ties"]
    'person'
    """
    return {qid: q.kind for qid, q in load_questions(name).items()}


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Question]:
    found: dict[str, Question] = {}
    for path in sorted(EXERCISES_DIR.glob("*.json")):
        try:
            data = read_json(path)
        except DataFileError:
            continue  # not a questions file we can read; load_questions(path) says why
        if not isinstance(data, dict) or "questions" not in data:
            continue  # a sorting exercise, not code-cell questions
        for qid, q in load_questions(path).items():
            if qid in found:
                raise QuestionFileError(f"{path.name}: question id {qid!r} is used by another file too")
            found[qid] = q
    return found


def list_questions() -> list[str]:
    """The ids of all shipped questions, file by file.

    Examples
    --------
    >>> "karate-most-ties" in list_questions()
    True
    """
    return list(_shipped())


def question(question_id: str) -> Question:
    """The shipped question with this id.

    Raises
    ------
    UnknownQuestionError
        If no shipped question has this id (the message lists them).
    """
    questions = _shipped()
    if question_id in questions:
        return questions[question_id]
    import difflib

    close = difflib.get_close_matches(str(question_id), list(questions), n=1)
    raise UnknownQuestionError(
        f"there is no question {question_id!r}.{f' Did you mean {close[0]!r}?' if close else ''} "
        f"Known questions: {', '.join(questions) or 'none'}"
    )


@lru_cache(maxsize=1)
def _notebooks() -> dict[str, str]:
    """``{question id: the notebook its file names}`` for the shipped questions."""
    found: dict[str, str] = {}
    for path in sorted(EXERCISES_DIR.glob("*.json")):
        try:
            data = read_json(path)
        except DataFileError:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
            continue
        notebook = data.get("notebook")
        if isinstance(notebook, str) and notebook:
            for raw in data["questions"]:
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    found[raw["id"]] = notebook
    return found


def _record(question_id: str, answer, answers) -> str:
    """Save a given answer; return what the student should be told if it could not be."""
    from .answers import check_exercise_id
    from .recorder import save_answer

    if answers is False:
        return ""
    try:
        check_exercise_id(question_id)
    except ValueError:
        return ""  # a question built in Python with a free-form id: nothing to save under
    if answers is None:
        answers = _notebooks().get(question_id)  # None: the running notebook, if any
    try:
        save_answer(question_id, answer, answers)
    except OSError as exc:
        return translator().gettext(
            N_("(Your answer could not be saved ({error}). Ask your instructor where answers are kept.)"), error=exc
        )
    return ""


def _answer_and_record(question_id: str, answer, answers) -> tuple[Verdict, str]:
    from .recorder import materialise

    q = question(question_id)
    answer = materialise(answer)  # a generator is read once: keep it for the check and the file
    verdict = q.evaluate(answer)
    problem = ""
    if verdict.status != UNANSWERED:
        problem = _record(q.id, answer, answers)
    return verdict, problem


def evaluate(question_id: str, answer, *, answers=None) -> Verdict:
    """Check `answer` to a shipped question, record it, and return the :class:`Verdict`.

    For autograders and tests; students use :func:`check`. The answer is
    saved as :func:`check` saves it.

    Parameters
    ----------
    question_id : str
    answer : object
    answers : AnswerStore, str, None or False, optional
        Where to record the answer (see :func:`check`).

    Raises
    ------
    UnknownQuestionError

    Examples
    --------
    >>> evaluate("karate-most-ties", 33, answers=False).correct
    True
    """
    verdict, problem = _answer_and_record(question_id, answer, answers)
    if problem:
        import warnings

        warnings.warn(problem, RuntimeWarning, stacklevel=2)
    return verdict


class _Prompt:
    """A question shown in a notebook: Markdown in JupyterLab, plain text elsewhere.

    ``names`` holds the people, ties and media the prompt names, by role
    (for a question asked on the student's own network), e.g.
    ``{"person": "Lena"}``.
    """

    def __init__(self, q: Question):
        self._q = q
        self.names = dict(q.names or {})

    def _repr_markdown_(self) -> str:
        return self._q.prompt_markdown()

    def __repr__(self) -> str:
        return self._q.prompt_markdown().replace("**", "").replace("`", "")


def ask(question_id: str, questions=None, *, student: str | None = None) -> _Prompt:
    """Show a question (and its options, for a multiple-choice one).

    The question's text lives in its data file, so the notebook shows the
    same words that :func:`check` judges (or the grader grades).

    Parameters
    ----------
    question_id : str
    questions : str or path, optional
        A questions file (e.g. an assignment's student copy,
        ``"lesson04_assessment_questions.json"``); by default the shipped
        questions.
    student : str, optional
        Whose variant to show, for a question asked on each student's own
        network; by default the student running the notebook
        (:func:`smlessons.variants.student_id`).

    Returns
    -------
    object
        Shown as Markdown; its ``names`` maps the question's roles to the
        people, ties and media the prompt names.

    Raises
    ------
    UnknownQuestionError
        If no question has this id.

    Examples
    --------
    >>> ask("karate-most-ties")  # doctest: +ELLIPSIS
    In Zachary's karate club, ...
    """
    if questions is None:
        q = question(question_id)
    else:
        found = load_questions(questions)
        if question_id not in found:
            raise UnknownQuestionError(
                f"there is no question {question_id!r} in {questions}; it has {', '.join(found) or 'none'}"
            )
        q = found[question_id]
    if (q.network or (q.compute or {}).get("graph")) in STUDENT_GRAPHS:
        if student is None:
            from ..variants import student_id

            student = student_id()
        q = q.for_student(student)
    return _Prompt(q)


def check(question_id: str, answer, *, answers=None) -> None:
    """Print whether `answer` is right, and why, and record it.

    Parameters
    ----------
    question_id : str
        A shipped question (see :func:`list_questions`).
    answer : object
        The student's answer; ``...`` (or None) means "not answered yet".
    answers : AnswerStore, str, None or False, optional
        Where to record the answer: an :class:`~smlessons.exercises.answers.AnswerStore`
        or a notebook's name. By default, the answer file of the notebook
        the question's file names (else of the running notebook; else
        nothing is saved). ``False`` saves nothing. An unanswered ``...`` is
        never saved, so it never replaces an answer recorded before.

    Raises
    ------
    UnknownQuestionError
        If no question has this id.

    Examples
    --------
    >>> check("karate-most-ties", ...)
    • No answer yet: replace ... with your answer, then run the cell again.
    """
    verdict, problem = _answer_and_record(question_id, answer, answers)
    print(verdict)
    if problem:
        print(problem)


def check_all(responses: Mapping[str, Any], *, answers=None) -> int:
    """Check several answers at once, print the feedback and a score.

    For a review: ``{question id: answer}``, each checked (and recorded) as
    :func:`check` does, then ``Score: k of n``, in the questions' language
    (the ``"lang"`` of their files; the student's when they have none or differ).

    Parameters
    ----------
    responses : mapping
        ``{question id: the student's answer}``; ``...`` counts as not answered.
    answers : AnswerStore, str, None or False, optional
        Where to record the answers (see :func:`check`).

    Returns
    -------
    int
        How many answers are right.

    Raises
    ------
    TypeError
        If `responses` is not a mapping.
    UnknownQuestionError
        If a question id is unknown (checked before anything is printed).

    Examples
    --------
    >>> check_all({"karate-most-ties": ...}, answers=False)
    1. • No answer yet: replace ... with your answer, then run the cell again.
    <BLANKLINE>
    Score: 0 of 1.
    0
    """
    if not isinstance(responses, Mapping):
        raise TypeError(f"responses must map question ids to answers (a dict), not {type(responses).__name__}")
    # the score line speaks the questions' language (their files' "lang") when they share one;
    # else, and for questions of no stated language, the student's
    languages = {question(qid).language for qid in responses}
    language = languages.pop() if len(languages) == 1 else None
    right = 0
    for k, (qid, answer) in enumerate(responses.items(), start=1):
        verdict, problem = _answer_and_record(qid, answer, answers)
        right += verdict.correct
        print(f"{k}. {verdict}")
        if problem:
            print(problem)
        print()
    print(translator(language).gettext(N_("Score: {right} of {total}."), right=right, total=len(responses)))
    return right
