"""Read a JSON data file of the course and check it: one loader for every kind.

Each kind of data file has a JSON Schema (draft 2020-12) in ``schemas/``
(``board.schema.json``, ``questions.schema.json``, ...; the ``sources`` of
every file are described once, in ``sources.schema.json``). The schema says
which fields a file has and what each holds; what a schema cannot say (a
card's bin exists, ids are unique, a clause decides each card ...) is said
by the cross-field checks of :mod:`smlessons.content.checks`, run after it.

:func:`load` reads a file and checks it; :func:`validate` checks JSON
already parsed. Both raise :class:`DataFileError` (a ``ValueError``), or the
subclass a caller passes as `error`, with one message naming the file, the
JSON path of the bad item and what was expected::

    lesson04.json: questions[3].kind ('karate-most-ties'): must be one of person, people, ..., not 'colour'

An editor that understands JSON Schema can check a file while it is being
written: point it at the schema of the file's kind.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from . import CONTENT_DIR

__all__ = ["KINDS", "SCHEMA_DIR", "DataFileError", "load", "read_json", "validate", "schema"]

#: The schema files.
SCHEMA_DIR = CONTENT_DIR / "schemas"

#: The kinds of data file, each with its schema file ``<kind>.schema.json``.
KINDS = ("board", "questions", "platforms", "campaign", "copenhagen", "answers")


class DataFileError(ValueError):
    """A data file is not valid JSON or not of its kind's shape.

    The message names the file, the JSON path of the bad item and what was
    expected; the parts are also kept apart: :attr:`file`, :attr:`where`
    (``"questions[3].kind"``, ``""`` for the top level) and :attr:`problem`.
    A subclass built with a message alone (``QuestionFileError("...")``)
    keeps the message as its problem.
    """

    def __init__(self, message: str = "", *, file: str = "", where: str = "", problem: str = ""):
        super().__init__(message)
        self.file, self.where, self.problem = file, where, problem or message


def _error(error, file: str, where: str, problem: str) -> DataFileError:
    message = ": ".join(part for part in (file, where, problem) if part)
    return error(message, file=file, where=where, problem=problem)


@cache
def _schema_file(name: str) -> dict:
    return read_json(SCHEMA_DIR / name)


def schema(kind: str) -> dict:
    """The JSON Schema of one kind of data file (a parsed ``schemas/<kind>.schema.json``).

    Examples
    --------
    >>> schema("board")["required"]
    ['id', 'bins', 'sources', 'items']
    """
    if kind not in KINDS:
        raise ValueError(f"no kind of data file {kind!r}; kinds are {', '.join(KINDS)}")
    return _schema_file(f"{kind}.schema.json")


@cache
def _validator(kind: str, part: str | None):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    def retrieve(uri: str):  # "sources.schema.json" and the like, beside the schema that names it
        return Resource.from_contents(_schema_file(Path(uri).name))

    root = schema(kind)
    target = root if part is None else {"$ref": f"{kind}.schema.json#/$defs/{part}"}
    return Draft202012Validator(target, registry=Registry(retrieve=retrieve))


def read_json(path, error=DataFileError):
    """The parsed JSON of a file; `error` naming the file if it is not UTF-8 JSON.

    A missing file raises :class:`FileNotFoundError` (each caller says what
    it looked for); another :class:`OSError` is an `error` naming the file.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise _error(error, path.name, "", f"cannot be read ({exc.strerror or exc})") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _error(error, path.name, "", f"not valid JSON (not UTF-8 text: {exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise _error(error, path.name, "", f"not valid JSON ({exc})") from None
    except RecursionError:
        raise _error(error, path.name, "", "not valid JSON (nested too deep)") from None


def load(path, kind: str, error=DataFileError):
    """Read a JSON data file of one kind and check it; return the parsed JSON.

    Parameters
    ----------
    path : str or path
    kind : str
        One of :data:`KINDS`.
    error : type, optional
        The :class:`DataFileError` subclass to raise (a caller's own, such as
        ``ExerciseFileError``).

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    DataFileError
        (or `error`) If the file is not JSON or not of its kind's shape; the
        message names the file, the JSON path of the bad item and what was
        expected.

    Examples
    --------
    >>> from smlessons.content import DATA_DIR
    >>> load(DATA_DIR / "platforms.json", "platforms")["id"]
    'platforms'
    """
    path = Path(path)
    return validate(read_json(path, error), kind, path.name, error)


def validate(data, kind: str, name: str = "<data>", error=DataFileError, *, part: str | None = None):
    """Check parsed JSON against its kind's schema, then its cross-field checks; return it.

    `name` (a file's name) starts the message. `part` checks one piece of a
    file against a definition of its schema (``part="question"``: one
    question of a questions file); the cross-field checks then do not run,
    and `name` stands for that piece.
    """
    errors = list(_validator(kind, part).iter_errors(data))
    if errors:
        raise _error(error, name, *_describe(_first(errors), data))
    if part is None:
        from .checks import CHECKS

        for check in CHECKS.get(kind, ()):
            for where, problem in check(data):
                raise _error(error, name, _where(where, data), problem)
    return data


# ---------------------------------------------------------------------------
# jsonschema's errors in plain words


def _first(errors):
    """The error to report: the first in file order, the deepest within an anyOf/oneOf."""
    from jsonschema.exceptions import best_match, relevance

    def order(e):  # a missing field, then an unknown one, is noticed at the end of its object
        path = tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in e.absolute_path)
        late = {"required": 2, "additionalProperties": 3}.get(e.validator)
        return path + ((late, ""),) if late else path

    first = min(errors, key=order)
    if first.validator in ("anyOf", "oneOf") and isinstance(first.schema, dict) and "description" in first.schema:
        return first  # its own words ("a bin label, or a list of bin labels") say more than one branch's
    return best_match([e for e in errors if order(e) == order(first)], key=relevance)


