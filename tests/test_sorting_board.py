"""The board's Python side, driven the way the browser drives it: by setting
the synced traits and sending the messages its buttons send."""

import json

import pytest

from smlessons import SortingBoard

BINS = ["Social medium", "Social network"]
ITEMS = [
    {"label": "Instagram", "answer": "Social medium", "explanation": "An app for sharing photos."},
    {"label": "My classmates", "answer": "Social network", "explanation": "People and their ties."},
    {"label": "YouTube", "answer": "Social medium", "explanation": "A video platform."},
    {"label": "Facebook", "answer": BINS, "explanation": "A platform often called a social network."},
]


@pytest.fixture
def board():
    return SortingBoard(items=ITEMS, bins=BINS, title="Medium or network?")


def browser_sets(board, **traits):
    """Apply a state update the way ipywidgets applies one from the front-end."""
    board.set_state(traits)


def browser_clicks(board, action):
    board._handle_custom_msg({"action": action}, [])


def test_synced_state_holds_labels_but_no_answer_key(board):
    state = board.get_state()
    assert state["bins"] == BINS
    assert state["cards"] == ["Instagram", "My classmates", "YouTube", "Facebook"]
    assert state["placements"] == {} and state["feedback"] == {} and state["score"] == ""
    sent = json.dumps({k: v for k, v in state.items() if k not in ("_esm", "_css")})
    assert "explanation" not in sent and "An app for sharing photos" not in sent


def test_repr_is_stable_and_has_no_address(board):
    assert repr(board) == "SortingBoard(items=4, bins=['Social medium', 'Social network'])"
    assert " at 0x" not in board._repr_mimebundle_()[0]["text/plain"]


def test_constructor_is_keyword_only():
    with pytest.raises(TypeError):
        SortingBoard(ITEMS, BINS)


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"items": ["A", "A"], "bins": BINS}, "duplicate item label 'A'"),
        ({"items": ["A"], "bins": ["Only"]}, "at least two bins"),
        ({"items": [{"label": "A", "answer": "Nowhere"}], "bins": BINS}, "'Nowhere' is not one of the bins"),
        ({"items": [""], "bins": BINS}, "empty label"),
        ({"items": ["A"], "bins": ["X", ""]}, "empty label"),
    ],
)
def test_bad_arguments_raise_value_error_naming_the_problem(kwargs, words):
    with pytest.raises(ValueError, match=words):
        SortingBoard(**kwargs)


def test_placements_from_the_browser_are_seen_in_python(board):
    browser_sets(board, placements={"Instagram": "Social medium"})
    assert board.placements == {"Instagram": "Social medium"}


def test_setting_placements_from_python_is_sent_to_the_browser(board):
    sent = []
    board.send_state = lambda key=None: sent.append(key)
    board.placements = {"YouTube": "Social network"}
    assert any("placements" in (k if isinstance(k, (list, tuple, set)) else [k]) for k in sent)
    assert board.get_state("placements") == {"placements": {"YouTube": "Social network"}}


def test_bad_placements_are_refused_and_the_old_value_kept(board):
    board.placements = {"Instagram": "Social medium"}
    with pytest.raises(ValueError, match="unknown bin 'Nope'"):
        board.placements = {"Instagram": "Nope"}
    with pytest.raises(ValueError, match="unknown card 'TikTok'"):
        board.placements = {"TikTok": "Social medium"}
    assert board.placements == {"Instagram": "Social medium"}


def test_check_button_grades_and_sends_feedback_and_score(board):
    browser_sets(
        board, placements={"Instagram": "Social medium", "My classmates": "Social medium", "Facebook": "Social network"}
    )
    browser_clicks(board, "check")
    assert board.score == "2 of 4 right (1 wrong, 1 not placed yet)"
    assert set(board.feedback) == {"Instagram", "My classmates", "Facebook"}
    assert board.feedback["Instagram"] == {
        "status": "right",
        "symbol": "\u2713",
        "verdict": "Right",
        "explanation": "An app for sharing photos.",
    }
    wrong = board.feedback["My classmates"]
    assert wrong["status"] == "wrong" and wrong["symbol"] == "\u2717" and wrong["explanation"]
    contested = board.feedback["Facebook"]
    assert contested["status"] == "right" and "both bins" in contested["verdict"]
    assert "Social medium" in contested["explanation"]


