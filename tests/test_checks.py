"""smlessons.exercises.questions: code-cell questions, the answer forms they accept, the
feedback they give (right, wrong with a reason, unanswered), and their data files."""

import json
import re
from pathlib import Path

import pytest

from smlessons.datasets.networks import class_network
from smlessons.engine.measures import bridges, central_people, local_bridges
from smlessons.exercises import (
    Question,
    QuestionFileError,
    UnknownQuestionError,
    check,
    evaluate,
    forms,
    keys,
    list_questions,
    load_questions,
    question,
)
from smlessons.exercises import questions as checks

PEOPLE_AND_TIES = "lesson04_people_and_ties"
BRIDGES_AND_BROKERS = "lesson05_bridges_and_brokers"


def lines(verdict):
    return str(verdict).splitlines()


# -- the shipped questions -----------------------------------------------------


def test_lesson4_and_5_questions_load_with_sources():
    """The old lesson 3 was split in two: people and ties (4), bridges and brokers (5)."""
    l4, l5 = load_questions(PEOPLE_AND_TIES), load_questions(BRIDGES_AND_BROKERS)
    assert list(l4) == [
        "class-neighbours",
        "class-degree-sum",
        "class-distance",
        "class-closer-to-xavi",
        "class-community",
        "class-what-makes-a-community",
    ]
    assert list(l5) == [
        "class-bridge",
        "class-cut-the-bridge",
        "class-local-bridge",
        "weak-ties-why",
        "uma-betweenness",
        "karate-most-ties",
        "karate-broker",
        "follow-direction",
        "reciprocity-without-lea",
        "arrows-to-lines",
    ]
    for q in [*l4.values(), *l5.values()]:
        assert q.source.strip() and q.hint.strip() and q.prompt.strip()
    assert "Granovetter" in l5["class-local-bridge"].source and "78(6)" in l5["class-local-bridge"].source
    assert set(l4) | set(l5) <= set(list_questions())


@pytest.mark.parametrize("name", ["lesson03_questions", PEOPLE_AND_TIES, BRIDGES_AND_BROKERS])
def test_at_least_half_of_a_lessons_questions_ask_to_predict_or_explain(name):
    levels = [q.level for q in load_questions(name).values()]
    assert sum(level in ("predict", "explain") for level in levels) * 2 >= len(levels), levels
    for q in load_questions(name).values():
        if q.level != "lookup":
            assert q.kind == "choice" and len(q.options) >= 3, q.id


@pytest.mark.parametrize(
    "qid, names",
    [
        ("karate-most-ties", ["central_people(K", "degree(K"]),
        ("karate-broker", ["central_people(K"]),
        ("class-neighbours", ["neighbours(G"]),
        ("arrows-to-lines", ["audience(F", "following(F", "mutual_ties(F"]),
    ],
)
def test_hints_name_the_lessons_graph_and_imported_functions(qid, names):
    hint = question(qid).hint
    for name in names:
        assert name in hint, (qid, name)
    assert "degrees(" not in hint  # not imported in the lessons


def test_computed_answers_are_the_known_facts():
    assert question("karate-most-ties").answers() == ["33"]
    assert question("karate-broker").answers() == ["0"]
    assert question("class-neighbours").answers() == ["Ben, Carla, Jamal"]
    assert question("class-distance").answers() == ["6"]
    assert question("class-community").answers() == ["4"]
    assert question("class-bridge").answers() == ["Ben\u2013Uma"]
    assert question("class-local-bridge").answers() == ["Dev\u2013Wen", "Farid\u2013Kira", "Pia\u2013Tariq"]


@pytest.mark.parametrize("qid", list_questions())
def test_every_shipped_question_accepts_its_answers_and_explains_them(qid):
    q = question(qid)
    for shown in q.answers():
        answer = shown.replace("\u2013", "-")
        verdict = q.evaluate(answer)
        assert verdict.correct, (qid, answer, str(verdict))
        text = str(verdict)
        frame = FRAME[q.language or "en"]  # the questions file's language, else the environment's (English here)
        assert text.startswith(f"\u2713 {frame['right']}: ")
        assert "{" not in text and "}" not in text, "every quoted fact is filled in"
        assert text.splitlines()[-1].startswith(f"{frame['source']}: ")


FRAME = {
    "en": {"right": "Right", "wrong": "Not quite", "hint": "Hint", "source": "Source"},
    "it": {"right": "Giusto", "wrong": "Non proprio", "hint": "Suggerimento", "source": "Fonte"},
}


@pytest.mark.parametrize("qid", list_questions())
def test_every_wrong_answer_gets_a_reason_and_a_hint(qid):
    q = question(qid)
    wrong = {"person": "1", "people": ["Ana"], "tie": "Ana-Hugo", "number": 99, "text": "nonsense"}.get(q.kind)
    if q.kind == "choice":
        wrong = next(letter for letter in q.options if letter not in q.key().accepted)
    if q.kind == "person" and q.key().graph is not None and "Ana" in q.key().graph:
        wrong = "Ana"
    if q.kind in ("platform", "platforms"):  # a real medium (or pair) of the network, not the answer
        from itertools import combinations

        from smlessons.engine.multilayer import media_of

        media = media_of(q.key().graph)
        options = media if q.kind == "platform" else [frozenset(p) for p in combinations(media, 2)]
        wrong = next(o for o in options if o not in q.key().accepted)
    verdict = q.evaluate(wrong)
    assert not verdict.correct and verdict.status == "wrong"
    text = lines(verdict)
    frame = FRAME[q.language or "en"]
    assert text[0].startswith(f"\u2717 {frame['wrong']}")
    assert len(text) >= 3, "never just 'wrong'"
    assert text[-1].startswith(f"{frame['hint']}: ")
    if q.kind in ("person", "tie", "platform"):
        for right in q.answers():
            # not part of a longer number: "0.054", or "0,054" with the Italian decimal comma
            as_word = re.compile(rf"(?<![\w.])(?<!\d,){re.escape(right)}(?![\w.]|,\d)")
            assert not as_word.search(str(verdict)), "a wrong answer does not give the answer away"
    if q.kind == "platforms":
        for right in q.key().accepted:
            assert not all(m in str(verdict) for m in right), "a wrong pair does not name the right pair"


# -- the forms of an answer -----------------------------------------------------


@pytest.mark.parametrize("answer", [33, "33", " 33 ", (33, 17), [33], "member 33", "Member 33", 33.0, {33}])
def test_a_person_in_many_forms(answer):
    assert evaluate("karate-most-ties", answer).correct


def test_the_person_a_measure_returns_is_accepted_as_is():
    from smlessons.datasets.networks import karate_club

    G = karate_club()
    assert evaluate("karate-most-ties", central_people(G, "degree")[0]).correct
    assert evaluate("karate-broker", central_people(G, "betweenness")[0]).correct


@pytest.mark.parametrize(
    "answer",
    [
        ("Ben", "Uma"),
        ("Uma", "Ben"),
        ["uma", "BEN"],
        {"Ben", "Uma"},
        "Ben-Uma",
        "uma \u2013 ben",
        "Ben and Uma",
        "Ben, Uma",
    ],
)
def test_a_tie_in_many_forms(answer):
    assert evaluate("class-bridge", answer).correct


def test_a_tie_straight_from_the_measures():
    G = class_network()
    assert evaluate("class-bridge", bridges(G)).correct
    assert evaluate("class-local-bridge", local_bridges(G, with_span=True)[1]).correct  # (u, v, span)


