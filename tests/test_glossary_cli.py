"""`bitext glossary ...` and `bitext align --glossary/--check/--apply` from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from corpora.model import Bitext, Document, Link

from bitext_cli.main import cli
from tei.writer import tei_bytes

DATA = Path(__file__).resolve().parent / "data"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def aligned_file(tmp_path: Path) -> Path:
    rows = [line.split("\t") for line in (DATA / "glossary_004_ru_en.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    rows.append(["Приказ Ежова.", "An order by Ezhov."])
    src = Document.from_sentences("ru", [[r[0] for r in rows]])
    tgt = Document.from_sentences("en", [[r[1] for r in rows]])
    path = tmp_path / "aligned.xml"
    path.write_bytes(tei_bytes(Bitext(src, tgt, [Link((i,), (i,)) for i in range(len(rows))])))
    return path


def test_lookup_prints_one_line_per_word() -> None:
    result = run("glossary", "lookup", "Yezhov", "Troçki'nin", "Jeschow", "Tukachevsky", "Yerevan", "Ежовым")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "Yezhov\tЕжов\talias", "Troçki'nin\tТроцкий\talias", "Jeschow\tЕжов\texact:de",
        "Tukachevsky\tТухачевский\tfuzzy:92", "Yerevan\t-", "Ежовым\tЕжов\texact:source"]


def test_lookup_with_a_tbx_glossary(tmp_path: Path) -> None:
    out = tmp_path / "minimal.tbx"
    assert run("glossary", "convert", str(DATA / "glossary_minimal.tsv"), "-o", str(out)).exit_code == 0
    result = run("glossary", "lookup", "--glossary", str(out), "Boukharine", "Bukhara")
    assert result.output.splitlines() == ["Boukharine\tБухарин\texact:fr", "Bukhara\t-"]


def test_variants_of_a_cyrillic_word_and_of_a_spelling() -> None:
    lines = run("glossary", "variants", "Ежов").output.splitlines()
    assert "iso9\tEžov" in lines and "de\tJeschow" in lines and "tr\tYejov" in lines
    assert run("glossary", "variants", "Yezhov").output.splitlines() == lines


def test_check_prints_findings_and_json(tmp_path: Path) -> None:
    aligned = aligned_file(tmp_path)
    result = run("glossary", "check", str(aligned))
    assert ["\t".join(line.split("\t")[:5]) for line in result.output.splitlines()] == [
        "l2\tЕжов\tYezhov\tYerev\tsuspect", "l4\tЕжов\tYezhov\tYernov\tsuspect", "l7\tЕжов\tYezhov\tEzhov\tvariant"]
    found = json.loads(run("glossary", "check", "--json", str(aligned)).output)
    assert [(f["link_id"], f["source_form"], f["kind"]) for f in found] == [
        ("l2", "Ежов", "suspect"), ("l4", "Ежова", "suspect"), ("l7", "Ежова", "variant")]


def test_check_and_apply_write_valid_tei(tmp_path: Path, assert_valid_tei) -> None:
    aligned = aligned_file(tmp_path)
    checked, applied = tmp_path / "checked.xml", tmp_path / "applied.xml"
    assert run("glossary", "check", str(aligned), "-o", str(checked)).exit_code == 0
    assert run("glossary", "apply", str(aligned), "-o", str(applied)).exit_code == 0
    links = assert_valid_tei(checked.read_bytes()).findall(".//{http://www.tei-c.org/ns/1.0}link")
    assert [link.get("ana") for link in links] == [None, "#gl.suspect", None, "#gl.suspect", None, None, "#gl.variant"]
    data = applied.read_bytes()
    assert_valid_tei(data)
    assert b"<orig>Ezhov</orig>" in data and b"<reg>Yezhov</reg>" in data


def test_apply_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    aligned = aligned_file(tmp_path)
    out = tmp_path / "out.xml"
    out.write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "apply", str(aligned), "-o", str(out)])
    assert result.exit_code == 1 and "already exists" in result.output and out.read_text() == "keep"
    result = CliRunner().invoke(cli, ["glossary", "apply", str(aligned), "-o", str(aligned), "--force"])
    assert result.exit_code == 1 and "overwrite an input" in result.output


def test_bad_glossary_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("Ежов\tYezhov\tstatus=best\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "lookup", "--glossary", str(bad), "Yezhov"])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {bad}: line 1: status 'best' is not one of preferred, admitted, deprecated"


def test_align_with_glossary_check_and_apply(tmp_path: Path, assert_valid_tei) -> None:
    src, tgt, out = tmp_path / "ru.txt", tmp_path / "en.txt", tmp_path / "out.xml"
    src.write_text("Приказ подписал Ежов.\n\nСталин ждал.\n", encoding="utf-8")
    tgt.write_text("The order was signed by Ezhov.\n\nStalin waited.\n", encoding="utf-8")
    result = run("align", str(src), str(tgt), "-t", "en", "--scorer", "lexical", "--check", "--apply", "-o", str(out))
    assert result.exit_code == 0
    data = out.read_bytes()
    assert_valid_tei(data)
    assert b'ana="#gl.variant"' in data and b"<reg>Yezhov</reg>" in data and b'<persName ref="#gl.stalin">' in data


def test_the_signature_names_the_glossary_the_aligner_was_given(tmp_path: Path) -> None:
    """A glossary's names are evidence for the aligner (name keys), so they can change the links:
    the method signature names it, as it names a --dictionary, so the run can be repeated. It
    named neither a --glossary nor the starter glossary --check takes."""
    src, tgt, mine = tmp_path / "ru.txt", tmp_path / "en.txt", tmp_path / "names.tsv"
    src.write_text("Приказ подписал Ежов.\n\nСталин ждал.\n", encoding="utf-8")
    tgt.write_text("The order was signed by Ezhov.\n\nStalin waited.\n", encoding="utf-8")
    mine.write_text("Ежов\tYezhov\n", encoding="utf-8")

    def signature(*options: str) -> str:
        out = tmp_path / "out.xml"
        result = run("align", str(src), str(tgt), "-t", "en", "--scorer", "lexical", "-o", str(out), "--force", *options)
        assert result.exit_code == 0, result.output
        return re.search(r'<desc type="signature">([^<]*)<', out.read_text(encoding="utf-8")).group(1)

    assert signature("--glossary", str(mine)).startswith("scorer:lexical|max:5|gloss:names.tsv|seg:")
    assert "|gloss:starter.tsv|" in signature("--check")
    assert "gloss:" not in signature()


def test_check_and_apply_record_what_they_did_in_the_revisions(tmp_path: Path) -> None:
    """`glossary apply` changes the texts' markup (names marked, spellings regularized) and
    `check -o` annotates the links: each records a revision, as apply-review and realign do,
    so an archive's revisionDesc lists every step the file went through. They recorded none."""
    aligned = aligned_file(tmp_path)
    checked, applied = tmp_path / "checked.xml", tmp_path / "applied.xml"
    assert run("glossary", "check", str(aligned), "-o", str(checked)).exit_code == 0
    assert run("glossary", "apply", str(applied.with_name("checked.xml")), "-o", str(applied)).exit_code == 0
    changes = [(c.get("who"), c.text) for c in
               etree.fromstring(applied.read_bytes()).iterfind(".//{http://www.tei-c.org/ns/1.0}change")]
    assert changes[:2] == [
        ("#bitext", "Names and terms of the glossary starter.tsv marked, and non-preferred spellings regularized, "
                    "by bitext."),
        ("#bitext", "Glossary findings recorded on the links by bitext (3 with the glossary starter.tsv).")]