def test_check_returns_feedback_with_the_same_score(board):
    board.placements = {"Instagram": "Social medium"}
    assert str(board.check()) == board.score == "1 of 4 right (3 not placed yet)"


def test_try_again_sends_back_wrong_cards_only(board):
    board.placements = {"Instagram": "Social network", "My classmates": "Social network", "YouTube": "Social medium"}
    board.check()
    browser_clicks(board, "try_again")
    assert board.placements == {"My classmates": "Social network", "YouTube": "Social medium"}
    assert set(board.feedback) == {"My classmates", "YouTube"}
    assert board.score == ""


def test_reset_starts_over(board):
    board.placements = {"Instagram": "Social network"}
    board.check()
    browser_clicks(board, "reset")
    assert board.placements == {} and board.feedback == {} and board.score == ""


def test_moving_a_card_after_a_check_drops_its_stale_verdict(board):
    board.placements = {"Instagram": "Social medium", "YouTube": "Social medium"}
    board.check()
    browser_sets(board, placements={"Instagram": "Social network", "YouTube": "Social medium"})
    assert set(board.feedback) == {"YouTube"}
    assert board.score == ""


def test_unknown_messages_are_ignored(board):
    board.placements = {"Instagram": "Social medium"}
    browser_clicks(board, "format_disk")
    board._handle_custom_msg("not a dict", [])
    assert board.placements == {"Instagram": "Social medium"} and board.score == ""


def test_from_exercise_loads_the_lesson_data():
    board = SortingBoard.from_exercise("lesson01_media_or_network")
    assert len(board.cards) >= 16 and len(board.bins) == 2
    assert board.title
    assert all(item.explanation and item.source for item in board.items)
    assert any(item.contested for item in board.items)


def test_from_exercise_names_the_missing_exercise():
    with pytest.raises(FileNotFoundError, match="no exercise file.*shipped exercises: .*lesson01"):
        SortingBoard.from_exercise("lesson99_nothing")


def test_a_move_after_checking_an_empty_board_clears_the_score(board):
    board.check()
    assert board.score == "0 of 4 right (4 not placed yet)" and board.feedback == {}
    browser_sets(board, placements={"Instagram": "Social medium"})
    assert board.score == ""


# ---------------------------------------------------------------- saved answers

from smlessons.exercises.answers import AnswerFileWarning, AnswerStore


@pytest.fixture
def store(tmp_path):
    return AnswerStore("01-media-and-networks", folder=tmp_path)


def test_every_move_is_saved_and_restored_by_a_new_board(store):
    first = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    browser_sets(first, placements={"Instagram": "Social medium"})
    browser_sets(first, placements={"Instagram": "Social medium", "YouTube": "Social network"})
    assert store.load("demo-board") == {"Instagram": "Social medium", "YouTube": "Social network"}
    # a kernel restart: a new board, built the same way, shows where the cards were left
    again = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    assert again.placements == {"Instagram": "Social medium", "YouTube": "Social network"}
    assert again.answer_file == store.path and again.notice == ""


def test_reset_is_saved_too(store):
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    board.placements = {"Instagram": "Social medium"}
    browser_clicks(board, "reset")
    assert store.load("demo-board") == {}


def test_two_boards_of_one_notebook_share_the_file_without_clobbering(store):
    a = SortingBoard(items=ITEMS, bins=BINS, exercise_id="board-a", answers=store)
    b = SortingBoard(items=ITEMS, bins=BINS, exercise_id="board-b", answers=store)
    a.placements = {"Instagram": "Social medium"}
    b.placements = {"YouTube": "Social network"}
    assert store.all() == {"board-a": {"Instagram": "Social medium"}, "board-b": {"YouTube": "Social network"}}


def test_restore_keeps_only_cards_and_bins_that_still_exist(store):
    store.save("demo-board", {"Instagram": "Social medium", "Gone card": "Social medium", "YouTube": "Gone bin"})
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    assert board.placements == {"Instagram": "Social medium"}