@pytest.mark.parametrize(
    "answer",
    [
        ["Ben", "Carla", "Jamal"],
        ("Jamal", "Ben", "Carla"),
        {"ben", "carla", "jamal"},
        "Ben, Carla and Jamal",
        "jamal;ben;carla",
    ],
)
def test_a_group_of_people_in_any_order_and_form(answer):
    assert evaluate("class-neighbours", answer).correct


@pytest.mark.parametrize("answer", [4, 4.0, "4", "Community 4", "community #4", [4]])
def test_a_number_in_many_forms(answer):
    assert evaluate("class-community", answer).correct


def test_true_is_not_a_number():
    q = Question(id="n", prompt="How many?", kind="number", answer=1, explanation="One.")
    verdict = q.evaluate(True)
    assert not verdict.correct and "expects a number" in str(verdict)


# -- feedback -----------------------------------------------------------------


def test_wrong_person_says_what_is_true_of_them_and_the_common_mistake():
    verdict = evaluate("karate-most-ties", 0)
    assert lines(verdict)[:3] == [
        "\u2717 Not quite: you answered 0.",
        "Member 0 has 16 ties; the most anyone has is 17.",
        "Member 0, the instructor, is the best-connected person on his side of the club, "
        "but someone on the other side has one tie more.",
    ]
    broker = str(evaluate("karate-broker", "33"))
    assert "Member 33 has betweenness 0.304; the highest in the network is 0.438." in broker
    assert "Betweenness measures something else" in broker


def test_counting_people_instead_of_ties_is_spotted():
    assert "count the ties (the steps) instead" in str(evaluate("class-distance", 7))
    assert "No path from Hugo to Xavi is that short" in str(evaluate("class-distance", 2))
    assert "There is a shorter path than 8 steps" in str(evaluate("class-distance", 8))


def test_a_wrong_tie_is_explained_from_the_network():
    assert "Ana and Uma are not tied to each other" in str(evaluate("class-bridge", "Ana-Uma"))
    common = str(evaluate("class-bridge", ("Ana", "Hugo")))
    assert "Ana and Hugo have a friend in common (Kira, Rosa)" in common
    local = str(evaluate("class-bridge", "Pia-Tariq"))
    assert "no friend in common, but cut Pia\u2013Tariq and a detour of 6 steps remains" in local
    assert "it is a bridge" in str(evaluate("class-local-bridge", "Ben-Uma"))


def test_a_wrong_group_names_the_extras_but_not_the_missing():
    text = str(evaluate("class-neighbours", ["Ben", "Uma", "Ana"]))
    assert "Uma has 3 neighbours; your answer has 1 of them." in text
    assert "Not tied to Uma: Ana." in text and "Uma is not their own neighbour." in text
    assert "Carla" not in text and "Jamal" not in text


def test_a_wrong_community_shows_that_community():
    text = str(evaluate("class-community", 2))
    assert "Community 2 is Ben, Farid, Greta, Nils, Quentin, Wen: Omar is not among them." in text
    assert "numbered 1 to 4" in str(evaluate("class-community", 7))


def test_someone_not_in_the_network_is_feedback_not_a_crash():
    verdict = evaluate("class-bridge", ("Ana", "Zoe"))
    assert not verdict.correct and "'Zoe' is not in this network (24 people)." in str(verdict)
    assert "Did you mean 'Uma'?" in str(evaluate("class-neighbours", ["Umma"]))
    assert "numbered 0 to 33" in str(evaluate("karate-most-ties", 99))


@pytest.mark.parametrize(
    "qid, answer, words",
    [
        ("karate-most-ties", [0, 33], "expects one person (a name, or a member's number): the answer has 2 parts"),
        ("class-bridge", "Ben", "a tie joins two people, but the answer names 1"),
        ("class-bridge", ("Ben", "ben"), "a tie joins two different people"),
        ("class-distance", "six", "expects a number: got 'six'"),
        ("karate-most-ties", "", "the answer is an empty string"),
    ],
)
def test_an_answer_of_the_wrong_form_says_what_is_expected(qid, answer, words):
    verdict = evaluate(qid, answer)
    assert not verdict.correct and words in str(verdict)


@pytest.mark.parametrize("answer", [..., None])
def test_no_answer_yet(answer):
    verdict = evaluate("class-bridge", answer)
    assert verdict.status == "unanswered" and not verdict.correct
    assert str(verdict) == "\u2022 No answer yet: replace ... with your answer, then run the cell again."


def test_check_prints_the_feedback(capsys):
    assert check("karate-most-ties", 33) is None
    out = capsys.readouterr().out
    assert out.startswith("\u2713 Right: 33.\nMember 33, the club's administrator, has 17 ties")
    check("karate-most-ties", 0)
    assert capsys.readouterr().out.startswith("\u2717 Not quite: you answered 0.")


def test_an_unknown_question_is_a_clear_error():
    with pytest.raises(UnknownQuestionError) as info:
        check("karate-most-tie", 33)
    assert isinstance(info.value, KeyError)
    message = str(info.value)
    assert message.startswith("there is no question 'karate-most-tie'. Did you mean 'karate-most-ties'?")
    assert "Known questions: " in message and "class-neighbours" in message and "class-distance" in message
    with pytest.raises(UnknownQuestionError, match="there is no question 'nope'"):
        evaluate("nope", 1)


# -- questions written in Python --------------------------------------------------


def test_a_question_with_a_literal_answer():
    q = Question(
        id="who-is-the-medium",
        prompt="In 'I met Ana on Instagram', what is the medium?",
        kind="text",
        answer=["Instagram", "the app"],
        explanation="{given} is the means through which they met.",
        hint="A medium is a means, not a person.",
        feedback={"Ana": "Ana is a person: part of the network, not the medium."},
    )
    assert q.evaluate(" INSTAGRAM ").correct and q.evaluate("the app").correct
    assert str(q.evaluate("instagram")).splitlines()[1] == "instagram is the means through which they met."
    wrong = lines(q.evaluate("ana"))
    assert wrong == [
        "\u2717 Not quite: you answered ana.",
        "Ana is a person: part of the network, not the medium.",
        "Hint: A medium is a means, not a person.",
    ]


def test_literal_people_ties_and_people_kinds():
    pair = Question(id="t", prompt="Which tie?", kind="tie", answer=["Ana", "Ben"], explanation="Yes.")
    assert pair.evaluate("ben-ana").correct and not pair.evaluate("Ana-Carla").correct
    ties = Question(id="t2", prompt="A tie?", kind="tie", answer=[["A", "B"], ["C", "D"]], explanation="Yes.")
    assert ties.evaluate(("d", "c")).correct
    group = Question(id="g", prompt="Who?", kind="people", answer=["Ana", "Ben"], explanation="Both.")
    assert group.evaluate("ben, ana").correct and not group.evaluate(["Ana"]).correct
    who = Question(id="p", prompt="Who?", kind="person", answer="Ana", explanation="{answer}.")
    assert who.evaluate("ANA").correct and who.evaluate(["Ana"]).correct


def test_a_wrong_answer_without_hint_or_feedback_still_explains():
    q = Question(id="bare", prompt="2 + 2?", kind="number", answer=4, explanation="Four.")
    text = lines(q.evaluate(5))
    assert text == [
        "\u2717 Not quite: you answered 5.",
        "This question expects a number. Read the question again and try once more.",
    ]


