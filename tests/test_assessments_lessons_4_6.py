"""The assignments of lessons 4, 5 and 6: a board drawn from a bank and questions
asked on each student's own network.

Checked here: the keys load and the students' copies carry nothing of them; the
banks hold at least twice the cards shown; the notebooks are in nbgrader's form
with one grade cell per board and per question, in the exact form the grader
replaces; two students get different cards, people and answers, one student
the same ones in every process; every question has exactly one answer on
every network; and the notebook's own solutions, run for a student, are
graded right for that student (and not for another).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from smlessons.exercises import load_questions, student_copy
from smlessons.exercises.loader import TOP_FIELDS, load_exercise, parse_exercise

sys.path.insert(0, str(Path(__file__).resolve().parent))
import italian_assessments  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "instructors"
LESSONS = {4: "people-and-ties", 5: "bridges-and-brokers", 6: "one-network-many-media"}
#: The same assignments in Italian (instructors/source/lessonN-it, files *_it.json, ids *-it).
LESSONS_IT = {4: "persone-e-legami", 5: "ponti-e-intermediari", 6: "una-rete-tanti-mezzi"}
#: Every assignment: (lesson, language).
VERSIONS = [(n, "en") for n in LESSONS] + [(n, "it") for n in LESSONS_IT]
KEY_FIELDS = {"answer", "compute", "explanation", "hint", "feedback", "source", "clause", "policy"}
RULE = (
    "The answer file handed in is what is graded: `{stem}.answers.json`, beside this notebook. An answer counts once "
    "its cell has been run \u2014 a cell edited but never run does not count; the last answer recorded counts."
)
RULE_IT = (
    "Si valuta il file delle risposte consegnato: `{stem}.answers.json`, accanto a questo notebook. Una risposta conta "
    "quando la sua cella è stata eseguita: una cella modificata ma mai eseguita non conta; conta l'ultima risposta "
    "registrata."
)
GRADED_COMMENT = {
    "en": "# Graded from your answer file after you hand in.",
    "it": "# Il punteggio viene dal tuo file delle risposte, dopo la consegna.",
}
GRADE_CELL = (
    "{comment}\n"
    "### BEGIN HIDDEN TESTS\n"
    "from smlessons.instructor.grader import graded_outside\n"
    'graded_outside("{id}")\n'
    "### END HIDDEN TESTS"
)
STUDENTS = [f"student{i:03d}" for i in range(30)] + ["ana", "ben", ""]


def read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def version_id(value):
    return f"{value[0]}-{value[1]}" if isinstance(value, tuple) else str(value)


def _sfx(lang: str, sep: str = "_") -> str:
    return "" if lang == "en" else f"{sep}{lang}"


def folder(n: int, lang: str = "en") -> Path:
    return COURSE / "source" / f"lesson{n}{_sfx(lang, '-')}"


def stem_of(n: int, lang: str = "en") -> str:
    return (LESSONS if lang == "en" else LESSONS_IT)[n]


def questions_key(n: int, lang: str = "en") -> Path:
    return COURSE / "keys" / f"lesson0{n}_assessment_questions{_sfx(lang)}.json"


def questions_copy(n: int, lang: str = "en") -> Path:
    return folder(n, lang) / f"lesson0{n}_assessment_questions{_sfx(lang)}.json"


def board_key(n: int, lang: str = "en") -> Path:
    return COURSE / "keys" / f"lesson0{n}_assessment_board{_sfx(lang)}.json"


def board_copy(n: int, lang: str = "en") -> Path:
    return folder(n, lang) / f"lesson0{n}_assessment_board{_sfx(lang)}.json"


def notebook_path(n: int, lang: str = "en") -> Path:
    return folder(n, lang) / f"{stem_of(n, lang)}.ipynb"


def notebook(n: int, lang: str = "en") -> dict:
    return read(notebook_path(n, lang))


def text(cell) -> str:
    return "".join(cell["source"])


def bound(n: int, student: str, lang: str = "en") -> dict:
    return {qid: q.for_student(student) for qid, q in load_questions(questions_key(n, lang)).items()}


# -- files --------------------------------------------------------------------------------


def test_the_old_people_and_ties_assignment_became_lesson_4():
    assert not (COURSE / "keys" / "lesson03_assessment.json").exists()
    assert not (COURSE / "source" / "lesson3" / "people-and-ties.ipynb").exists()
    for n, stem in LESSONS.items():
        assert (COURSE / "source" / f"lesson{n}" / f"{stem}.ipynb").is_file()


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_the_questions_key_loads_and_the_copy_is_made_from_it(n, lang):
    key = read(questions_key(n, lang))
    assert key["id"] == f"lesson0{n}-assessment-questions{_sfx(lang, '-')}" and key["notebook"] == stem_of(n, lang)
    assert key.get("lang", "en") == lang
    questions = load_questions(questions_key(n, lang))
    assert all(re.fullmatch(rf"a0{n}-[a-z-]+{_sfx(lang, '-')}", qid) for qid in questions)
    assert read(questions_copy(n, lang)) == student_copy(key)
    copies = load_questions(questions_copy(n, lang))
    assert list(copies) == list(questions) and all(q.assessment for q in copies.values())
    assert {qid: q.kind for qid, q in copies.items()} == {qid: q.kind for qid, q in questions.items()}


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_the_students_copies_carry_nothing_of_the_keys(n, lang):
    copy = read(questions_copy(n, lang))
    assert copy["mode"] == "assessment" and copy["sources"] == {}
    for q in copy["questions"]:
        assert not KEY_FIELDS & set(q), q["id"]
    board = read(board_copy(n, lang))
    assert board["mode"] == "assessment" and board["sources"] == {} and "policy" not in board
    assert all(set(card) == {"label", "set"} for card in board["items"])
    shipped = {p.name for p in folder(n, lang).iterdir()}
    assert shipped == {f"{stem_of(n, lang)}.ipynb", board_copy(n, lang).name, questions_copy(n, lang).name}


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_each_bank_holds_at_least_twice_the_cards_shown(n, lang):
    key, copy = read(board_key(n, lang)), read(board_copy(n, lang))
    assert key["id"] == copy["id"] == f"lesson0{n}-assessment-board{_sfx(lang, '-')}"
    assert key["show"] == copy["show"] >= 4
    assert len(key["items"]) >= 2 * key["show"]
    assert [c["label"] for c in copy["items"]] == [c["label"] for c in key["items"]]
    assert key["bins"] == copy["bins"] and key["notebook"] == copy["notebook"] == stem_of(n, lang)


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_every_card_follows_a_clause_of_its_board(n, lang):
    doc = read(board_key(n, lang))
    if "show" not in TOP_FIELDS:  # until the loader knows "show" (the number of cards drawn)
        doc = {k: v for k, v in doc.items() if k != "show"}
    ex = parse_exercise(doc, board_key(n, lang))
    assert all(ex.clause(item) is not None for item in ex.items)
    used = {ex.clause_of[item.label] for item in ex.items}
    assert used == set(ex.clauses), "every clause decides at least one card"


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_each_student_draws_their_own_cards(n, lang):
    ex = load_exercise(board_key(n, lang))
    draws = {s: [i.label for i in ex.variant(s)] for s in STUDENTS}
    assert draws["ana"] == [i.label for i in load_exercise(board_key(n, lang)).variant("ana")]
    assert draws["ana"] != draws["ben"]
    assert len({tuple(d) for d in draws.values()}) > len(STUDENTS) * 0.9
    copy = load_exercise(board_copy(n, lang))
    assert all([i.label for i in copy.variant(s)] == draws[s] for s in STUDENTS), "the copy draws what the key grades"


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_each_bank_is_built_of_sets_with_one_card_per_bin(n, lang):
    key, copy = read(board_key(n, lang)), read(board_copy(n, lang))
    assert [c["set"] for c in key["items"]] == [c["set"] for c in copy["items"]]
    sets: dict = {}
    for card in key["items"]:
        assert isinstance(card["answer"], str), ("a card right in two bins", card["label"])
        sets.setdefault(card["set"], []).append(card["answer"])
    assert all(sorted(a) == sorted(key["bins"]) for a in sets.values()), sets
    shown = key["show"] // len(key["bins"])
    assert key["show"] % len(key["bins"]) == 0 and len(sets) >= 2 * shown
    assert len(sets) >= {4: 4, 5: 6, 6: 6}[n]


def one_bin_scores(n, students, lang="en") -> set:
    """What always choosing one bin scores, for each student and bin."""
    ex = load_exercise(board_key(n, lang))
    return {sum(b in item.answers for item in ex.variant(s)) / ex.show for s in students for b in ex.bins}


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_always_choosing_one_bin_scores_the_same_for_everybody(n, lang):
    bins = len(read(board_key(n, lang))["bins"])
    assert one_bin_scores(n, STUDENTS + [f"id{i}" for i in range(200)], lang) == {1 / bins}


#: Words a student could sort by without reading the card: each points at one bin.
KEYWORDS = {
    4: {
        "degree": ["friends", "friendship", "contacts", "most", "tied to", "know", "how many"],
        "distance": ["step", "hand-off", "path", "reach", "introduc", "pass", "news", "rumour", "in touch", "away"],
        "community": ["group", "circle", "together", "close-knit", "split", "team", "among themselves", "table"],
    },
    5: {
        "strong": [
            "best friend",
            "every day",
            "secret",
            "couple",
            "years",
            "sibling",
            "live together",
            "always",
            "confide",
            "family",
        ],
        "weak": [
            "once",
            "online",
            "met ",
            "forum",
            "colleague",
            "neighbour",
            "linkedin",
            "former",
            "party",
            "parties",
            "hairdresser",
            "friend of a friend",
        ],
    },
    6: {
        "lost": ["only", "no other", "never"],
        "survives": ["also", "and on", "too", "both", " and follow", " and send"],
    },
}


def keyword_score(doc: dict, words: dict) -> float:
    """The share of a bank a keyword sorter gets right: the bin whose words a card holds most
    (a card with none, or a draw, counts as a guess among the bins)."""
    roles = doc["policy"]["bins"]
    total = 0.0
    for card in doc["items"]:
        text = card["label"].lower()
        hits = {role: sum(text.count(w) for w in ws) for role, ws in words.items()}
        best = max(hits.values())
        top = [r for r, h in hits.items() if h == best]
        right = card["answer"] if isinstance(card["answer"], list) else [card["answer"]]
        if best == 0 or len(top) > 1:
            total += sum(roles[r] in right for r in roles) / len(roles)
        else:
            total += roles[top[0]] in right
    return total / len(doc["items"])


@pytest.mark.parametrize("n", LESSONS)
def test_keywords_do_not_give_the_answer(n):
    doc = read(board_key(n))
    chance = 1 / len(doc["bins"])
    assert keyword_score(doc, KEYWORDS[n]) <= chance + 0.1, keyword_score(doc, KEYWORDS[n])
    fooled = dict(
        doc,
        items=[
            dict(
                c,
                answer=doc["policy"]["bins"][
                    max(KEYWORDS[n], key=lambda r: sum(c["label"].lower().count(w) for w in KEYWORDS[n][r]))
                ],
            )
            for c in doc["items"]
        ],
    )
    assert keyword_score(fooled, KEYWORDS[n]) > chance + 0.1, "the measure can tell a keyword bank"


def test_lesson5_keys_follow_granovetter_and_lesson6_counts_face_to_face():
    five = read(board_key(5))
    assert {c["clause"] for c in five["items"]} == {"S51", "W51"}
    for card in five["items"]:
        assert not re.search(r"\bnod|\bonce last year|never really talked", card["label"]), card["label"]
    six = read(board_key(6))
    f61 = next(c for c in six["policy"]["clauses"] if c["id"] == "F61")
    assert f61["right"] == ["survives"]
    for card in six["items"]:
        if card["clause"] == "L61":
            assert re.search(r"never (meet|met)|have never met", card["label"]), card["label"]
    assert sum(c["clause"] == "K62" for c in six["items"]) <= 2, "few cards whose tie never lived on the medium"


# -- notebooks ------------------------------------------------------------------------------


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_the_notebook_is_an_nbgrader_assignment_with_one_grade_cell_per_exercise(n, lang):
    nb, stem = notebook(n, lang), stem_of(n, lang)
    questions = load_questions(questions_key(n, lang))
    show = read(board_key(n, lang))["show"]
    grades = {}
    for cell in nb["cells"]:
        meta = cell["metadata"]["nbgrader"]
        assert meta["grade_id"] == cell["id"]
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
        if meta["grade"]:
            assert meta["locked"] and not meta["solution"]
            found = re.search(r'graded_outside\("([^"]+)"\)', text(cell))
            assert text(cell) == GRADE_CELL.format(id=found.group(1), comment=GRADED_COMMENT[lang])
            grades[found.group(1)] = meta["points"]
    assert grades == {f"lesson0{n}-assessment-board{_sfx(lang, '-')}": show, **{qid: 1 for qid in questions}}
    intro = text(nb["cells"][0])
    spoken = "" if lang == "en" else f', language="{lang}"'
    if lang == "en":
        assert f"**Points:** {sum(grades.values())} " in intro
        assert RULE.format(stem=stem) in intro
        assert "Each student has their own network" in intro and "their own cards" in intro
    else:
        assert f"**Punti:** {sum(grades.values())} " in intro
        assert RULE_IT.format(stem=stem) in intro
        assert "Ogni studente ha la sua rete" in intro and "le sue schede" in intro
    setup = text(next(c for c in nb["cells"] if c["id"] == "setup"))
    assert f'AnswerStore("{stem}", folder=".")' in setup
    assert f"record = Recorder(answers, questions=QUESTIONS{spoken})" in setup
    assert f'QUESTIONS = "{questions_copy(n, lang).name}"' in setup
    board = text(next(c for c in nb["cells"] if c["id"] == "board"))
    assert f'SortingBoard.from_exercise("{board_copy(n, lang).name}", answers=answers{spoken})' in board


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_each_question_is_shown_then_answered_then_graded(n, lang):
    cells = {c["id"]: c for c in notebook(n, lang)["cells"]}
    ids = [c["id"] for c in notebook(n, lang)["cells"]]
    for qid in load_questions(questions_key(n, lang)):
        cid = qid.removesuffix("-it")  # the cells keep the English grade ids in every language
        assert ids.index(f"{cid}-ask") + 1 == ids.index(f"{cid}-answer") == ids.index(f"{cid}-points") - 1
        assert text(cells[f"{cid}-ask"]) == f'ask("{qid}", QUESTIONS)'
        answer = cells[f"{cid}-answer"]
        assert answer["metadata"]["nbgrader"]["solution"] and not answer["metadata"]["nbgrader"]["locked"]
        assert text(answer).startswith("### BEGIN SOLUTION\n")
        assert text(answer).endswith(f'### END SOLUTION\nrecord("{qid}", answer)')


# -- each student's own questions --------------------------------------------------------


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_two_students_get_different_people_and_answers(n, lang):
    ana, ben = bound(n, "ana", lang), bound(n, "ben", lang)
    named = [qid for qid, q in ana.items() if q.roles]
    assert named and any(ana[q].prompt != ben[q].prompt for q in named)
    assert any(ana[q].answers() != ben[q].answers() for q in ana if ana[q].network)
    prompts = {s: tuple(q.prompt for q in bound(n, s, lang).values()) for s in STUDENTS}
    assert len(set(prompts.values())) > len(STUDENTS) * 0.9


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_the_key_and_the_copy_show_a_student_the_same_question(n, lang):
    copies = load_questions(questions_copy(n, lang))
    for s in ("ana", "ben", "student007"):
        for qid, q in bound(n, s, lang).items():
            mine = copies[qid].for_student(s)
            assert (mine.prompt, mine.options, mine.names) == (q.prompt, q.options, q.names)


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_every_question_has_exactly_one_answer_for_every_student(n, lang):
    for s in STUDENTS:
        for qid, q in bound(n, s, lang).items():
            accepted = q.key().accepted
            if q.compute and q.compute["measure"] == "community_members":
                others, members = accepted  # the others, or the others with the person named
                assert members - others == {q.names["person"]}, (s, qid)
            else:
                assert len(accepted) == 1, (s, qid, accepted)


def test_a_student_s_questions_and_answers_are_the_same_in_another_process():
    code = (
        "import json\n"
        "from smlessons.exercises import load_questions\n"
        f"paths = {[str(questions_key(n)) for n in LESSONS]!r}\n"
        "out = {}\n"
        "for p in paths:\n"
        "    for qid, q in load_questions(p).items():\n"
        "        q = q.for_student('ana')\n"
        "        out[qid] = [q.prompt, q.options, q.answers()]\n"
        "print(json.dumps(out))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "7", "PYTHONPATH": str(ROOT)}
    there = json.loads(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    )
    here = {qid: [q.prompt, q.options, q.answers()] for n in LESSONS for qid, q in bound(n, "ana").items()}
    assert there == json.loads(json.dumps(here))


# -- the notebook's own solutions, graded -----------------------------------------------

# Until Recorder takes questions= (it reads each question's kind from the file), the
# notebook's Recorder is given the same kinds through expects=; the branch then goes unused.
_RECORDER_BRIDGE = """
import inspect
from smlessons.exercises import recorder as assessment
if "questions" not in inspect.signature(assessment.Recorder.__init__).parameters:
    from smlessons.exercises import question_kinds
    _init = assessment.Recorder.__init__
    def _with_questions(self, answers=None, *, expects=None, questions=None):
        _init(self, answers, expects={**(question_kinds(questions) if questions else {}), **(expects or {})})
    assessment.Recorder.__init__ = _with_questions