@pytest.mark.parametrize("bad", [["Social medium"], {"bin": "Social medium"}, 3, None])
def test_a_hand_edited_bin_of_any_type_never_locks_the_student_out(store, capsys, bad):
    store.save("demo-board", {"Instagram": "Social medium", "YouTube": bad})
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    assert board.placements == {"Instagram": "Social medium"}  # the valid card is kept
    assert "could not be put back" in board.notice and "YouTube" in board.notice
    assert "YouTube" in capsys.readouterr().out
    board.placements = {"Instagram": "Social medium", "YouTube": "Social network"}  # the board still works
    assert store.load("demo-board") == {"Instagram": "Social medium", "YouTube": "Social network"}


def test_a_corrupt_answer_file_is_kept_aside_and_shown_on_the_board(store, capsys):
    store.folder.mkdir(exist_ok=True)
    store.path.write_text("{ half a file")
    with pytest.warns(AnswerFileWarning):
        board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    assert "kept as 01-media-and-networks.answers.corrupt-" in board.notice
    assert "kept as" in capsys.readouterr().out
    assert board.placements == {}
    (aside,) = store.folder.glob("*.corrupt-*.json")
    assert aside.read_text() == "{ half a file"
    board.placements = {"Instagram": "Social medium"}
    assert store.load("demo-board") == {"Instagram": "Social medium"}


def test_a_save_that_fails_is_reported_and_the_board_goes_on(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the answers folder should be")
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=AnswerStore("nb", folder=blocked))
    board.placements = {"Instagram": "Social medium"}
    assert board.placements == {"Instagram": "Social medium"}
    assert "could not be" in board.notice


def test_without_an_id_or_with_answers_false_nothing_is_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path))
    monkeypatch.setenv("JPY_SESSION_NAME", "lesson.ipynb")
    SortingBoard(items=ITEMS, bins=BINS).placements = {"Instagram": "Social medium"}
    SortingBoard(items=ITEMS, bins=BINS, exercise_id="x", answers=False).placements = {"YouTube": "Social medium"}
    assert list(tmp_path.iterdir()) == []


def test_the_running_notebook_names_the_answer_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path))
    monkeypatch.setenv("JPY_SESSION_NAME", "course/my-copy.ipynb")
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board")
    board.placements = {"Instagram": "Social medium"}
    assert board.answer_file == tmp_path / "my-copy.answers.json"
    assert json.loads(board.answer_file.read_text())["exercises"]["demo-board"]["answer"] == {
        "Instagram": "Social medium"
    }


def test_a_lesson_board_saves_to_its_lesson_file_whatever_the_notebook_is_called(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path))
    monkeypatch.setenv("JPY_SESSION_NAME", "Untitled copy.ipynb")
    board = SortingBoard.from_exercise("lesson01_media_or_network")
    board.placements = {board.cards[0]: board.bins[0]}
    assert board.exercise_id == "lesson01-media-or-network"
    assert board.answer_file == tmp_path / "01-media-and-networks.answers.json"
    assert SortingBoard.from_exercise("lesson01_media_or_network").placements == {board.cards[0]: board.bins[0]}


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"exercise_id": "../escape"}, ValueError, "exercise id must be"),
        ({"exercise_id": 7}, TypeError, "exercise_id must be a string"),
        ({"exercise_id": "ok", "answers": 3}, TypeError, "answers must be an AnswerStore"),
    ],
)
def test_bad_saving_options_are_clear_errors(kwargs, error, words):
    with pytest.raises(error, match=words):
        SortingBoard(items=ITEMS, bins=BINS, **kwargs)


# ---------------------------------------------------------------- assessment mode


def test_assessment_mode_records_but_never_says_right_or_wrong(store):
    board = SortingBoard(items=ITEMS, bins=BINS, mode="assessment", exercise_id="quiz", answers=store)
    assert repr(board).endswith("mode='assessment')") and board.get_state()["mode"] == "assessment"
    browser_sets(board, placements={"Instagram": "Social network", "YouTube": "Social medium"})
    browser_clicks(board, "check")
    assert board.feedback == {}
    assert board.score == "2 of 4 cards placed"
    assert all(r.status in ("ungraded", "unplaced") for r in board.check().results)
    browser_clicks(board, "try_again")
    assert board.placements == {"Instagram": "Social network", "YouTube": "Social medium"}
    assert store.load("quiz") == {"Instagram": "Social network", "YouTube": "Social medium"}


