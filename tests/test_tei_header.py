"""The TEI header: complete for the sample with --meta, defaults without, metadata files checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from corpora.errors import InputError
from corpora.metadata import KEYS, load_metadata, validate
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
        ('{"url": "example.org"}', "is not an http(s) URL"),
        ('{"author": ["a", "b"]}', "must be a single value"),
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
