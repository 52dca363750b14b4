"""Each Italian notebook, tied to its English source cell by cell.

The lessons manifest (``smlessons/content/lessons.json``) says which Italian
notebook translates which English one. Inside the Italian notebook, every
cell says where it comes from, in its metadata::

    "metadata": {"smlessons": {"source_cell": "<id of the English cell>",
                               "source_sha256": "<SHA-256 of that cell's source>"}}

The hash is the English cell's source (its lines joined, UTF-8) as it was
when the Italian cell was last brought up to date. When someone edits the
English cell, its hash no longer matches and ``tests/test_italian_pairs.py``
fails, naming the notebook and the cell: update the Italian cell, have it
reviewed, then record that it is up to date again with::

    make it-sync NB=notebooks/it/01-media-e-reti.ipynb              # every paired cell
    make it-sync NB=notebooks/it/01-media-e-reti.ipynb CELLS="it-05"  # only these cells

(``python tests/italian_pairs.py refresh NOTEBOOK [CELL_ID ...]`` without
make). Refreshing says "this Italian cell now says what the English says":
run it only after updating the Italian.

A cell that exists only in Italian (a note for Italian readers) says so,
with a reason, instead of naming a source::

    "metadata": {"smlessons": {"italian_only": "why the English has no such cell"}}

An English cell that is deliberately left out of the Italian notebook is
listed, with a reason, in the Italian notebook's own metadata::

    "metadata": {"smlessons": {"english_only": {"<English cell id>": "why"}}}

Code cells must do the same thing in both languages. An Italian code cell
may differ from its English source only in its *language arguments*; they
are the same code when, token by token (:func:`same_code`):

- comments are ignored (they are prose, and translated);
- a ``language="xx"`` keyword argument is ignored, with its comma;
- a string literal with whitespace in it is prose (a title, a prompt, a
  card's label or explanation) and may be translated: any such literal
  matches any other, but a prose literal never matches a non-prose one;
- any other string literal (an exercise or question id, a file name, a
  platform's name) must be the English one, or the English one followed by
  ``-it`` (question and exercise ids) or ``_it`` (exercise file names);
- an f-string's text is prose, but the code in its braces (each
  expression, conversion and format spec, in order) follows these rules;
- a variable the English notebook assigns (``board = ...``) may have an
  Italian name (``esercizio = ...``), provided the renaming is the same in
  every code cell of the notebook and two English names never share one
  Italian name; everything else (functions, attributes, keywords, numbers,
  operators) must be identical.

The first cells were paired by position, once, with
``python tests/italian_pairs.py pair NOTEBOOK`` (it refuses when the two
notebooks' cells do not line up).
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import keyword
import sys
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KEY = "smlessons"
SUFFIXES = ("-it", "_it")
REFRESH = "make it-sync NB={notebook}"


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


def sha256(cell: dict) -> str:
    """The hash an Italian cell stores of its English source.

    >>> sha256({"source": ["a\\n", "b"]}) == sha256({"source": "a\\nb"})
    True
    """
    return hashlib.sha256(source(cell).encode("utf-8")).hexdigest()


def read(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write(path: Path, nb: dict) -> None:
    """Write as Jupyter and nbformat do (one-space indent, sorted keys, UTF-8)."""
    Path(path).write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def rel(path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def pairs(language: str = "it") -> list[tuple[Path, Path]]:
    """``(English notebook, translated notebook)`` for every lesson of the manifest that has `language`."""
    from smlessons.content.lessons import load_lessons

    return [
        (NOTEBOOKS / e.languages["en"].notebook, NOTEBOOKS / e.languages[language].notebook)
        for e in load_lessons()
        if language in e.languages
    ]


def english_of(italian: Path, language: str = "it") -> Path:
    for en, it in pairs(language):
        if it.resolve() == Path(italian).resolve():
            return en
    raise SystemExit(
        f"{rel(italian)} is not a translated notebook of the lessons manifest (smlessons/content/lessons.json)"
    )


# ---------------------------------------------------------------------------
# code cells: the same code beyond language arguments


@dataclass
class Renames:
    """The Italian names given to the English notebook's variables, shared by its code cells."""

    assigned: frozenset[str]
    names: dict[str, str] = field(default_factory=dict)


