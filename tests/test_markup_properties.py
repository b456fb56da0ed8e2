"""Property tests over random markup in a TEI input's paragraphs (issue 21, item 1): elements of
any kind nested at random (phrase elements, milestones, notes, `<choice>`, comments, lists and
verse a sentence cannot hold) around text whose sentences cross them. For every example: every
element of the input is in the output, in order, holding the same text (split parts counted
once through @next), every comment too, the text is unchanged, the output is valid (tei_all,
bitext's schema, structural checks) and reads back and writes again byte for byte.

Example counts come from the Hypothesis profile (tests/conftest.py).
"""

from __future__ import annotations

import re
from itertools import count

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="property tests need hypothesis (the test extra)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from lxml import etree  # noqa: E402

from align.sources import segment_source  # noqa: E402
from corpora.errors import InputError  # noqa: E402
from corpora.model import Bitext, Document, Link  # noqa: E402
from tei.names import TEI_NS  # noqa: E402
from tei.reader import read_tei, read_tei_sources  # noqa: E402
from tei.writer import tei_bytes  # noqa: E402
from tests.markup_support import comments, input_elements, letters, output_elements  # noqa: E402

WORDS = ("Alpha", "went", "home", "Mr.", "Smith", "said", "no", "1937", "quiet", "N.", "I.", "Ivanov", "«so»", "don'",
         "(1937")
ENDS = (". ", "? ", "! ", ", ", " ", " ", ". ", ".", " \n   ", "")
# Phrase-level elements TEI allows inside one another, in <p> and in <s>, with an attribute each.
CONTAINERS = (("hi", 'rend="italic"'), ("persName", 'ref="#x"'), ("placeName", ""), ("date", 'when="1937-05-03"'),
              ("seg", 'type="t"'), ("emph", ""), ("name", 'type="place"'), ("foreign", 'xml:lang="de"'),
              ("q", ""), ("add", 'place="above"'), ("del", 'rend="strike"'), ("orgName", ""))
INSIDE = ('<lb break="no"/>', '<pb n="4" break="no"/>')  # breaks inside a word
MILESTONES = ('<pb n="2"/>', "<lb/>", '<cb n="b"/>', '<milestone unit="section"/>', '<gap reason="illegible"/>',
              *INSIDE)
# A break read as a word boundary ("|"), or inside a word ("¦": the word goes on across it and across the
# white space beside it, whatever character comes before: TEI's break="no" ends no word "irrespective of
# the presence of any adjacent whitespace").
BREAKS = {'<pb n="2"/>': "|", "<lb/>": "|", '<cb n="b"/>': "|", '<lb break="no"/>': "¦", '<pb n="4" break="no"/>': "¦"}
SPACES = ("", "", "\n", "\n    ", " \t")
INSIDE_WORD = re.compile(r"(?<=[^\s|¦])[\s¦]*¦[\s¦]*(?=[^\s|¦])")


@st.composite
def words(draw) -> str:
    parts = [draw(st.sampled_from(WORDS)) + draw(st.sampled_from(ENDS)) for _ in range(draw(st.integers(0, 4)))]
    return "".join(parts).replace("&", "&amp;")


def node(ids: "count[int]", top: bool):
    """A strategy for one piece of paragraph content; `top`: directly in the `<p>`."""
    leaves = st.one_of(
        words(),
        st.sampled_from(MILESTONES),
        st.builds(lambda: f'<anchor xml:id="a{next(ids)}"/>'),
        words().map(lambda w: f'<note place="foot">{w or "n"}</note>'),
        st.tuples(st.sampled_from(("Ezhov", "Jezhov")), st.sampled_from(("Yezhov", "Ежов"))).map(
            lambda p: f"<choice><orig>{p[0]}</orig><reg>{p[1]}</reg></choice>"),
        st.just("<choice><abbr>N. I.</abbr><expan>Nikolai Ivanovich</expan></choice>"),
        st.tuples(words(), st.sampled_from(SPACES), st.sampled_from(INSIDE), st.sampled_from(SPACES), words()).map(
            "".join),  # a word broken across lines of a pretty-printed file
        words().map(lambda w: f"<!--{w.replace('-', '')} -->"),
    )

    def element(name: str, attrs: str, with_id: bool, children: list[str]) -> str:
        attrs += f' xml:id="e{next(ids)}"' if with_id else ""  # a split element's first part keeps it
        return f"<{name} {attrs}>{''.join(children)}</{name}>".replace("< ", "<").replace(" >", ">")

    def wrap(children):
        return st.tuples(st.sampled_from(CONTAINERS), st.booleans(), st.lists(children, max_size=4)).map(
            lambda t: element(t[0][0], t[0][1], t[1], t[2]))

    tree = st.recursive(leaves, wrap, max_leaves=12)
    if not top:
        return tree
    between = st.one_of(
        st.lists(words().filter(bool), min_size=1, max_size=2).map(
            lambda items: "<list>" + "".join(f"<item>{i}</item>" for i in items) + "</list>"),
        st.lists(words().filter(bool), min_size=1, max_size=2).map(
            lambda lines: '<lg type="quote">' + "".join(f"<l>{i}</l>" for i in lines) + "</lg>"),
    )
    return st.one_of(tree, tree, tree, between)


