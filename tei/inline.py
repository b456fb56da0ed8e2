"""Markup inside sentences and paragraphs read: their reading text, the markup kept as standoff spans.

A `<s>` or a `<p>` may hold markup bitext does not model: an archive's `<persName>`, `<hi>`,
`<date>`, `<pb/>`, `<lb/>`, `<note>`, a translation's own spelling kept beside the glossary's
(`<choice><orig>Ezhov</orig><reg>Yezhov</reg></choice>`). The data model works on the reading
text (`element_text`: `<reg>` inside `<choice>`, notes skipped, a line, page or column break
between two words read as a space, one inside a word (@break="no") as nothing with the white
space beside it); the markup travels beside it as
standoff character spans (corpora.markup): `inline_markup` reads a `<s>` exactly (reading it and
writing it again changes no character of the sentence or its markup), `block_text` reads a
paragraph for the segmenter (white space collapsed, where its lines end noted for --presplit);
tei.inline_writer puts a sentence's spans back inside its new `<s>`. Elements are kept in
general: any element with its attributes is a span over the text it holds; what does not read as
its own text (a note, a `<choice>`, a comment, an element of another namespace) is kept whole as
XML; what TEI does not allow inside `<s>` (`NOT_IN_SENTENCE`: lists, tables, verse lines,
bibliographic entries ...) stays between the sentences of its paragraph.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Iterator
from xml.sax.saxutils import escape

from lxml import etree

from corpora.formats.blocks import BlockBuilder
from corpora.markup import Markup, Span
from corpora.sourcetext import Block

from tei.names import TEI_NS, XML_ID, XML_NS

_NS = {"t": TEI_NS}
_SKIP = ("note", "fw", "figDesc", "bibl")
_BREAKS = frozenset(f"{{{TEI_NS}}}{name}" for name in ("lb", "pb", "cb"))
_LB = f"{{{TEI_NS}}}lb"
_NEWLINE_SPACE = re.compile(r"\s*\n\s*")
WRAP = f'<w xmlns="{TEI_NS}">'  # the wrapper a kept fragment is written in (`fragment`) and read back in
# Elements TEI P5 (tei_all 4.9.0) allows in a <p> or a <note> but not in an <s>.
NOT_IN_SENTENCE = frozenset((
    "ab annotationBlock bibl biblFull biblStruct camera caption castList classSpec constraintSpec dataSpec desc "
    "eTree eg egXML elementSpec forest graph l label lg list listApp listBibl listEvent listForest listNym "
    "listObject listOrg listPerson listPlace listRelation listWit macroSpec moduleSpec move msDesc "
    "outputRendition p sound sp spGrp specGrp specGrpRef stage table tech tree u view").split())
WHITESPACE = "#whitespace"  # a kept piece of white space the reading text normalizes or reads as nothing


def _local(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


def _pick(choice: etree._Element, original: bool) -> etree._Element | None:
    """The child of a `<choice>` that is read: `<reg>` (`<orig>` with `original`), else `<corr>`,
    else the first."""
    pick = choice.find("t:orig" if original else "t:reg", _NS)
    pick = pick if pick is not None else choice.find("t:corr", _NS)
    return pick if pick is not None else (choice[0] if len(choice) else None)


def _raw_text(el: etree._Element, original: bool) -> str:
    """The reading text of an element before white space is normalized (see `_read`)."""
    if not len(el):
        return el.text or ""
    return "".join(_reading(event) or "" for event in _read(el, original, block=False))


def _normalize(text: str) -> str:
    return _NEWLINE_SPACE.sub(" ", text).strip() if "\n" in text or "\t" in text else text


def element_text(el: etree._Element, original: bool = False) -> str:
    """The running text of an element: inside `<choice>` the `<reg>` (with `original`: the
    `<orig>`, the spelling of the text itself), else the `<corr>`; notes skipped; a break
    between words a space, one inside a word nothing with the white space beside it (`_read`);
    where it holds a line break or a tab, line breaks with the space around them read as one
    space and the ends are trimmed."""
    return _normalize(_raw_text(el, original))


# -- walking markup -----------------------------------------------------------------------------

def fragment(node: etree._Element) -> str:
    """A node as XML written inside a TEI element (no namespace declaration TEI already makes)."""
    wrapper = etree.Element(f"{{{TEI_NS}}}w", nsmap={None: TEI_NS})
    wrapper.append(copy.copy(node))
    wrapper[0].tail = None
    return etree.tostring(wrapper, encoding="unicode")[len(WRAP):-len("</w>")]


def _kept_whole(child: etree._Element) -> bool:
    """Whether an element is kept as XML rather than as a span over its text: it holds no text
    (a milestone), it does not read as its own text (a note, a `<choice>`), or its names would
    lose their namespace prefixes."""
    if not isinstance(child.tag, str) or _local(child) in _SKIP or _local(child) == "choice":
        return True
    if not _raw_text(child, False):
        return True
    if etree.QName(child).namespace != TEI_NS:
        return True
    return any(k.startswith("{") and not k.startswith(f"{{{XML_NS}}}") for k in child.attrib)


# Events of a walk: ("text", raw, depth), ("open", element, depth), ("close",),
# ("whole", element, reading, depth), ("between", element, depth), and after `_read` ("space", raw,
# depth): white space kept as it is that reads as nothing (`_unspaced`).
Event = tuple


def _walk(el: etree._Element, original: bool, block: bool, depth: int = 0) -> Iterator[Event]:
    if el.text:
        yield ("text", el.text, depth)
    for child in el:
        if block and isinstance(child.tag, str) and _local(child) in NOT_IN_SENTENCE \
                and etree.QName(child).namespace == TEI_NS:
            yield ("between", child, depth)
        elif _kept_whole(child):
            reading = ""
            if _local(child) == "choice":
                pick = _pick(child, original)
                reading = _raw_text(pick, original) if pick is not None else ""
            elif isinstance(child.tag, str) and _local(child) not in _SKIP:
                reading = _raw_text(child, original)
            yield ("whole", child, reading, depth)
        else:
            yield ("open", child, depth)
            yield from _walk(child, original, block, depth + 1)
            yield ("close",)
        if child.tail:
            yield ("text", child.tail, depth)


def _breaks(el: etree._Element) -> list[etree._Element]:
    """The line, page and column breaks (`<lb/>`, `<pb/>`, `<cb/>`) an element that reads as no
    text stands for: itself, or those it holds (not inside a note or a `<choice>`)."""
    if el.tag in _BREAKS:
        return [el]
    if not isinstance(el.tag, str) or _local(el) in _SKIP or _local(el) == "choice":
        return []
    return [brk for child in el for brk in _breaks(child)]


def _separates(el: etree._Element) -> bool:
    """Whether an element that reads as no text stands for a word boundary: a break not marked
    as inside a word (TEI's @break="no"), or an element that holds one."""
    return any(brk.get("break") != "no" for brk in _breaks(el))


def _inside_word(el: etree._Element) -> bool:
    """Whether an element that reads as no text is a break inside a word (@break="no"), or
    holds only such breaks."""
    breaks = _breaks(el)
    return bool(breaks) and all(brk.get("break") == "no" for brk in breaks)


def _reading(event: Event) -> str | None:
    """The reading text of an event ("" for an element's opening or closing; None for an
    element kept between sentences, which ends the text around it)."""
    if event[0] == "text":
        return event[1]
    if event[0] == "whole":
        return event[2]
    return None if event[0] == "between" else ""


def _next_char(readings: list[str | None], i: int, step: int, space: bool = True) -> str:
    """The reading character next to event i in direction `step` ("" when there is none); the
    nearest that is not white space when not `space`."""
    i += step
    while 0 <= i < len(readings):
        reading = readings[i]
        if reading is None:
            return ""
        reading = reading if space else reading.strip()
        if reading:
            return reading[-1] if step < 0 else reading[0]
        i += step
    return ""


def _unspaced(events: list[Event], readings: list[str | None]) -> list[Event]:
    """The events with the white space beside each break inside a word (@break="no") that
    stands between two characters taken out of the text, as pieces kept as they are that read as
    nothing: TEI's break="no" says the break ends no word "irrespective of the presence of any
    adjacent whitespace", so that white space is layout, whatever character is beside it (a
    pretty-printed "adjourned\n  <lb break="no"/>ment" reads "adjournedment", "don'\n<lb
    break="no"/>t" "don't", as they would on one line) and is written as it was."""
    cut: dict[int, tuple[str, str, str]] = {}  # text event -> (white space before, text, white space after)
    for i, event in enumerate(events):
        if event[0] == "whole" and _inside_word(event[1]) and _next_char(readings, i, -1, space=False) \
                and _next_char(readings, i, 1, space=False):
            _take_space(events, readings, cut, i, -1)
            _take_space(events, readings, cut, i, 1)
    out: list[Event] = []
    for j, event in enumerate(events):
        before, text, after = cut.get(j, ("", "", ""))
        if j not in cut:
            out.append(event)
        else:
            out += [("space", before, event[2])] * bool(before) + [("text", text, event[2])] * bool(text) \
                + [("space", after, event[2])] * bool(after)
    return out


def _take_space(events: list[Event], readings: list[str | None], cut: dict[int, tuple[str, str, str]],
                i: int, step: int) -> None:
    """Cut the white space off the text from event i in direction `step` up to the nearest
    character read (`cut` and `readings` updated)."""
    j = i + step
    while 0 <= j < len(events) and readings[j] is not None and (events[j][0] == "text" or not readings[j]):
        if events[j][0] == "text":
            before, text, after = cut.get(j, ("", events[j][1], ""))
            kept = text.rstrip() if step < 0 else text.lstrip()
            if step < 0:
                after = text[len(kept):] + after
            else:
                before += text[:len(text) - len(kept)]
            cut[j], readings[j] = (before, kept, after), kept
            if kept:
                return
        j += step


def _read(el: etree._Element, original: bool, block: bool) -> list[Event]:
    """The events of a walk over an element, each break that separates words (`_separates`)
    reading as a space where it stands between two characters that are not white space (where
    the text already has white space beside it, or nothing, it reads as nothing): "met
    on<lb/>Monday" reads "met on Monday", the `<lb/>` a piece kept as it is standing for the
    space, so that writing it puts back the element and not the space. White space beside a
    break inside a word reads as nothing (`_unspaced`)."""
    events = list(_walk(el, original, block))
    if any(event[0] == "whole" and _inside_word(event[1]) for event in events):
        events = _unspaced(events, [_reading(event) for event in events])
    readings = [_reading(event) for event in events]
    for i, event in enumerate(events):
        if event[0] == "whole" and not event[2] and _separates(event[1]):
            before, after = _next_char(readings, i, -1), _next_char(readings, i, 1)
            if before and after and not before.isspace() and not after.isspace():
                events[i] = ("whole", event[1], " ", event[3])
                readings[i] = " "
    return events


def _span(el: etree._Element, depth: int, xml: str | None = None, between: bool = False) -> Span:
    """The span of an element (offsets set later)."""
    if not isinstance(el.tag, str):
        return Span(0, 0, "#comment" if isinstance(el, etree._Comment) else "#pi", depth=depth, xml=xml)
    return Span(0, 0, el.tag, attrs=tuple(el.attrib.items()), depth=depth, xml=xml, between=between)


def _kept_space(raw: str, depth: int, start: int = 0, end: int = 0) -> Span:
    """A piece kept as it is for white space the reading text changes (over `start:end`)."""
    return Span(start, end, WHITESPACE, depth=depth, xml=escape(raw))


def block_text(el: etree._Element, kind: str, block_id: str | None) -> Block | None:
    """A paragraph-like element as a block for the segmenter: its reading text, white space
    collapsed, with its markup as kept spans and where its lines end (Block.lines: each line
    break in its text and each `<lb/>` between words; None when it has no text)."""
    builder = BlockBuilder()
    opened: list[tuple[int, etree._Element, int]] = []
    for event in _read(el, False, block=True):
        if event[0] == "text":
            builder.add(event[1], lines=True)
        elif event[0] == "open":
            opened.append((builder.open(), event[1], event[2]))
        elif event[0] == "close":
            handle, child, depth = opened.pop()
            builder.keep(handle, _span(child, depth))
        elif event[0] == "space":
            builder.keep(builder.open(), _kept_space(event[1], event[2]))
        else:
            if event[1].tag == _LB and event[1].get("break") != "no":
                builder.line_end()
            handle = builder.open()
            if event[0] == "whole":
                builder.add(event[2])
            builder.keep(handle, _span(event[1], event[-1], xml=fragment(event[1]), between=event[0] == "between"))
    return builder.finish(kind, block_id)


def inline_markup(s: etree._Element, text: str, original: bool = False) -> Markup | None:
    """The markup of a `<s>` whose reading text is `text`, exactly as read: every element,
    attribute and white space character (None when the text says it all)."""
    attrs = tuple((k, v) for k, v in s.attrib.items() if k != XML_ID)
    if not len(s) and not attrs and (s.text or "") == text:
        return None
    raw: list[str] = []
    size = 0
    found: list[tuple[int, int, Span]] = []  # raw offsets, in document order; text nodes as "#text"
    opened: list[int] = []
    for event in _read(s, original, block=False):
        if event[0] == "text":
            found.append((size, size + len(event[1]), Span(0, 0, "#text", depth=event[2])))
            raw.append(event[1])
            size += len(event[1])
        elif event[0] == "open":
            opened.append(len(found))
            found.append((size, size, _span(event[1], event[2])))
        elif event[0] == "close":
            k = opened.pop()
            found[k] = (found[k][0], size, found[k][2])
        elif event[0] == "space":
            found.append((size, size, _kept_space(event[1], event[2])))
        else:
            found.append((size, size + len(event[2]), _span(event[1], event[3], xml=fragment(event[1]))))
            raw.append(event[2])
            size += len(event[2])
    full = "".join(raw)
    where, out = _mapping(full)
    if out != text:
        return None  # the text is not this sentence's reading (it was changed after reading)
    spans: list[Span] = []
    for a, b, span in found:
        if span.name == "#text":
            spans += _whitespace(full, out, where, a, b, span.depth)
        else:
            spans.append(replace(span, start=where[a], end=where[b]))
    return Markup(text, tuple(spans), attrs)


def _mapping(full: str) -> tuple[list[int], str]:
    """Where each offset of raw text lands in its reading text (`_normalize`), and that text."""
    keep = [(i, ch) for i, ch in enumerate(full)]
    if "\n" in full or "\t" in full:
        keep = []
        last = 0
        for m in _NEWLINE_SPACE.finditer(full):
            keep += [(i, full[i]) for i in range(last, m.start())] + [(m.start(), " ")]
            last = m.end()
        keep += [(i, full[i]) for i in range(last, len(full))]
        while keep and keep[0][1].isspace():
            keep.pop(0)
        while keep and keep[-1][1].isspace():
            keep.pop()
    where = [0] * (len(full) + 1)
    n = 0
    kept = iter(keep)
    nxt = next(kept, None)
    for i in range(len(full) + 1):
        where[i] = n
        if nxt is not None and nxt[0] == i:
            n += 1
            nxt = next(kept, None)
    return where, "".join(ch for _, ch in keep)


def _whitespace(full: str, out: str, where: list[int], a: int, b: int, depth: int) -> list[Span]:
    """Pieces kept as they are for the white space of the text node full[a:b] that the reading
    text changes (a line break read as a space, indentation dropped)."""
    spans: list[Span] = []
    i = a
    while i < b:
        same = where[i + 1] > where[i] and out[where[i]] == full[i]
        if same:
            i += 1
            continue
        j = i
        while j < b and not (where[j + 1] > where[j] and out[where[j]] == full[j]):
            j += 1
        spans.append(_kept_space(full[i:j], depth, where[i], where[j]))
        i = j
    return spans
