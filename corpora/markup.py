"""Markup kept beside a text as standoff character spans, and cut along its sentences.

A reader that meets markup inside a paragraph (TEI's `<persName>`, `<hi>`, `<pb/>`, `<note>`)
keeps it beside the reading text: each element a `Span` over `text[start:end]`, in document
order, `depth` saying how deep it is nested (a span is inside the nearest span before it that
is one level up). Three kinds, all general (any element, its attributes as read):

- an element (`name` its XML name in Clark notation, `attrs` its attributes): it holds the text
  of its range, perhaps nothing (a milestone such as `<pb/>` is an empty element);
- kept as it is (`xml`): a piece of XML written exactly as read, standing for the text of its
  range; a `<note>` (whose text is not reading text, so the range is empty), a `<choice>` (which
  reads as one of its children), white space the reading text normalizes (or reads as nothing,
  beside a line break inside a word), a line break `<lb/>` between two words (which reads as
  the space between them);
- `between`: an element the sentence cannot hold (TEI has no `<list>` or `<table>` inside `<s>`):
  a sentence ends before it and it stays between the sentences of its paragraph.

The segmenter cuts the text into sentences; `cut` hands each sentence the spans it holds, as a
`Markup` with offsets relative to the sentence, which a writer puts back around the sentence's
text (tei.inline). An element that crosses a sentence boundary is split into parts, one per
sentence, linked by `@next`/`@prev` (TEI's mechanism for a discontinuous element; each part gets
an `xml:id`, the first keeping the element's own). An empty element or a piece kept as it is
that falls between two sentences goes with the sentence it touches: at the end of the previous
one when nothing separates them ("quiet.<note/> Then"), else at the start of the next ("quiet.
<pb/>Then"). A sentence read with its markup (a TEI `<s>`) carries it the same way.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from corpora.xmlinput import safe_parser

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_POINTERS = ("next", "prev")


def xml_ids(xml: str, outer: bool = True) -> list[str]:
    """The xml:ids of the elements of a piece of serialized XML (an element, or several with
    text between: a piece kept as it is, a text's layout), in document order; with `outer` off,
    only those inside its top elements (a layout's, not its `<text>`'s). Parsed, not searched:
    a comment, CDATA section, processing instruction or text that reads `xml:id="..."` holds
    none, nor does an `id` attribute of another namespace. The one reader of them, for the
    segmenter (align.sources) and the TEI writer (tei.clashes) alike."""
    if "id" not in xml:
        return []
    from lxml import etree  # here: a text without kept XML never loads lxml

    wrapper = etree.fromstring(f"<w>{xml}</w>", safe_parser(huge=True))
    return [str(i) for i in wrapper.xpath("//@xml:id" if outer else "/w/*//*/@xml:id") if i]


def span_ids(spans: Iterable["Span"]) -> list[str]:
    """The xml:ids of kept markup, in order: each element's own and those inside the pieces
    kept as they are (`xml_ids`)."""
    return [i for sp in spans for i in [*(v for k, v in sp.attrs if k == XML_ID), *xml_ids(sp.xml or "")]]


@dataclass(frozen=True)
class Span:
    """Inline markup over `text[start:end]` of a block or sentence.

    Readers of office and web formats name what it means (`name` emph, strong, link, code, sup,
    sub, underline, strike; `value` a link's address). XML readers keep the element itself:
    `name` in Clark notation, `attrs` in order, `depth` (see the module docstring), and either
    `xml` (written as it is, standing for the range's text) or `between` (kept outside sentences).
    """

    start: int
    end: int
    name: str
    value: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    depth: int = 0
    xml: str | None = None
    between: bool = False

    @property
    def is_xml(self) -> bool:
        """Whether the span keeps an XML element or piece (not a format's named emphasis)."""
        return self.name.startswith(("{", "#"))

    def attr(self, name: str) -> str | None:
        return next((v for k, v in self.attrs if k == name), None)


@dataclass(frozen=True)
class Markup:
    """The markup of one sentence: spans over its `text` in document order, and the
    attributes of the sentence element itself other than its id. It holds for that text only:
    a sentence whose text was changed after reading is written as its new text alone."""

    text: str
    spans: tuple[Span, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()

    def ids(self) -> list[str]:
        """The xml:ids its elements carry (not those inside pieces kept as they are)."""
        return [v for sp in self.spans for k, v in sp.attrs if k == XML_ID]

    def renamed(self, rename: Callable[[str], str], known: set[str]) -> "Markup":
        """The same markup with its elements' ids renamed, and its @next/@prev that point at
        `known` ids (those of the whole text, renamed alike) following them."""
        if not known:
            return self

        def value(key: str, v: str) -> str:
            if key == XML_ID:
                return rename(v)
            if key in _POINTERS:
                return " ".join(f"#{rename(p[1:])}" if p[1:] in known else p for p in v.split())
            return v

        return replace(self, spans=tuple(replace(sp, attrs=tuple((k, value(k, v)) for k, v in sp.attrs))
                                         for sp in self.spans))


def _parents(spans: Sequence[Span]) -> list[int]:
    """The index of each span's parent (-1: none), from document order and depth."""
    stack: list[int] = []
    parents = []
    for i, sp in enumerate(spans):
        del stack[sp.depth:]
        parents.append(stack[-1] if stack else -1)
        stack.append(i)
    return parents


def whole(spans: Sequence[Span], ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence ranges with those that cut through a piece kept as it is joined (a
    `<choice>` is one word, never cut)."""
    out = list(ranges)
    for sp in spans:
        if sp.xml is None or sp.end <= sp.start:
            continue
        hit = [k for k, (a, b) in enumerate(out) if a < sp.end and sp.start < b]
        if len(hit) > 1:
            out[hit[0]:hit[-1] + 1] = [(out[hit[0]][0], out[hit[-1]][1])]
    return out


def _home(pos: int, starts: list[int], ends: list[int]) -> tuple[int, int]:
    """The sentence, and the position in the block, of an empty span at `pos`: the sentence
    that holds it, else the previous one when `pos` is its end (nothing between), else the next
    one at its start (the previous one at its end after the last)."""
    k = bisect_right(starts, pos) - 1
    if k >= 0 and pos < ends[k]:
        return k, pos
    prev = bisect_right(ends, pos) - 1
    nxt = bisect_left(starts, pos)
    if prev >= 0 and (pos == ends[prev] or nxt >= len(starts)):
        return prev, ends[prev]
    return nxt, starts[nxt]


def _inside_parent(home: tuple[int, int], parent: Span | None, starts: list[int],
                   ends: list[int]) -> tuple[int, int]:
    """Where an empty span goes (`home`), or the other side of the space between the two
    sentences when only that keeps it inside the element that holds it."""
    k, pos = home
    if parent is None or starts[k] < pos < ends[k] or _holds(parent, k, pos, starts, ends):
        return home
    if pos == starts[k] and k > 0:  # it went to the next sentence: the end of the previous?
        other = (k - 1, ends[k - 1])
    elif pos == ends[k] and k + 1 < len(starts):  # it went to the previous: the start of the next?
        other = (k + 1, starts[k + 1])
    else:
        return home
    return other if _holds(parent, *other, starts, ends) else home


def _holds(parent: Span, k: int, pos: int, starts: list[int], ends: list[int]) -> bool:
    """Whether an element has a part in sentence k that holds position `pos`."""
    return max(starts[k], parent.start) < min(ends[k], parent.end) and parent.start <= pos <= parent.end


def _part_attrs(sp: Span, ids: list[str], j: int) -> tuple[tuple[str, str], ...]:
    """The attributes of part j of an element split into parts with these ids."""
    attrs = dict(sp.attrs)
    first, last = j == 0, j == len(ids) - 1
    out = [(k, v) for k, v in sp.attrs if k not in _POINTERS or (k == "prev" and first) or (k == "next" and last)]
    if XML_ID in attrs:
        out = [(k, ids[j] if k == XML_ID else v) for k, v in out]
    else:
        out.insert(0, (XML_ID, ids[j]))
    if not first:
        out.append(("prev", f"#{ids[j - 1]}"))
    if not last:
        out.append(("next", f"#{ids[j + 1]}"))
    return tuple(out)


def cut(text: str, spans: Sequence[Span], ranges: Sequence[tuple[int, int]], sentence_ids: Sequence[str],
        made: Callable[[str], str] = str) -> tuple[list[Markup | None], list[tuple[int, str]]]:
    """Each sentence's markup (None: it has none) from the spans of its block, and what stays
    between its sentences ((k, xml): before sentence k). `ranges` are the sentences' (start,
    end) offsets in `text`, in order, cut wherever a `between` span lies (see `whole` too);
    `sentence_ids` their ids (the parts of a split element are named after the sentence that
    holds the first; `made` makes each id made so unique, corpora.model.unique_id over the
    text's ids). An empty piece that would cross a `between` one to reach its sentence
    stays between the sentences too, so the order of the markup is kept."""
    starts, ends = [r[0] for r in ranges], [r[1] for r in ranges]
    kept = [sp for sp in spans if sp.is_xml]
    parents = _parents(kept)
    per: list[list[tuple[int, Span]]] = [[] for _ in ranges]
    between: list[tuple[int, int, str]] = []  # (before sentence k, order, xml)
    walls = [(bisect_right(ends, sp.start), i) for i, sp in enumerate(kept) if sp.between]
    split_count: dict[int, int] = {}
    for i, sp in enumerate(kept):
        if sp.between:
            between.append((bisect_right(ends, sp.start), i, sp.xml or ""))
            continue
        lo, hi = bisect_right(ends, sp.start), bisect_left(starts, sp.end)
        hits = [k for k in range(lo, hi) if max(starts[k], sp.start) < min(ends[k], sp.end)]
        if not hits:  # an empty element, or one holding only space between sentences
            k, pos = _inside_parent(_home(sp.start, starts, ends), kept[parents[i]] if parents[i] >= 0 else None,
                                    starts, ends)
            forward = pos == starts[k] and pos != ends[k]
            slot = k if forward else k + 1
            if sp.xml is not None and any(w == slot and (j > i if forward else j < i) for w, j in walls):
                between.append((slot, i, sp.xml))
            else:
                per[k].append((i, replace(sp, start=pos, end=pos)))
            continue
        if sp.xml is not None and len(hits) > 1:
            raise ValueError("a sentence boundary cuts through markup kept whole; join the sentences with whole()")
        parts = [replace(sp, start=max(sp.start, starts[k]), end=min(sp.end, ends[k])) for k in hits]
        if len(hits) > 1:
            n = split_count[hits[0]] = split_count.get(hits[0], 0) + 1
            base = sp.attr(XML_ID) or made(f"{sentence_ids[hits[0]]}.m{n}")
            ids = [base] + [made(f"{base}.{j}") for j in range(2, len(hits) + 1)]
            parts = [replace(part, attrs=_part_attrs(sp, ids, j)) for j, part in enumerate(parts)]
        for k, part in zip(hits, parts):
            per[k].append((i, part))
    markups = [_relative(text[a:b], items, parents, a) if items else None for (a, b), items in zip(ranges, per)]
    return markups, [(k, xml) for k, _, xml in sorted(between)]


def _relative(text: str, items: list[tuple[int, Span]], parents: list[int], offset: int) -> Markup:
    """One sentence's spans, offsets made relative to it and depths counted over the
    ancestors it holds (an empty span whose parent stayed in another sentence moves up)."""
    held = {i for i, _ in items}
    out = []
    for i, sp in items:
        depth, p = 0, parents[i]
        while p >= 0:
            depth += p in held
            p = parents[p]
        out.append(replace(sp, start=sp.start - offset, end=sp.end - offset, depth=depth))
    return Markup(text, tuple(out))
