"""The cross-field checks of the data files: what a JSON Schema cannot say.

Each check takes a file's parsed JSON, already valid against its kind's
schema (``schemas/<kind>.schema.json``), and yields ``(path, problem)`` for
what is wrong: `path` is the JSON path of the bad item as a tuple
(``("items", 3, "answer")``), `problem` says what was expected in plain
words. :func:`smlessons.content.loader.validate` runs the checks of a kind,
in the order they are registered, and reports the first problem.
"""

from __future__ import annotations

import datetime

__all__ = ["CHECKS", "check", "source_keys"]

#: ``{kind: [check, ...]}``.
CHECKS: dict = {}


def check(kind: str):
    """Register a function as a cross-field check of one kind of data file."""

    def register(fn):
        CHECKS.setdefault(kind, []).append(fn)
        return fn

    return register


def source_keys(data) -> set:
    """The keys a file's ``sources`` field names, in either of its forms.

    A list of bibliography keys (each a string or ``{"key": ...}``), or a
    course's own ``{key: citation}`` object (see ``sources.schema.json``).
    """
    raw = data.get("sources", {})
    if isinstance(raw, dict):
        return set(raw)
    return {item["key"] if isinstance(item, dict) else item for item in raw}


def _sources_resolve(data):
    """Every key of ``sources`` is in the bibliography, each once."""
    from .bibliography import resolve_sources

    try:
        resolve_sources(data.get("sources", {}))
    except ValueError as exc:
        yield ("sources",), str(exc).removeprefix("field 'sources': ")


def _answers(card) -> list:
    answer = card.get("answer", [])
    return [answer] if isinstance(answer, str) else list(answer)


# -- boards -------------------------------------------------------------------


@check("board")
def board_cards(data):
    """Each card once, with answers among the bins and a source among the sources."""
    bins, sources, seen = data["bins"], source_keys(data), set()
    for i, card in enumerate(data["items"]):
        if card["label"] in seen:
            yield ("items", i, "label"), f"the label {card['label']!r} is used by another card too"
        seen.add(card["label"])
        for answer in _answers(card):
            if answer not in bins:
                yield ("items", i, "answer"), f"{answer!r} is not one of the bins ({', '.join(bins)})"
        source = card.get("source", "")
        if source not in sources and (source or ("source" in card and data.get("mode") != "assessment")):
            yield ("items", i, "source"), f"{source!r} is not a key of 'sources'"


@check("board")
def board_policy(data):
    """Every bin one role; clauses with distinct ids and known roles; each card follows its clause."""
    policy = data.get("policy")
    if policy is None:
        return
    roles, bins, sources = policy["bins"], data["bins"], source_keys(data)
    if sorted(roles.values()) != sorted(bins):
        yield ("policy", "bins"), f"must give every bin exactly one role; the bins are {', '.join(bins)}"
    clauses = {}
    for i, clause in enumerate(policy["clauses"]):
        if clause["id"] in clauses:
            yield ("policy", "clauses", i, "id"), f"{clause['id']!r} is the id of another clause too"
        clauses[clause["id"]] = clause
        for role in clause["right"]:
            if role not in roles:
                yield ("policy", "clauses", i, "right"), f"{role!r} is not a role of policy.bins ({', '.join(roles)})"
        if clause.get("source") and clause["source"] not in sources:
            yield ("policy", "clauses", i, "source"), f"{clause['source']!r} is not a key of 'sources'"
    for i, card in enumerate(data["items"]):
        clause = clauses.get(card.get("clause"))
        if clause is None:
            yield (
                ("items", i, "clause"),
                f"{card.get('clause')!r} is not a clause of this file's policy ({', '.join(clauses)})",
            )
            continue
        right = [roles[r] for r in clause["right"]]
        if sorted(_answers(card)) != sorted(right):
            yield (
                ("items", i, "answer"),
                f"{_answers(card)} does not follow clause {clause['id']} ({clause['name']}), which makes right {right}",
            )


