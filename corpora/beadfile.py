"""The `[i, j]:[k]` bead format of the evaluation sets: one bead per line, 0-based indices."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

from corpora.errors import InputError
from corpora.model import Bitext, Link
from corpora.writing import WriteRequest, Written

_LINE = re.compile(r"^\[([\d,\s]*)\]:\[([\d,\s]*)\](?::([-\d.eE]+))?$")

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def format_bead(link: Link, with_score: bool = False) -> str:
    """`[0, 1]:[2]`, optionally followed by `:0.8731`."""
    text = f"[{', '.join(map(str, link.src))}]:[{', '.join(map(str, link.tgt))}]"
    return f"{text}:{link.score:.4f}" if with_score else text


def format_beads(links: Iterable[Link], with_score: bool = False) -> str:
    """The whole file, one bead per line."""
    return "".join(format_bead(link, with_score) + "\n" for link in links)


def write_beads(bitext: Bitext, request: WriteRequest) -> Written:
    """The writer of the `beads` format (bitext_cli.formats): one bead per line, scores if asked."""
    links = [link for k, link in enumerate(bitext.links) if request.keep is None or request.keep[k]]
    return Written(format_beads(links, request.scores).encode("utf-8"))


def _ints(field: str) -> tuple[int, ...]:
    return tuple(int(x) for x in field.split(",") if x.strip())


def parse_beads(text: str, path: str | Path = "<beads>") -> list[Bead]:
    """Beads from the text of a bead file; a malformed line is an InputError naming it."""
    beads: list[Bead] = []
    for no, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        m = _LINE.match(line)
        if not m:
            raise InputError(f"line {no}: not a bead of the form [i, j]:[k]: {line[:60]!r}", path)
        beads.append((_ints(m.group(1)), _ints(m.group(2))))
    return beads


def read_beads(path: str | Path) -> list[Bead]:
    """Beads from a gold or output file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", p) from exc
    return parse_beads(text, p)


def links_from_beads(beads: Sequence[Bead]) -> list[Link]:
    """Links (score 1) from plain beads."""
    return [Link(s, t) for s, t in beads]
