"""Checks that an Italian sample assessment is its English one translated, and nothing else.

An Italian assignment (``instructors/source/lessonN-it``) is the English one
(``lessonN``) under Italian names: its keys are ``*_it.json`` with ids
``*-it`` and ``"lang": "it"`` (a board's file has no ``lang`` field: its
language is the notebook's), every question id ``*-it``; its notebook has
the same cells in the same order, with the same nbgrader metadata (grade
ids, points, locks), and code that differs from the English only by those
names, ``language="it"``, the comments and the prose in its strings. Every student-facing text is
translated; answers, options order, clauses, sets and sources are the
English ones. Used by tests/test_assessments_lessons_1_3.py and 4_6.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

#: Text fields of a key that the student reads (translated), per kind of file.
BOARD_TEXT = ("title", "prompt")
ITEM_TEXT = ("label", "explanation")
QUESTION_TEXT = ("prompt", "explanation", "hint")


def read(path: Path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _source_key(source) -> str:
    return source if isinstance(source, str) else source["key"]


def _numbers(text: str) -> list[str]:
    """The numbers of a text, separators dropped (``3,000`` and ``3.000`` are both ``3000``)."""
    return sorted(re.sub(r"[.,]", "", m) for m in re.findall(r"\d+(?:[.,]\d{3})*", text))


def translated(en: str, it: str, where: str) -> list[str]:
    """A problem if the Italian text is empty, the English one, or states other numbers."""
    if not isinstance(it, str) or not it.strip():
        return [f"{where}: empty"]
    if it == en and len(en.split()) > 2:
        return [f"{where}: left in English: {en[:60]!r}"]
    if _numbers(en) != _numbers(it):
        return [f"{where}: numbers {_numbers(en)} in English, {_numbers(it)} in Italian"]
    return []


def board_problems(en_path, it_path, it_notebook: str, code_labels: bool = False) -> list[str]:
    """`code_labels`: the cards are Python expressions (lesson 2), the same in both languages."""
    en, it = read(en_path), read(it_path)
    problems = []
    if it.get("id") != f"{en['id']}-it" or it.get("notebook") != it_notebook:
        problems.append(f"id {it.get('id')!r} / notebook {it.get('notebook')!r}")
    if (it.get("show"), len(it["bins"]), len(it["items"])) != (en.get("show"), len(en["bins"]), len(en["items"])):
        problems.append("show, bins or the number of cards differ")
    if [_source_key(s) for s in it["sources"]] != [_source_key(s) for s in en["sources"]]:
        problems.append("sources differ")
    for field in BOARD_TEXT:
        problems += translated(en[field], it[field], field)
    roles_en = {label: role for role, label in en["policy"]["bins"].items()}
    roles_it = {label: role for role, label in it["policy"]["bins"].items()}
    if sorted(roles_en.values()) != sorted(roles_it.values()):
        problems.append("the policy's bins differ")
    if [roles_en[b] for b in en["bins"]] != [roles_it.get(b) for b in it["bins"]]:
        problems.append("the bins are not the policy's, in the English order")
    en_clauses = {c["id"]: c for c in en["policy"]["clauses"]}
    it_clauses = {c["id"]: c for c in it["policy"]["clauses"]}
    if list(en_clauses) != list(it_clauses):
        problems.append(f"clauses {list(it_clauses)} instead of {list(en_clauses)}")
    for cid in set(en_clauses) & set(it_clauses):
        a, b = en_clauses[cid], it_clauses[cid]
        if (a["right"], a["source"]) != (b["right"], b["source"]):
            problems.append(f"clause {cid}: right bins or source differ")
        for field in ("name", "text"):
            problems += translated(a[field], b[field], f"clause {cid}.{field}")
    for i, (a, b) in enumerate(zip(en["items"], it["items"])):
        where = f"card {i} ({a['label'][:30]!r})"
        for field in ("clause", "source", "set"):
            if a.get(field) != b.get(field):
                problems.append(f"{where}: {field} {b.get(field)!r}, English {a.get(field)!r}")
        answers = lambda x, roles: [roles.get(v) for v in ([x] if isinstance(x, str) else x)]  # noqa: E731
        if answers(a["answer"], roles_en) != answers(b["answer"], roles_it):
            problems.append(f"{where}: another answer")
        if code_labels and a["label"] != b["label"]:
            problems.append(f"{where}: the expression differs from the English")
        for field in ITEM_TEXT[code_labels:]:
            problems += translated(a[field], b[field], f"{where}.{field}")
    return problems


def questions_problems(en_path, it_path, it_notebook: str) -> list[str]:
    en, it = read(en_path), read(it_path)
    problems = []
    if (it.get("id"), it.get("lang"), it.get("notebook")) != (f"{en['id']}-it", "it", it_notebook):
        problems.append(f"id, lang or notebook: {(it.get('id'), it.get('lang'), it.get('notebook'))}")
    if [_source_key(s) for s in it["sources"]] != [_source_key(s) for s in en["sources"]]:
        problems.append("sources differ")
    problems += translated(en["title"], it["title"], "title")
    if [f"{q['id']}-it" for q in en["questions"]] != [q["id"] for q in it["questions"]]:
        problems.append("the question ids are not the English ones + '-it', in order")
    for a, b in zip(en["questions"], it["questions"]):
        if set(a) != set(b):
            problems.append(f"{b['id']}: fields {sorted(set(a) ^ set(b))} differ")
        for field in set(a) - {"id", *QUESTION_TEXT, "options", "feedback"}:
            if a[field] != b.get(field):
                problems.append(f"{b['id']}: {field} {b.get(field)!r}, English {a[field]!r}")
        for field in QUESTION_TEXT:
            if field in a:
                problems += translated(a[field], b.get(field), f"{b['id']}.{field}")
        for field in ("options", "feedback"):
            if field in a:
                if list(a[field]) != list(b.get(field, {})):
                    problems.append(f"{b['id']}: {field} keys or order differ")
                for k in a[field]:
                    problems += translated(a[field][k], b.get(field, {}).get(k), f"{b['id']}.{field}.{k}")
    return problems


def _is_comment(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith("#") and not stripped.startswith("###")


def english_code(code: str, n: int, en_stem: str, it_stem: str, ids) -> str:
    """An Italian code cell with the Italian names put back: what the English cell must be."""
    code = code.replace(', language="it"', "").replace('language="it"', "")
    code = code.replace(f"lesson{n:02d}_assessment_board_it.json", f"lesson{n:02d}_assessment_board.json")
    code = code.replace(f"lesson{n:02d}_assessment_questions_it.json", f"lesson{n:02d}_assessment_questions.json")
    code = code.replace(f'AnswerStore("{it_stem}"', f'AnswerStore("{en_stem}"')
    for exercise in ids:
        code = code.replace(f'("{exercise}-it"', f'("{exercise}"')
    return code


def tokens(code: str) -> list:
    """The code's tokens, comments left out and prose (a string with a space in it) as one placeholder:
    what must be the same in both languages."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER):
            continue
        if tok.type == tokenize.STRING and " " in tok.string:
            out.append((tok.type, "<prose>"))
        elif tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1) and " " in tok.string:
            out.append((tok.type, "<prose>"))
        else:
            out.append((tok.type, tok.string))
    return out


