"""The answer store: atomic, locked, never loses an answer, never overwrites a bad file."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlessons.exercises.answers import FORMAT, AnswerFileWarning, AnswerStore, store_for


@pytest.fixture
def store(tmp_path):
    return AnswerStore("01-media-and-networks", folder=tmp_path)


def test_save_and_load_round_trip_in_a_readable_file(store):
    store.save("lesson01-board", {"Instagram": "Social medium"})
    store.save("lesson01-other", ["a", "b"])
    assert store.load("lesson01-board") == {"Instagram": "Social medium"}
    assert store.all() == {"lesson01-board": {"Instagram": "Social medium"}, "lesson01-other": ["a", "b"]}
    doc = json.loads(store.path.read_text())
    assert doc["format"] == FORMAT and doc["notebook"] == "01-media-and-networks"
    assert doc["exercises"]["lesson01-board"]["saved"].endswith("+00:00")
    assert store.path.read_text().count("\n") > 5, "human-readable: indented"


def test_load_of_a_missing_answer_gives_the_default(store):
    assert store.load("nothing") is None
    assert store.load("nothing", {}) == {}
    assert not store.path.exists()


def test_a_new_store_sees_what_an_old_one_saved(tmp_path):
    AnswerStore("nb", folder=tmp_path).save("ex", {"a": "b"})
    assert AnswerStore("nb", folder=tmp_path).load("ex") == {"a": "b"}


def test_forget_removes_one_answer(store):
    store.save("a", 1)
    store.save("b", 2)
    store.forget("a")
    assert store.all() == {"b": 2}


@pytest.mark.parametrize("bad", ["", "../etc", "a/b", "x" * 200, " space"])
def test_bad_ids_are_refused(store, bad):
    with pytest.raises(ValueError, match="exercise id must be"):
        store.save(bad, 1)
    with pytest.raises(ValueError, match="notebook must be"):
        AnswerStore(bad)


def test_unserialisable_answer_is_a_clear_error_and_changes_nothing(store):
    store.save("ok", 1)
    with pytest.raises(TypeError, match="answer to 'bad' cannot be saved as JSON"):
        store.save("bad", object())
    assert store.all() == {"ok": 1}


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[1, 2]",
        '{"format": "something-else"}',
        '{"format": "smlessons-answers", "version": 1, "exercises": []}',
        "\xff\xfe",
    ],
)
def test_a_corrupt_file_is_kept_aside_and_reported_never_overwritten(store, content):
    store.folder.mkdir(exist_ok=True)
    store.path.write_bytes(content.encode("latin-1"))
    with pytest.warns(AnswerFileWarning, match="kept as 01-media-and-networks.answers.corrupt-"):
        store.save("ex", 1)
    aside = list(store.folder.glob("01-media-and-networks.answers.corrupt-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == content.encode("latin-1")
    assert store.load("ex") == 1
    assert store.problems and store.problems[0].code == "kept_aside" and "kept as" in str(store.problems[0])


def test_two_corrupt_files_in_the_same_second_are_both_kept(store):
    for content in ("{bad one", "{bad two"):
        store.folder.mkdir(exist_ok=True)
        store.path.write_text(content)
        with pytest.warns(AnswerFileWarning):
            store.load("x")
    kept = sorted(p.read_text() for p in store.folder.glob("*.corrupt-*.json"))
    assert kept == ["{bad one", "{bad two"]


def test_environment_variable_moves_the_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/student/notebooks/01-media-and-networks.ipynb")
    store = store_for()
    assert store.notebook == "01-media-and-networks"
    store.save("ex", 1)
    assert (tmp_path / "elsewhere" / "01-media-and-networks.answers.json").is_file()


def test_store_for_without_a_notebook_name_says_so(monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    with pytest.raises(ValueError, match="cannot tell which notebook"):
        store_for()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(answers=st.dictionaries(st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,20}", fullmatch=True), json_values, max_size=5))
def test_saving_then_loading_loses_nothing(tmp_path_factory, answers):
    store = AnswerStore("nb", folder=tmp_path_factory.mktemp("answers"))
    for key, value in answers.items():
        store.save(key, value)
    assert store.all() == answers


WRITER = textwrap.dedent(
    """
    import sys
    from smlessons.exercises.answers import AnswerStore
    store = AnswerStore("nb", folder=sys.argv[1])
    prefix, count = sys.argv[2], int(sys.argv[3])
    for i in range(count):
        store.save(f"{prefix}-{i}", {"i": i, "pad": "x" * 200})
        print(i, flush=True)
    """
)


def test_two_writers_at_once_lose_nothing(tmp_path):
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name, "150"], stdout=subprocess.DEVNULL)
        for name in ("alice", "bob")
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0
    saved = AnswerStore("nb", folder=tmp_path).all()
    assert set(saved) == {f"{n}-{i}" for n in ("alice", "bob") for i in range(150)}


def test_sigkill_mid_save_loop_leaves_a_valid_file_with_every_confirmed_answer(tmp_path):
    path = tmp_path / "nb.answers.json"
    for round_, stop_after in enumerate((5, 40, 120)):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), f"r{round_}", "100000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        confirmed = -1
        deadline = time.monotonic() + 60
        while confirmed < stop_after and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            confirmed = int(line)
            # A reader that takes no lock must always see a whole, valid file.
            doc = json.loads(path.read_text())
            assert doc["format"] == FORMAT
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        assert confirmed >= stop_after, "the writer did not get going"
        saved = AnswerStore("nb", folder=tmp_path).all()
        missing = [i for i in range(confirmed + 1) if f"r{round_}-{i}" not in saved]
        assert missing == []
    assert not list(tmp_path.glob("*.corrupt-*")), "a killed writer must never leave a corrupt file"


def test_answer_files_are_readable_by_collecting_tools(store):
    store.save("ex", 1)
    assert store.path.stat().st_mode & 0o777 == 0o644


# -- while nbgrader runs the notebook, nothing is written -------------------------------


def test_nothing_is_written_while_nbgrader_runs_the_notebook(tmp_path, monkeypatch):
    from smlessons.exercises.answers import grading_run

    store = AnswerStore("quiz", folder=tmp_path / "hand-in")
    store.save("kept", 1)
    before = {p.name: p.read_bytes() for p in store.folder.iterdir()}
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert grading_run() and store.read_only
    store.save("kept", 2)
    store.save("new", 3)
    store.forget("kept")
    assert store.all() == {"kept": 1}  # reading still works: a board shows what was handed in
    assert {p.name: p.read_bytes() for p in store.folder.iterdir()} == before
    elsewhere = AnswerStore("quiz", folder=tmp_path / "never-made")
    elsewhere.save("x", 1)
    assert not (tmp_path / "never-made").exists()
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    store.save("kept", 4)
    assert store.load("kept") == 1
    monkeypatch.delenv("NBGRADER_EXECUTION")
    assert not grading_run()
    store.save("kept", 5)
    assert store.load("kept") == 5


def test_a_damaged_file_is_left_as_it_is_while_nbgrader_runs_the_notebook(store, monkeypatch):
    store.folder.mkdir(exist_ok=True)
    store.path.write_text("{damaged")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.warns(AnswerFileWarning, match="left as it is"):
        assert store.all() == {}
    store.save("x", 1)
    assert store.path.read_text() == "{damaged"
    assert [p.name for p in store.folder.iterdir()] == [store.path.name]


def test_a_save_records_whose_variant_the_answers_were_given_on(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_STUDENT", "maria")
    store = AnswerStore("nb", folder=tmp_path)
    store.save("ex1", 1)
    assert json.loads(store.path.read_text())["student"] == "maria"
    monkeypatch.setenv("SMLESSONS_STUDENT", "ben")
    store.save("ex2", 2)
    assert json.loads(store.path.read_text())["student"] == "ben"  # the last save's


@pytest.mark.parametrize("recorded", ["absent", None, 7, ["x"]])
def test_a_file_with_no_or_an_odd_student_is_still_read(tmp_path, recorded):
    from smlessons.exercises.answers import validate_document

    doc = {"format": "smlessons-answers", "version": 1, "notebook": "nb", "exercises": {"ex1": {"answer": 1}}}
    if recorded != "absent":
        doc["student"] = recorded
    assert validate_document(doc) is doc
    (tmp_path / "nb.answers.json").write_text(json.dumps(doc))
    assert AnswerStore("nb", folder=tmp_path).load("ex1") == 1
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_store_problem_is_structured_and_rendered_in_each_language(store, monkeypatch):
    """The store reports what happened (a code and its parameters); each caller words it."""
    from smlessons.exercises.answers import StoreProblem
    from smlessons.i18n import translator

    store.folder.mkdir(exist_ok=True)
    store.path.write_text("{damaged")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.warns(AnswerFileWarning):
        store.all()
    (problem,) = store.problems
    assert problem.code == "left_as_is" and problem.params["file"] == store.path.name
    assert problem.params["details"].startswith("not valid JSON")
    assert str(problem).startswith(f"{store.path.name} could not be read as an answer file (not valid JSON")
    assert str(problem).endswith("; it was left as it is (the notebook is being graded).")
    italian = problem.render(translator("it"))
    assert italian.startswith(f"{store.path.name} non si può leggere come file delle risposte (not valid JSON")
    assert italian.endswith("è stato lasciato così com'è (il notebook è in fase di valutazione).")
    with pytest.raises(ValueError, match="unknown answer file problem 'lost'"):
        StoreProblem("lost", {})
