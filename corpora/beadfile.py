"""The `[i, j]:[k]` bead format of the evaluation sets: one bead per line, 0-based indices."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

from corpora.errors import InputError
from corpora.model import Bitext, Link
from corpora.readers import decode, read_bytes
from corpora.wording import counted
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


def parse_beads(text: str, path: str | Path = "<beads>", sizes: tuple[int, int] | None = None) -> list[Bead]:
    """Beads from the text of a bead file; a malformed line is an InputError naming it, and so,
    given `sizes` (the sentences of the source and target texts), is a bead pointing past their
    end, which scored would be a silent miss."""
    beads: list[Bead] = []
    for no, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        m = _LINE.match(line)
        if not m:
            raise InputError(f"line {no}: not a bead of the form [i, j]:[k]: {line[:60]!r}", path)
        bead = (_ints(m.group(1)), _ints(m.group(2)))
        for side, size, name in zip(bead, sizes or (), ("source", "target")):
            if side and max(side) >= size:
                raise InputError(f"line {no}: bead {line} points past the end of the {name} text "
                                 f"({counted(size, 'sentence')})", path)
        beads.append(bead)
    return beads


def read_beads(path: str | Path, sizes: tuple[int, int] | None = None) -> list[Bead]:
    """Beads from a gold or output file, read as every input is (bounded; binary data and
    encodings other than UTF-8 refused in one line); see parse_beads for `sizes`."""
    p = Path(path)
    return parse_beads(decode(read_bytes(p), p, option=None), p, sizes)


def links_from_beads(beads: Sequence[Bead]) -> list[Link]:
    """Links (score 1) from plain beads."""
    return [Link(s, t) for s, t in beads]
