"""Claims of lesson 2 (The Python you need), each checked on the code it talks about.

The lesson has no statistics; its claims are about what Python and the
course's functions do, and about the course's synthetic class network. Each
test reads the cell (or the question) that makes the claim and runs the code.
"""

from __future__ import annotations

import inspect
import json
import re

import claims
import pytest
from claims import cell_output, cell_text, lesson_minutes

from smlessons.datasets.networks import class_network
from smlessons.engine.measures import PersonNotFoundError, degree, neighbours
from smlessons.exercises import load_questions, question

NB = "02-python-you-need"


def _code(cell_id: str) -> str:
    """A code cell's source with its line breaks (cell_text joins the lines)."""
    return "".join(claims._cells(NB)[cell_id]["source"])


def _run(*cell_ids, namespace=None):
    """Run the code of some of the lesson's cells, in this order, in one namespace."""
    ns = {} if namespace is None else namespace
    for cid in cell_ids:
        exec(_code(cid), ns)
    return ns


def test_running_a_twice_then_b_makes_n_three():
    """Exercise 1: A once, then B twice gives 3 (and run top to bottom, B shows 2)."""
    q = question("py-run-order")
    assert q.options[q.answer].startswith("3")
    assert "`n = 1`" in q.prompt and "`n = n + 1`" in q.prompt
    ns = _run("py-cell-a", "py-cell-b", "py-cell-b")
    assert ns["n"] == 3
    assert "n = 1" in cell_text(NB, "py-cell-a") and "n = n + 1" in cell_text(NB, "py-cell-b")
    assert cell_output(NB, "py-cell-b").strip() == "2"  # what a run from the top shows


def test_the_list_counts_from_zero_and_ends_at_three():
    q = question("py-list-index")
    ns = _run("py-list-code")
    assert q.options[q.answer] == json.dumps(ns["platforms"][1])
    assert ns["platforms"][0] == "Instagram" and ns["platforms"][3] == "WhatsApp"
    assert "platforms[4]" in q.feedback["d"]
    with pytest.raises(IndexError):
        ns["platforms"][4]


def test_the_friends_dict_is_copied_from_the_class_network():
    """'Here are the friends of two people in the class network of lesson 4'."""
    assert "friends of two people in the class network of lesson 4" in cell_text(NB, "py-dicts")
    assert "synthetic" in cell_text(NB, "py-dicts")
    G = class_network()
    ns = _run("py-dict-code")
    assert ns["friends"] == {p: neighbours(G, p) for p in ("Uma", "Omar")}
    q = question("py-dict-lookup")
    assert q.options[q.answer] == json.dumps(ns["friends"]["Omar"])
    assert q.options["b"] == str(len(ns["friends"]["Omar"]))  # the "it counts" misconception


def test_neighbours_and_degree_take_the_network_then_the_person():
    assert "two arguments, in this order: the network, then a person" in cell_text(NB, "py-functions-2")
    for f in (neighbours, degree):
        params = list(inspect.signature(f).parameters.values())
        required = [
            p.name for p in params if p.default is inspect.Parameter.empty and p.kind is p.POSITIONAL_OR_KEYWORD
        ]
        assert required == ["G", "who"]


def test_the_two_errors_say_what_the_lesson_reads_from_their_last_lines():
    G = class_network()
    with pytest.raises(NameError, match=re.escape("name 'degre' is not defined")):
        exec(_code("py-name-error"), {"G": G})
    assert "`NameError: name 'degre' is not defined`" in cell_text(NB, "py-name-error-read")
    with pytest.raises(TypeError) as err:
        exec(_code("py-type-error"), {"G": G, "degree": degree})
    assert f"`TypeError: {err.value}`" in cell_text(NB, "py-type-error-read")


def test_the_type_error_question_quotes_the_real_message():
    q = question("py-type-error")
    with pytest.raises(TypeError) as err:
        neighbours("Uma")
    assert f"`TypeError: {err.value}`" in q.prompt
    assert "Uma" in class_network()  # "Uma is in the class network"


def test_the_name_error_question_quotes_the_real_message_and_a_missing_person_is_named():
    q = question("py-name-error")
    ns = _run("py-imports")
    with pytest.raises(NameError) as err:
        exec('degree(G, "Uma")', ns)
    assert f"`NameError: {err.value}`" in q.prompt
    # feedback (a): "A person missing from a network gives a different message, one that names the person."
    assert "one that names the person" in q.feedback["a"]
    with pytest.raises(PersonNotFoundError, match="Zoe"):
        degree(class_network(), "Zoe")


def test_the_pattern_was_used_five_times_before_exercise_6():
    assert "used the pattern five times" in cell_text(NB, "py-exercises")
    nb = json.loads((claims.NOTEBOOKS / f"{NB}.ipynb").read_text(encoding="utf-8"))
    ids = [c["id"] for c in nb["cells"]]
    before = nb["cells"][: ids.index("py-exercises")]
    asked = [c for c in before if c["cell_type"] == "code" and "ask(" in "".join(c["source"])]
    checked = [c for c in before if c["cell_type"] == "code" and "check(" in "".join(c["source"])]
    assert len(asked) == len(checked) == 5


def test_hugo_question_counts_the_ties_of_hugo():
    q = question("py-hugo-ties")
    G = class_network()
    assert q.evaluate(degree(G, "Hugo")).correct
    assert q.evaluate(len(neighbours(G, "Hugo"))).correct


