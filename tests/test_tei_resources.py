"""What an archive's TEI holds beside its header and its text survives alignment: the root
`<TEI>`'s attributes, `<facsimile>` (and `<sourceDoc>`, `<fsdDecl>`), `<standOff>` and the
header's `<xenoData>`, each where TEI allows it, their ids renamed where they would occur twice
with the pointers of their own input following, valid against tei_all and bitext's schema, the
same bytes when the output is read and written again or realigned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from tei.decisions import FORMAT, document_hash
from tei.names import TEI_NS, XML_ID, XML_NS, base_of
from tei.reader import read_tei
from tei.writer import tei_bytes

NS = {"t": TEI_NS, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'


def header(title: str, xeno: str = "") -> str:
    return (f"<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt><p>p</p>"
            f"</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>{xeno}</teiHeader>")


RU = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xml:id="doc.ru" n="12" type="letter" xml:base="https://archive.example/f12/" version="4.9.0"
     xml:lang="ru">
  {header("Письмо", f'<xenoData><rdf:RDF {RDF}><rdf:Description rdf:about="#doc.ru"/></rdf:RDF></xenoData>')}
  <facsimile><surface xml:id="f1" ulx="0" uly="0" lrx="100" lry="100"><graphic url="page1.jpg"/>
    <zone xml:id="z1" ulx="0" uly="0" lrx="100" lry="10"/></surface></facsimile>
  <text xml:lang="ru"><body>
    <p xml:id="p1" facs="#z1">Город был тих. Пиши <persName ref="#ivanov">Иванову</persName>.</p>
  </body></text>
  <standOff><listPerson><person xml:id="ivanov"><persName>Н. И. Иванов</persName></person></listPerson></standOff>
</TEI>
"""

# The translation, encoded by the same archive: its ids clash with the original's (f1, z1, p1,
# ivanov) and its standOff points into its own text.
EN = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xml:id="doc.en" rend="translation">
  {header("Letter")}
  <facsimile><surface xml:id="f1" ulx="0" uly="0" lrx="100" lry="100"><graphic url="page1-en.jpg"/>
    <zone xml:id="z1" ulx="0" uly="0" lrx="100" lry="10"/></surface></facsimile>
  <text xml:lang="en"><body>
    <p xml:id="p1" facs="#z1">The city was quiet. Write to <persName ref="#ivanov">Ivanov</persName>.</p>
  </body></text>
  <standOff>
    <listPerson><person xml:id="ivanov"><persName>N. I. Ivanov</persName></person></listPerson>
    <listAnnotation><annotation xml:id="a1" target="#p1"><note>Translated in 1990.</note></annotation></listAnnotation>
  </standOff>