@pytest.mark.parametrize(
    "fields, words",
    [
        (
            {"kind": "colour"},
            "kind must be one of person, people, tie, number, text, platform, platforms, choice, not 'colour'",
        ),
        ({"answer": None}, "give either 'answer' or 'compute' \\(exactly one\\)"),
        ({"compute": {"graph": "karate_club", "measure": "degree", "person": 0}}, "exactly one"),
        ({"explanation": " "}, "field 'explanation' must be a non-empty string"),
        ({"id": ""}, "a question needs a non-empty string id"),
        ({"feedback": {"1": 2}}, "field 'feedback' must map answers to messages"),
        ({"kind": "people", "answer": "Ana"}, "a 'people' answer must be a list of people"),
    ],
)
def test_a_malformed_question_is_rejected(fields, words):
    base = {"id": "q", "prompt": "Who?", "kind": "person", "answer": "Ana", "explanation": "Because."}
    with pytest.raises(QuestionFileError, match=words):
        Question(**{**base, **fields})


@pytest.mark.parametrize(
    "compute, words",
    [
        (
            {"graph": "facebook", "measure": "degree"},
            "compute.graph must be one of karate_club, class_network, multiplex_class, student_network, student_multiplex, not 'facebook'",
        ),
        ({"graph": "karate_club", "measure": "pagerank"}, "compute.measure must be one of"),
        ({"graph": "karate_club", "measure": "bridge"}, "measure 'bridge' gives a 'tie' answer, but kind is 'person'"),
        ({"graph": "karate_club", "measure": "most_central", "by": "degree", "top": 3}, "unknown field 'top'"),
        ({"graph": "karate_club", "measure": "most_central", "graph_args": 3}, "graph_args must be an object"),
    ],
)
def test_a_malformed_compute_is_rejected(compute, words):
    with pytest.raises(QuestionFileError, match=words):
        Question(id="q", prompt="Who?", kind="person", compute=compute, explanation="Because.")


def test_a_computed_question_on_a_network_built_with_arguments():
    q = Question(
        id="big-class",
        prompt="Who has the most ties?",
        kind="person",
        compute={"graph": "class_network", "graph_args": {"n": 30, "seed": 1}, "measure": "most_central"},
        explanation="{answer} has {value} ties.",
    )
    G = class_network(30, seed=1)
    best = central_people(G, "degree", top=1)[0]
    top = [p for p, d in G.degree() if d == best[1]]
    assert q.answers() == sorted(top)
    assert str(q.evaluate(top[0])).splitlines()[1].endswith(f"has {best[1]} ties.")


def test_a_computed_question_on_one_platform(monkeypatch):
    import networkx as nx

    def two_media():
        G = nx.MultiGraph(name="two media")
        G.add_edges_from(
            [
                ("Ana", "Ben", {"platform": "WhatsApp"}),
                ("Ana", "Carla", {"platform": "Instagram"}),
                ("Ben", "Carla", {"platform": "WhatsApp"}),
                ("Carla", "Dev", {"platform": "WhatsApp"}),
            ]
        )
        return G

    monkeypatch.setitem(keys.GRAPHS, "two_media", lambda nw: two_media)
    q = Question(
        id="wa",
        prompt="Who has most WhatsApp ties?",
        kind="person",
        explanation="{answer}.",
        compute={"graph": "two_media", "measure": "most_central", "platform": "WhatsApp"},
    )
    assert q.answers() == ["Ben", "Carla"]
    assert "Ana has 1 tie; the most anyone has is 2." in str(q.evaluate("Ana"))
    bad = Question(
        id="x",
        prompt="?",
        kind="person",
        explanation="?",
        compute={"graph": "two_media", "measure": "most_central", "platform": "MySpace"},
    )
    with pytest.raises(KeyError, match="no tie in this network is on 'MySpace'"):
        bad.evaluate("Ana")


def test_an_explanation_quoting_an_unknown_fact_is_caught():
    q = Question(id="q", prompt="?", kind="number", answer=1, explanation="It is {colour}.")
    with pytest.raises(QuestionFileError, match="question 'q': the explanation quotes an unknown fact 'colour'"):
        q.evaluate(1)


# -- question files ---------------------------------------------------------------


GOOD = {
    "id": "demo",
    "sources": {"a": "An article."},
    "questions": [{"id": "one", "prompt": "1?", "kind": "number", "answer": 1, "explanation": "One.", "source": "a"}],
}


def write(tmp_path, data):
    path = tmp_path / "demo.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_load_a_file_by_path(tmp_path):
    qs = load_questions(write(tmp_path, GOOD))
    assert list(qs) == ["one"] and qs["one"].source == "An article."
    assert qs["one"].evaluate("1").correct


def changed(**fields):
    data = json.loads(json.dumps(GOOD))
    for key, value in fields.items():
        if key.startswith("q_"):
            data["questions"][0][key[2:]] = value
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(
    "data, words",
    [
        ("{not json", "demo.json: not valid JSON"),
        ({"id": "x"}, r"demo\.json: missing field 'questions'"),
        (
            changed(q_source="b"),
            r"demo\.json: questions\[0\]\.source \('one'\): 'b' is not a key of 'sources'",
        ),
        (changed(q_colour="red"), r"demo\.json: questions\[0\] \('one'\): unknown field 'colour'"),
        (
            {**GOOD, "questions": [{"id": "one", "kind": "number"}]},
            r"demo\.json: questions\[0\] \('one'\): missing field 'prompt'",
        ),
        (
            {**GOOD, "questions": GOOD["questions"] * 2},
            r"demo\.json: questions\[1\]\.id \('one'\): duplicate question id 'one'",
        ),
        (
            changed(sources={"a": ""}),
            r"demo\.json: sources: must be a list of bibliography keys, or an object mapping each key to its full citation",
        ),
        ({**GOOD, "questions": [3]}, r"demo\.json: questions\[0\]: must be an object, not 3"),
    ],
)
def test_a_malformed_file_names_the_file_and_the_question(tmp_path, data, words):
    with pytest.raises(QuestionFileError, match=words):
        load_questions(write(tmp_path, data))


def test_a_missing_file():
    with pytest.raises(FileNotFoundError, match="no questions file"):
        load_questions("lesson99_nothing")


def test_shipped_question_ids_are_unique_across_files(tmp_path, monkeypatch):
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**GOOD, "questions": [{**GOOD["questions"][0], "id": "karate-broker"}]}))
    (tmp_path / "lesson05.json").write_text((checks.EXERCISES_DIR / f"{BRIDGES_AND_BROKERS}.json").read_text())
    (tmp_path / "sorting.json").write_text(json.dumps({"id": "sort", "bins": ["a", "b"], "items": []}))
    monkeypatch.setattr(checks, "EXERCISES_DIR", tmp_path)
    checks._shipped.cache_clear()
    try:
        with pytest.raises(QuestionFileError, match="question id 'karate-broker' is used by another file too"):
            list_questions()
    finally:
        monkeypatch.undo()
        checks._shipped.cache_clear()
    assert "karate-broker" in list_questions()


# -- lesson 6: media as answers ------------------------------------------------------


LESSON4 = "lesson06_one_network_many_media"


def test_lesson4_questions_load_with_sources_and_known_answers():
    qs = load_questions(LESSON4)
    assert list(qs) == [
        "media-overlap", "nobody-cut-off-why", "medium-removal-predict", "medium-removal", "ana-best-medium-predict", "ana-best-medium",
        "calls-facebook-friends", "jaccard-why", "without-facebook",
    ]  # fmt: skip
    for q in qs.values():  # each says which network it is about: the synthetic class or the real Copenhagen data
        assert q.source.strip() and q.hint.strip() and ("synthetic" in q.prompt or "Copenhagen" in q.prompt)
    assert question("ana-best-medium").answers() == ["TikTok"]
    assert question("medium-removal").answers() == ["Instagram"]
    assert question("media-overlap").answers() == ["Instagram, WhatsApp"]