# The Italian lesson (it/02-il-python-che-serve) makes the same claims in Italian.
NB_IT = "it/02-il-python-che-serve"


def _asked(notebook: str) -> list[str]:
    """The question ids the notebook's ``ask`` cells show, in order."""
    out = []
    for cell in claims._cells(notebook).values():
        m = re.fullmatch(r'ask\("([^"]+)"\)', "".join(cell["source"]).strip())
        if cell["cell_type"] == "code" and m:
            out.append(m.group(1))
    return out


def test_italian_students_get_the_same_questions_checked_the_same_way():
    """The Italian lesson asks every English question, in order, with the same answers and options."""
    en, it = load_questions("lesson02_python_you_need"), load_questions("lesson02_python_you_need_it")
    ids = _asked(NB_IT)
    assert ids == [f"{q}-it" for q in _asked(NB)]
    assert set(ids) == set(it)
    for q_it in ids:
        e, i = en[q_it.removesuffix("-it")], it[q_it]
        assert (e.kind, e.level, e.answer, dict(e.options or {}).keys()) == (
            i.kind,
            i.level,
            i.answer,
            dict(i.options or {}).keys(),
        )
        assert i.language == "it"
    # Options that are Python values are the same values in both languages.
    for q, letters in (("py-list-index", "ac"), ("py-dict-lookup", "abcd")):
        assert [en[q].options[x] for x in letters] == [it[f"{q}-it"].options[x] for x in letters]
    G = class_network()
    assert it["py-hugo-ties-it"].evaluate(degree(G, "Hugo")).correct
    assert not it["py-hugo-ties-it"].evaluate(degree(G, "Hugo") + 1).correct


def test_italian_cells_quote_the_real_error_messages_and_name_the_argument_order():
    G = class_network()
    with pytest.raises(NameError) as name_err:
        exec(_code("py-name-error"), {"G": G})
    assert f"`NameError: {name_err.value}`" in cell_text(NB_IT, "it-py-name-error-read")
    with pytest.raises(TypeError) as type_err:
        exec(_code("py-type-error"), {"G": G, "degree": degree})
    assert f"`TypeError: {type_err.value}`" in cell_text(NB_IT, "it-py-type-error-read")
    assert "due argomenti, in quest'ordine: la rete, poi una persona" in cell_text(NB_IT, "it-py-functions-2")
    q = load_it()["py-type-error-it"]
    with pytest.raises(TypeError) as err:
        neighbours("Uma")
    assert f"`TypeError: {err.value}`" in q.prompt


def load_it():
    return load_questions("lesson02_python_you_need_it")


def test_italian_run_order_the_friends_dict_and_five_uses_of_the_pattern():
    q = load_it()["py-run-order-it"]
    assert q.options[q.answer].startswith(str(_run("py-cell-a", "py-cell-b", "py-cell-b")["n"]))
    assert "`n = 1`" in q.prompt and "`n = n + 1`" in q.prompt
    assert cell_output(NB_IT, "it-py-cell-b").strip() == "2"
    text = cell_text(NB_IT, "it-py-dicts")
    assert "due persone della rete della classe che userai nella lezione 4" in text and "sintetica" in text
    assert "cinque volte" in cell_text(NB_IT, "it-py-exercises")
    nb = claims._cells(NB_IT)
    ids = list(nb)
    before = [nb[c] for c in ids[: ids.index("it-py-exercises")]]
    asked = [c for c in before if c["cell_type"] == "code" and "ask(" in "".join(c["source"])]
    checked = [c for c in before if c["cell_type"] == "code" and "check(" in "".join(c["source"])]
    assert len(asked) == len(checked) == 5
    q = load_it()["py-list-index-it"]
    assert "platforms[4]" in q.feedback["d"]
    assert "che nomina la persona" in load_it()["py-name-error-it"].feedback["a"]


def test_the_stated_minutes_follow_one_rule_in_both_languages():
    """The header: Teaching = Markdown words / 140 (rounded), Exercises = the minutes in the headings."""
    for nb in (NB, NB_IT):
        stated, reading, doing = lesson_minutes(nb)
        assert stated == (reading, doing), (nb, stated, reading, doing)


def test_the_italian_note_on_decimal_points_is_what_python_and_check_do():
    """Italian only: "Python scrive i numeri decimali con il punto … con la virgola, Python legge due numeri, 0 e 5;
    se una domanda chiede un numero, `check` te lo fa notare … nel codice, e in ciò che il codice stampa, trovi il
    punto (`p = 0.3`)"."""
    t = cell_text("it/02-il-python-che-serve", "it-py-decimal-point")
    assert "Python scrive i numeri decimali con il punto: `0.5`, non `0,5`" in t
    assert (
        "Con la virgola, Python legge due numeri, 0 e 5; se una domanda chiede un numero, `check` te lo fa notare" in t
    )
    assert eval("0,5") == (0, 5) and eval("0.5") == 0.5  # noqa: S307 (two literals)
    assert str(0.3) == "0.3"  # what the code prints
    number = next(q for q in load_questions("lesson02_python_you_need_it").values() if q.kind == "number")
    said = str(number.evaluate((0, 5)))
    assert "0.5" in said and "0,5" in said and "due numeri" in said, said