</TEI>
"""


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, ["-q", *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("resources")
    (path / "ru.xml").write_text(RU, encoding="utf-8")
    (path / "en.xml").write_text(EN, encoding="utf-8")
    (path / "en.txt").write_text("The city was quiet. Write to Ivanov.\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def aligned(folder: Path) -> bytes:
    run("align", str(folder / "ru.xml"), str(folder / "en.xml"), "--scorer", "lexical", "-o", str(folder / "out.xml"))
    return (folder / "out.xml").read_bytes()


def children(root: etree._Element) -> list[str]:
    return [el.tag.rpartition("}")[2] for el in root]


def by_id(root: etree._Element) -> dict[str, etree._Element]:
    return {el.get(XML_ID): el for el in root.iter() if el.get(XML_ID)}


def test_the_resources_are_kept_where_tei_allows_them(aligned: bytes, assert_valid_tei) -> None:
    root = assert_valid_tei(aligned)
    assert children(root) == ["teiHeader", "facsimile", "facsimile", "text", "standOff", "standOff", "standOff"]
    assert root[4].find("t:linkGrp[@type='alignment']", NS) is not None  # ours first, then the inputs'
    assert [g.get("url") for g in root.iter(f"{{{TEI_NS}}}graphic")] == ["page1.jpg", "page1-en.jpg"]
    assert children(root[0]) == ["fileDesc", "encodingDesc", "profileDesc", "xenoData", "revisionDesc"]
    assert root[0].find("t:xenoData/rdf:RDF/rdf:Description", NS).get(f"{{{NS['rdf']}}}about") == "#doc.ru"


def test_the_root_attributes_are_kept_but_the_language_each_text_names(aligned: bytes) -> None:
    root = etree.fromstring(aligned)
    assert dict(root.attrib) == {XML_ID: "doc.ru", "n": "12", "type": "letter", "version": "4.9.0",
                                 "rend": "translation"}
    ru, en = root.findall("t:text/t:group/t:text", NS)
    assert (ru.get(f"{{{XML_NS}}}lang"), en.get(f"{{{XML_NS}}}lang")) == ("ru", "en")


def test_clashing_ids_of_the_translation_are_renamed_and_its_own_pointers_follow(aligned: bytes) -> None:
    root = etree.fromstring(aligned)
    ids = root.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    found = by_id(root)
    assert {"f1", "z1", "ivanov", "en.f1", "en.z1", "en.ivanov", "a1", "p1", "en.p1"} <= set(found)
    ru, en = root.findall("t:text/t:group/t:text", NS)
    assert ru.find(".//t:p", NS).get("facs") == "#z1" and en.find(".//t:p", NS).get("facs") == "#en.z1"
    assert ru.find(".//t:persName", NS).get("ref") == "#ivanov"
    assert en.find(".//t:persName", NS).get("ref") == "#en.ivanov"
    assert found["a1"].get("target") == "#en.p1"  # the translation's annotation still points at its paragraph
    assert found["en.z1"].getparent() is found["en.f1"]


def test_rewriting_and_realigning_keep_the_same_bytes(aligned: bytes, folder: Path) -> None:
    assert tei_bytes(read_tei(aligned)) == aligned
    run("align", str(folder / "out.xml"), "--scorer", "lexical", "-o", str(folder / "again.xml"))
    again = etree.fromstring((folder / "again.xml").read_bytes())
    first = etree.fromstring(aligned)
    assert dict(again.attrib) == dict(first.attrib)
    assert [etree.tostring(el) for el in again if el.tag != f"{{{TEI_NS}}}teiHeader"] == \
        [etree.tostring(el) for el in first if el.tag != f"{{{TEI_NS}}}teiHeader"]


def test_a_tei_aligned_with_plain_text_keeps_its_resources(folder: Path, assert_valid_tei) -> None:
    out = folder / "plain.xml"
    run("align", str(folder / "ru.xml"), str(folder / "en.txt"), "-t", "en", "--scorer", "lexical", "-o", str(out))
    root = assert_valid_tei(out.read_bytes())
    assert children(root) == ["teiHeader", "facsimile", "text", "standOff", "standOff"]
    assert root.get(XML_ID) == "doc.ru" and root.get(f"{{{XML_NS}}}lang") is None
    assert tei_bytes(read_tei(out)) == out.read_bytes()


def test_a_root_attribute_both_inputs_set_differently_is_kept_once_and_said(folder: Path, caplog) -> None:
    (folder / "en2.xml").write_text(EN.replace('rend="translation"', 'n="7"'), encoding="utf-8")
    with caplog.at_level("WARNING", logger="bitext"):
        result = CliRunner().invoke(cli, ["align", str(folder / "ru.xml"), str(folder / "en2.xml"), "--scorer",
                                          "lexical", "-o", str(folder / "n.xml")])
    assert result.exit_code == 0, result.output
    assert etree.parse(str(folder / "n.xml")).getroot().get("n") == "12"
    assert any("n=\"7\"" in r.getMessage() and "en2.xml" in r.getMessage() for r in caplog.records)
    assert not any("xml:id" in r.getMessage() for r in caplog.records)  # (its xml:id has a place of its own)


def test_the_translations_root_id_identifies_the_description_of_its_file(aligned: bytes, assert_valid_tei) -> None:
    """Both inputs' `<TEI>` carry an xml:id: the original's stays on the output's root, the
    translation's goes on the `<biblFull>` that describes its file (made from its fileDesc), so
    an archive's identifier of that file is not lost and a pointer to it still finds the file."""
    root = assert_valid_tei(aligned)
    assert root.get(XML_ID) == "doc.ru"
    fulls = root.findall("t:teiHeader/t:fileDesc/t:sourceDesc/t:biblFull", NS)
    assert [(el.get(XML_ID), el.get("corresp")) for el in fulls] == [(None, "#ru"), ("doc.en", "#en")]


