"""Inputs users really have, and inputs meant to hurt: bounded reading, each input read once,
UTF-16 and per-side encodings, XML declarations as the spec allows them, TEI bitext writes read
back however long its sentences, and one-line errors (issue 17, items 8-13)."""

from __future__ import annotations

import gzip
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tests.conftest import DATA, SAMPLE
from tests.test_outputs_safe import one_line_error, run

EN, TR = str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt")
RU_TEXT = "Нарком Ежов подписал приказ в 1937 году. Сталин ждал ответа.\n\nПисьмо пришло утром.\n"
EN_TEXT = "Commissar Yezhov signed the order in 1937. Stalin waited for an answer.\n\nThe letter came in the morning.\n"




def beads(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


# -- item 8: bounded input ---------------------------------------------------------------------

def test_dev_zero_stops_at_the_size_limit_with_one_line() -> None:
    result = run("align", "/dev/zero", TR, "-s", "en", "-t", "tr", env={"BITEXT_MAX_INPUT_SIZE": "4M"})
    one_line_error(result, "/dev/zero", "4 MiB", "BITEXT_MAX_INPUT_SIZE")


def test_a_file_over_the_limit_is_refused_before_reading_and_the_limit_can_be_raised(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(Path(EN).read_text(encoding="utf-8") * 3, encoding="utf-8")
    one_line_error(run("--max-input-size", "1K", "align", str(big), TR, "-s", "en", "-t", "tr"),
                   str(big), "--max-input-size")
    assert run("--max-input-size", "1M", "align", str(big), TR, "-s", "en", "-t", "tr", "--to", "beads").exit_code == 0
    refused = run("--max-input-size", "lots", "align", EN, TR)
    assert refused.exit_code == 2 and "'lots' is not a size" in refused.output


def test_an_endless_pipe_stops_at_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "endless"
    os.mkfifo(fifo)
    stop = threading.Event()

    def feed() -> None:
        try:
            with open(fifo, "wb") as fh:
                while not stop.is_set():
                    fh.write(b"Endless text. " * 4096)
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        result = run("align", str(fifo), TR, "-s", "en", "-t", "tr", env={"BITEXT_MAX_INPUT_SIZE": "2M"})
    finally:
        stop.set()
    one_line_error(result, str(fifo), "2 MiB")


def test_a_dictd_file_that_inflates_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    index = tmp_path / "freedict-eng-tur.index"
    index.write_text("one\tA\tK\n", encoding="utf-8")
    (tmp_path / "freedict-eng-tur.dict.dz").write_bytes(gzip.compress(b"one\nbir\n" + b"\x00" * (6 << 20)))
    result = run("align", EN, TR, "-s", "en", "-t", "tr", "--dictionary", str(index),
                 env={"BITEXT_MAX_INPUT_SIZE": "4M"})
    one_line_error(result, "dict.dz", "inflates to more than 4 MiB")


# -- item 9: TEI bitext writes is read back, however long a sentence ---------------------------

def test_a_sentence_over_ten_million_characters_reads_back(tmp_path: Path) -> None:
    from corpora.model import Bitext, Document, Link
    from tei.reader import read_tei
    from tei.writer import tei_bytes

    huge = "Word " * 2_000_001 + "end."
    src = Document.from_sentences("en", [["Short.", huge]])
    tgt = Document.from_sentences("tr", [["Kısa.", "Uzun."]])
    path = tmp_path / "huge.xml"
    path.write_bytes(tei_bytes(Bitext(src, tgt, [Link((0,), (0,), 0.9), Link((1,), (1,), 0.5)])))
    assert read_tei(path).source.texts[1] == huge
    assert run("validate", str(path)).exit_code == 0
    exported = run("export", str(path), "--to", "tsv")
    assert exported.exit_code == 0, exported.output[:300]
    assert len(exported.stdout) > 10_000_000


def test_deep_nesting_is_still_refused_with_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.xml"
    deep.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><s xml:id="a">'
                    + "<hi>" * 1000 + "x" + "</hi>" * 1000 + "</s></p></body></text></TEI>")
    one_line_error(run("align", str(deep), EN, "-s", "en", "-t", "en"), str(deep), "nest")


def test_entities_are_never_expanded(tmp_path: Path) -> None:
    laughs = tmp_path / "laughs.xml"
    levels = "".join(f'<!ENTITY l{k} "{("&l%d;" % (k - 1)) * 10}">' for k in range(1, 10))
    laughs.write_text(f'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY l0 "lol">{levels}]>'
                      '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><s xml:id="a">&l9;</s>'
                      "</p></body></text></TEI>")
    one_line_error(run("align", str(laughs), EN, "-s", "en", "-t", "en"), str(laughs))
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(f'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY e SYSTEM "file://{secret}">]>'
                   '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text xml:lang="en"><body><p><s xml:id="a">'
                   "Before &e; after.</s></p></body></text></TEI>")
    result = run("align", str(xxe), EN, "-t", "en", "--to", "beads")
    assert "TOP SECRET" not in result.output


# -- item 10: one-line errors for inputs -------------------------------------------------------

def test_a_nul_after_the_first_64_kib_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "late-nul.txt"
    bad.write_bytes(b"A sentence here.\n" * 5000 + b"Then \x00 a NUL.\n")
    out = tmp_path / "out.xml"
    one_line_error(run("align", str(bad), TR, "-s", "en", "-t", "tr", "-o", str(out)), str(bad), "NUL")
    assert not out.exists()


def test_deeply_nested_json_in_meta_or_decisions_is_one_line(tmp_path: Path) -> None:
    meta = tmp_path / "meta.json"
    meta.write_text("[" * 100_000 + "]" * 100_000)
    one_line_error(run("align", EN, TR, "-s", "en", "-t", "tr", "--meta", str(meta)), str(meta), "JSON")
    yaml_meta = tmp_path / "meta.yaml"
    yaml_meta.write_text("[" * 100_000 + "]" * 100_000)
    one_line_error(run("align", EN, TR, "-s", "en", "-t", "tr", "--meta", str(yaml_meta)), str(yaml_meta))
    aligned = tmp_path / "a.xml"
    assert run("align", EN, TR, "-s", "en", "-t", "tr", "-o", str(aligned)).exit_code == 0
    decisions = tmp_path / "d.json"
    decisions.write_text('{"decisions": ' + "[" * 100_000 + "]" * 100_000 + "}")
    one_line_error(run("apply-review", str(aligned), str(decisions), "-o", str(tmp_path / "f.xml")), str(decisions))


# -- item 11: UTF-16, per-side encodings -------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_a_text_with_a_byte_order_mark_reads_like_utf8(tmp_path: Path, encoding: str) -> None:
    marked = tmp_path / "en.txt"
    marked.write_bytes(Path(EN).read_text(encoding="utf-8").encode(encoding))
    expected = beads(run("align", EN, TR, "-s", "en", "-t", "tr", "--to", "beads"))
    assert beads(run("align", str(marked), TR, "-s", "en", "-t", "tr", "--to", "beads")) == expected
    assert beads(run("align", str(marked), TR, "-s", "en", "-t", "tr", "--to", "beads",
                     "--src-encoding", "cp1251")) == expected  # the mark wins


def test_utf16_without_a_mark_reads_with_its_encoding_and_is_named_otherwise(tmp_path: Path) -> None:
    plain = tmp_path / "en.txt"
    plain.write_bytes(Path(EN).read_text(encoding="utf-8").encode("utf-16-le"))
    one_line_error(run("align", str(plain), TR, "-s", "en", "-t", "tr"), "UTF-16", "--src-encoding utf-16-le")
    assert run("align", str(plain), TR, "-s", "en", "-t", "tr", "--to", "beads",
               "--src-encoding", "utf-16-le").exit_code == 0


def test_each_side_has_its_own_encoding(tmp_path: Path) -> None:
    ru, en = tmp_path / "ru.txt", tmp_path / "en.txt"
    ru.write_bytes(RU_TEXT.encode("cp1251"))
    en.write_text(EN_TEXT, encoding="utf-8")
    result = run("align", str(ru), str(en), "-s", "ru", "-t", "en", "--src-encoding", "cp1251", "-o",
                 str(tmp_path / "out.xml"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out.xml").read_text(encoding="utf-8")
    assert "Нарком Ежов" in text and "Commissar Yezhov" in text
    again = run("align", str(ru), str(en), "-s", "ru", "-t", "en", "--encoding", "cp1251", "--tgt-encoding",
                "utf-8", "-o", "-")
    assert again.exit_code == 0 and again.stdout == text


# -- item 12: each input read once -------------------------------------------------------------

def _rescue(fifos: list[str], done: threading.Event, after: float = 20.0) -> None:
    """Give a reader still waiting on a FIFO after `after` seconds an empty read, so a command that
    reads its input twice fails instead of waiting forever."""
    if done.wait(after):
        return
    while not done.wait(0.2):
        for fifo in fifos:
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:  # no reader waiting
                pass


def test_pipes_as_inputs_are_read_once(tmp_path: Path) -> None:
    fifos = []
    for name, source in (("src", EN), ("tgt", TR)):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        data = Path(source).read_bytes()

        def feed(path: Path = fifo, data: bytes = data) -> None:
            with open(path, "wb") as fh:  # one writer, once: a second read finds nothing
                fh.write(data)

        threading.Thread(target=feed, daemon=True).start()
        fifos.append(str(fifo))
    done = threading.Event()
    threading.Thread(target=_rescue, args=(fifos, done), daemon=True).start()
    try:
        result = run("align", *fifos, "-s", "en", "-t", "tr", "--to", "beads")
    finally:
        done.set()
    assert beads(result)[0] == "[0]:[0]"


def test_standard_input_cannot_be_both_inputs() -> None:
    one_line_error(CliRunner().invoke(cli, ["align", "-", "-", "-s", "en", "-t", "tr"], input="A. B.\n"),
                   "standard input")


# -- item 13: XML declarations, UTF-16 TEI, messages that name real options --------------------

def test_an_xml_declaration_with_spaces_around_equals_is_read(tmp_path: Path) -> None:
    text = (DATA / "tei" / "letter.tr.xml").read_text(encoding="utf-8")
    body = text[text.index("?>") + 2:] if text.startswith("<?xml") else text
    latin5 = tmp_path / "letter.tr.xml"
    latin5.write_bytes(("<?xml version = '1.0' encoding = 'ISO-8859-9' ?>" + body).encode("iso-8859-9"))
    expected = beads(run("align", str(DATA / "tei" / "letter.en.xml"), str(DATA / "tei" / "letter.tr.xml"),
                         "--to", "beads"))
    assert beads(run("align", str(DATA / "tei" / "letter.en.xml"), str(latin5), "--to", "beads")) == expected


def test_utf16_tei_is_read_by_every_reader(tmp_path: Path) -> None:
    aligned = tmp_path / "a.xml"
    assert run("align", EN, TR, "-s", "en", "-t", "tr", "-o", str(aligned)).exit_code == 0
    utf16 = tmp_path / "a16.xml"
    utf16.write_bytes(aligned.read_text(encoding="utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
                      .encode("utf-16"))
    assert run("validate", str(utf16)).exit_code == 0
    tsv = run("export", str(aligned), "--to", "tsv")
    assert run("export", str(utf16), "--to", "tsv").stdout == tsv.stdout
    assert run("review", str(utf16), "-o", str(tmp_path / "r.html")).exit_code == 0
    assert run("glossary", "check", str(utf16)).exit_code == 0


def test_messages_suggest_only_options_the_command_has(tmp_path: Path) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_bytes("Ежов\tYezhov\nСталин\tStalin\nМолотов\tMolotov\nБерия\tBeria\n".encode("cp1251"))
    aligned = tmp_path / "a.xml"
    assert run("align", EN, TR, "-s", "en", "-t", "tr", "-o", str(aligned)).exit_code == 0
    message = one_line_error(run("glossary", "check", str(aligned), "--glossary", str(glossary)), str(glossary))
    assert "--encoding" not in message and "UTF-8" in message
    manifest = tmp_path / "m.csv"
    manifest.write_bytes("source,target,source_lang,target_lang\nё.txt,b.txt,ru,en\n".encode("cp1251"))
    message = one_line_error(run("batch", str(manifest), "-o", str(tmp_path / "out")), str(manifest))
    assert "--encoding" not in message
    meta = tmp_path / "meta.json"
    meta.write_bytes('{"title": "Письмо"}'.encode("cp1251"))
    message = one_line_error(run("align", EN, TR, "-s", "en", "-t", "tr", "--meta", str(meta)), str(meta))
    assert "--encoding" not in message


GOLDEN_TEI = str(DATA / "tei" / "every_link_type.tei.xml")


@pytest.mark.parametrize("args", [
    ["align", EN, TR, "-s", "en", "-t", "tr", "--meta", "{dir}"],
    ["align", EN, TR, "-s", "en", "-t", "tr", "--glossary", "{dir}"],
    ["align", EN, TR, "-s", "en", "-t", "tr", "-o", "{out}", "--review", "{dir}"],
    ["review", "{dir}", "-o", "{out}"],
    ["apply-review", GOLDEN_TEI, "{dir}", "-o", "{out}"],
    ["validate", "--schema", "{dir}", GOLDEN_TEI],
    ["batch", "{dir}", "-o", "{out}"],
    ["batch", "--pairs", EN, "-s", "en", "-t", "tr", "-o", "{out}"],
], ids=["meta", "glossary", "review-output", "review", "decisions", "schema", "manifest", "pairs"])
def test_a_folder_for_a_file_or_a_file_for_a_folder_is_one_line(tmp_path: Path, args: list[str]) -> None:
    """Like SRC and -o, every other path names itself in one `Error:` line, exit status 1, not in
    click's usage message (exit status 2): a wrong path is not a malformed command line."""
    folder = tmp_path / "m.csv"
    folder.mkdir()
    out = tmp_path / "out"
    result = run(*[a.format(dir=folder, out=out) for a in args])
    one_line_error(result, str(folder) if "{dir}" in args else EN)
    assert not out.exists()


def test_a_file_as_batch_outdir_is_one_line(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"source,target,source_lang,target_lang\n{EN},{TR},en,tr\n", encoding="utf-8")
    result = run("batch", str(manifest), "-o", EN)
    one_line_error(result, EN, "not a folder")