@check("board")
def board_bank(data):
    """A bank shows K of at least 2K cards; a bank of sets deals whole sets, one card per bin in each."""
    show, items, size = data.get("show"), data["items"], len(data["bins"])
    if show is not None and len(items) < 2 * show:
        yield (
            ("show",),
            f"{show} cards shown need a bank of at least {2 * show} cards (twice as many as each student sees), "
            f"but it has {len(items)}",
        )
    if not any("set" in card for card in items):
        return
    members: dict = {}
    for i, card in enumerate(items):
        if "set" not in card:
            yield ("items", i), "has no 'set', but other cards do: in a bank of sets every card names its set"
        members.setdefault(card.get("set"), []).append(card)
    for name, cards in members.items():
        if len(cards) != size:
            yield (
                ("items",),
                f"set {name!r} has {len(cards)} cards; every set holds one card for each of the {size} bins",
            )
        if data.get("mode") != "assessment":
            answers = [_answers(c) for c in cards]
            if any(len(a) != 1 for a in answers) or {a[0] for a in answers} != set(data["bins"]):
                yield (
                    ("items",),
                    f"set {name!r} must hold exactly one card right in each bin (and none right in two), "
                    f"but its answers are {answers}",
                )
    if show is None:
        yield (), "a bank of sets needs 'show' (how many cards each student sees)"
    elif show % size:
        yield ("show",), f"{show} cards shown are not a whole number of sets of {size} cards"
    elif len(members) < 2 * (show // size):
        yield (
            ("show",),
            f"{show} cards shown ({show // size} sets) need a bank of at least {2 * (show // size)} sets "
            f"(twice as many as each student sees), but it has {len(members)}",
        )


# -- questions ----------------------------------------------------------------


@check("questions")
def question_file(data):
    """A known language; each question id once; each source a key of the file's sources."""
    from ..i18n import resolve_language

    if "lang" in data:
        try:
            resolve_language(data["lang"])
        except (TypeError, ValueError) as exc:
            yield ("lang",), str(exc)
    seen, sources = set(), source_keys(data)
    for i, q in enumerate(data["questions"]):
        if q["id"] in seen:
            yield ("questions", i, "id"), f"duplicate question id {q['id']!r}"
        seen.add(q["id"])
        if q.get("source") and q["source"] not in sources:
            yield ("questions", i, "source"), f"{q['source']!r} is not a key of 'sources'"


@check("questions")
def question_roles(data):
    """A role names the roles it depends on before it; a tie role's kinds fit it."""
    for i, q in enumerate(data["questions"]):
        seen: dict = {}
        for name, spec in (q.get("roles") or {}).items():
            here = ("questions", i, "roles", name)
            for option, needs in (("apart_from", "person"), ("medium", "medium")):
                if option in spec and seen.get(spec[option]) != needs:
                    yield here + (option,), f"must name a {needs} role given before this one"
            if "kinds" in spec:
                allowed = ("only", "also", "not") if "medium" in spec else ("inside", "local_bridge", "bridge")
                bad = [k for k in spec["kinds"] if k not in allowed]
                if bad:
                    yield here + ("kinds",), f"must list some of {', '.join(allowed)}, not {bad[0]!r}"
            seen[name] = spec["pick"]


# -- the platform table -------------------------------------------------------


@check("platforms")
def platform_facts(data):
    """A real as_of date, a launch year not after it, 'none' alone, sourced facts, names used once,
    and Italian texts for every platform or for none, each with a note when the platform has one."""
    names: dict = {}
    sources = source_keys(data)
    italian = any("it" in p for p in data["platforms"])
    for i, p in enumerate(data["platforms"]):
        if italian and "it" not in p:
            yield ("platforms", i), f"{p['name']!r} has no Italian texts ('it'), and other platforms have them"
        elif italian and bool(p.get("note", "").strip()) != ("note" in p["it"]):
            why = (
                "has a note: its Italian texts need one too"
                if p.get("note", "").strip()
                else "has no note to translate"
            )
            yield ("platforms", i, "it", "note"), f"{p['name']!r} {why}"
        try:
            as_of = datetime.date.fromisoformat(p["as_of"])
        except ValueError:
            yield ("platforms", i, "as_of"), f"must be a date like '2024-12-31', not {p['as_of']!r}"
            continue
        if p["launched"]["year"] > as_of.year:
            yield (
                ("platforms", i, "launched", "year"),
                f"must not be after the as_of year {as_of.year}, not {p['launched']['year']}",
            )
        if "none" in p["ties"] and len(p["ties"]) > 1:
            yield ("platforms", i, "ties"), "cannot list 'none' together with other ties"
        for fact, keys in p["source"].items():
            for key in [keys] if isinstance(keys, str) else keys:
                if key not in sources:
                    yield ("platforms", i, "source", fact), f"{key!r} is not a key of 'sources'"
        for name in (p["name"], *p.get("aliases", ())):
            other = names.get(name.casefold())
            if other is not None:
                yield ("platforms", i), f"the name {name!r} is already used by {other!r}"
            names[name.casefold()] = p["name"]


# The bibliography is checked first: a key missing from it explains the rest.
for _kind in ("board", "questions", "platforms", "copenhagen"):
    CHECKS.setdefault(_kind, []).insert(0, _sources_resolve)