def assigned_names(sources) -> frozenset[str]:
    """The variables the English code assigns (the names that may be translated).

    >>> sorted(assigned_names(["board = make()", "for x in y: pass", "f(z)"]))
    ['board', 'x']
    """
    names = set()
    for src in sources:
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return frozenset(names)


_SKIP = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
_CLOSE = {")", "]", "}"}


def _literal_kind(text: str) -> tuple[str, str]:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        value = text
    value = value if isinstance(value, str) else repr(value)
    return ("prose", "") if any(c.isspace() for c in value) else ("str", value)


def _is_fstring(literal: str) -> bool:
    return "f" in literal[: min(literal.find(q) for q in "'\"" if q in literal)].lower()


def _fstring_tokens(literal: str, line: int) -> list[tuple[str, str, int]]:
    """An f-string as tokens: one prose token for its text, then the code in its braces.

    >>> [t[:2] for t in _fstring_tokens('f"{n:.1f} people, {f(x)!r}"', 1)]  # doctest: +NORMALIZE_WHITESPACE
    [('prose', ''), ('op', '{'), ('name', 'n'), ('op', ':'), ('str', '.1f'), ('op', '}'),
     ('op', '{'), ('name', 'f'), ('op', '('), ('name', 'x'), ('op', ')'), ('op', '!r'), ('op', '}')]
    """
    try:
        node = ast.parse(literal.strip(), mode="eval").body
    except SyntaxError as exc:
        raise ValueError(f"cannot read the code: {exc}") from None
    out = [("prose", "", line)]

    def braces(joined: ast.JoinedStr, spec: bool) -> None:
        for part in joined.values:
            if isinstance(part, ast.FormattedValue):
                out.append(("op", "{", line))
                out.extend((kind, value, line) for kind, value, _ in code_tokens(ast.unparse(part.value))[:-1])
                if part.conversion != -1:
                    out.append(("op", "!" + chr(part.conversion), line))
                if part.format_spec is not None:
                    out.append(("op", ":", line))
                    braces(part.format_spec, True)
                out.append(("op", "}", line))
            elif spec and part.value:  # a format spec's text is code (".1f"), not prose
                out.append(("str", str(part.value), line))

    if isinstance(node, ast.JoinedStr):
        braces(node, False)
    return out


def code_tokens(src: str) -> list[tuple[str, str, int]]:
    """The tokens that matter, as ``(kind, value, line)``: comments and ``language=`` arguments
    dropped, string literals classified as prose or not, f-strings as prose plus the code in
    their braces, a comma before a closing bracket dropped.

    >>> [t[:2] for t in code_tokens('f("a b", "x", language="it")  # hi')]
    [('name', 'f'), ('op', '('), ('prose', ''), ('op', ','), ('str', 'x'), ('op', ')'), ('newline', '')]
    """
    raw = []
    offsets = [0]  # where each line starts in src
    for text in src.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(text))
    depth, begin = 0, (0, 0)  # Python 3.12 and later split an f-string into tokens: read it whole
    try:
        for tok in tokenize.generate_tokens(io.StringIO(src).readline):
            if tok.type in _SKIP:
                continue
            line = tok.start[0]
            if sys.version_info >= (3, 12) and tok.type in (tokenize.FSTRING_START, tokenize.FSTRING_END):
                depth += 1 if tok.type == tokenize.FSTRING_START else -1
                if tok.type == tokenize.FSTRING_START and depth == 1:
                    begin = tok.start
                elif depth == 0:
                    (r0, c0), (r1, c1) = begin, tok.end
                    raw.extend(_fstring_tokens(src[offsets[r0 - 1] + c0 : offsets[r1 - 1] + c1], r0))
                continue
            if depth:
                continue
            if tok.type == tokenize.STRING:
                if _is_fstring(tok.string):
                    raw.extend(_fstring_tokens(tok.string, line))
                else:
                    raw.append((*_literal_kind(tok.string), line))
            elif tok.type == tokenize.NAME:
                raw.append(("keyword" if keyword.iskeyword(tok.string) else "name", tok.string, line))
            elif tok.type == tokenize.OP:
                raw.append(("op", tok.string, line))
            elif tok.type == tokenize.NEWLINE:
                raw.append(("newline", "", line))
            else:
                raw.append((tokenize.tok_name[tok.type].lower(), tok.string, line))
    except (tokenize.TokenError, SyntaxError) as exc:
        raise ValueError(f"cannot read the code: {exc}") from None
    out: list[tuple[str, str, int]] = []
    i = 0
    while i < len(raw):
        kind, value, _ = raw[i]
        nxt = raw[i + 1 : i + 3]
        if (
            kind == "name"
            and value == "language"
            and len(nxt) == 2
            and nxt[0][:2] == ("op", "=")
            and nxt[1][0] == "str"
            and (not out or out[-1][:2] in (("op", "("), ("op", ",")))
        ):
            i += 3  # the argument; its comma goes below
            if out and out[-1][:2] == ("op", ","):
                out.pop()
            elif i < len(raw) and raw[i][:2] == ("op", ","):
                i += 1
            continue
        if kind == "op" and value in _CLOSE and out and out[-1][:2] == ("op", ","):
            out.pop()
        out.append(raw[i])
        i += 1
    return out