def test_an_inputs_own_alignment_standoff_is_kept_beside_ours_and_not_read_as_ours(folder: Path) -> None:
    """A standOff another tool wrote into the input (its own `linkGrp type="alignment"`) is the
    input's: kept after ours, not read, checked or written as bitext's links."""
    other = RU.replace("<standOff>", '<standOff><linkGrp type="alignment"><link target="#p1 #z1"/></linkGrp>')
    (folder / "other.xml").write_text(other, encoding="utf-8")
    out = folder / "other.out.xml"
    run("align", str(folder / "other.xml"), str(folder / "en.txt"), "-t", "en", "--scorer", "lexical", "-o", str(out))
    bitext = read_tei(out)
    assert len(bitext.links) == 2 and tei_bytes(bitext) == out.read_bytes()
    root = etree.parse(str(out)).getroot()
    assert [el.find("t:linkGrp/t:link", NS).get("target") for el in root.findall("t:standOff", NS)][1] == \
        "#p1 #z1"
    result = CliRunner().invoke(cli, ["validate", str(out)])
    assert result.exit_code == 0, result.output


def test_an_inputs_own_alignment_to_another_file_is_not_checked_as_ours(folder: Path) -> None:
    """Another tool's alignment of the input's sentences with a third file (`target="#s1
    de.xml#s1"`), kept in its standOff after ours: `validate`, and `glossary check -o`'s output,
    check bitext's links alone (before, its sentences counted as linked twice and its pointers
    into de.xml as missing)."""
    other = RU.replace('<p xml:id="p1" facs="#z1">Город был тих. Пиши ',
                       '<p xml:id="p1" facs="#z1"><s xml:id="s1">Город был тих.</s> <s xml:id="s2">Пиши ')
    other = other.replace("</persName>.</p>", "</persName>.</s></p>")
    other = other.replace("<standOff>", '<standOff><linkGrp type="alignment"><link xml:id="l1" target="#s1 de.xml#s1"/>'
                                        '<link xml:id="l2" target="#s2 de.xml#s2"/></linkGrp>')
    (folder / "other-s.xml").write_text(other, encoding="utf-8")
    out, checked = folder / "other-s.out.xml", folder / "other-s.checked.xml"
    run("align", str(folder / "other-s.xml"), str(folder / "en.txt"), "-t", "en", "--scorer", "lexical", "-o", str(out))
    root = etree.parse(str(out)).getroot()
    assert [link.get("target") for link in root.findall("t:standOff", NS)[1].iterfind(".//t:link", NS)] == \
        ["#s1 de.xml#s1", "#s2 de.xml#s2"]
    assert [link.src for link in read_tei(out).links] == [(0,), (1,)]
    run("glossary", "check", str(out), "-o", str(checked))
    for path in (out, checked):
        result = CliRunner().invoke(cli, ["validate", str(path)])
        assert result.exit_code == 0, result.output