@pytest.mark.parametrize("answer", ["TikTok", " tiktok ", ["TikTok"], ("TikTok", 3), {"TIKTOK"}, ("TikTok", ["Hugo"])])
def test_a_medium_in_many_forms(answer):
    assert evaluate("ana-best-medium", answer).correct


def test_a_medium_straight_from_the_functions():
    from smlessons.datasets.multiplex import multiplex_class
    from smlessons.engine.multilayer import best_media, friends_by_medium, overlap

    G = multiplex_class()
    assert evaluate("ana-best-medium", best_media(G, "Ana")).correct
    assert evaluate("ana-best-medium", next(iter(friends_by_medium(G, "Ana").items()))).correct
    assert evaluate("media-overlap", next(iter(overlap(G)))).correct
    assert evaluate("media-overlap", next(iter(overlap(G).items()))).correct


@pytest.mark.parametrize(
    "answer",
    [
        ("WhatsApp", "Instagram"),
        "instagram, whatsapp",
        "WhatsApp-Instagram",
        "WhatsApp and Instagram",
        {"Instagram", "WhatsApp"},
    ],
)
def test_two_media_in_many_forms(answer):
    assert evaluate("media-overlap", answer).correct


def test_a_wrong_medium_for_a_person_counts_their_friends_on_it():
    lines_ = lines(evaluate("ana-best-medium", "whatsapp"))
    assert lines_[:2] == [
        "\u2717 Not quite: you answered WhatsApp.",
        "Of Ana's 5 friends, 2 are tied to Ana on WhatsApp (Ines, Rosa). Another medium ties Ana to more of them.",
    ]
    assert lines_[2].startswith(
        "WhatsApp has a tie with everybody in the class, but the question is about Ana's own friends."
    )
    assert "Of Ana's 5 friends, 1 is tied to Ana on Minecraft (Hugo)." in str(evaluate("ana-best-medium", "Minecraft"))


def test_a_wrong_medium_to_remove_says_who_is_cut_off():
    text = str(evaluate("medium-removal", "TikTok"))
    assert "Without TikTok, nobody is cut off: 49 of 50 ties are kept" in text
    assert "Instagram" not in text
    whatsapp = str(evaluate("medium-removal", "WhatsApp"))
    assert "Without WhatsApp, nobody is cut off: 33 of 50 ties are kept" in whatsapp
    assert "WhatsApp carries the most ties" in whatsapp


def test_the_right_medium_to_remove_is_explained_with_the_facts():
    text = str(evaluate("medium-removal", "instagram"))
    assert text.startswith(
        "\u2713 Right: Instagram.\nWithout Instagram, 8 of the 50 ties are lost and the class falls into 3 parts: 12 people"
    )
    assert text.splitlines()[-1].startswith("Source: Haythornthwaite, C. (2005).")


def test_a_wrong_pair_of_media_gives_its_overlap_not_the_answer():
    text = str(evaluate("media-overlap", "TikTok, Minecraft"))
    assert "TikTok and Minecraft share 1 of the 11 ties on either of them (overlap 0.09)." in text
    assert "WhatsApp" not in text and "Instagram" not in text
    assert "names only one: name exactly two" in str(evaluate("media-overlap", "TikTok"))
    assert "names 3: name exactly two" in str(evaluate("media-overlap", ["TikTok", "Minecraft", "WhatsApp"]))


@pytest.mark.parametrize(
    "qid, answer, words",
    [
        ("ana-best-medium", "Snapchat", "'Snapchat' is not a medium of this network, nor a platform of the course's data; "
                                        "the media of this network are: WhatsApp, Instagram, TikTok and Minecraft."),
        ("ana-best-medium", "Tik Tok", "Did you mean 'TikTok'?"),
        ("ana-best-medium", "Twitter", "no tie in this network lives on X (Twitter)"),
        ("ana-best-medium", 3, 'expects one medium: a platform\'s name, e.g. "TikTok": got 3'),
        ("ana-best-medium", ["TikTok", "WhatsApp"], "the answer names 2 media"),
        ("ana-best-medium", " ", "the answer is an empty string"),
        ("media-overlap", [1, 2], 'a medium is named by its name, e.g. "TikTok"; got [1, 2]'),
        ("media-overlap", "Instagram, MySpace", "'MySpace' is not a medium of this network"),
    ],
)  # fmt: skip
def test_a_medium_not_in_the_network_or_of_the_wrong_form_is_feedback_not_a_crash(qid, answer, words):
    verdict = evaluate(qid, answer)
    assert verdict.status == "wrong" and words in str(verdict)
    assert lines(verdict)[-1].startswith("Hint: ")


def test_literal_platform_questions_use_lesson_2s_names_and_aliases():
    q = Question(
        id="bird", prompt="Which medium had a bird logo?", kind="platform", answer="Twitter", explanation="{answer}."
    )
    assert q.answers() == ["X (Twitter)"]
    assert q.evaluate("x").correct and q.evaluate("Twitter/X").correct and not q.evaluate("TikTok").correct
    odd = Question(id="odd", prompt="?", kind="platform", answer="MySpace", explanation="{answer}.")
    assert odd.evaluate("myspace").correct
    pair = Question(id="pair", prompt="?", kind="platforms", answer=["WhatsApp", "Facebook"], explanation="{answer}.")
    assert pair.evaluate("facebook & whatsapp").correct and not pair.evaluate("Facebook").correct
    with pytest.raises(QuestionFileError, match="a 'platforms' answer must be a list of media"):
        Question(id="p", prompt="?", kind="platforms", answer="WhatsApp", explanation="!")


def test_a_platform_measure_needs_a_platform_kind():
    with pytest.raises(
        QuestionFileError, match="measure 'best_medium' gives a 'platform' answer, but kind is 'person'"
    ):
        Question(id="q", prompt="?", kind="person", explanation="!",
                 compute={"graph": "multiplex_class", "measure": "best_medium", "person": "Ana"})  # fmt: skip


# -- answers are recorded in the lesson's answer file ---------------------------------


@pytest.fixture
def answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path))
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    return tmp_path


def recorded(folder, notebook):
    doc = json.loads((folder / f"{notebook}.answers.json").read_text())
    return {k: v["answer"] for k, v in doc["exercises"].items()}


def test_check_records_the_answer_in_the_lessons_answer_file(answers_dir, capsys):
    check("karate-most-ties", 33)
    check("class-neighbours", {"Vera", "Ben", "Carla"})  # a set: saved as a sorted list
    check("class-bridge", ("Ben", "Uma", float("inf")))  # a local_bridges triple
    assert "Right" in capsys.readouterr().out
    assert recorded(answers_dir, "04-people-and-ties") == {"class-neighbours": ["Ben", "Carla", "Vera"]}
    assert recorded(answers_dir, "05-bridges-and-brokers") == {
        "karate-most-ties": 33,
        "class-bridge": ["Ben", "Uma", "inf"],
    }
    check("ana-best-medium", "tiktok")
    assert recorded(answers_dir, "06-one-network-many-media") == {"ana-best-medium": "tiktok"}


def test_the_last_answer_counts_and_no_answer_replaces_none(answers_dir):
    check("karate-most-ties", 0)
    check("karate-most-ties", 33)
    check("karate-most-ties", ...)  # the student cleared the cell: the answer stays
    check("karate-most-ties", None)
    assert recorded(answers_dir, "05-bridges-and-brokers") == {"karate-most-ties": 33}


def test_evaluate_records_too_unless_told_not_to(answers_dir):
    assert not evaluate("class-distance", 7).correct
    assert evaluate("class-distance", 6, answers=False).correct
    assert recorded(answers_dir, "04-people-and-ties") == {"class-distance": 7}


