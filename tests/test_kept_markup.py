"""Markup inside `<s>` (glossary names, `<choice><orig/><reg/>`) and the header declarations it
points at survive every command that reads TEI and writes it again: apply-review, glossary
check -o, glossary apply (issue 17, item 2)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from glossary.io import starter_path
from tei.decisions import FORMAT, document_hash
from tei.names import TEI_NS, XML_ID
from tei.reader import read_tei
from tei.writer import tei_bytes

RU = "Приказ подписал Ежов.\n\nСталин ждал. Ежов молчал.\n\nНКВД работал.\n"
EN = "The order was signed by Ezhov.\n\nStalin waited. Jezhov was silent.\n\nThe NKVD worked.\n"


def run(*args: str):
    result = CliRunner().invoke(cli, ["-q", *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def marked(tmp_path: Path) -> Path:
    """An alignment with glossary names marked and two spellings regularized."""
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "marked.xml"
    run("align", str(tmp_path / "ru.txt"), str(tmp_path / "en.txt"), "-t", "en", "--glossary",
        str(starter_path()), "--apply", "-o", str(out))
    data = out.read_bytes()
    assert b"<choice><orig>Ezhov</orig><reg>Yezhov</reg></choice>" in data
    assert b"<choice><orig>Jezhov</orig><reg>Yezhov</reg></choice>" in data
    return out


def sentences(data: bytes) -> dict[str, str]:
    """Each `<s>` by id, serialized with all its markup."""
    root = etree.fromstring(data)
    return {s.get(XML_ID): etree.tostring(s, encoding="unicode", with_tail=False)
            for s in root.iter(f"{{{TEI_NS}}}s")}


def declarations(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    found = root.xpath("//t:profileDesc/t:*[not(self::t:langUsage)] | //t:editorialDecl[@n]",
                       namespaces={"t": TEI_NS})
    return [etree.tostring(el, encoding="unicode", with_tail=False) for el in found]


def test_read_and_write_again_is_byte_identical(marked: Path) -> None:
    data = marked.read_bytes()
    assert tei_bytes(read_tei(data)) == data


def test_apply_review_keeps_every_sentence_and_its_markup(tmp_path: Path, marked: Path, assert_valid_tei) -> None:
    bitext = read_tei(marked)
    decisions = [{"link": link.id, "action": "accept"} for link in bitext.links]
    decisions[1] = {"link": bitext.links[1].id, "action": "reject"}
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "document": document_hash(bitext),
                                "decisions": decisions}), encoding="utf-8")
    out = tmp_path / "fixed.xml"
    run("apply-review", str(marked), str(path), "-o", str(out))
    before, after = marked.read_bytes(), out.read_bytes()
    assert sentences(after) == sentences(before)
    assert declarations(after) == declarations(before)
    assert_valid_tei(after)
    fixed = read_tei(after)
    assert fixed.target.segments[0].text == "The order was signed by Yezhov."  # the reading text: <reg>
    assert {link.resp for link in fixed.links} == {"human"}


def test_glossary_check_output_keeps_the_markup(tmp_path: Path, marked: Path) -> None:
    out = tmp_path / "checked.xml"
    run("glossary", "check", str(marked), "-o", str(out))
    assert sentences(out.read_bytes()) == sentences(marked.read_bytes())
    assert declarations(out.read_bytes()) == declarations(marked.read_bytes())


def test_glossary_apply_again_joins_the_earlier_declarations(tmp_path: Path, marked: Path, assert_valid_tei) -> None:
    """A file where one sentence lost its markup (edited by hand): applying again marks it and
    declares nothing twice; the result is what one apply makes, with the second apply's
    revision entry (it changed the file) beside the first's."""
    data = marked.read_bytes().decode("utf-8")
    stripped = re.sub(r'(<s xml:id="en.p2.s2">).*?(</s>)', r"\1Jezhov was silent.\2", data)
    assert stripped != data
    partial = tmp_path / "partial.xml"
    partial.write_text(stripped, encoding="utf-8")
    out = tmp_path / "again.xml"
    run("glossary", "apply", str(partial), "-o", str(out))
    assert_valid_tei(out.read_bytes())
    again, n = re.subn(r'\s*<change [^>]*>Names and terms of the glossary [^<]*</change>', "",
                       out.read_bytes().decode("utf-8"), count=1)
    assert n == 1 and again == marked.read_bytes().decode("utf-8")


def test_markup_that_no_longer_reads_as_the_text_is_not_written() -> None:
    """A segment whose text was changed after reading is written as its new text: stale markup
    must not bring the old words back."""
    from corpora.model import Bitext

    bitext = read_tei(tei_bytes(read_tei(_marked_bytes())))
    seg = bitext.target.paragraphs[0].segments[0]
    assert seg.markup
    edited = replace(seg, text="A new sentence.")
    paragraphs = [replace(bitext.target.paragraphs[0], segments=(edited,)), *bitext.target.paragraphs[1:]]
    target = replace(bitext.target, paragraphs=paragraphs)
    out = sentences(tei_bytes(Bitext(bitext.source, target, bitext.links, bitext.meta)))
    assert out[seg.id] == f'<s xmlns="{TEI_NS}" xml:id="{seg.id}">A new sentence.</s>'


def _marked_bytes() -> bytes:
    from corpora.model import Bitext, Document, Link
    from tei.glossary_markup import names_extension
    from glossary.io import load_glossary
    from glossary.match import Matcher

    src = Document.from_sentences("ru", [["Приказ подписал Ежов."]])
    tgt = Document.from_sentences("en", [["The order was signed by Ezhov."]])
    return tei_bytes(Bitext(src, tgt, [Link((0,), (0,), 0.9)]), [names_extension(Matcher(load_glossary()))])


def test_a_sentence_corrected_by_hand_keeps_its_markup_in_sic(tmp_path: Path, marked: Path, assert_valid_tei) -> None:
    """The editor's text edit (decisions version 2) wraps the sentence as published, markup and
    all, in <sic>; the correction is plain text in <corr>."""
    bitext = read_tei(marked)
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"format": FORMAT, "version": 2, "document": document_hash(bitext), "operations": [
        {"op": "edit", "side": "target", "texts": {"0": "The order was signed by Yezhov himself."}}]}),
        encoding="utf-8")
    out = tmp_path / "fixed.xml"
    run("apply-review", str(marked), str(path), "-o", str(out))
    assert_valid_tei(out.read_bytes())
    first = bitext.target.segments[0].id
    published = sentences(marked.read_bytes())[first]
    inner = re.search(r"^<s[^>]*>(.*)</s>$", published, re.S).group(1)
    corrected = sentences(out.read_bytes())[first]
    assert inner and "<persName" in inner
    assert f"<sic>{inner}</sic>" in corrected
    assert '<corr resp="#human">The order was signed by Yezhov himself.</corr>' in corrected
    assert read_tei(out).target.segments[0].text == "The order was signed by Yezhov himself."