def _show(token) -> str:
    kind, value, _ = token
    if kind == "prose":
        return "a string with spaces (prose)"
    if kind == "str":
        return f"the string {value!r}"
    if kind == "newline":
        return "the end of the line"
    return f"`{value}`"


def same_code(english: str, italian: str, renames: Renames | None = None) -> str | None:
    """None when `italian` is `english` beyond language arguments (see the module's rule);
    else what differs first.

    >>> same_code('ask("l1-x")', 'ask("l1-x-it")') is None
    True
    >>> same_code('ask("l1-x")', 'ask("l1-y-it")')
    "line 1: the English has the string 'l1-x', the Italian the string 'l1-y-it'"
    """
    renames = renames if renames is not None else Renames(assigned_names([english]))
    try:
        en, it = code_tokens(english), code_tokens(italian)
    except ValueError as exc:
        return str(exc)
    previous = ("op", "", 0)
    for a, b in zip(en, it):
        (ka, va, line), (kb, vb, _) = a, b
        attribute, previous = previous[:2] == ("op", "."), a
        if ka == kb == "prose":
            continue
        if ka == kb == "str" and vb in (va, *(va + s for s in SUFFIXES)):
            continue
        if ka == kb == "name" and va in renames.assigned and not attribute:
            taken = {it_: en_ for en_, it_ in renames.names.items()}
            if renames.names.get(va, vb) == vb and taken.get(vb, va) == va and vb not in renames.assigned - {va}:
                renames.names[va] = vb
                continue
            before = renames.names.get(va)
            why = (
                f"the English variable `{va}` is called `{before}` elsewhere in the Italian"
                if before and before != vb
                else f"the Italian name `{vb}` already stands for another English name"
            )
            return f"line {line}: {why}"
        if (ka, va) != (kb, vb):
            return f"line {line}: the English has {_show(a)}, the Italian {_show(b)}"
    if len(en) != len(it):
        longer, who = (en, "English") if len(en) > len(it) else (it, "Italian")
        extra = longer[min(len(en), len(it))]
        return f"line {extra[2]}: only the {who} goes on, with {_show(extra)}"
    return None


# ---------------------------------------------------------------------------
# a notebook pair


@dataclass
class Findings:
    """What is wrong with one Italian notebook, by kind; each entry a full sentence."""

    structure: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    paired: int = 0
    italian_only: int = 0
    english_only: int = 0