def test_the_parts_kept_of_an_input_say_the_language_they_were_in(aligned: bytes, assert_valid_tei) -> None:
    """The original's `<TEI xml:lang="ru">` said its header and resources were in Russian; the
    output's root holds two texts and says no language, so each part taken over says it itself.
    The translation's root named none: its parts name none either (its text's is its text's)."""
    root = assert_valid_tei(aligned)
    lang = f"{{{XML_NS}}}lang"
    assert [el.get(lang) for el in root.iterfind("t:teiHeader/t:fileDesc/t:sourceDesc/t:biblFull", NS)] == ["ru", None]
    assert root.find("t:teiHeader/t:xenoData", NS).get(lang) == "ru"
    assert [el.get(lang) for el in root.iterfind("t:facsimile", NS)] == ["ru", None]
    assert [el.get(lang) for el in root.iterfind("t:standOff", NS)] == [None, "ru", None]  # ours, the inputs'


def test_a_pointer_into_the_other_input_follows_its_ids_into_the_output(folder: Path, assert_valid_tei) -> None:
    """The original's standOff points at the translation's paragraph (`en-x.xml#p1`), the
    translation's at the original's person (`ru-x.xml#ivanov`): both files are in the output
    now, so each pointer that names the other input's file points into the output, following
    the id where it was renamed (the translation's p1 is en.p1 there). (Not where the pointing
    file has an xml:base: its pointers name files there, not beside it.)"""
    (folder / "ru-x.xml").write_text(RU.replace(' xml:base="https://archive.example/f12/"', "").replace(
        "</listPerson></standOff>",
        '</listPerson><listAnnotation><annotation xml:id="ru.note" target="en-x.xml#p1 other.xml#p1">'
        "<note>Translated.</note></annotation></listAnnotation></standOff>"), encoding="utf-8")
    (folder / "en-x.xml").write_text(EN.replace('target="#p1"', 'target="#p1 ru-x.xml#ivanov"'), encoding="utf-8")
    out = folder / "x.out.xml"
    run("align", str(folder / "ru-x.xml"), str(folder / "en-x.xml"), "--scorer", "lexical", "-o", str(out))
    root = assert_valid_tei(out.read_bytes())
    found = by_id(root)
    assert found["ru.note"].get("target") == "#en.p1 other.xml#p1"
    assert found["a1"].get("target") == "#en.p1 #ivanov"
    assert tei_bytes(read_tei(out)) == out.read_bytes()


def test_the_base_of_an_inputs_relative_addresses_stays_with_its_own_parts(aligned: bytes) -> None:
    """The original's `<TEI xml:base>` is the base of its relative addresses (`page1.jpg`), not
    of the translation's (`page1-en.jpg`, beside its own file): each part taken from the
    original and its text say it, the output's root, which holds both, does not."""
    root = etree.fromstring(aligned)
    base = f"{{{XML_NS}}}base"
    assert root.get(base) is None
    assert [el.getparent().get(base) for el in root.iter(f"{{{TEI_NS}}}graphic")] == [None, None]
    assert [el.get(base) for el in root.iterfind("t:facsimile", NS)] == ["https://archive.example/f12/", None]
    ru, en = root.findall("t:text/t:group/t:text", NS)
    assert (ru.get(base), en.get(base)) == ("https://archive.example/f12/", None)
    assert [el.get(base) for el in root.iterfind("t:standOff", NS)] == [None, "https://archive.example/f12/", None]