def test_a_generator_answer_is_checked_and_saved_whole(answers_dir):
    G = class_network()
    gen = (p for p in G["Uma"])
    assert evaluate("class-neighbours", gen).correct
    assert sorted(recorded(answers_dir, "04-people-and-ties")["class-neighbours"]) == sorted(G["Uma"])


def test_an_explicit_store_or_notebook_name_wins(answers_dir, tmp_path_factory):
    from smlessons.exercises.answers import AnswerStore

    store = AnswerStore("my-copy", folder=tmp_path_factory.mktemp("elsewhere"))
    check("karate-most-ties", 33, answers=store)
    assert store.all() == {"karate-most-ties": 33}
    check("karate-broker", 0, answers="renamed-lesson")
    assert recorded(answers_dir, "renamed-lesson") == {"karate-broker": 0}
    assert not (answers_dir / "05-bridges-and-brokers.answers.json").exists()


def test_without_a_notebook_name_nothing_is_saved_and_nothing_breaks(answers_dir, monkeypatch, capsys):
    monkeypatch.setattr(checks, "_notebooks", lambda: {})  # a questions file with no notebook field
    check("karate-most-ties", 33)
    assert capsys.readouterr().out.startswith("\u2713 Right")
    assert list(answers_dir.iterdir()) == []
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/student/03-copy.ipynb")  # in a notebook server
    check("karate-most-ties", 33)
    assert recorded(answers_dir, "03-copy") == {"karate-most-ties": 33}


def test_a_disk_problem_is_reported_and_the_feedback_still_shown(answers_dir, capsys):
    from smlessons.exercises.answers import AnswerStore

    (answers_dir / "blocked").write_text("a file where a folder should be")
    store = AnswerStore("x", folder=answers_dir / "blocked")
    check("karate-most-ties", 33, answers=store)
    out = capsys.readouterr().out
    assert out.startswith("\u2713 Right") and "could not be saved" in out
    with pytest.warns(RuntimeWarning, match="could not be saved"):
        assert evaluate("karate-most-ties", 33, answers=store).correct


def test_a_damaged_answer_file_is_kept_aside_and_said_so(answers_dir, capsys):
    (answers_dir / "05-bridges-and-brokers.answers.json").write_text("{ not json")
    check("karate-most-ties", 33)
    out = capsys.readouterr().out
    assert "kept as 05-bridges-and-brokers.answers.corrupt-" in out
    assert recorded(answers_dir, "05-bridges-and-brokers") == {"karate-most-ties": 33}
    assert len(list(answers_dir.glob("*.corrupt-*.json"))) == 1


def test_every_shipped_questions_file_names_its_lesson():
    folder = Path(checks.__file__).parents[2] / "notebooks"
    notebooks = {p.stem for p in [*folder.glob("*.ipynb"), *folder.glob("it/*.ipynb")]}  # Italian lessons too
    for path in sorted(checks.EXERCISES_DIR.glob("*.json")):
        data = json.loads(path.read_text())
        if "questions" in data:
            assert data.get("notebook") in notebooks, f"{path.name}: 'notebook' must name its lesson"


def test_a_bad_notebook_field_is_refused(tmp_path):
    with pytest.raises(
        QuestionFileError, match=r"demo\.json: notebook: must be a string: the lesson's name, without \.ipynb, not 3"
    ):
        load_questions(write(tmp_path, {**GOOD, "notebook": 3}))


def test_check_all_prints_each_verdict_and_a_score(capsys):
    from smlessons.exercises import check_all

    right = check_all(
        {"review-medium-word": "Medium", "review-bridge": ("Uma", "Ben"), "review-seeding": ...}, answers=False
    )
    out = capsys.readouterr().out
    assert right == 2
    assert out.startswith("1. ") and "3. " in out and out.rstrip().endswith("Score: 2 of 3.")


def test_check_all_rejects_unknown_questions_before_printing(capsys):
    from smlessons.exercises import check_all

    with pytest.raises(UnknownQuestionError):
        check_all({"review-medium-word": "medium", "no-such-question": 1}, answers=False)
    assert capsys.readouterr().out == ""
    with pytest.raises(TypeError, match="responses must map question ids"):
        check_all(["review-medium-word"], answers=False)


def test_review_questions_have_the_answers_lesson6_gives():
    from smlessons.exercises import evaluate

    for qid, answer in {
        "review-medium-word": "medium", "review-class-ties": 6, "review-bridge": ("Ben", "Uma"),
        "review-cut-off-medium": "Instagram", "review-seeding": "degree",
    }.items():  # fmt: skip
        assert evaluate(qid, answer, answers=False).correct, qid


# -- multiple choice and levels ----------------------------------------------------


def _mc(**over):
    data = dict(
        id="mc-demo",
        prompt="Which is a network?",
        kind="choice",
        level="predict",
        options={"a": "The app", "b": "The people and their ties", "c": "The ad"},
        answer="b",
        explanation="A network is people and ties.",
        feedback={"a": "The app is the medium.", "c": "An ad is content."},
    )
    data.update(over)
    return Question.from_dict(data)


@pytest.mark.parametrize("given", ["b", "B", "(b)", " b) ", ["b"]])
def test_choice_accepts_a_letter_in_any_usual_form(given):
    assert _mc().evaluate(given).correct


def test_choice_wrong_option_gets_its_own_feedback_and_the_option_text():
    v = _mc().evaluate("a")
    assert not v.correct
    assert "(a) The app" in str(v) and "The app is the medium." in str(v)
    assert "The ad" not in str(v)  # another option's text is not shown


def test_choice_unknown_letter_names_the_options():
    v = _mc().evaluate("d")
    assert not v.correct and '"a", "b", "c"' in str(v)
    assert '"a", "b", "c"' in str(_mc().evaluate(2))


@pytest.mark.parametrize(
    "over, message",
    [
        ({"feedback": {"a": "The app is the medium."}}, "option 'c' is wrong, so 'feedback' must say"),
        ({"answer": "z"}, "'answer' must name options"),
        ({"options": {"a": "only one"}}, "at least two letters"),
        ({"options": {"A": "x", "b": "y"}}, "one lower-case letter"),
        ({"level": "recall"}, "level: must be one of lookup, predict, explain, not 'recall'"),
        ({"kind": "text"}, "'options' goes with kind 'choice'"),
        ({"feedback": {"a": "x", "c": "y", "q": "z"}}, "'feedback' names 'q'"),
    ],
)
def test_bad_choice_questions_are_refused_with_the_reason(over, message):
    with pytest.raises(QuestionFileError, match=re.escape(message)):
        _mc(**over)


def test_every_shipped_question_has_a_level():
    from smlessons.exercises import LEVELS, list_questions, question

    assert {question(q).level for q in list_questions()} <= set(LEVELS)
    missing = [
        (f, q.get("id"))
        for f in sorted(checks.EXERCISES_DIR.glob("*.json"))
        for q in json.loads(f.read_text(encoding="utf-8")).get("questions", [])
        if "level" not in q
    ]
    assert missing == []


def test_ask_shows_the_prompt_and_options_from_the_data():
    from smlessons.exercises import ask

    q = _mc()
    md = q.prompt_markdown()
    assert md.startswith("**Which is a network?**") and "- **(b)** The people and their ties" in md
    shown = ask("karate-most-ties")
    assert shown._repr_markdown_().startswith("**In Zachary's karate club")