def test_unknown_mode_is_a_clear_error():
    with pytest.raises(ValueError, match="mode must be one of practice, assessment, not 'exam'"):
        SortingBoard(items=ITEMS, bins=BINS, mode="exam")


def test_an_assessment_file_loads_without_a_key_and_refuses_one(tmp_path):
    data = {
        "id": "quiz01",
        "mode": "assessment",
        "bins": ["Medium", "Network"],
        "sources": {"a": "An article."},
        "items": [{"label": "TikTok", "source": "a"}, {"label": "My class", "source": "a"}],
    }
    path = tmp_path / "quiz01.json"
    path.write_text(json.dumps(data))
    board = SortingBoard.from_exercise(path)
    assert board.mode == "assessment" and all(not item.answers for item in board.items)
    data["items"][1]["answer"] = "Network"
    path.write_text(json.dumps(data))
    from smlessons.exercises.loader import ExerciseFileError

    with pytest.raises(
        ExerciseFileError,
        match=r"items\[1\]\.answer \('My class'\): an assessment file \(a student's copy\) must not contain 'answer'",
    ):
        SortingBoard.from_exercise(path)


# -- card order: shuffled per student, stable across restarts ------------------------------

from smlessons.exercises.loader import load_exercise
from smlessons.widgets.sorting_board import card_order, student_name

LESSON1 = "lesson01_media_or_network"


def test_a_board_without_an_exercise_id_keeps_the_order_given(board):
    assert board.cards == [i["label"] for i in ITEMS]


def test_an_explicit_seed_gives_the_same_order_every_time():
    a = SortingBoard(items=ITEMS, bins=BINS, seed=7)
    b = SortingBoard(items=ITEMS, bins=BINS, seed=7)
    assert a.cards == b.cards and sorted(a.cards) == sorted(i["label"] for i in ITEMS)
    assert [i.label for i in a.items] == a.cards  # the answer key follows the shown order


def test_shuffle_false_keeps_the_file_order():
    board = SortingBoard.from_exercise(LESSON1, answers=False, shuffle=False)
    assert board.cards == [i.label for i in load_exercise(LESSON1).items]


def test_a_lesson_board_is_shuffled_the_same_way_for_the_same_student(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")
    first = SortingBoard.from_exercise(LESSON1, answers=False).cards
    again = SortingBoard.from_exercise(LESSON1, answers=False).cards  # e.g. after a kernel restart
    assert first == again
    assert first != [i.label for i in load_exercise(LESSON1).items]
    assert student_name() == "ada"


def test_two_students_see_different_orders(monkeypatch):
    orders = {}
    for who in ("ada", "bo", "cy", "dee"):
        monkeypatch.setenv("JUPYTERHUB_USER", who)
        orders[who] = tuple(SortingBoard.from_exercise(LESSON1, answers=False).cards)
    assert len(set(orders.values())) == 4, orders


def test_the_order_depends_on_the_exercise_too():
    labels = [f"card {i}" for i in range(18)]
    assert card_order(labels, exercise_id="a", user="ada") != card_order(labels, exercise_id="b", user="ada")


def test_without_a_hub_the_login_name_seeds_the_order(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "local-student")
    assert student_name() == "local-student"
    labels = [f"card {i}" for i in range(18)]
    assert card_order(labels, exercise_id="x") == card_order(labels, exercise_id="x", user="local-student")


def test_lesson_one_cards_no_longer_alternate_medium_and_network(monkeypatch):
    """In file order the cards alternated medium, network, ...; shuffled, some neighbours share a bin."""
    ex = load_exercise(LESSON1)
    answers = {i.label: i.answers for i in ex.items}
    for who in ("ada", "bo", "cy"):
        monkeypatch.setenv("JUPYTERHUB_USER", who)
        cards = SortingBoard.from_exercise(LESSON1, answers=False).cards
        same = sum(1 for a, b in zip(cards, cards[1:]) if answers[a] == answers[b])
        assert same >= 2, (who, cards)


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"shuffle": "yes"}, "shuffle must be True or False"),
        ({"seed": 1.5}, "seed must be an int or a string"),
        ({"seed": True}, "seed must be an int or a string"),
    ],
)
def test_bad_shuffle_options_are_clear_errors(kwargs, error):
    with pytest.raises(TypeError, match=error):
        SortingBoard(items=ITEMS, bins=BINS, **kwargs)


