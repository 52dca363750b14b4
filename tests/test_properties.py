"""Property-based tests (hypothesis): bad input gives a clear error, never a crash.

- grading (``make_bins``, ``make_items``, ``check_placements``, ``grade``):
  any input gives a result or a ``TypeError``/``ValueError`` whose message
  names the problem, never another exception; results are consistent;
- the answer store: loading then saving loses nothing, for arbitrary JSON
  answers and exercise ids; a damaged file is set aside, never a crash;
- the exercise-file loader (``parse_exercise``): arbitrary JSON gives an
  :class:`Exercise` or an :class:`ExerciseFileError` naming the file.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from smlessons.exercises.answers import AnswerFileWarning, AnswerStore
from smlessons.exercises.boards import (
    ITEM_FIELDS,
    Feedback,
    Item,
    check_placements,
    grade,
    make_bins,
    make_items,
)
from smlessons.exercises.loader import Exercise, ExerciseFileError, parse_exercise

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")

# ------------------------------------------------------------------ strategies

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=16,
)
# What Python code (not only JSON) might pass: bytes, sets, tuples, objects.
python_junk = (
    st.binary(max_size=6) | st.sets(st.integers(), max_size=3) | st.tuples(scalars, scalars) | st.builds(object)
)
anything = json_values | python_junk

BIN_NAMES = ["Medium", "Network", "Both", "<b>x</b>", "\u200b", " ", ""]
bin_lists = st.lists(st.sampled_from(BIN_NAMES) | st.text(max_size=6), max_size=5)
label_text = st.sampled_from(["TikTok", "My class", "Facebook", "\u200b", "  ", "", "__proto__"]) | st.text(max_size=8)


def plausible_item(bins):
    """Dicts shaped like items, with every field sometimes wrong."""
    value = st.sampled_from(bins) | st.lists(st.sampled_from(bins), max_size=3) | anything if bins else anything
    return st.fixed_dictionaries(
        {"label": label_text | anything},
        optional={
            "answer": value,
            "explanation": st.text(max_size=10) | anything,
            "source": st.text(max_size=5) | anything,
            "oops": anything,
        },
    )


@st.composite
def boards(draw):
    """(bins, items) where both are often valid and sometimes not."""
    bins = draw(bin_lists | anything)
    names = [b for b in bins if isinstance(b, str)] if isinstance(bins, list) else []
    items = draw(st.lists(label_text | plausible_item(names) | anything, max_size=6) | anything)
    return bins, items


@st.composite
def valid_boards(draw):
    bins = draw(
        st.lists(st.text(min_size=1, max_size=6).filter(lambda s: s.strip()), min_size=2, max_size=4, unique=True)
    )
    assume(len(make_safe(bins)) == len(bins))
    labels = draw(
        st.lists(st.text(min_size=1, max_size=8).filter(lambda s: s.strip()), min_size=1, max_size=8, unique=True)
    )
    defs = []
    for label in labels:
        answer = draw(st.none() | st.sampled_from(bins) | st.lists(st.sampled_from(bins), min_size=1, max_size=3))
        defs.append({"label": label, "answer": answer, "explanation": draw(st.text(max_size=10))})
    try:
        items = make_items(defs, make_bins(bins))
    except ValueError:  # a label of only invisible characters
        assume(False)
    return tuple(bins), items


def make_safe(bins):
    try:
        return make_bins(bins)
    except ValueError:
        return ()


def names_the_problem(exc: Exception, *words: str) -> None:
    message = str(exc)
    assert message.strip(), f"{type(exc).__name__} without a message"
    assert any(w in message for w in words), f"{message!r} names none of {words}"


# --------------------------------------------------------------------- grading


@SETTINGS
@given(bins=bin_lists | anything)
@example(bins=["a"])
@example(bins="ab")
@example(bins=["a", "a"])
@example(bins=["a", "\u200b\u200d"])
def test_make_bins_gives_bins_or_a_clear_error(bins):
    try:
        out = make_bins(bins)
    except (TypeError, ValueError) as exc:
        names_the_problem(exc, "bin")
        return
    assert isinstance(out, tuple) and len(out) >= 2 and len(set(out)) == len(out)
    assert all(isinstance(b, str) and b.strip() for b in out)


@SETTINGS
@given(board=boards())
@example(board=(["A", "B"], [{"label": "x", 1: 2}]))
@example(board=(["A", "B"], [{"label": "x", "answer": [["A"]]}]))
@example(board=(["A", "B"], [{"label": "x", "answer": {"A": 1}}]))
@example(board=(["A", "B"], [{"label": "\u200b"}]))
@example(board=(["A", "B"], {"label": "x"}))
def test_make_items_gives_items_or_a_clear_error(board):
    bins, items = board
    try:
        bins_ = make_bins(bins)
    except (TypeError, ValueError):
        return
    try:
        out = make_items(items, bins_)
    except (TypeError, ValueError) as exc:
        names_the_problem(exc, "item", "label", "answer")
        return
    assert isinstance(out, tuple) and out
    assert len({i.label for i in out}) == len(out)
    for item in out:
        assert isinstance(item, Item) and isinstance(item.label, str) and item.label.strip()
        assert all(a in bins_ for a in item.answers) and len(set(item.answers)) == len(item.answers)
        assert isinstance(item.explanation, str) and isinstance(item.source, str)


@SETTINGS
@given(
    board=valid_boards(),
    placements=st.dictionaries(label_text, st.none() | st.text(max_size=6) | anything, max_size=5) | anything,
    data=st.data(),
)
def test_check_placements_gives_a_clean_dict_or_a_clear_error(board, placements, data):
    bins, items = board
    if isinstance(placements, dict) and data.draw(st.booleans()):
        # mostly-valid placements: real labels into real bins, plus the odd bad entry
        placements = {
            **placements,
            **data.draw(
                st.dictionaries(
                    st.sampled_from([i.label for i in items]),
                    st.sampled_from(list(bins)) | st.none() | st.just(""),
                    max_size=len(items),
                )
            ),
        }
    try:
        out = check_placements(placements, items, bins)
    except (TypeError, ValueError) as exc:
        names_the_problem(exc, "placements")
        return
    labels = {i.label for i in items}
    assert set(out) <= labels and all(b in bins for b in out.values())


@SETTINGS
@given(board=valid_boards(), data=st.data(), language=st.sampled_from(["en", "it", None]))
def test_grade_is_consistent(board, data, language):
    bins, items = board
    placements = data.draw(
        st.dictionaries(
            st.sampled_from([i.label for i in items]),
            st.sampled_from(list(bins)) | st.none() | st.just(""),
            max_size=len(items),
        )
    )
    result = grade(items, placements, language=language)
    assert isinstance(result, Feedback) and len(result.results) == len(items)
    placed = {k: v for k, v in placements.items() if v}
    keyed = [i for i in items if i.answers]
    assert result.total == len(keyed)
    assert result.right + result.wrong + result.unplaced == result.total
    assert result.right == sum(1 for i in keyed if placed.get(i.label) in i.answers)
    assert result.unplaced == sum(1 for i in keyed if i.label not in placed)
    for r, item in zip(result.results, items):
        assert r.label == item.label and r.placed_in == placed.get(item.label)
        assert r.symbol and r.verdict  # never colour alone: a symbol and a word
    assert isinstance(result.score, str) and result.score
    assert str(result) == result.score
    # the repr starts with the score, except with nothing placed: then one sentence says so
    assert repr(result).startswith(result.score) if placed else "\n" not in repr(result)
    # the same grading in the other language: same numbers in the score
    other = grade(items, placements, language="it" if language == "en" else "en")
    assert sorted(re.findall(r"\d+", other.score)) == sorted(re.findall(r"\d+", result.score))


@SETTINGS
@given(items=anything | st.lists(anything, max_size=3), placements=anything)
@example(items=[1, 2], placements={})
@example(items=[], placements=[])
@example(items="ab", placements={})
def test_grade_refuses_junk_with_a_type_error(items, placements):
    try:
        result = grade(items, placements)
    except (TypeError, ValueError) as exc:
        names_the_problem(exc, "item", "placements")
        return
    assert isinstance(result, Feedback)


@SETTINGS
@given(board=valid_boards(), placements=st.dictionaries(st.text(max_size=6), anything, max_size=4))
def test_grade_with_odd_bins_in_placements(board, placements):
    """Placements grade() did not validate: unknown cards are ignored, a non-string bin is a TypeError."""
    bins, items = board
    if items and placements:
        placements = {items[0].label: next(iter(placements.values())), **placements}
    try:
        result = grade(items, placements)
    except TypeError as exc:
        names_the_problem(exc, "placements")
        return
    assert len(result.results) == len(items)


# --------------------------------------------------------------- answer store

exercise_ids = st.from_regex(ID, fullmatch=True)
answers_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=80, deadline=None)
@given(before=st.dictionaries(exercise_ids, answers_json, max_size=6), mine=exercise_ids, answer=answers_json)
def test_load_then_save_loses_nothing(tmp_path_factory, before, mine, answer):
    folder = tmp_path_factory.mktemp("answers")
    first = AnswerStore("nb", folder=folder)
    for key, value in before.items():
        first.save(key, value)
    # a later session (a new kernel): load one answer, save it back, save a change
    later = AnswerStore("nb", folder=folder)
    loaded = later.load(mine, None)
    assert loaded == before.get(mine)
    if mine in before:
        later.save(mine, loaded)
    assert AnswerStore("nb", folder=folder).all() == before
    later.save(mine, answer)
    assert AnswerStore("nb", folder=folder).all() == {**before, mine: answer}
    # and the file is plain JSON a person can read
    doc = json.loads(first.path.read_text(encoding="utf-8"))
    assert set(doc["exercises"]) == set(before) | {mine}
    assert later.problems == [] and first.problems == []


@settings(max_examples=150, deadline=None)
@given(exercise=st.text(max_size=140) | anything)
def test_any_exercise_id_is_accepted_or_refused_by_name(tmp_path_factory, exercise):
    store = AnswerStore("nb", folder=tmp_path_factory.mktemp("ids"))
    valid = isinstance(exercise, str) and bool(ID.match(exercise))
    try:
        store.save(exercise, {"a": "b"})
    except ValueError as exc:
        assert not valid
        names_the_problem(exc, "exercise id")
        return
    assert valid and store.load(exercise) == {"a": "b"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
@example(content=b'{"format": "smlessons-answers", "version": 1, "exercises": {"x": {}}}')
@example(content=b'{"format": "smlessons-answers", "version": 99, "exercises": {}}')
@example(content=b'{"format": "smlessons-answers", "version": true, "exercises": []}')
def test_a_damaged_answer_file_is_set_aside_never_a_crash(tmp_path_factory, content):
    import warnings

    folder = tmp_path_factory.mktemp("damaged")
    store = AnswerStore("nb", folder=folder)
    store.path.write_bytes(content)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = store.load("x", "default")
    if store.problems:
        assert value == "default"
        assert store.problems[0].code == "kept_aside" and "kept as" in str(store.problems[0])
        kept = list(folder.glob("nb.answers.corrupt-*.json"))
        assert len(kept) == 1 and kept[0].read_bytes() == content  # nothing lost
    else:
        doc = json.loads(content)
        assert doc["format"] == "smlessons-answers"


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_deeply_nested_answer_file_is_set_aside(tmp_path):
    store = AnswerStore("nb", folder=tmp_path)
    store.path.write_text("[" * 100_000, encoding="utf-8")
    with pytest.warns(AnswerFileWarning):
        assert store.load("x", "default") == "default"
    assert store.problems and list(tmp_path.glob("nb.answers.corrupt-*.json"))


def test_an_answer_with_text_that_is_not_valid_unicode_is_saved_and_read_back(tmp_path):
    store = AnswerStore("nb", folder=tmp_path)
    store.save("keep", {"a": "b"})
    store.save("x", {"card": "\ud800"})
    assert store.all() == {"keep": {"a": "b"}, "x": {"card": "\ud800"}}


# --------------------------------------------------------------- exercise files

GOOD = {
    "id": "demo",
    "title": "Demo",
    "prompt": "Sort them.",
    "bins": ["Medium", "Network"],
    "sources": {"article": "An article."},
    "items": [
        {"label": "TikTok", "answer": "Medium", "explanation": "An app.", "source": "article"},
        {"label": "My class", "answer": ["Network", "Medium"], "explanation": "People.", "source": "article"},
    ],
}


@st.composite
def exercise_documents(draw):
    """The good document with a few fields replaced, dropped or added at random."""
    doc = json.loads(json.dumps(GOOD))
    for _ in range(draw(st.integers(0, 4))):
        where = draw(st.sampled_from(["top", "item", "drop-top", "drop-item", "add"]))
        if where == "top":
            doc[draw(st.sampled_from(sorted(GOOD) + ["mode", "notebook"]))] = draw(anything_json)
        elif where == "item" and isinstance(doc.get("items"), list) and doc["items"]:
            item = doc["items"][draw(st.integers(0, len(doc["items"]) - 1))]
            if isinstance(item, dict):
                item[draw(st.sampled_from(list(ITEM_FIELDS) + ["extra"]))] = draw(anything_json)
        elif where == "drop-top" and doc:
            doc.pop(draw(st.sampled_from(sorted(doc))), None)
        elif where == "drop-item" and isinstance(doc.get("items"), list) and doc["items"]:
            item = doc["items"][0]
            if isinstance(item, dict) and item:
                item.pop(draw(st.sampled_from(sorted(item))), None)
        elif where == "add" and isinstance(doc.get("items"), list):
            doc["items"].append(draw(anything_json))
    return doc


anything_json = json_values | st.sampled_from(["Medium", "Network", "article", "assessment", "practice", ""])


@settings(max_examples=400, deadline=None)
@given(data=exercise_documents() | json_values)
@example(data={**GOOD, "items": [{**GOOD["items"][0], "source": ["article"]}]})
@example(data={**GOOD, "sources": {"article": ["x"]}})
@example(data={**GOOD, "bins": "MediumNetwork"})
@example(data={**GOOD, "mode": ["assessment"]})
def test_parse_exercise_gives_an_exercise_or_names_the_problem(tmp_path_factory, data):
    from pathlib import Path

    path = Path("instructor-file.json")
    try:
        ex = parse_exercise(data, path)
    except ExerciseFileError as exc:
        assert str(exc).startswith("instructor-file.json: "), str(exc)
        assert len(str(exc)) > len("instructor-file.json: ")
        return
    assert isinstance(ex, Exercise) and len(ex.bins) >= 2 and ex.items
    for item in ex.items:
        if ex.mode == "practice":
            assert item.answers and item.explanation.strip() and item.source in ex.sources
    # what loads must also build a board
    from smlessons import SortingBoard

    SortingBoard(
        items=[{"label": i.label} | ({"answer": list(i.answers)} if i.answers else {}) for i in ex.items],
        bins=list(ex.bins),
    )
