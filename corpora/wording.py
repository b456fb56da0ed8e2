"""How messages and header entries count things: "1 sentence", "2 sentences".

One rule for every count a user or an archive reads (stderr, revision entries, review flags),
so none says "1 operations".
"""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """`n` and `noun`, plural (a trailing s) unless `n` is 1: counted(2, "target sentence")."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
