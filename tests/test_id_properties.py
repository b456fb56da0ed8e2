"""Property tests over the ids of two TEI inputs: whatever ids the inputs give (their sentences',
paragraphs', kept elements', with or without the prefixes bitext itself writes: a text id, `l1`
as its links, `<text id>.a1` as its omission anchors), the output of `bitext align` holds every
xml:id once, validates, and each link points at the sentences it joins.

Example counts come from the Hypothesis profile (tests/conftest.py).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="property tests need hypothesis (the test extra)")
from click.testing import CliRunner  # noqa: E402
from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from lxml import etree  # noqa: E402

from bitext_cli.main import cli  # noqa: E402
from tei.names import TEI_NS, XML_ID  # noqa: E402

HEAD = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>')
SENTENCES = {"en": ["The first sentence is here.", "The second one follows it.", "A third comes last of all."],
             "tr": ["Birinci cümle burada.", "İkinci cümle onu izliyor.", "Üçüncüsü en son geliyor."]}
# Names and prefixes bitext writes itself, so that the inputs' ids meet its own.
PREFIXES = ("", "", "en.", "tr.", "en.en.", "en.src.", "en.p1.", "tr.p1.", "p1.")
NAMES = ("s1", "s2", "s1.2", "p1", "l1", "l2", "a1", "en", "tr", "s1.m1", "bitext", "l2.f1", "flag.omission",
         "bitext.flags", "src")


def ids(count: int) -> st.SearchStrategy[list[str | None]]:
    """`count` ids, distinct (as one file needs), some left out (None)."""
    named = st.builds(lambda prefix, name: prefix + name, st.sampled_from(PREFIXES), st.sampled_from(NAMES))
    return st.lists(st.one_of(st.none(), named), min_size=count, max_size=count).filter(
        lambda found: len({i for i in found if i}) == len([i for i in found if i]))


@st.composite
def tei_input(draw, lang: str) -> str:
    """A TEI file in `lang` (its `<text>` perhaps with an id): one `<p>` (perhaps with an id) of
    1-3 `<s>` (perhaps with ids, and a `<hi>` with an id inside), an `<anchor>` with an id
    after them, and a `<note>` with an id in its header."""
    n = draw(st.integers(1, 3))
    text_id, p_id, anchor, note, *found = draw(ids(2 * n + 4))
    sids, his = found[:n], found[n:]
    attr = lambda value: f' xml:id="{value}"' if value else ""  # noqa: E731
    sentences = " ".join(f"<s{attr(sid)}>{text}</s>" if not hi else
                         f"<s{attr(sid)}>{text[:4]}<hi{attr(hi)}>{text[4:9]}</hi>{text[9:]}</s>"
                         for sid, hi, text in zip(sids, his, SENTENCES[lang][:n]))
    header = HEAD.replace("<p>x</p></sourceDesc>", f"<p>x<note{attr(note)}>n</note></p></sourceDesc>")
    return (f'{header}<text xml:lang="{lang}"{attr(text_id if draw(st.booleans()) else None)}><body>'
            f"<p{attr(p_id)}>{sentences} <anchor{attr(anchor)}/></p></body></text></TEI>")


def aligned(tmp_path: Path, valid, inputs: dict[str, str], *options: str) -> etree._Element:
    """`bitext align` of the two inputs (file name -> TEI, source first) with the lexical aligner:
    the output, once every xml:id in it is seen once only and `valid` passes it."""
    for name, xml in inputs.items():
        (tmp_path / name).write_text(xml, encoding="utf-8")
    source, target = inputs
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(cli, ["align", str(tmp_path / source), str(tmp_path / target), "-s", source[:2], "-t",
                                      target[:2], "--scorer", "lexical", "--force", *options, "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = etree.fromstring(out.read_bytes(), etree.XMLParser(recover=True))
    found = Counter(root.xpath("//@xml:id"))
    assert not [i for i, n in found.items() if n > 1], found
    valid(out.read_bytes())
    return root


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(en=tei_input("en"), tr=tei_input("tr"))
@example(en=f'{HEAD}<text xml:lang="en"><body><p><s xml:id="s1">{SENTENCES["en"][0]}</s> '
            f'<s xml:id="en.s1">{SENTENCES["en"][1]}</s></p></body></text></TEI>',
         tr=f'{HEAD}<text xml:lang="tr"><body><p><s xml:id="s1">{SENTENCES["tr"][0]}</s> '
            f'<s xml:id="en.s1">{SENTENCES["tr"][1]}</s></p></body></text></TEI>')
def test_every_id_of_the_output_is_unique(en: str, tr: str, tmp_path: Path, assert_valid_tei) -> None:
    root = aligned(tmp_path, assert_valid_tei, {"en.xml": en, "tr.xml": tr})
    sentences = {s.get(XML_ID): "".join(s.itertext()) for s in root.iter(f"{{{TEI_NS}}}s")}
    assert sorted(sentences.values()) == sorted(s for lang in ("en", "tr") for s in SENTENCES[lang]
                                                if s in re.sub("<[^>]+>", "", en + tr))
    pointed = [p[1:] for link in root.iter(f"{{{TEI_NS}}}link") for p in link.get("target").split()]
    assert {p for p in pointed if p in sentences} == set(sentences)


def test_ids_of_the_glossary_markup_are_not_taken_by_an_input(tmp_path: Path, assert_valid_tei) -> None:
    """The glossary's findings (`gl.f1`, `gl.missing`) and entries (`gl.yezhov`) are written by
    extensions after the texts: a sentence or a kept header element of an input with one of
    those ids wrote it twice."""
    glossary = Path(__file__).parent / "data" / "glossary_minimal.tsv"
    ru = HEAD.replace("<p>x</p></sourceDesc>", '<p>x<note xml:id="gl.missing">n</note></p></sourceDesc>')
    ru += ('<text xml:lang="ru"><body><p><s xml:id="gl.f1">Ежов пришёл домой.</s> <s xml:id="gl.yezhov">Ежов спал.</s>'
           "</p></body></text></TEI>")
    en = f'{HEAD}<text xml:lang="en"><body><p><s>He came home.</s> <s>Yezhov slept.</s></p></body></text></TEI>'
    root = aligned(tmp_path, assert_valid_tei, {"ru.xml": ru, "en.xml": en}, "--glossary", str(glossary), "--check", "--apply")
    found = set(root.xpath("//@xml:id"))
    assert {"gl.f1", "gl.missing", "gl.yezhov"} <= found


def test_ids_made_for_split_markup_are_not_taken_by_an_input(tmp_path: Path, assert_valid_tei) -> None:
    """A `<hi xml:id="h">` cut by a sentence boundary writes its second part as `h.2`, an
    unnamed one as `<sentence id>.m1`: an element of the input kept with that id wrote it twice."""
    en = (f'{HEAD}<text xml:lang="en"><body><p><hi xml:id="h">{" ".join(SENTENCES["en"][:2])}</hi> '
          f'<anchor xml:id="h.2"/> <hi>A third comes. And a fourth.</hi><anchor xml:id="en.p1.s3.m1"/></p></body></text>'
          "</TEI>")
    tr = f'{HEAD}<text xml:lang="tr"><body><p>{" ".join(SENTENCES["tr"])} Dördüncü de.</p></body></text></TEI>'
    found = set(aligned(tmp_path, assert_valid_tei, {"en.xml": en, "tr.xml": tr}).xpath("//@xml:id"))
    assert {"h", "h.2", "en.p1.s3.m1"} <= found


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(one=tei_input("en"), two=tei_input("en"))
def test_every_id_is_unique_when_both_texts_are_in_one_language(one: str, two: str, tmp_path: Path,
                                                                assert_valid_tei) -> None:
    """Two texts of one language named alike (`en`, by their language) are called `en.src` and
    `en.tgt`, their ids renamed along (corpora.model.Document.relabel)."""
    aligned(tmp_path, assert_valid_tei, {"en.xml": one, "en2.xml": two})


def test_an_id_in_a_comment_or_text_of_an_input_takes_no_name(tmp_path: Path, assert_valid_tei) -> None:
    """Only elements hold ids: a comment, a CDATA section or text that reads `xml:id="..."` (a
    TEI text about encoding) leave the name of a split element free (`en.p1.s1.m1`, its part
    `en.p1.s1.m1.2`), as the one parser of kept XML (corpora.markup.xml_ids) sees them."""
    en = (f'{HEAD}<text xml:lang="en"><body><!-- <hi xml:id="en.p1.s1.m1"> was here -->'
          f'<p><hi>{" ".join(SENTENCES["en"][:2])}</hi> {SENTENCES["en"][2]}</p>'
          '<p>Write <![CDATA[<hi xml:id="en.p1.s1.m1.2">]]> soon.</p></body></text></TEI>')
    tr = f'{HEAD}<text xml:lang="tr"><body><p>{" ".join(SENTENCES["tr"])}</p><p>Yakında yaz.</p></body></text></TEI>'
    root = aligned(tmp_path, assert_valid_tei, {"en.xml": en, "tr.xml": tr})
    assert [hi.get(XML_ID) for hi in root.iter(f"{{{TEI_NS}}}hi")] == ["en.p1.s1.m1", "en.p1.s1.m1.2"]


@pytest.mark.parametrize("xml, outer, want", [
    ('<p xml:id="a"><hi xml:id="b"/></p><pb xml:id="c"/>', True, ["a", "b", "c"]),
    ('<p xml:id="a"><hi xml:id="b"/></p><pb xml:id="c"/>', False, ["b"]),  # inside its elements only
    ("<p xml:id = 'a'>x</p>", True, ["a"]),  # single quotes, spaces: as XML allows
    ('<!-- <p xml:id="c"/> --><p>xml:id="t" <![CDATA[ xml:id="d" ]]></p>', True, []),
    ('<p xmlns:my="urn:my" my:id="m" id="n"/><?pi xml:id="q"?>', True, []),
    ('<p xmlns:nsxml="urn:x" nsxml:id="p"/>', True, []),  # a prefix ending in "xml"
    ("", True, []), ("plain text", True, []),
], ids=["all", "inner", "quotes", "comment-text-cdata", "other-namespaces-pi", "prefix", "empty", "text"])
def test_the_ids_of_kept_xml_are_those_of_its_elements(xml: str, outer: bool, want: list[str]) -> None:
    from corpora.markup import xml_ids

    assert xml_ids(xml, outer=outer) == want