def test_the_pointers_of_a_kept_change_follow_renamed_ids(folder: Path, assert_valid_tei) -> None:
    """Both inputs give their first sentence the id s1, so each side's are prefixed (ru.s1,
    en.s1): the pointers of each input's kept `<change>`s and standOff follow, as those to its
    renamed p1 and z1 do; so does one into the other input's file (they kept '#s1', which
    pointed nowhere, and 'ru-c.xml#s1')."""
    change = ('<revisionDesc><change when="2020-01-01" target="#p1 #s1{}" corresp="#z1">Checked.</change>'
              '</revisionDesc></teiHeader>')
    (folder / "ru-c.xml").write_text(RU.replace(' xml:base="https://archive.example/f12/"', "").replace(
        "</teiHeader>", change.format(""), 1).replace("Город был тих.", '<s xml:id="s1">Город был тих.</s>'),
        encoding="utf-8")
    (folder / "en-c.xml").write_text(EN.replace("</teiHeader>", change.format(" ru-c.xml#s1"), 1).replace(
        "The city was quiet.", '<s xml:id="s1">The city was quiet.</s>').replace('target="#p1"', 'target="#p1 #s1"'),
        encoding="utf-8")
    out = folder / "c.out.xml"
    run("align", str(folder / "ru-c.xml"), str(folder / "en-c.xml"), "--scorer", "lexical", "-o", str(out))
    root = assert_valid_tei(out.read_bytes())
    assert [(c.get("target"), c.get("corresp")) for c in root.iterfind("t:teiHeader/t:revisionDesc/t:change", NS)][1:] \
        == [("#p1 #ru.s1", "#z1"), ("#en.p1 #en.s1 #ru.s1", "#en.z1")]
    assert by_id(root)["a1"].get("target") == "#en.p1 #en.s1"
    assert {"ru.s1", "en.s1"} <= set(by_id(root))


def test_relative_addresses_of_an_input_resolve_against_its_file_from_another_folder(
        folder: Path, assert_valid_tei) -> None:
    """The output written into another folder than the inputs': the relative addresses of what it
    keeps of an input that sets no xml:base (its standOff's `other.xml#p1`, its `page1-en.jpg`)
    still name the files beside that input, by an xml:base saying where it is from the output's
    folder; one that sets an absolute base keeps it. Realigned into a third folder, the bases
    follow again. (They named files beside the output.)"""
    (folder / "in").mkdir()
    (folder / "out").mkdir()
    (folder / "in" / "ru.xml").write_text(RU, encoding="utf-8")
    (folder / "in" / "en.xml").write_text(EN.replace('target="#p1"', 'target="#p1 other.xml#p1"'), encoding="utf-8")
    out = folder / "out" / "x.xml"
    run("align", str(folder / "in" / "ru.xml"), str(folder / "in" / "en.xml"), "--scorer", "lexical", "-o", str(out))
    root = assert_valid_tei(out.read_bytes())
    base = f"{{{XML_NS}}}base"
    ru, en = root.findall("t:text/t:group/t:text", NS)
    assert (ru.get(base), en.get(base)) == ("https://archive.example/f12/", "../in/")
    assert [el.get(base) for el in root.iterfind("t:facsimile", NS)] == ["https://archive.example/f12/", "../in/"]
    assert base_of(by_id(root)["a1"]) == "../in/"
    (folder / "again").mkdir()
    again = folder / "again" / "sub" / "y.xml"
    again.parent.mkdir()
    run("realign", str(out), "--scorer", "lexical", "-o", str(again))
    root = etree.fromstring(again.read_bytes())
    assert base_of(by_id(root)["a1"]) == "../../in/"
    assert [el.get(base) for el in root.findall("t:text/t:group/t:text", NS)] == ["https://archive.example/f12/",
                                                                                  "../../in/"]
    # So do the commands that write the file read again elsewhere: apply-review, glossary apply and check -o.
    decisions = folder / "again" / "d.json"
    decisions.write_text(json.dumps({"format": FORMAT, "version": 1, "document": document_hash(read_tei(out)),
                                     "decisions": []}), encoding="utf-8")
    (folder / "third" / "sub").mkdir(parents=True)
    for n, args in enumerate((["apply-review", str(out), str(decisions)], ["glossary", "apply", str(out)],
                              ["glossary", "check", str(out)])):
        written = folder / "third" / "sub" / f"{n}.xml"
        run(*args, "-o", str(written))
        root = etree.fromstring(written.read_bytes())
        assert (base_of(by_id(root)["a1"]), root.findall("t:text/t:group/t:text", NS)[1].get(base)) == ("../../in/",) * 2
