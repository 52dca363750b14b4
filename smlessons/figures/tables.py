"""Tables shown in a notebook: who has an audience and who has friends.

:func:`audience_table` lists everybody's followers, following and mutual
ties (the measures of :mod:`smlessons.engine.measures`), as a table whose
column headers speak the student's language.
"""

from __future__ import annotations

from ..engine.measures import follow_arrows, followers, following, sort_key
from ..i18n import N_, translator

__all__ = ["AudienceTable", "audience_table"]


class AudienceTable(list):
    """Rows ``(person, followers, following, mutual, not followed back)``,
    shown as a table in a notebook (a list all the same).

    The column headers are catalog messages, shown in the environment's
    language (see :func:`smlessons.i18n.resolve_language`).
    """

    columns = (N_("person"), N_("followers"), N_("following"), N_("mutual"), N_("not followed back"))

    def _headers(self) -> tuple:
        t = translator()
        return tuple(t.gettext(c) for c in self.columns)

    def _repr_markdown_(self) -> str:
        head = "| " + " | ".join(self._headers()) + " |"
        rule = "|" + "|".join([":--"] + ["--:"] * (len(self.columns) - 1)) + "|"
        return "\n".join([head, rule] + ["| " + " | ".join(str(x) for x in row) + " |" for row in self])

    def __repr__(self) -> str:
        rows = [self._headers()] + [tuple(str(x) for x in row) for row in self]
        widths = [max(len(r[i]) for r in rows) for i in range(len(self.columns))]
        lines = [
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows
        ]
        return "\n".join(lines)


def audience_table(G, *, top: int | None = None) -> AudienceTable:
    """Everybody's followers, following and mutual ties, largest audience first.

    The last column, *not followed back*, is followers minus mutual ties: an
    audience that is not made of friends. Someone high in *followers* and
    low in *mutual* has an audience rather than friends.

    Parameters
    ----------
    G : networkx graph
    top : int, optional
        Only the first `top` rows.

    Returns
    -------
    AudienceTable
        A list of ``(person, followers, following, mutual, not followed
        back)``, by followers (most first), then mutual ties, then name.

    Raises
    ------
    EmptyNetworkError
    ValueError
        If `top` is not a positive integer.

    Examples
    --------
    >>> from smlessons.datasets import follow_network
    >>> audience_table(follow_network(), top=2)
    person  followers  following  mutual  not followed back
    Lea            10          1       1                  9
    Diego           4          5       4                  0
    """
    if top is not None and (not isinstance(top, int) or isinstance(top, bool) or top < 1):
        raise ValueError(f"top must be a positive integer, got {top!r}")
    D = follow_arrows(G)
    rows = []
    for p in D:
        ins, outs = followers(D, p), following(D, p)
        mutual = len(set(ins) & set(outs))
        rows.append((p, len(ins), len(outs), mutual, len(ins) - mutual))
    rows.sort(key=lambda r: (-r[1], -r[3], sort_key(r[0])))
    return AudienceTable(rows[:top] if top else rows)