def check(en_nb: dict, it_nb: dict, en_name: str = "English", it_name: str = "Italian") -> Findings:
    """Every way the Italian notebook `it_nb` can be out of step with `en_nb`."""
    f = Findings()
    refresh = REFRESH.format(notebook=it_name)
    en_cells, it_cells = en_nb.get("cells", []), it_nb.get("cells", [])
    for nb, name in ((en_nb, en_name), (it_nb, it_name)):
        if (nb.get("nbformat"), nb.get("nbformat_minor", 0)) < (4, 5):
            f.structure.append(
                f"{name}: nbformat {nb.get('nbformat')}.{nb.get('nbformat_minor')} has no cell ids; 4.5 or later is needed"
            )
        for i, cell in enumerate(nb.get("cells", [])):
            if not cell.get("id"):
                f.structure.append(f"{name}: cell {i} has no id")
    by_id = {c.get("id"): (i, c) for i, c in enumerate(en_cells)}
    english_only = it_nb.get("metadata", {}).get(KEY, {}).get("english_only", {})
    if not isinstance(english_only, dict):
        f.structure.append(f"{it_name}: metadata.{KEY}.english_only must map English cell ids to reasons")
        english_only = {}
    for cid, reason in english_only.items():
        if cid not in by_id:
            f.structure.append(
                f"{it_name}: metadata.{KEY}.english_only names cell {cid!r}, which {en_name} does not have"
            )
        if not isinstance(reason, str) or not reason.strip():
            f.structure.append(f"{it_name}: metadata.{KEY}.english_only[{cid!r}] gives no reason")
    f.english_only = len(english_only)

    seen: dict[str, str] = {}
    last = -1
    en_code = [source(c) for c in en_cells if c.get("cell_type") == "code"]
    renames = Renames(assigned_names(en_code))
    for i, cell in enumerate(it_cells):
        cid = cell.get("id", f"#{i}")
        where = f"{it_name} cell {cid}"
        meta = cell.get("metadata", {}).get(KEY)
        if not isinstance(meta, dict) or not ({"source_cell", "italian_only"} & meta.keys()):
            f.structure.append(
                f"{where} names no English source: give it metadata.{KEY}.source_cell and source_sha256 "
                f"(python tests/italian_pairs.py pair, for a new notebook), or metadata.{KEY}.italian_only with a reason"
            )
            continue
        if "italian_only" in meta:
            if "source_cell" in meta:
                f.structure.append(f"{where} has both italian_only and source_cell: keep one")
            elif not isinstance(meta["italian_only"], str) or not meta["italian_only"].strip():
                f.structure.append(f"{where} is marked italian_only without a reason")
            else:
                f.italian_only += 1
            continue
        src_id = meta["source_cell"]
        if src_id not in by_id:
            f.structure.append(f"{where} names English cell {src_id!r}, which {en_name} does not have")
            continue
        j, en_cell = by_id[src_id]
        ewhere = f"English cell {src_id} ({en_name})"
        if src_id in seen:
            f.structure.append(f"{where} and {it_name} cell {seen[src_id]} both translate {ewhere}")
        seen[src_id] = cid
        if src_id in english_only:
            f.structure.append(f"{ewhere} is listed as english_only, yet {where} translates it")
        if en_cell.get("cell_type") != cell.get("cell_type"):
            f.structure.append(
                f"{where} is a {cell.get('cell_type')} cell; {ewhere} is a {en_cell.get('cell_type')} cell"
            )
        if j < last:
            f.structure.append(
                f"{where} translates {ewhere}, which comes before the English source of the cell above it"
            )
        last = max(last, j)
        f.paired += 1
        if meta.get("source_sha256") != sha256(en_cell):
            f.stale.append(
                f"{where} is out of date: {ewhere} has changed since the Italian was last updated "
                f"(stored hash {str(meta.get('source_sha256'))[:12]}..., now {sha256(en_cell)[:12]}...). "
                f"Bring the Italian cell in line with the English (git log -p {en_name} shows the change), "
                f"have it reviewed, then run: {refresh} CELLS={cid}"
            )
        if cell.get("cell_type") == "code" and en_cell.get("cell_type") == "code":
            diff = same_code(source(en_cell), source(cell), renames)
            if diff:
                f.code.append(
                    f"{where} does not do what {ewhere} does: {diff}. An Italian code cell may differ only in "
                    f"language arguments (language=, ids with -it, file names with _it, prose strings, comments, "
                    f"variable names renamed the same way throughout)"
                )
    for cid, (_, cell) in by_id.items():
        if cid not in seen and cid not in english_only:
            first = source(cell).strip().splitlines()[:1]
            f.missing.append(
                f"English cell {cid} ({en_name}: {first[0][:60] if first else 'empty'!r}) has no Italian counterpart "
                f"in {it_name}: translate it (and pair it), or list it in metadata.{KEY}.english_only with a reason"
            )
    return f