def notebook_problems(en_path, it_path, n: int, ids) -> list[str]:
    """`ids`: the English exercise ids (board and questions)."""
    en, it = read(en_path), read(it_path)
    en_stem, it_stem = Path(en_path).stem, Path(it_path).stem
    problems = []
    if it["metadata"].get("smlessons") != {"language": "it"} or "smlessons" in en["metadata"]:
        problems.append("the Italian notebook's metadata must say smlessons.language = it (the English none)")
    if len(en["cells"]) != len(it["cells"]):
        return problems + [f"{len(it['cells'])} cells, English {len(en['cells'])}"]
    for i, (a, b) in enumerate(zip(en["cells"], it["cells"])):
        where = f"cell {i} ({a['metadata'].get('nbgrader', {}).get('grade_id', a.get('id'))})"
        if (a["cell_type"], a["metadata"], a.get("id")) != (b["cell_type"], b["metadata"], b.get("id")):
            problems.append(f"{where}: type, id or nbgrader metadata differ")
            continue
        ta, tb = "".join(a["source"]), "".join(b["source"])
        if a["cell_type"] == "markdown":
            problems += translated(ta, tb, where)
            continue
        la, lb = ta.splitlines(), tb.splitlines()
        if [_is_comment(x) for x in la] != [_is_comment(x) for x in lb]:
            problems.append(f"{where}: comment lines differ from the English ones")
        english_names = [f'("{e}"' for e in ids] + [
            f"lesson{n:02d}_assessment_{k}.json" for k in ("board", "questions")
        ]
        same = tokens(english_code(tb, n, en_stem, it_stem, ids)) == tokens(ta)
        if not same or any(x in tb for x in english_names):
            problems.append(f"{where}: code differs from the English beyond Italian names and language")
        for x, y in zip(la, lb):
            if _is_comment(x) and x == y and len(x.split()) > 3:
                problems.append(f"{where}: comment left in English: {x!r}")
    return problems


def question_cells_problems(it_path, questions_path) -> list[str]:
    """Each question's markdown cell in the notebook shows its prompt and options as the file has them."""
    text = "\n".join("".join(c["source"]) for c in read(it_path)["cells"] if c["cell_type"] == "markdown")
    problems = []
    for q in read(questions_path)["questions"]:
        if q["prompt"] not in text:
            problems.append(f"{q['id']}: the prompt is not in the notebook")
        for k, option in q.get("options", {}).items():
            if f"- **({k})** {option}" not in text:
                problems.append(f"{q['id']}: option {k} is not in the notebook")
    return problems