def test_align_check_counts_findings_in_the_singular_for_one(tmp_path: Path, caplog) -> None:
    # Failed before: "glossary check: 1 findings (1 variant)" and "2 variant" for two.
    src, tgt, out = tmp_path / "ru.txt", tmp_path / "en.txt", tmp_path / "out.xml"
    src.write_text("Приказ подписал Ежов.\n\nСталин ждал.\n", encoding="utf-8")
    tgt.write_text("The order was signed by Ezhov.\n\nStalin waited.\n", encoding="utf-8")
    with caplog.at_level("INFO", logger="bitext"):
        result = run("align", str(src), str(tgt), "-t", "en", "--scorer", "lexical", "--check", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "glossary check: 1 finding (1 variant)" in [r.getMessage() for r in caplog.records]


def test_check_lines_carry_the_evidence_and_the_target_sentence(tmp_path: Path) -> None:
    # Failed before: a line named the link only, so a translator had to find l7 in the TEI to
    # see what to correct; now how the word matched (or its similarity) and the target text.
    lines = run("glossary", "check", str(aligned_file(tmp_path))).output.splitlines()
    assert [line.split("\t")[4:6] for line in lines] == [["suspect", "similarity:60"], ["suspect", "similarity:73"],
                                                         ["variant", "alias:admitted"]]
    assert all(len(line.split("\t")) == 7 and line.split("\t")[3] in line.split("\t")[6] for line in lines)


def test_lookup_names_every_entry_a_shared_spelling_may_stand_for(tmp_path: Path) -> None:
    # Failed before: "GPU" printed ОГПУ alone, hiding that it is ГПУ's preferred rendering too.
    path = tmp_path / "gpu.tsv"
    path.write_text("ОГПУ\tOGPU\tlang=en; id=ogpu; kind=org\nОГПУ\tGPU\tlang=en; status=admitted\n"
                    "ГПУ\tGPU\tlang=en; id=gpu; kind=org\n", encoding="utf-8")
    result = run("glossary", "lookup", "--glossary", str(path), "GPU", "OGPU")
    assert result.stdout.splitlines() == ["GPU\tОГПУ\talias\talso: ГПУ", "OGPU\tОГПУ\talias"]