@pytest.mark.parametrize("name", ["lesson03_questions", PEOPLE_AND_TIES, BRIDGES_AND_BROKERS])
def test_hints_call_only_what_their_notebook_defines(name):
    """A hint such as `degrees(G)` must not name a function the lesson does not
    import, nor a graph the lesson does not build (issue: the karate hints
    named the class graph and a function that was not imported)."""
    import ast
    import builtins

    data = json.loads((checks.EXERCISES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    nb = Path(checks.__file__).parents[2] / "notebooks" / f"{data['notebook']}.ipynb"
    names = set()
    for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    assert {"check", "ask"} <= names
    for q in data["questions"]:
        for func, arg in re.findall(r"(?<![\w.])(\w+)\((\w*)", q.get("hint", "")):
            assert func in names or hasattr(builtins, func), (q["id"], func)
            if arg and arg[0].isupper():
                assert arg in names, (q["id"], arg)


# -- questions asked on each student's own network (assessments of lessons 4 to 6) -----

import networkx as nx  # noqa: E402

from smlessons.datasets.networks import student_network
from smlessons.exercises import NoStudentError, ask, question_kinds, student_copy


def _tiny():
    """Ana, Ben, Carla: a triangle; Carla-Dev: the bridge; Dev, Elif, Farid, Greta: a square."""
    G = nx.Graph()
    G.add_edges_from(
        [
            ("Ana", "Ben"),
            ("Ben", "Carla"),
            ("Ana", "Carla"),
            ("Carla", "Dev"),
            ("Dev", "Elif"),
            ("Elif", "Farid"),
            ("Farid", "Greta"),
            ("Greta", "Dev"),
        ]
    )
    G.graph["communities"] = [["Dev", "Elif", "Farid", "Greta"], ["Ana", "Ben", "Carla"]]
    return G


def _tiny_media():
    G = nx.Graph(media=["WhatsApp", "Instagram", "TikTok"])
    G.add_edge("Ana", "Ben", platform=("WhatsApp", "Instagram"))
    G.add_edge("Ben", "Carla", platform=("WhatsApp",))
    G.add_edge("Ana", "Carla", platform=("Instagram",))
    G.add_edge("Carla", "Dev", platform=("TikTok",))
    return G


CHOICE3 = {"a": "first", "b": "second", "c": "third"}


@pytest.mark.parametrize(
    "graph, kind, compute, right, wrong",
    [
        ("tiny", "choice", {"measure": "tie_type", "tie": ["Ana", "Ben"]}, "a", "b"),
        ("tiny", "choice", {"measure": "tie_type", "tie": ["Elif", "Dev"]}, "b", "a"),
        ("tiny", "choice", {"measure": "tie_type", "tie": ["Carla", "Dev"]}, "c", "b"),
        ("tiny", "number", {"measure": "span", "tie": ["Dev", "Elif"]}, 3, 2),
        ("tiny", "number", {"measure": "span", "tie": ["Ana", "Ben"]}, 2, 1),
        (
            "tiny",
            "people",
            {"measure": "cut_off_by_bridge", "person": "Ana"},
            ["Dev", "Elif", "Farid", "Greta"],
            ["Dev", "Elif", "Farid"],
        ),
        ("tiny", "people", {"measure": "cut_off_by_bridge", "person": "Farid"}, "Ana, Ben, Carla", "Ana, Ben"),
        ("tiny", "choice", {"measure": "closer", "source": "Ana", "first": "Carla", "second": "Dev"}, "a", "c"),
        ("tiny", "choice", {"measure": "closer", "source": "Ana", "first": "Dev", "second": "Carla"}, "b", "a"),
        ("tiny", "choice", {"measure": "closer", "source": "Ana", "first": "Ben", "second": "Carla"}, "c", "a"),
        ("tiny", "number", {"measure": "degree_sum"}, 16, 8),
        (
            "tiny",
            "people",
            {"measure": "community_members", "person": "Elif"},
            ["Dev", "Farid", "Greta"],
            ["Dev", "Farid"],
        ),
        (
            "tiny",
            "people",
            {"measure": "community_members", "person": "Elif"},
            ["Dev", "Elif", "Farid", "Greta"],
            ["Dev", "Elif", "Farid", "Greta", "Ana"],
        ),
        ("tiny_media", "platforms", {"measure": "tie_media", "tie": ["Ben", "Ana"]}, "Instagram, WhatsApp", "WhatsApp"),
        (
            "tiny_media",
            "choice",
            {"measure": "tie_after_closing", "tie": ["Ana", "Ben"], "medium": "WhatsApp"},
            "b",
            "a",
        ),
        (
            "tiny_media",
            "choice",
            {"measure": "tie_after_closing", "tie": ["Ben", "Carla"], "medium": "WhatsApp"},
            "a",
            "b",
        ),
        (
            "tiny_media",
            "choice",
            {"measure": "tie_after_closing", "tie": ["Carla", "Dev"], "medium": "WhatsApp"},
            "c",
            "a",
        ),
        ("tiny_media", "people", {"measure": "cut_off_by_medium", "medium": "TikTok"}, "Dev", "Carla, Dev"),
    ],
)
def test_the_student_network_measures_on_a_network_checked_by_hand(monkeypatch, graph, kind, compute, right, wrong):
    monkeypatch.setitem(keys.GRAPHS, graph, lambda nw: {"tiny": _tiny, "tiny_media": _tiny_media}[graph])
    keys.load_network.cache_clear()
    q = Question(
        id="hand",
        prompt="?",
        kind=kind,
        explanation="{answer}.",
        compute={"graph": graph, **compute},
        options=CHOICE3 if kind == "choice" else None,
    )
    assert q.evaluate(right).correct, q.answers()
    verdict = q.evaluate(wrong)
    assert not verdict.correct and len(lines(verdict)) >= 2  # a reason, never a bare "wrong"


def test_a_span_of_a_bridge_is_refused(monkeypatch):
    monkeypatch.setitem(keys.GRAPHS, "tiny", lambda nw: _tiny)
    keys.load_network.cache_clear()
    q = Question(
        id="x",
        prompt="?",
        kind="number",
        explanation=".",
        compute={"graph": "tiny", "measure": "span", "tie": ["Carla", "Dev"]},
    )
    with pytest.raises(QuestionFileError, match="Carla\u2013Dev is a bridge"):
        q.evaluate(1)


def _degree_question(**over):
    spec = dict(
        id="demo-degree",
        prompt="How many ties does {person} have?",
        kind="number",
        network="student_network",
        roles={"person": {"pick": "person"}},
        explanation="{person} is tied to {neighbours}.",
        compute={"graph": "student_network", "measure": "degree", "person": "{person}"},
    )
    spec.update(over)
    return Question(**spec)


def test_each_student_is_asked_about_their_own_people():
    q = _degree_question()
    prompts = {}
    for s in [f"s{i}" for i in range(30)]:
        mine = q.for_student(s)
        person = mine.names["person"]
        assert person in student_network(s) and mine.prompt == f"How many ties does {person} have?"
        assert mine.prompt == q.for_student(s).prompt  # the same every time
        assert mine.evaluate(student_network(s).degree(person)).correct
        prompts[s] = mine.prompt
    assert len(set(prompts.values())) > 10


def test_a_question_on_a_student_network_is_graded_only_for_a_student():
    q = _degree_question()
    with pytest.raises(NoStudentError, match="for_student"):
        q.evaluate(3)
    assert q.for_student("ana").student == "ana"


def test_a_question_on_a_shared_network_is_the_same_for_everyone():
    q = question("karate-most-ties")
    assert q.for_student("ana") is q


def test_roles_are_drawn_as_each_option_says():
    roles = {
        "a": {"pick": "person"},
        "b": {"pick": "person", "apart_from": "a"},
        "c": {"pick": "person", "side": "main"},
        "t": {"pick": "tie", "kinds": ["local_bridge"]},
    }
    q = Question(
        id="demo-roles",
        prompt="{a} {b} {c} {t}",
        kind="number",
        network="student_network",
        roles=roles,
        compute={"graph": "student_network", "measure": "degree_sum"},
        explanation=".",
    )
    for s in [f"s{i}" for i in range(20)]:
        G, names = student_network(s), q.for_student(s).names
        assert len({names["a"], names["b"], names["c"]}) == 3
        assert G.nodes[names["a"]]["group"] != G.nodes[names["b"]]["group"]
        H = G.copy()
        H.remove_edges_from(bridges(G))
        assert len(nx.node_connected_component(H, names["c"])) > len(G) / 2
        u, v = names["t"].split("\u2013")
        assert G.has_edge(u, v) and not set(G[u]) & set(G[v]) and {u, v} not in [set(e) for e in bridges(G)]


def test_media_roles_are_drawn_as_each_option_says():
    from smlessons.datasets.multiplex import student_multiplex
    from smlessons.engine.multilayer import best_media, removal_effects

    roles = {
        "m": {"pick": "medium", "cuts_off": True},
        "p": {"pick": "person", "one_best_medium": True},
        "t": {"pick": "tie", "medium": "m", "kinds": ["only"]},
        "u": {"pick": "tie", "several_media": True},
    }
    q = Question(
        id="demo-media",
        prompt="{m} {p} {t} {u}",
        kind="platform",
        network="student_multiplex",
        roles=roles,
        compute={"graph": "student_multiplex", "measure": "most_cut_off"},
        explanation=".",
    )
    for s in [f"s{i}" for i in range(20)]:
        G, names = student_multiplex(s), q.for_student(s).names
        cut = {r.medium: len(r.cut_off) for r in removal_effects(G)}
        assert 0 < cut[names["m"]] < max(cut.values())
        assert len(best_media(G, names["p"])) == 1
        assert G.edges[tuple(names["t"].split("\u2013"))]["platform"] == (names["m"],)
        assert len(G.edges[tuple(names["u"].split("\u2013"))]["platform"]) > 1


@pytest.mark.parametrize(
    "over, message",
    [
        ({"network": None}, "set 'network' to one of student_network, student_multiplex"),
        ({"roles": {"person": {"pick": "friend"}}}, "role 'person': give \"pick\": one of person, tie, medium"),
        ({"roles": {"person": {"pick": "person", "near": "x"}}}, "a person role has no option 'near'"),
        (
            {"roles": {"person": {"pick": "person", "apart_from": "other"}}},
            "'apart_from' must name a person role given before it",
        ),
        (
            {"roles": {"person": {"pick": "tie", "kinds": ["strong"]}}},
            "'kinds' must list some of inside, local_bridge, bridge",
        ),
        ({"prompt": "How many ties does {someone} have?"}, "the text names {someone}, which is not a role"),
        ({"roles": {}}, "field 'roles' must map names"),
        (
            {"compute": {"graph": "class_network", "measure": "degree", "person": "Ana"}},
            "compute.graph is 'class_network', but the question's network is 'student_network'",
        ),
    ],
)
def test_bad_roles_are_refused_with_the_reason(over, message):
    with pytest.raises(QuestionFileError, match=re.escape(message)):
        _degree_question(**over)


def test_a_computed_choice_has_one_option_per_outcome_in_order():
    base = dict(
        id="c",
        prompt="?",
        kind="choice",
        explanation=".",
        compute={"graph": "karate_club", "measure": "closer", "source": 0, "first": 1, "second": 33},
    )
    assert Question(**base, options=CHOICE3).evaluate("a").correct  # member 1 is a neighbour of 0; 33 is not
    with pytest.raises(QuestionFileError, match="options must be 'a', 'b', 'c'"):
        Question(**base, options={"a": "x", "b": "y"})
    with pytest.raises(QuestionFileError, match="needs a measure with outcomes"):
        Question(**{**base, "compute": {"graph": "karate_club", "measure": "degree", "person": 0}}, options=CHOICE3)


KEY = {
    "id": "demo-assessment",
    "notebook": "demo",
    "sources": {"a": "An article."},
    "questions": [
        {
            "id": "demo-degree",
            "prompt": "How many ties does {person} have?",
            "kind": "number",
            "level": "lookup",
            "network": "student_network",
            "roles": {"person": {"pick": "person"}},
            "compute": {"graph": "student_network", "measure": "degree", "person": "{person}"},
            "explanation": "{person}: {value}.",
            "hint": "degree()",
            "feedback": {"0": "No."},
            "source": "a",
        },
        {"id": "demo-literal", "prompt": "How many?", "kind": "number", "answer": 3, "explanation": "Three."},
    ],
}


def test_a_student_copy_keeps_prompts_kinds_and_roles_only(tmp_path):
    copy = student_copy(KEY)
    assert copy["mode"] == "assessment" and copy["sources"] == {} and copy["id"] == KEY["id"]
    assert copy["questions"][0] == {
        k: KEY["questions"][0][k] for k in ("id", "prompt", "kind", "level", "network", "roles")
    }
    assert copy["questions"][1] == {"id": "demo-literal", "prompt": "How many?", "kind": "number"}
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(copy), encoding="utf-8")
    loaded = load_questions(path)
    assert [q.assessment for q in loaded.values()] == [True, True]
    with pytest.raises(QuestionFileError, match="student's copy, which has no answers"):
        loaded["demo-literal"].evaluate(3)
    assert question_kinds(path) == {"demo-degree": "number", "demo-literal": "number"}


@pytest.mark.parametrize("field", ["answer", "compute", "explanation", "hint", "feedback", "source"])
def test_a_student_copy_carrying_a_key_field_is_refused(tmp_path, field):
    copy = student_copy(KEY)
    copy["questions"][0][field] = KEY["questions"][0].get(field, 3)
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(copy), encoding="utf-8")
    with pytest.raises(QuestionFileError, match=f"a student's copy must not carry '{field}'"):
        load_questions(path)