_TYPES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def _show(value) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        text = "an object" if len(text) > 60 else text
    elif isinstance(value, list):
        text = "a list" if len(text) > 60 else text
    return text if len(text) <= 80 else text[:77] + "..."


def _json_type(value) -> str:
    for name, types in (("boolean", bool), ("integer", int), ("number", float), ("string", str), ("array", list)):
        if isinstance(value, types):
            return name
    return "null" if value is None else "object"


def _words(values) -> str:
    return ", ".join(str(v) for v in values)


def _where(path, data) -> str:
    """``questions[3].kind ('karate-most-ties')``: a JSON path, and the name of the listed thing it is in."""
    out, named, node = "", "", data
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(part)) else f"[{json.dumps(part)}]"
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(part, int) and isinstance(node, dict):
            name = next((node[k] for k in ("label", "id", "name") if isinstance(node.get(k), str) and node[k]), None)
            named = f" ({name!r})" if name is not None else ""
    return (out.lstrip(".") + named) if out else ""


def _describe(e, data) -> tuple[str, str]:
    """``(where, problem)`` for one jsonschema error."""
    where = _where(list(e.absolute_path), data)
    value, v, arg = e.instance, e.validator, e.validator_value
    described = e.schema.get("description") if isinstance(e.schema, dict) else None
    if v == "required":
        missing = next(k for k in arg if k not in value)
        return where, f"missing field {missing!r}"
    if v in ("additionalProperties", "unevaluatedProperties"):
        allowed = set(e.schema.get("properties", {}))
        unknown = sorted(k for k in value if k not in allowed)
        return where, f"unknown field {unknown[0]!r}" if unknown else e.message
    if "propertyNames" in e.relative_schema_path:  # a bad name, not a bad value
        return where, f"the name {value!r} is not allowed here: names must be {described or 'as the schema says'}"
    if v == "type" and not where:
        types = [arg] if isinstance(arg, str) else arg
        return (
            where,
            f"the top level must be {' or '.join(_TYPES.get(t, t) for t in types)}, not {_TYPES[_json_type(value)]}",
        )
    if v == "not" or v is False or e.schema is False:
        field = e.absolute_path[-1] if e.absolute_path and isinstance(e.absolute_path[-1], str) else None
        if described and field:
            described = described.replace("this field", repr(field))
        return where, described or "must not be given here"
    if v == "uniqueItems":
        return where, "lists a value twice"
    if described:
        return where, f"must be {described}, not {_show(value)}"
    if v == "type":
        types = [arg] if isinstance(arg, str) else arg
        return where, f"must be {' or '.join(_TYPES.get(t, t) for t in types)}, not {_show(value)}"
    if v == "enum":
        return where, f"must be one of {_words(arg)}, not {_show(value)}"
    if v == "const":
        return where, f"must be {_show(arg)}, not {_show(value)}"
    if v == "minLength":
        return where, "must be a non-empty string"
    if v in ("minItems", "minProperties"):
        what = ("item" if v == "minItems" else "entry") if arg == 1 else ("items" if v == "minItems" else "entries")
        return where, f"must have at least {arg} {what}, not {len(value)}"
    if v == "minimum":
        return where, f"must be at least {arg}, not {_show(value)}"
    if v == "maximum":
        return where, f"must be at most {arg}, not {_show(value)}"
    if v == "pattern":
        return where, f"must match {arg}, not {_show(value)}"
    return where, e.message
