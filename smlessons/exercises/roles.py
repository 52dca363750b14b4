"""Roles: the people, ties and media a question asked on a student's own network names.

A question asked on each student's own network (``"network":
"student_network"`` or ``"student_multiplex"``) names people by *role*;
:func:`resolve_roles` draws each role for one student (see
:meth:`smlessons.exercises.questions.Question.for_student` for the options),
:func:`check_roles` checks a question file's roles, :func:`bind_roles` puts
the values drawn into a compute spec.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .forms import answer_order
from .keys import QuestionFileError

__all__ = ["ROLE_OPTIONS", "TIE_KINDS", "TIE_MEDIUM_KINDS", "resolve_roles"]

ROLE_OPTIONS = {
    "person": {"apart_from", "side", "one_best_medium"},
    "tie": {"kinds", "medium", "several_media"},
    "medium": {"cuts_off"},
}
#: The kinds of tie a tie role may be drawn from: by its place in the network,
#: or, given a medium, by whether it lives only on it, on it and another, or not on it.
TIE_KINDS = ("inside", "local_bridge", "bridge")
TIE_MEDIUM_KINDS = ("only", "also", "not")
_ROLE_SPEC = re.compile(r"^\{([A-Za-z_][A-Za-z0-9_]*)\}$")


def placeholders(text: str) -> set:
    import string

    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError as exc:
        raise QuestionFileError(f"a text has unbalanced braces ({exc}); write {{{{ and }}}} for a brace") from None


def check_roles(roles, where: str) -> None:
    if not isinstance(roles, Mapping) or not roles:
        raise QuestionFileError(f"{where}: field 'roles' must map names to what each names")
    seen = {}
    for name, spec in roles.items():
        here = f"{where}: role {name!r}"
        if not isinstance(name, str) or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise QuestionFileError(f"{where}: a role's name is a word (letters, digits, _), not {name!r}")
        if not isinstance(spec, Mapping) or spec.get("pick") not in ROLE_OPTIONS:
            raise QuestionFileError(f'{here}: give "pick": one of {", ".join(ROLE_OPTIONS)}')
        pick = spec["pick"]
        unknown = sorted(set(spec) - {"pick"} - ROLE_OPTIONS[pick])
        if unknown:
            raise QuestionFileError(f"{here}: a {pick} role has no option {unknown[0]!r}")
        for option, needs in (("apart_from", "person"), ("medium", "medium")):
            if option in spec and seen.get(spec[option]) != needs:
                raise QuestionFileError(f"{here}: {option!r} must name a {needs} role given before it")
        if "side" in spec and spec["side"] != "main":
            raise QuestionFileError(f"{here}: 'side' can only be \"main\" (the larger side of the bridge)")
        for option in ("one_best_medium", "several_media", "cuts_off"):
            if option in spec and spec[option] is not True:
                raise QuestionFileError(f"{here}: {option!r} is true or left out")
        if "kinds" in spec:
            allowed = TIE_MEDIUM_KINDS if "medium" in spec else TIE_KINDS
            kinds = spec["kinds"]
            if not isinstance(kinds, list) or not kinds or any(k not in allowed for k in kinds):
                raise QuestionFileError(f"{here}: 'kinds' must list some of {', '.join(allowed)}")
        seen[name] = pick


def _pick(r, items: list, role: str, pick: str):
    from ..variants import below

    if not items:
        raise QuestionFileError(f"no {pick} for role {role!r} in this network fits the question")
    return items[below(r, len(items))]


def resolve_roles(G, roles: Mapping, student: str, question_id: str) -> dict:
    """The people, ties and media a question names for one student, drawn from their own stream."""
    import networkx as nx

    from ..engine import multilayer
    from ..variants import rng

    mx = multilayer if "media" in G.graph else None
    H = mx.combined(G) if mx else G
    values: dict = {}
    taken: set = set()
    ties = sorted(
        (tuple(sorted(e, key=answer_order)) for e in H.edges()), key=lambda e: (answer_order(e[0]), answer_order(e[1]))
    )
    for name, spec in roles.items():
        r = rng(student, question_id, f"role {name}")
        if spec["pick"] == "person":
            people = [p for p in sorted(H, key=answer_order) if p not in taken]
            if "apart_from" in spec:
                other = H.nodes[values[spec["apart_from"]]]["group"]
                people = [p for p in people if H.nodes[p]["group"] != other]
            if spec.get("side") == "main":
                K = nx.Graph(H)
                K.remove_edges_from(list(nx.bridges(K)))
                main = max(nx.connected_components(K), key=len)
                people = [p for p in people if p in main]
            if spec.get("one_best_medium"):
                best = set(mx.one_best_medium(H))
                people = [p for p in people if p in best]
            values[name] = _pick(r, people, name, spec["pick"])
            taken.add(values[name])
        elif spec["pick"] == "tie":
            pool = list(ties)
            if spec.get("several_media"):
                pool = [e for e in pool if len(H.edges[e]["platform"]) > 1]
            if "medium" in spec:
                m = values[spec["medium"]]
                on = {e: H.edges[e]["platform"] for e in pool}
                classes = {
                    "only": [e for e in pool if on[e] == (m,)],
                    "also": [e for e in pool if m in on[e] and len(on[e]) > 1],
                    "not": [e for e in pool if m not in on[e]],
                }
                kinds = spec.get("kinds", list(TIE_MEDIUM_KINDS))
            else:
                cut = {frozenset(e) for e in nx.bridges(H)}
                shared = {e: bool(set(H[e[0]]) & set(H[e[1]])) for e in pool}
                classes = {
                    "inside": [e for e in pool if shared[e]],
                    "local_bridge": [e for e in pool if not shared[e] and frozenset(e) not in cut],
                    "bridge": [e for e in pool if frozenset(e) in cut],
                }
                kinds = spec.get("kinds", list(TIE_KINDS))
            kind = _pick(r, [k for k in kinds if classes[k]], name, spec["pick"])  # each kind as likely as the others
            fresh = [e for e in classes[kind] if not taken & set(e)]  # ends not named yet, where there are such
            values[name] = _pick(r, fresh or classes[kind], name, spec["pick"])
            taken.update(values[name])
        else:
            media = list(H.graph["media"])
            if spec.get("cuts_off"):  # cuts off somebody, but not the most people
                cut = mx.cut_off_counts(H)
                media = [m for m in media if 0 < cut[m] < max(cut.values())]
            values[name] = _pick(r, media, name, spec["pick"])
    return values


def role_text(value) -> str:
    """How a prompt names a role's value: a person or medium by name, a tie as "Ana\u2013Ben"."""
    if isinstance(value, tuple):
        return "\u2013".join(map(str, value))
    return str(value)


def bind_roles(spec, values: Mapping):
    """A compute spec with each ``"{role}"`` replaced by the role's value."""
    if isinstance(spec, str):
        found = _ROLE_SPEC.match(spec)
        return values[found.group(1)] if found and found.group(1) in values else spec
    if isinstance(spec, Mapping):
        return {k: bind_roles(v, values) for k, v in spec.items()}
    if isinstance(spec, list):
        return [bind_roles(v, values) for v in spec]
    return spec