def check_files(en: Path, it: Path) -> Findings:
    return check(read(en), read(it), rel(en), rel(it))


# ---------------------------------------------------------------------------
# commands


def pair(italian: Path) -> int:
    """Pair the cells of a notebook that has no pairing yet, by position (they must line up)."""
    en_path = english_of(italian)
    en, it = read(en_path), read(italian)
    if len(en["cells"]) != len(it["cells"]):
        raise SystemExit(
            f"{rel(italian)} has {len(it['cells'])} cells, {rel(en_path)} has {len(en['cells'])}: pair by hand"
        )
    for i, (a, b) in enumerate(zip(en["cells"], it["cells"])):
        if a["cell_type"] != b["cell_type"]:
            raise SystemExit(f"cell {i}: {a['cell_type']} in English, {b['cell_type']} in Italian: pair by hand")
    for a, b in zip(en["cells"], it["cells"]):
        b.setdefault("metadata", {})[KEY] = {"source_cell": a["id"], "source_sha256": sha256(a)}
    write(italian, it)
    print(f"{rel(italian)}: {len(it['cells'])} cells paired with {rel(en_path)}")
    return 0


def refresh(italian: Path, cells: list[str]) -> int:
    """Record that the Italian cells (all paired ones, or those named) are up to date with their English source."""
    en_path = english_of(italian)
    en, it = read(en_path), read(italian)
    by_id = {c.get("id"): c for c in en["cells"]}
    ids = {c.get("id") for c in it["cells"]}
    unknown = [c for c in cells if c not in ids]
    if unknown:
        raise SystemExit(f"{rel(italian)} has no cell {', '.join(unknown)}")
    changed = []
    for cell in it["cells"]:
        meta = cell.get("metadata", {}).get(KEY, {})
        if (cells and cell.get("id") not in cells) or "source_cell" not in meta:
            if cell.get("id") in cells:
                raise SystemExit(f"{rel(italian)} cell {cell.get('id')} names no English source cell")
            continue
        if meta["source_cell"] not in by_id:
            raise SystemExit(f"{rel(italian)} cell {cell['id']}: {rel(en_path)} has no cell {meta['source_cell']!r}")
        new = sha256(by_id[meta["source_cell"]])
        if meta.get("source_sha256") != new:
            meta["source_sha256"] = new
            changed.append(cell["id"])
    write(italian, it)
    print(f"{rel(italian)}: {len(changed)} cell(s) marked up to date{': ' + ', '.join(changed) if changed else ''}")
    return 0


def status(italian: Path) -> int:
    f = check_files(english_of(italian), Path(italian))
    problems = f.structure + f.stale + f.code + f.missing
    for p in problems:
        print(p)
    print(
        f"{rel(italian)}: {f.paired} cells paired, {f.italian_only} Italian-only, {f.english_only} English-only, {len(problems)} problem(s)"
    )
    return 1 if problems else 0


USAGE = "usage: python tests/italian_pairs.py {pair|refresh|status} NOTEBOOK [CELL_ID ...]"


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("pair", "refresh", "status"):
        raise SystemExit(USAGE)
    command, notebook, cells = argv[0], Path(argv[1]), argv[2:]
    if not notebook.is_file():
        raise SystemExit(f"{notebook}: no such notebook")
    if command == "pair":
        return pair(notebook)
    if command == "refresh":
        return refresh(notebook, cells)
    return status(notebook)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
