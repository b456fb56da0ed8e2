"""Glossary names in an archive's marked-up sentences (issue 21 with issue 17's promise): `align
--apply` and `glossary apply` mark names in every text node outside other names, choices and
notes, keep every element the archive wrote, and applying again changes nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from glossary.io import starter_path
from tei.names import TEI_NS

NS = {"t": TEI_NS}
TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Archive</p></publicationStmt><sourceDesc><p>Letter</p></sourceDesc></fileDesc></teiHeader>
<text xml:lang="{lang}"><body><p>{first}</p><p>{second}</p></body></text></TEI>
"""
RU = TEI.format(title="Письмо", lang="ru",
                first='Приказ подписал <hi rend="bold">нарком</hi> Ежов <date when="1937-05-03">3 мая</date>.',
                second='Сталин ждал.<note place="foot">Ежов — на полях.</note> Ежов молчал.')
EN = TEI.format(title="Letter", lang="en",
                first='The order was signed by <hi rend="bold">the commissar</hi> Ezhov <date when="1937-05-03">on 3 May</date>.',
                second='Stalin waited.<note place="foot">Ezhov in the margin.</note> Jezhov was silent.')


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, ["-q", *args])
    assert result.exit_code == 0, result.output


def english(data: bytes) -> etree._Element:
    return etree.fromstring(data).findall(".//t:group/t:text", NS)[1]


def test_names_are_marked_beside_the_archives_markup_and_apply_again_changes_nothing(
        tmp_path: Path, assert_valid_tei) -> None:
    (tmp_path / "ru.xml").write_text(RU, encoding="utf-8")
    (tmp_path / "en.xml").write_text(EN, encoding="utf-8")
    out = tmp_path / "aligned.xml"
    run("align", str(tmp_path / "ru.xml"), str(tmp_path / "en.xml"), "--scorer", "lexical",
        "--glossary", str(starter_path()), "--apply", "-o", str(out))
    data = out.read_bytes()
    assert_valid_tei(data)
    en = english(data)
    first = en.find(".//t:s", NS)
    assert first.find("t:hi", NS).text == "the commissar" and first.find("t:date", NS).text == "on 3 May"
    name = first.find("t:persName", NS)
    assert name is not None and name.get("ref", "").startswith("#gl.")
    assert name.findtext("t:choice/t:orig", namespaces=NS) == "Ezhov"
    assert name.findtext("t:choice/t:reg", namespaces=NS) == "Yezhov"
    assert [o.text for o in en.iterfind(".//t:s//t:persName/t:choice/t:orig", NS)] == ["Ezhov", "Jezhov"]
    assert en.findtext(".//t:note", namespaces=NS) == "Ezhov in the margin."  # no name marked in a note
    again = tmp_path / "again.xml"
    run("glossary", "apply", str(out), "-o", str(again))
    assert again.read_bytes() == data


def test_an_entry_whose_id_the_input_uses_gets_a_free_one(tmp_path: Path, assert_valid_tei) -> None:
    """The archive already has an element `gl.yezhov`: `glossary apply` declares the entry under a
    free id and the names point at the entry, not at the archive's element."""
    (tmp_path / "ru.xml").write_text(RU, encoding="utf-8")
    (tmp_path / "en.xml").write_text(EN.replace('<date when', '<date xml:id="gl.yezhov" when'), encoding="utf-8")
    out = tmp_path / "aligned.xml"
    run("align", str(tmp_path / "ru.xml"), str(tmp_path / "en.xml"), "--scorer", "lexical", "-o", str(out))
    assert b'xml:id="gl.yezhov"' in out.read_bytes()
    applied = tmp_path / "applied.xml"
    run("glossary", "apply", str(out), "-o", str(applied))
    data = applied.read_bytes()
    root = assert_valid_tei(data)
    refs = [name.get("ref") for name in root.iterfind(".//t:s//t:persName", NS)]
    assert "#gl.yezhov.2" in refs and "#gl.yezhov" not in refs
    person, = root.xpath(".//t:listPerson[@type='glossary']/t:person[@xml:id='gl.yezhov.2']", namespaces=NS)
    assert person.findtext("t:persName[@type='canonical']", namespaces=NS) == "Ежов"
    assert root.xpath(".//t:date/@xml:id", namespaces=NS) == ["gl.yezhov"]
    again = tmp_path / "again.xml"
    run("glossary", "apply", str(applied), "-o", str(again))
    assert again.read_bytes() == data


def test_an_archives_own_name_pointing_at_its_own_gl_id_stays(tmp_path: Path) -> None:
    """The archive's `<persName ref="#gl.yezhov">` points at its own element `gl.yezhov`: it is no
    name glossary markup wrote, so `glossary apply` leaves it as it is, pointing where it did."""
    en = EN.replace("Ezhov <date when", '<persName ref="#gl.yezhov">Ezhov</persName> <date xml:id="gl.yezhov" when')
    (tmp_path / "ru.xml").write_text(RU, encoding="utf-8")
    (tmp_path / "en.xml").write_text(en, encoding="utf-8")
    out = tmp_path / "aligned.xml"
    run("align", str(tmp_path / "ru.xml"), str(tmp_path / "en.xml"), "--scorer", "lexical", "-o", str(out))
    applied = tmp_path / "applied.xml"
    run("glossary", "apply", str(out), "-o", str(applied))
    first = english(applied.read_bytes()).find(".//t:s", NS)
    name, = first.iterfind("t:persName", NS)
    assert (name.get("ref"), name.text) == ("#gl.yezhov", "Ezhov")