def test_restored_placements_survive_the_shuffle(tmp_path, monkeypatch):
    from smlessons.exercises.answers import AnswerStore

    monkeypatch.setenv("JUPYTERHUB_USER", "ada")
    store = AnswerStore("demo", folder=tmp_path)
    first = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    first.placements = {"Instagram": "Social medium"}
    again = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    assert again.placements == {"Instagram": "Social medium"} and again.cards == first.cards


# -- a bank: each student's own cards, in their own order ---------------------------------

from pathlib import Path  # noqa: E402

from smlessons import variants  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BANK_KEY = ROOT / "instructors" / "keys" / "lesson01_assessment_board.json"
BANK_COPY = ROOT / "instructors" / "source" / "lesson1" / "lesson01_assessment_board.json"


def test_student_name_is_the_variant_student_id(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-name")
    monkeypatch.setenv("SMLESSONS_STUDENT", "graded-student")
    assert student_name() == variants.student_id() == "graded-student"
    monkeypatch.delenv("SMLESSONS_STUDENT")
    assert student_name() == "hub-name"


def test_a_bank_board_shows_the_students_drawn_cards_in_their_order(monkeypatch):
    key = load_exercise(BANK_KEY)
    monkeypatch.setenv("SMLESSONS_STUDENT", "ada")
    board = SortingBoard.from_exercise(BANK_COPY, answers=False)
    expected = [i.label for i in key.variant("ada")]
    assert board.cards == expected and len(board.cards) == key.show == 8
    assert [i.label for i in board.items] == board.cards
    assert SortingBoard.from_exercise(BANK_COPY, answers=False).cards == expected  # after a restart
    assert SortingBoard.from_exercise(BANK_COPY, answers=False, student="bo").cards != expected


def test_a_bank_board_built_from_the_key_shows_the_same_cards_with_their_answers(monkeypatch):
    monkeypatch.setenv("SMLESSONS_STUDENT", "ada")
    copy_board = SortingBoard.from_exercise(BANK_COPY, answers=False)
    key_board = SortingBoard.from_exercise(BANK_KEY, answers=False)
    assert key_board.cards == copy_board.cards
    assert all(item.answers for item in key_board.items) and not any(item.answers for item in copy_board.items)


@pytest.mark.parametrize("option", [{"seed": 1}, {"shuffle": False}, {"shuffle": True}])
def test_a_bank_refuses_an_order_of_its_own(option):
    with pytest.raises(ValueError, match="is a bank .*shows 8 of 24 cards.*student="):
        SortingBoard.from_exercise(BANK_COPY, answers=False, **option)


def test_a_bank_board_saves_only_its_own_cards(monkeypatch, tmp_path):
    monkeypatch.setenv("SMLESSONS_STUDENT", "ada")
    store = AnswerStore("media-or-network", folder=tmp_path)
    board = SortingBoard.from_exercise(BANK_COPY, answers=store)
    board.placements = {label: board.bins[0] for label in board.cards}
    assert store.load(board.exercise_id) == {label: board.bins[0] for label in board.cards}


# -- entries a board cannot use are set aside, never lost ---------------------------------


def test_unusable_entries_are_set_aside_in_the_answer_file(store, capsys):
    saved = {"Instagram": "Social medium", "YouTube": ["Social medium"], "A card of another board": "Social network"}
    store.save("demo-board", saved)
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    assert board.placements == {"Instagram": "Social medium"}
    assert "YouTube" in board.notice and "A card of another board" in board.notice
    assert store.load("demo-board") == {"Instagram": "Social medium"}
    assert store.load("demo-board.set-aside") == {
        "YouTube": ["Social medium"],
        "A card of another board": "Social network",
    }
    board.reset()  # a later move never touches what was set aside
    assert store.load("demo-board.set-aside") == {
        "YouTube": ["Social medium"],
        "A card of another board": "Social network",
    }


def test_a_second_setting_aside_never_overwrites_the_first(store):
    store.save("demo-board", {"YouTube": 1})
    SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    store.save("demo-board", {"YouTube": 2})
    SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    assert store.load("demo-board.set-aside") == {"YouTube": 1}
    assert store.load("demo-board.set-aside-2") == {"YouTube": 2}


def test_an_answer_that_is_not_a_board_is_set_aside_whole(store):
    store.save("demo-board", ["not", "a", "board"])
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    assert board.placements == {} and "not a board's answer" in board.notice
    assert store.load("demo-board.set-aside") == ["not", "a", "board"]
    board.placements = {"Instagram": "Social medium"}
    assert store.load("demo-board.set-aside") == ["not", "a", "board"]


def test_nothing_is_written_while_nbgrader_runs_the_notebook(store, monkeypatch):
    store.save("demo-board", {"Instagram": "Social medium", "YouTube": 3})
    before = store.path.read_bytes()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    assert board.placements == {"Instagram": "Social medium"}
    assert store.path.read_bytes() == before


# -- property: any JSON at all in the answer file never stops a board -----------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ODD_TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=12) | st.sampled_from(
    ["Instagram", "YouTube", "Social medium", "Social network", "", " ", "\u200b", "\ud800", "{label}", "../x"]
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _ODD_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_ODD_TEXT, inner, max_size=4),
    max_leaves=20,
)