def test_ask_shows_the_running_student_s_own_prompt(tmp_path, monkeypatch):
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(student_copy(KEY)), encoding="utf-8")
    mine = ask("demo-degree", path, student="ana")
    assert mine.names["person"] in student_network("ana")
    assert mine._repr_markdown_() == f"**How many ties does {mine.names['person']} have?**"
    monkeypatch.setenv("SMLESSONS_STUDENT", "ana")
    assert ask("demo-degree", path).names == mine.names
    key = tmp_path / "key.json"
    key.write_text(json.dumps(KEY), encoding="utf-8")
    assert ask("demo-degree", key).names == mine.names  # the key and the copy name the same person
    with pytest.raises(UnknownQuestionError, match="no question 'demo-nothing'"):
        ask("demo-nothing", path)


# -- forms a student writes: the form check and the grading read them alike (review item 4) --

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from smlessons.datasets.multiplex import student_multiplex
from smlessons.exercises import form_problem


def _on(graph, kind, **compute):
    return Question(
        id=f"form-{kind}",
        prompt="?",
        kind=kind,
        network=graph,
        explanation="{answer}.",
        compute={"graph": graph, **compute},
    )


def _ana():
    """The right answers of "ana"'s network to a question of each kind, and the questions."""
    M = student_multiplex("ana")
    tie = next(tuple(sorted(e)) for e in M.edges() if len(M.edges[e]["platform"]) > 1)
    return tie, {
        "person": _on("student_network", "person", measure="most_central", by="degree").for_student("ana"),
        "people": _on("student_network", "people", measure="neighbours", person=tie[0]).for_student("ana"),
        "tie": _on("student_network", "tie", measure="bridge").for_student("ana"),
        "platforms": _on("student_multiplex", "platforms", measure="tie_media", tie=list(tie)).for_student("ana"),
        "text": Question(id="form-text", prompt="?", kind="text", answer="Elif", explanation="{answer}."),
    }