"""


def run_solutions(n: int, student: str, where: Path, lang: str = "en") -> dict:
    """Run the notebook's setup, question and answer cells for `student`; return the answer file."""
    for path in (questions_copy(n, lang), board_copy(n, lang)):
        (where / path.name).write_bytes(path.read_bytes())
    keep = [
        c
        for c in notebook(n, lang)["cells"]
        if c["cell_type"] == "code" and (c["id"] == "setup" or c["id"].endswith(("-ask", "-answer")))
    ]
    script = _RECORDER_BRIDGE + "\n\n".join(text(c) for c in keep)
    env = {**os.environ, "SMLESSONS_STUDENT": student, "PYTHONPATH": str(ROOT)}
    env.pop("SMLESSONS_ANSWERS_DIR", None)
    done = subprocess.run([sys.executable, "-c", script], cwd=where, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "cannot be graded" not in done.stdout and "Not recorded" not in done.stdout, done.stdout
    assert lang == "en" or "Recorded" not in done.stdout, done.stdout  # the recorder speaks the notebook's language
    return read(where / f"{stem_of(n, lang)}.answers.json")["exercises"]


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_the_notebook_s_solutions_are_right_for_their_student_only(n, lang, tmp_path):
    from smlessons.exercises.answers import revive

    recorded = run_solutions(n, "ada", tmp_path, lang)
    questions = load_questions(questions_key(n, lang))
    assert set(recorded) == set(questions)
    ada = {qid: q.for_student("ada").evaluate(revive(recorded[qid]["answer"])) for qid, q in questions.items()}
    assert all(v.correct for v in ada.values()), {qid: str(v) for qid, v in ada.items() if not v.correct}
    bo = {qid: q.for_student("bo").evaluate(revive(recorded[qid]["answer"])).correct for qid, q in questions.items()}
    assert not all(bo.values()), "another student's key grades Ada's answers right: they are not her own"


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_hints_call_only_what_the_student_s_notebook_defines(n, lang):
    """A hint names functions the released notebook imports (solutions are removed from it),
    and, for a question on the student's own network, the student's own people."""
    import ast
    import builtins

    names = set()
    for cell in notebook(n, lang)["cells"]:
        if cell["cell_type"] != "code" or cell["metadata"]["nbgrader"]["solution"]:
            continue
        for node in ast.walk(ast.parse(text(cell))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    for qid, q in bound(n, "ana", lang).items():
        made = set(re.findall(r"\b(\w+) = ", q.hint))
        for func, arg in re.findall(r"(?<![\w.])(\w+)\((\w*)", q.hint):
            assert func in names | made or hasattr(builtins, func), (qid, func)
            if arg and arg[0].isupper():
                assert arg in names | made, (qid, arg)
        for dotted in re.findall(r"(?<![\w.])(\w+)\.\w+\(", q.hint):
            assert dotted in names | made, (qid, dotted)
        assert "{" not in q.hint and "{" not in q.prompt, qid


# -- every key, recomputed with plain networkx --------------------------------------------

MANY = [f"check{i:03d}" for i in range(60)]


def _tie(text: str) -> tuple:
    return tuple(text.split("\u2013"))


def _media_key(M, q, names):
    """The answer of a lesson 6 question, from the multiplex's ties and media alone."""
    import networkx as nx

    media = list(M.graph["media"])
    on = {frozenset(e): tuple(d["platform"]) for *e, d in M.edges(data=True)}

    def without(m):
        H = nx.Graph()
        H.add_nodes_from(M)
        H.add_edges_from(tuple(e) for e, ms in on.items() if set(ms) - {m})
        return H

    def cut_off(m):
        H = without(m)
        main = max(nx.connected_components(M), key=len)
        pieces = sorted((c & main for c in nx.connected_components(H) if c & main), key=len, reverse=True)
        return frozenset(main - pieces[0])

    measure = q.compute["measure"]
    if measure == "tie_media":
        return frozenset(on[frozenset(_tie(names["tie"]))])
    if measure == "best_medium":
        p = names["person"]
        counts = {m: sum(m in on[frozenset((p, f))] for f in M[p]) for m in media}
        best = max(counts.values())
        return [m for m in media if counts[m] == best]
    if measure == "tie_after_closing":
        ms, m = on[frozenset(_tie(names["tie"]))], names["medium"]
        return "c" if m not in ms else ("a" if set(ms) == {m} else "b")
    if measure == "cut_off_by_medium":
        return cut_off(names["medium"])
    if measure == "most_cut_off":
        sizes = {m: len(cut_off(m)) for m in media}
        return [m for m in media if sizes[m] == max(sizes.values())]
    if measure == "most_overlap":
        jac = {}
        for i, a in enumerate(media):
            for b in media[i + 1 :]:
                both = sum(a in ms and b in ms for ms in on.values())
                either = sum(a in ms or b in ms for ms in on.values())
                jac[frozenset((a, b))] = both / either if either else 0
        return [pair for pair, v in jac.items() if v == max(jac.values())]
    raise AssertionError(f"no independent check for {measure}")


def _network_key(G, q, names):
    """The answer of a lesson 4 or 5 question, from networkx alone."""
    import networkx as nx

    measure = q.compute["measure"]
    if measure == "most_central":
        score = dict(G.degree()) if q.compute["by"] == "degree" else nx.betweenness_centrality(G)
        best = max(score.values())
        return [p for p, v in score.items() if abs(v - best) < 1e-9]
    if measure == "degree":
        return float(G.degree(names["person"]))
    if measure == "distance":
        return float(nx.shortest_path_length(G, names["source"], names["target"]))
    if measure == "community_members":
        p = names["person"]
        return frozenset(x for x in G if G.nodes[x]["group"] == G.nodes[p]["group"]) - {p}
    if measure == "closer":
        d1 = nx.shortest_path_length(G, names["source"], names["first"])
        d2 = nx.shortest_path_length(G, names["source"], names["second"])
        return "a" if d1 < d2 else "b" if d2 < d1 else "c"
    if measure == "degree_sum":
        return float(2 * G.number_of_edges())
    if measure == "bridge":
        return [frozenset(e) for e in nx.bridges(G)]
    if measure in ("tie_type", "span"):
        u, v = _tie(names["tie"])
        H = G.copy()
        H.remove_edge(u, v)
        span = nx.shortest_path_length(H, u, v) if nx.has_path(H, u, v) else None
        if measure == "span":
            return float(span)
        return "a" if set(G[u]) & set(G[v]) else ("c" if span is None else "b")
    if measure == "cut_off_by_bridge":
        H = G.copy()
        H.remove_edges_from(list(nx.bridges(G)))
        return frozenset(G) - nx.node_connected_component(H, names["person"])
    raise AssertionError(f"no independent check for {measure}")


@pytest.mark.parametrize("n, lang", VERSIONS, ids=version_id)
def test_every_key_matches_plain_networkx_for_many_students(n, lang):
    from smlessons.datasets.multiplex import student_multiplex
    from smlessons.datasets.networks import student_network

    questions = load_questions(questions_key(n, lang))
    for s in MANY:
        G = student_multiplex(s) if n == 6 else student_network(s)
        for qid, q in questions.items():
            b = q.for_student(s)
            accepted = b.key().accepted
            if not b.network:  # the same for everyone: a literal answer
                assert accepted == ("a",), (s, qid)
                continue
            mine = (_media_key if n == 6 else _network_key)(G, b, b.names or {})
            if q.compute["measure"] == "community_members":
                assert accepted[0] == mine, (s, qid)
            elif isinstance(mine, list):
                assert len(mine) == 1 and accepted == tuple(mine), (s, qid, accepted, mine)
            else:
                assert accepted == (mine,), (s, qid, accepted, mine)


def test_the_span_question_asks_only_about_ties_whose_ends_share_no_friend():
    from smlessons.datasets.networks import student_network

    spans = []
    for s in MANY:
        q = load_questions(questions_key(5))["a05-span"].for_student(s)
        u, v = _tie(q.names["tie"])
        G = student_network(s)
        assert not set(G[u]) & set(G[v]), (s, u, v)
        spans.append(q.key().accepted[0])
    assert min(spans) >= 3 and len(set(spans)) > 1, "the answer is not the same for everybody"


def test_at_least_half_of_each_lesson_s_questions_ask_to_predict_or_explain():
    for n in LESSONS:
        levels = [q.level for q in load_questions(questions_key(n)).values()]
        assert sum(lv != "lookup" for lv in levels) * 2 >= len(levels), (n, levels)


def test_the_notebooks_say_the_network_is_invented_and_lesson5_does_not_colour_by_betweenness():
    said = {
        "en": "`{g}` is invented for practice: a made-up class drawn from your student id; it describes nobody.",
        "it": "`{g}` è inventata per esercitarsi: una classe immaginaria generata a partire dal tuo ID studente; "
        "non descrive nessuno.",
    }
    for n, lang in VERSIONS:
        words = " ".join(text(c) for c in notebook(n, lang)["cells"])
        g = "M" if n == 6 else "G"
        assert said[lang].format(g=g) in words, (n, lang)
    assert "betweenness" not in text(next(c for c in notebook(5)["cells"] if c["id"] == "network"))


# -- the Italian assignments: the English ones translated ---------------------------------------


def _english_ids(n) -> list[str]:
    return [read(board_key(n))["id"], *(q["id"] for q in read(questions_key(n))["questions"])]


@pytest.mark.parametrize("n", sorted(LESSONS_IT))
def test_the_italian_keys_are_the_english_keys_translated(n):
    stem = stem_of(n, "it")
    assert italian_assessments.board_problems(board_key(n), board_key(n, "it"), stem) == []
    assert italian_assessments.questions_problems(questions_key(n), questions_key(n, "it"), stem) == []


@pytest.mark.parametrize("n", sorted(LESSONS_IT))
def test_the_italian_notebook_is_the_english_one_cell_by_cell(n):
    problems = italian_assessments.notebook_problems(notebook_path(n), notebook_path(n, "it"), n, _english_ids(n))
    assert problems == []


@pytest.mark.parametrize("n", sorted(LESSONS_IT))
def test_an_italian_student_is_asked_and_told_in_italian(n):
    """The Italian key asks on the student's own network as the English one does (same network,
    roles and measure: the people named are drawn per question id, so they may differ), and its
    prompts and verdicts are Italian."""
    en_questions, it_questions = load_questions(questions_key(n)), load_questions(questions_key(n, "it"))
    for qid, q in en_questions.items():
        mine = it_questions[f"{qid}-it"]
        assert (mine.network, mine.compute, mine.roles, mine.kind) == (q.network, q.compute, q.roles, q.kind), qid
    for s in ("ana", "ben"):
        for qid, q in bound(n, s, "it").items():
            right = q.answer if q.kind == "choice" and not q.compute else q.key().accepted[0]
            verdict = str(q.evaluate(right))
            assert q.language == "it" and "Giusto" in verdict and "Right" not in verdict, (s, qid, verdict)