def _files(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(whole=_JSON)
def test_any_json_as_the_answer_file_never_stops_a_board(tmp_path_factory, whole):
    folder = tmp_path_factory.mktemp("answers")
    store = AnswerStore("nb", folder=folder)
    text = json.dumps(whole)
    store.path.write_text(text, encoding="utf-8")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    files = _files(folder)
    kept = [name for name in files if ".corrupt-" in name]
    if kept:  # not an answer file: kept aside byte for byte, the board starts empty
        assert files[kept[0]] == text.encode("utf-8") and board.placements == {}
    else:  # a valid answer file is not moved
        assert store.path.read_text(encoding="utf-8") == text
    board.placements = {"Instagram": "Social medium"}  # the board still works and saves
    assert store.load("demo-board") == {"Instagram": "Social medium"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entry=_JSON, others=st.dictionaries(_ODD_TEXT, _JSON, max_size=3))
def test_any_json_as_a_boards_entry_never_stops_it_and_loses_nothing(tmp_path_factory, entry, others):
    folder = tmp_path_factory.mktemp("answers")
    store = AnswerStore("nb", folder=folder)
    exercises = {k: {"answer": v} for k, v in others.items()}
    exercises["demo-board"] = {"answer": entry, "saved": "2026-01-01T00:00:00+00:00"}
    store.path.write_text(
        json.dumps({"format": "smlessons-answers", "version": 1, "notebook": "nb", "exercises": exercises}),
        encoding="utf-8",
    )
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    labels, bins = {i["label"] for i in ITEMS}, set(BINS)
    valid = (
        {k: v for k, v in entry.items() if k in labels and isinstance(v, str) and v in bins}
        if isinstance(entry, dict)
        else {}
    )
    assert board.placements == valid  # every valid card comes back
    board.placements = {**valid, "Instagram": "Social network"}  # and the student goes on working
    saved = store.all()
    for k, v in others.items():  # other exercises untouched
        if k != "demo-board" and not k.startswith("demo-board.set-aside"):
            assert saved[k] == v
    aside = saved.get("demo-board.set-aside")
    if isinstance(entry, dict):
        rest = {k: v for k, v in entry.items() if k not in valid}
        if rest:
            assert aside == rest or ("demo-board.set-aside" in others and saved.get("demo-board.set-aside-2") == rest)
        else:
            assert "demo-board.set-aside" not in saved or "demo-board.set-aside" in others
    else:
        assert aside == entry or ("demo-board.set-aside" in others and saved.get("demo-board.set-aside-2") == entry)


_BANK_LABELS = [c["label"] for c in json.loads(BANK_COPY.read_text(encoding="utf-8"))["items"]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    entry=st.dictionaries(
        st.sampled_from(_BANK_LABELS) | _ODD_TEXT, _JSON | st.sampled_from(load_exercise(BANK_KEY).bins), max_size=10
    )
)
def test_a_bank_board_keeps_the_valid_cards_of_any_entry_and_sets_the_rest_aside(tmp_path_factory, monkeypatch, entry):
    monkeypatch.setenv("SMLESSONS_STUDENT", "ada")
    store = AnswerStore("media-or-network", folder=tmp_path_factory.mktemp("answers"))
    store.save("lesson01-assessment-board", entry)
    board = SortingBoard.from_exercise(BANK_COPY, answers=store)
    valid = {k: v for k, v in entry.items() if k in board.cards and isinstance(v, str) and v in board.bins}
    assert board.placements == valid
    rest = {k: v for k, v in entry.items() if k not in valid}
    assert store.all().get("lesson01-assessment-board.set-aside") == (rest or None)


# ---- every saved move is acknowledged, so the browser can tell a lost kernel


def browser_moved(board, view, move):
    """The message the browser sends right after a move's placements."""
    board._handle_custom_msg({"action": "moved", "view": view, "move": move}, [])


def test_a_saving_board_tells_the_browser_so_and_a_board_that_saves_nothing_too(store, tmp_path, monkeypatch):
    saving = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    assert saving._saves is True and saving.saves is True
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path))
    for quiet in (
        SortingBoard(items=ITEMS, bins=BINS),
        SortingBoard(items=ITEMS, bins=BINS, exercise_id="x", answers=False),
    ):
        assert quiet._saves is False and quiet.saves is False
    assert "_saves" in saving.get_state() and "_ack" in saving.get_state()


