"""Exercise data files: the shipped ones are valid, and a malformed file is
rejected with the file, the item and the field named."""

import json

import pytest

from smlessons.datafiles import EXERCISES_DIR, ExerciseFileError, list_exercises, load_exercise

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


def write(tmp_path, data, name="demo.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def sorting_exercises():
    """Shipped sorting exercises; code-cell question files (with a "questions"
    list) share the folder and are checked in test_checks.py."""
    return [
        name
        for name in list_exercises()
        if "questions" not in json.loads((EXERCISES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize("name", sorting_exercises())
def test_every_shipped_exercise_loads(name):
    ex = load_exercise(name)
    assert ex.items and len(ex.bins) >= 2
    for item in ex.items:
        assert item.explanation.strip(), item.label
        assert ex.citation(item).strip(), item.label


def test_lesson1_exercise_covers_the_brief():
    ex = load_exercise("lesson01_media_or_network")
    assert len(ex.items) >= 16
    labels = " ".join(i.label.lower() for i in ex.items)
    for word in ("whatsapp", "facebook", "encyclopedia", "video game", "fan"):
        assert word in labels, word
    facebook = [i for i in ex.items if i.label.strip().lower() == "facebook"]
    assert facebook and facebook[0].contested
    per_bin = {b: sum(1 for i in ex.items if b in i.answers) for b in ex.bins}
    assert min(per_bin.values()) >= 5, per_bin


def test_load_by_path(tmp_path):
    ex = load_exercise(write(tmp_path, GOOD))
    assert ex.id == "demo" and [i.label for i in ex.items] == ["TikTok", "My class"]
    assert ex.citation(ex.items[0]) == "An article."


def broken(**changes):
    data = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        target = data
        *keys, last = path.split("__")
        for k in keys:
            target = target[int(k)] if k.isdigit() else target[k]
        if value is KeyError:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    "data, words",
    [
        (broken(items__1__answer=KeyError), r"demo.json: item 1 \('My class'\): missing field 'answer'"),
        (broken(items__0__answer="Elsewhere"), r"demo.json: item 0 \('TikTok'\): answer 'Elsewhere' is not one of the bins"),
        (broken(items__0__explanation=7), r"demo.json: item 0 \('TikTok'\): field 'explanation' must be a non-empty string"),
        (broken(items__0__source="nowhere"), r"demo.json: item 0 \('TikTok'\): field 'source' is 'nowhere'"),
        (broken(items__0__label=3), r"demo.json: item 0: label must be a string"),
        (broken(bins=["Only"]), r"demo.json: field 'bins': a board needs at least two bins"),
        (broken(items="nope"), r"demo.json: field 'items' must be a list"),
        (broken(sources=KeyError), r"demo.json: missing field 'sources'"),
        (broken(colour="red"), r"demo.json: unknown field 'colour'"),
        ([1, 2], r"demo.json: the top level must be an object"),
        ("{not json", r"demo.json: not valid JSON"),
    ],
)
def test_malformed_files_are_rejected_naming_file_item_and_field(tmp_path, data, words):
    with pytest.raises(ExerciseFileError, match=words):
        load_exercise(write(tmp_path, data))


def test_missing_exercise_is_a_clear_error():
    with pytest.raises(FileNotFoundError, match="no exercise file"):
        load_exercise("does_not_exist")