@st.composite
def documents(draw) -> bytes:
    ids = count(1)
    paragraphs = []
    for n in range(draw(st.integers(1, 3))):
        content = "".join(draw(st.lists(node(ids, top=True), min_size=1, max_size=6)))
        paragraphs.append(f'<p xml:id="p{n + 1}">{content}</p>' if draw(st.booleans()) else f"<p>{content}</p>")
        if draw(st.booleans()):
            paragraphs.append('<pb n="9"/>')
    return (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
            "<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>"
            f'<text xml:lang="en"><body><div type="part">{"".join(paragraphs)}</div></body></text></TEI>').encode()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=documents())
def test_random_markup_survives_alignment(data: bytes, assert_valid_tei) -> None:
    given = etree.fromstring(data).find(f".//{{{TEI_NS}}}text")
    try:
        text, = read_tei_sources(data)
    except InputError:  # no text at all: nothing to align
        return
    source = segment_source(text, "en")
    target = Document.from_sentences("de", [["Eins."]])
    bitext = Bitext(source, target, [Link(tuple(range(len(source))), (0,), 0.5)])
    out = tei_bytes(bitext)
    written = etree.fromstring(out).find(f".//{{{TEI_NS}}}group/{{{TEI_NS}}}text")
    assert output_elements(written) == input_elements(given)
    assert comments(written) == comments(given)
    assert letters(written) == letters(given)
    assert_valid_tei(out)
    assert tei_bytes(read_tei(out)) == out
    assert [seg.text for seg in read_tei(out).source.segments] == [seg.text for seg in source.segments]
    assert words_read(data) == words_read(data, BREAKS)


def words_read(data: bytes, breaks: dict[str, str] | None = None) -> list[str]:
    """The words of a TEI input's sentences as read; with `breaks`, the words of its paragraphs
    read with each break replaced by text ("|" read as a space between words, "¦" joining the
    word around it with the white space beside it), each paragraph cut where an element a
    sentence cannot hold stands: a break reads as the word boundary it stands for, or as none."""
    for element, text in (breaks or {}).items():
        data = data.replace(element.encode(), text.encode())
    try:
        source, = read_tei_sources(data)
        texts = [seg.text for seg in segment_source(source, "en").segments] if breaks is None else [
            INSIDE_WORD.sub("", piece).replace("¦", "").replace("|", " ") for block in source.blocks
            for piece in _pieces(block.text, [span.start for span in block.spans if span.between])]
    except InputError:
        return []
    return [word for text in texts for word in text.split()]


def _pieces(text: str, cuts: list[int]) -> list[str]:
    """A paragraph's text cut at the given offsets."""
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


@pytest.mark.parametrize("content", [
    'Alpha went <hi rend="italic">home. Mr. Smith said</hi> no. <pb n="2"/>Quiet.',
    '<hi rend="italic">One. <persName>Two. Three</persName>. Four.</hi>',
    "One.<note>n</note> <lb/>Two. <lg><l>a</l></lg> Three <list><item>i</item></list>",
    '<seg type="t"> </seg>One. <hi rend="italic">Two. <pb n="1"/></hi>Three.',
    '<hi rend="italic"><pb n="2"/></hi><list><item>Alpha. </item></list>Alpha. ',
    '<hi rend="italic" xml:id="h1"><hi rend="italic">Alpha. <note place="foot">n</note></hi>Beta.</hi>',
    '<hi rend="italic">One. <list><item>i</item></list> Two.</hi> Three.',
    'Alpha went \n   <lb break="no"/>home. Mr.\n<pb n="4" break="no"/>Smith <lb/>\n<lb break="no"/>said.',
    'Alpha went<lb/>home.<pb n="2"/>Mr. Smith <hi rend="italic"><lb/></hi>said no<lb break="no"/>w. <cb n="b"/>Quiet.',
])
def test_examples_that_once_failed(content: str, assert_valid_tei) -> None:
    """Fixed examples of the property above (sentences across nested elements, milestones in
    the space between sentences, elements a sentence cannot hold)."""
    data = (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt>'
            f'<p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text xml:lang="en">'
            f"<body><p>{content}</p></body></text></TEI>").encode()
    test_random_markup_survives_alignment.hypothesis.inner_test(data, assert_valid_tei)