def test_a_move_is_acknowledged_only_once_it_is_saved(store):
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=store)
    on_disk_at_ack = []
    board.observe(lambda change: on_disk_at_ack.append(store.load("demo-board")), names="_ack")
    browser_sets(board, placements={"Instagram": "Social medium"})
    browser_moved(board, "view-1", 1)
    assert board._ack == {"view": "view-1", "move": 1}
    assert on_disk_at_ack == [{"Instagram": "Social medium"}]
    # a move to where the card already is changes nothing, and is acknowledged all the same
    browser_sets(board, placements={"Instagram": "Social medium"})
    browser_moved(board, "view-1", 2)
    assert board._ack == {"view": "view-1", "move": 2}
    # two views of one board: each hears about its own moves
    browser_sets(board, placements={"Instagram": "Social medium", "YouTube": "Social medium"})
    browser_moved(board, "view-2", 1)
    assert board._ack == {"view": "view-2", "move": 1}
    assert store.load("demo-board") == {"Instagram": "Social medium", "YouTube": "Social medium"}


def test_a_move_that_could_not_be_saved_is_acknowledged_with_the_reason_in_the_notice(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the answers folder should be")
    board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="demo-board", answers=AnswerStore("nb", folder=blocked))
    browser_sets(board, placements={"Instagram": "Social medium"})
    browser_moved(board, "v", 1)
    # heard: the browser shows the kernel's own reason rather than "the kernel restarted"
    assert board._ack == {"view": "v", "move": 1} and "could not be" in board.notice


@pytest.mark.parametrize("view, move", [(None, 1), (3, 1), ("v", "1"), ("v", True), ("v", None), ("v", 1.5)])
def test_malformed_acknowledgement_requests_are_ignored(board, view, move):
    browser_moved(board, view, move)
    assert board._ack == {}


def test_the_browser_gets_the_not_saved_notice_in_its_language():
    en = SortingBoard(items=ITEMS, bins=BINS)._strings["text"]["not_saved_kernel"]
    it = SortingBoard(items=ITEMS, bins=BINS, language="it")._strings["text"]["not_saved_kernel"]
    assert en == "Not saved: the kernel restarted or stopped. Run the cells again to bring your board back."
    assert it.startswith("Non salvato:") and "Esegui di nuovo le celle" in it
