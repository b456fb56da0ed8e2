"""The TEI header: complete for the sample with --meta, defaults without, metadata files checked."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from corpora.errors import InputError
from corpora.metadata import KEYS, load_metadata, validate
from corpora.version import __version__
from tei.header import new_revision
from tei.reader import read_tei
from tei.writer import tei_bytes
from tests.conftest import SAMPLE

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _align_sample(tmp_path: Path, *extra: str) -> bytes:
    out = tmp_path / "sample.tei.xml"
    result = CliRunner().invoke(cli, ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                                      "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_sample_with_meta_has_a_complete_valid_header(tmp_path: Path, assert_valid_tei) -> None:
    root = assert_valid_tei(_align_sample(tmp_path, "--meta", str(SAMPLE / "meta.json")))
    h = root.find("t:teiHeader", NS)
    text = lambda path: h.findtext(path, namespaces=NS)  # noqa: E731
    assert text("t:fileDesc/t:titleStmt/t:title").startswith("Red Terror in Azerbaijan (JUHIS")
    assert text("t:fileDesc/t:titleStmt/t:author") == "Aydın Alizade"
    licence = h.find("t:fileDesc/t:publicationStmt/t:availability/t:licence", NS)
    assert licence.text == "CC BY-NC-SA 2.0" and licence.get("target").startswith("https://creativecommons.org/")
    tr = h.find("t:fileDesc/t:sourceDesc/t:bibl[@type='target']", NS)
    assert tr.findtext("t:title", namespaces=NS).startswith("Azerbaycan'da Kızıl Terör")
    assert tr.findtext("t:idno[@type='DOI']", namespaces=NS) == "10.38000/juhis.908368"
    assert "JUHIS" in tr.findtext("t:note[@type='bibl']", namespaces=NS)
    signature = text("t:encodingDesc/t:appInfo/t:application/t:desc[@type='signature']")
    assert re.fullmatch(r"scorer:\w+\|max:\d+\|.*seg:en-\w+,tr-\w+\|v:0.1.0", signature), signature
    assert [lang.get("ident") for lang in h.iterfind("t:profileDesc/t:langUsage/t:language", NS)] == ["en", "tr"]
    assert h.find("t:revisionDesc/t:change", NS).get("when") == "2023-11-14"  # SOURCE_DATE_EPOCH


def test_sample_without_meta_gets_defaults_and_round_trips(tmp_path: Path, assert_valid_tei) -> None:
    data = _align_sample(tmp_path)
    root = assert_valid_tei(data)
    assert root.findtext(".//t:titleStmt/t:title", namespaces=NS) == "English-Turkish sentence alignment"
    assert "No licence was given" in root.findtext(".//t:availability/t:p", namespaces=NS)
    assert tei_bytes(read_tei(data)) == data


def test_a_new_revision_keeps_the_old_one(tmp_path: Path, assert_valid_tei, monkeypatch) -> None:
    bitext = read_tei(_align_sample(tmp_path))
    new_revision(bitext.meta, "Links checked by hand.")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    data = tei_bytes(bitext)
    root = assert_valid_tei(data)
    changes = [(c.get("when"), c.text) for c in root.iterfind(".//t:revisionDesc/t:change", NS)]
    assert changes == [("2027-01-15", "Links checked by hand."), ("2023-11-14", "Aligned automatically by bitext.")]
    assert tei_bytes(read_tei(data)) == data


def test_metadata_from_yaml_and_json(tmp_path: Path) -> None:
    yml = tmp_path / "meta.yaml"
    yml.write_text("title: A title\ndoi: https://doi.org/10.1000/xyz\ntranslator: T. R.\n", encoding="utf-8")
    assert load_metadata(yml) == {"title": "A title", "doi": "10.1000/xyz", "translator": "T. R."}
    js = tmp_path / "meta.json"
    js.write_text(json.dumps({"licence": "CC0", "url": "https://example.org/a"}), encoding="utf-8")
    assert load_metadata(js) == {"licence": "CC0", "url": "https://example.org/a"}
    assert set(json.loads((SAMPLE / "meta.json").read_text(encoding="utf-8"))) <= set(KEYS)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"titel": "x"}', "unknown metadata key 'titel'"),
        ('{"doi": "not-a-doi"}', "'not-a-doi' is not a DOI"),
        ('{"url": "example.org"}', "is not an http(s) or ftp URL"),
        ('{"edition": ["a", "b"]}', "must be a single value"),  # a list is for people and subtitles only
        ('{"title": ["a", "b"]}', "give subtitles as 'subtitle'"),  # which is the main title? (test_titles)
        ('{"author": [{"name": "a"}]}', "must be a name or a list of names"),
        ('{"title": ', "is not valid JSON"),
        ('[1, 2]', "must hold a mapping"),
    ],
)
def test_bad_metadata_is_a_one_line_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "meta.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_metadata(path)
    assert str(err.value).startswith(str(path)) and message in str(err.value)
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(cli, ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                                      "--meta", str(path), "-o", str(out)])
    assert result.exit_code != 0 and message in result.output and not out.exists()


def test_validate_drops_blank_values_and_rejects_internal_keys() -> None:
    assert validate({"title": "  ", "author": None, "translator": "A  B"}) == {"translator": "A B"}
    with pytest.raises(InputError, match="unknown metadata key 'signature'"):
        validate({"signature": "x"})


ARCHIVE_META = {
    "publisher": "Example Archive", "pubplace": "Baku", "date": "2024-05-01", "idno": "hdl:1234/5678",
    "idno_type": "handle", "edition": "First aligned edition", "editor": "E. Ditor", "editor_role": "compiler",
    "availability": "Free to read in the reading room.", "licence": "CC BY 4.0",
}


def test_archive_keys_make_a_valid_header_that_round_trips(tmp_path: Path, assert_valid_tei) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text("".join(f"{k}: {json.dumps(v)}\n" for k, v in ARCHIVE_META.items()), encoding="utf-8")
    data = _align_sample(tmp_path, "--meta", str(meta))
    root = assert_valid_tei(data)
    fd = root.find("t:teiHeader/t:fileDesc", NS)
    pub = fd.find("t:publicationStmt", NS)
    assert [etree.QName(el).localname for el in pub] == ["publisher", "pubPlace", "date", "idno", "availability"]
    assert pub.findtext("t:publisher", namespaces=NS) == "Example Archive" and pub.find("t:authority", NS) is None
    assert pub.find("t:date", NS).get("when") == "2024-05-01"
    assert (pub.findtext("t:idno", namespaces=NS), pub.find("t:idno", NS).get("type")) == ("hdl:1234/5678", "handle")
    assert pub.findtext("t:availability/t:p", namespaces=NS) == "Free to read in the reading room."
    assert pub.findtext("t:availability/t:licence", namespaces=NS) == "CC BY 4.0"
    assert fd.findtext("t:editionStmt/t:edition", namespaces=NS) == "First aligned edition"
    editor = fd.find("t:titleStmt/t:editor", NS)
    assert (editor.text, editor.get("role")) == ("E. Ditor", "compiler")
    back = read_tei(data)
    assert {k: back.meta.get(k) for k in ARCHIVE_META} == ARCHIVE_META
    assert tei_bytes(back) == data


def test_source_desc_names_each_input_with_its_sha256(tmp_path: Path, assert_valid_tei) -> None:
    root = assert_valid_tei(_align_sample(tmp_path))
    for side, name in (("source", "en.txt"), ("target", "tr.txt")):
        bibl = root.find(f".//t:sourceDesc/t:bibl[@type='{side}']", NS)
        assert bibl.findtext("t:idno[@type='file']", namespaces=NS) == name
        digest = hashlib.sha256((SAMPLE / name).read_bytes()).hexdigest()
        assert bibl.findtext("t:idno[@type='sha256']", namespaces=NS) == digest


def test_idno_type_defaults_from_the_identifier() -> None:
    assert validate({"idno": "https://doi.org/10.1000/xyz"})["idno_type"] == "URI"
    assert validate({"idno": "10.1000/xyz"})["idno_type"] == "DOI"
    assert "idno_type" not in validate({"idno": "MS 1234"})


@pytest.mark.parametrize("meta, message", [
    ({"date": "2024-13-01"}, "'2024-13-01' is not a date"),
    ({"date": "2024-02-30"}, "'2024-02-30' is not a date"),
    ({"date": "May 2024"}, "is not a date"),
    ({"idno_type": "DOI"}, "'idno_type' needs 'idno'"),
    ({"editor_role": "compiler"}, "'editor_role' needs 'editor'"),
    ({"idno": "x", "idno_type": "shelf mark"}, "must be one word"),
])
def test_bad_archive_values(meta: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        validate(meta)


def test_yaml_dates_are_dates(tmp_path: Path) -> None:
    path = tmp_path / "meta.yaml"
    path.write_text("date: 2024-05-01\n", encoding="utf-8")  # YAML reads a date object
    assert load_metadata(path) == {"date": "2024-05-01"}


def test_a_review_is_a_change_by_the_reviewer(tmp_path: Path, assert_valid_tei) -> None:
    from tei.decisions import FORMAT, document_hash

    aligned = tmp_path / "aligned.xml"
    aligned.write_bytes(_align_sample(tmp_path))
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps({"format": FORMAT, "version": 1, "document": document_hash(read_tei(aligned)),
                                     "decisions": [{"link": "l1", "action": "accept"}]}), encoding="utf-8")
    out = tmp_path / "fixed.xml"
    result = CliRunner().invoke(cli, ["apply-review", str(aligned), str(decisions), "-o", str(out),
                                      "--reviewer", "A. Translator"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    root = assert_valid_tei(data)
    changes = [(c.get("who"), c.text) for c in root.iterfind(".//t:revisionDesc/t:change", NS)]
    assert changes == [("#human", "Alignment reviewed by hand: 1 decision applied with bitext."),
                       ("#bitext", "Aligned automatically by bitext.")]
    assert root.xpath("//t:respStmt/t:name[@xml:id='human']/text()", namespaces=NS) == ["A. Translator"]
    assert tei_bytes(read_tei(data)) == data


def test_a_change_by_a_person_declares_them_even_without_links_of_theirs(assert_valid_tei) -> None:
    from tests.test_tei_reader import every_link_type

    bitext = every_link_type()
    bitext.links[:] = [replace(link, resp=None) for link in bitext.links]
    new_revision(bitext.meta, "Header corrected by hand.", "human")
    root = assert_valid_tei(tei_bytes(bitext))
    assert root.find(".//t:revisionDesc/t:change", NS).get("who") == "#human"
    assert root.xpath("//t:respStmt/t:name[@xml:id='human']/text()", namespaces=NS) == ["R. Eviewer"]


def test_an_older_file_with_its_publisher_in_authority_still_reads(tmp_path: Path) -> None:
    data = _align_sample(tmp_path).replace(b"<authority>Produced with bitext; not formally published.</authority>",
                                           b"<authority>Old Archive</authority>")
    assert read_tei(data).meta["publisher"] == "Old Archive"
    assert b"<publisher>Old Archive</publisher>" in tei_bytes(read_tei(data))


def test_the_reviewer_given_in_the_metadata_is_declared_and_kept_for_the_review(tmp_path: Path,
                                                                                 assert_valid_tei) -> None:
    """`reviewer` in --meta names who will check the links: the header says so from the start
    (it was written nowhere until a link was checked by hand, so reading the file back lost it),
    and a later apply-review without --reviewer names that person, not "human reviewer"."""
    from tei.decisions import FORMAT, document_hash

    meta = tmp_path / "meta.yaml"
    meta.write_text("reviewer: Anna Archivist\n", encoding="utf-8")
    data = _align_sample(tmp_path, "--meta", str(meta))
    root = assert_valid_tei(data)
    assert root.xpath("//t:titleStmt/t:respStmt[t:resp='checking of the alignment by hand']"
                      "/t:name[@xml:id='human']/text()", namespaces=NS) == ["Anna Archivist"]
    back = read_tei(data)
    assert back.meta["reviewer"] == "Anna Archivist" and tei_bytes(back) == data
    aligned = tmp_path / "sample.tei.xml"
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps({"format": FORMAT, "version": 2, "document": document_hash(back),
                                     "operations": [{"op": "accept", "links": ["l1"],
                                                     "into": [{"id": "l1", "source": [0], "target": [0]}]}]}),
                         encoding="utf-8")
    out = tmp_path / "fixed.xml"
    result = CliRunner().invoke(cli, ["apply-review", str(aligned), str(decisions), "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = assert_valid_tei(out.read_bytes())
    assert root.xpath("//t:titleStmt/t:respStmt[t:resp='alignment checked by hand']"
                      "/t:name[@xml:id='human']/text()", namespaces=NS) == ["Anna Archivist"]


def test_a_file_with_text_corrected_by_hand_stays_valid_when_written_again(tmp_path: Path, assert_valid_tei) -> None:
    """A review that only corrected text (`<corr resp="#human">`), as earlier versions recorded
    it (its change by #bitext, the reviewer declared by the corrections alone), written again by
    `glossary apply` or `realign`: the reviewer stays declared (the @resp was left pointing at
    nothing, an invalid file)."""
    from tei.decisions import FORMAT, document_hash

    aligned = tmp_path / "aligned.xml"
    aligned.write_bytes(_align_sample(tmp_path))
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps({"format": FORMAT, "version": 2, "document": document_hash(read_tei(aligned)),
                                     "operations": [{"op": "edit", "side": "target", "texts": {"0": "Başlık."}}]}),
                         encoding="utf-8")
    fixed = tmp_path / "fixed.xml"
    result = CliRunner().invoke(cli, ["apply-review", str(aligned), str(decisions), "-o", str(fixed),
                                      "--reviewer", "A. T."])
    assert result.exit_code == 0, result.output
    older = tmp_path / "older.xml"
    older.write_bytes(re.sub(rb'who="#human"', b'who="#bitext"', fixed.read_bytes()))
    for given in (fixed, older):
        out = tmp_path / f"applied.{given.name}"
        result = CliRunner().invoke(cli, ["glossary", "apply", str(given), "-o", str(out)])
        assert result.exit_code == 0, result.output
        root = assert_valid_tei(out.read_bytes())
        assert root.xpath("//t:respStmt/t:name[@xml:id='human']/text()", namespaces=NS) == ["A. T."]


def _written_again(tmp_path: Path, text: str) -> bytes:
    """A file bitext wrote, edited by hand to `text`, written again by a command (glossary apply)."""
    edited, out = tmp_path / "edited.xml", tmp_path / "applied.xml"
    edited.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "apply", str(edited), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_statements_an_archivist_adds_to_the_file_description_are_kept(tmp_path: Path, assert_valid_tei) -> None:
    """An archive adds to the header of a file bitext wrote what TEI's fileDesc holds beside
    bitext's statements (its extent, the series of a collection, notes on the deposit): a
    command writing the file again (glossary apply, apply-review, realign) keeps them in their
    places. They were dropped without a word."""
    aligned = tmp_path / "aligned.xml"
    aligned.write_bytes(_align_sample(tmp_path))
    text = aligned.read_text(encoding="utf-8")
    extent = "<extent>10 sentence pairs</extent>"
    series = '<seriesStmt><title level="s">Letters</title><idno type="series">L-1</idno></seriesStmt>'
    notes = "<notesStmt><note>Deposited by the archive on 2024-06-01.</note></notesStmt>"
    text = text.replace("<publicationStmt>", f"{extent}<publicationStmt>", 1)
    text = text.replace("<sourceDesc>", f"{series}{notes}<sourceDesc>", 1)
    data = _written_again(tmp_path, text)
    root = assert_valid_tei(data)
    fd = root.find("t:teiHeader/t:fileDesc", NS)
    assert [etree.QName(el).localname for el in fd] == [
        "titleStmt", "extent", "publicationStmt", "seriesStmt", "notesStmt", "sourceDesc"]
    assert fd.findtext("t:notesStmt/t:note", namespaces=NS) == "Deposited by the archive on 2024-06-01."
    assert fd.findtext("t:seriesStmt/t:idno", namespaces=NS) == "L-1"
    assert tei_bytes(read_tei(data)) == data


def test_people_an_archivist_declares_in_the_title_statement_are_kept(tmp_path: Path, assert_valid_tei) -> None:
    """An archivist declares who deposited the file (a respStmt of their own, a funder) and
    records a change by that person: a command writing the file again keeps the declarations
    beside ours, the change points at the archivist's own, and the reviewer stays the one
    --meta named. The archivist's respStmt was dropped, their id re-declared under the
    reviewer's name ("text corrected by hand"), and the reviewer read back as the archivist."""
    meta = tmp_path / "meta.yaml"
    meta.write_text("reviewer: R. Eviewer\n", encoding="utf-8")
    aligned = tmp_path / "aligned.xml"
    aligned.write_bytes(_align_sample(tmp_path, "--meta", str(meta)))
    deposit = '<respStmt><resp>deposit</resp><name xml:id="archivist">Anna Archivist</name></respStmt>'
    text = aligned.read_text(encoding="utf-8").replace("</titleStmt>", f"{deposit}<funder>Example Fund</funder>"
                                                       "</titleStmt>", 1)
    text = text.replace("<revisionDesc>", '<revisionDesc><change when="2024-06-02" who="#archivist">Deposited.</change>', 1)
    data = _written_again(tmp_path, text)
    root = assert_valid_tei(data)
    stmt = root.find("t:teiHeader/t:fileDesc/t:titleStmt", NS)
    assert [(r.findtext("t:resp", namespaces=NS), r.findtext("t:name", namespaces=NS))
            for r in stmt.iterfind("t:respStmt", NS)] == [
        ("automatic sentence alignment", f"bitext {__version__}"),
        ("checking of the alignment by hand", "R. Eviewer"), ("deposit", "Anna Archivist")]
    assert stmt.findtext("t:funder", namespaces=NS) == "Example Fund"
    assert read_tei(data).meta["reviewer"] == "R. Eviewer"
    assert tei_bytes(read_tei(data)) == data