TIE, ANA = _ana()


def _right(kind):
    accepted = ANA[kind].key().accepted[0]
    return sorted(accepted, key=str) if isinstance(accepted, frozenset) else [accepted]


@pytest.mark.parametrize(
    "kind, form",
    [
        ("tie", "({0}, {1})"),
        ("tie", "[{0}, {1}]"),
        ("tie", "('{0}', '{1}')"),
        ("tie", '["{0}", "{1}"]'),
        ("tie", "{0}-{1}."),
        ("tie", "\u201c{0}\u201d and \u201c{1}\u201d"),
        ("people", "[{quoted}]"),
        ("people", "{listed}."),
        ("people", "({listed})"),
        ("people", "{{{quoted}}}"),
        ("person", "{0}."),
        ("person", '"{0}"'),
        ("person", "'{0}'."),
        ("person", "[{0}]"),
        ("text", '"{0}"'),
        ("text", "'{0}'"),
        ("text", "{0}."),
        ("platforms", "{slashed}"),
        ("platforms", "[{quoted}]"),
        ("platforms", "{listed}."),
    ],
)
def test_a_right_answer_in_a_common_written_form_is_graded_right(kind, form):
    names = _right(kind)
    answer = form.format(
        *names, quoted=", ".join(f"'{n}'" for n in names), listed=", ".join(names), slashed="/".join(names)
    )
    assert form_problem(kind, answer) == "", answer
    verdict = ANA[kind].evaluate(answer)
    assert verdict.correct, (answer, str(verdict))


@pytest.mark.parametrize(
    "kind, answer",
    [
        ("tie", "(Hiro, Zoe, Ana)"),
        ("tie", "('Ana', 'ana')"),
        ("tie", "[]"),
        ("people", "[]"),
        ("people", "'' ."),
        ("person", '""'),
        ("person", "."),
        ("text", '" "'),
        ("platforms", "[ ]"),
        ("number", "(5 ties)"),
    ],
)
def test_brackets_quotes_and_stops_alone_are_no_answer(kind, answer):
    assert form_problem(kind, answer) != ""


def test_a_platform_s_own_name_keeps_its_slash_and_its_brackets():
    lesson3 = Question(id="form-x", prompt="?", kind="platforms", answer=["X (Twitter)", "TikTok"], explanation=".")
    for answer in [
        "Twitter / X, TikTok",
        "TikTok/Twitter/X",
        "X (Twitter), TikTok",
        "['X (Twitter)', 'TikTok']",
        "(X (Twitter), TikTok)",
    ]:
        assert lesson3.evaluate(answer).correct, answer
    one = Question(id="form-one", prompt="?", kind="platform", answer="X (Twitter)", explanation=".")
    for answer in ["Twitter / X", "X (Twitter).", '"Twitter/X"', "(X (Twitter))"]:
        assert one.evaluate(answer).correct, answer
    assert not lesson3.evaluate("Instagram/Minecraft").correct


def test_a_text_answer_keeps_its_case_and_inner_punctuation():
    q = Question(id="form-t", prompt="?", kind="text", answer="Weak ties, strong ties", explanation=".")
    assert q.evaluate('"Weak ties, strong ties."').correct
    assert forms.read_text('"Elif"') == "Elif" and forms.read_text("(Elif)") == "(Elif)"


# Random answers: names of the network (and others), decorated as students write them, in
# numbers, strings, lists, tuples, sets and dicts, nested.
_NAMES = sorted(
    {
        *map(str, student_multiplex("ana")),
        "Zoe",
        "Hiro",
        "X (Twitter)",
        "Twitter / X",
        "WhatsApp",
        "Instagram",
        "TikTok",
        "Minecraft",
        "member 3",
        "a",
        "b",
        "(b)",
        "",
    }
)
_SEPARATORS = [", ", ",", "; ", " and ", " & ", "-", " - ", "/", " / ", "+", "\u2013", " ", ", and "]
_decorated = st.builds(
    lambda parts, sep, quote, wrap, stop: wrap[0] + sep.join(f"{quote}{p}{quote}" for p in parts) + wrap[1] + stop,
    st.lists(st.sampled_from(_NAMES) | st.text(max_size=6), max_size=4),
    st.sampled_from(_SEPARATORS),
    st.sampled_from(["", "'", '"', "\u201c", "`"]),
    st.sampled_from([("", ""), ("(", ")"), ("[", "]"), ("{", "}"), ("(", ""), ("", "]"), ("[", ")")]),
    st.sampled_from(["", ".", "..", " .", "!"]),
)
_atoms = (
    st.none()
    | st.booleans()
    | st.integers(-5, 30)
    | st.integers(min_value=10**308, max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(_NAMES)
    | _decorated
)
ANSWERS = st.recursive(
    _atoms,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.frozensets(st.sampled_from(_NAMES) | st.integers(0, 5), max_size=4)
        | st.dictionaries(st.sampled_from(_NAMES), inner, max_size=3)
    ),
    max_leaves=8,
)


def _questions_of_every_kind():
    G = student_network("ana")
    u, v = sorted(next(iter(G.edges())))
    literal = {
        "person": "Ben",
        "people": ["Ana", "Ben"],
        "tie": ["Ana", "Ben"],
        "number": 3,
        "text": "Elif",
        "platform": "TikTok",
        "platforms": ["TikTok", "Instagram"],
        "choice": "b",
    }
    out = [
        Question(
            id=f"lit-{k}",
            prompt="?",
            kind=k,
            answer=a,
            explanation=".",
            options=CHOICE3 if k == "choice" else None,
            feedback={"a": "Not a.", "c": "Not c."} if k == "choice" else {},
        )
        for k, a in literal.items()
    ]
    out += [ANA[k] for k in ("person", "people", "tie", "platforms")]
    out += [
        _on("student_network", "tie", measure="local_bridge").for_student("ana"),
        _on("student_network", "number", measure="degree", person=u).for_student("ana"),
        _on("student_multiplex", "platform", measure="most_cut_off").for_student("ana"),
        Question(
            id="form-choice",
            prompt="?",
            kind="choice",
            network="student_network",
            explanation=".",
            options=CHOICE3,
            compute={"graph": "student_network", "measure": "tie_type", "tie": [u, v]},
        ).for_student("ana"),
    ]
    return out


GRADED = _questions_of_every_kind()


def test_the_random_answers_test_has_a_question_of_every_kind():
    assert {q.kind for q in GRADED} == set(checks.KINDS)
    assert {q.kind for q in GRADED if q.compute} == set(checks.KINDS) - {"text"}  # keys from a network too


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_an_answer_whose_form_passes_is_always_graded(answer):
    """form_problem is what the recorder checks; evaluate is what the grader calls. An answer
    whose form passes gets a verdict (never an error), and never a complaint about its form:
    at worst a name the network does not have."""
    from smlessons.engine.measures import PersonNotFoundError, PlatformNotFoundError

    for q in GRADED:
        if form_problem(q.kind, answer, q.options) != "":
            continue
        verdict = q.evaluate(answer)
        assert verdict.status in ("right", "wrong"), (q.id, answer)
        try:
            q._read(answer, q.key())
        except (PersonNotFoundError, PlatformNotFoundError):
            pass  # a well-formed name that is not in the network: graded wrong, with that said
        except forms.UnreadableAnswer as exc:
            pytest.fail(f"{q.id}: the form check passed {answer!r} but grading refused its form: {exc}")
