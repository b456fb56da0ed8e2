"""Bad input found by a robustness round over every command (s14-fz): each is one `Error:` line
naming the file and the problem, exit status 1, no traceback and no output, not click's usage
message (exit status 2) nor a silent success."""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest

from tests.conftest import DATA, SAMPLE
from tests.test_outputs_safe import one_line_error, run

EN, TR = str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt")
GOLDEN_TEI = str(DATA / "tei" / "every_link_type.tei.xml")
GLOSSARY = str(DATA / "glossary_minimal.tsv")


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file its user may not read (chmod 000). Root reads it anyway, so there the denial is
    also simulated where click (os.access) and bitext (open) ask."""
    path = tmp_path / "locked.txt"
    path.write_text("One. Two.\n", encoding="utf-8")
    path.chmod(0)
    real_access, real_open = os.access, io.open

    def access(name, mode, *args, **kwargs):
        if Path(name) == path and mode & os.R_OK:
            return False
        return real_access(name, mode, *args, **kwargs)

    def opener(name, *args, **kwargs):
        if isinstance(name, (str, os.PathLike)) and Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(io, "open", opener)
    monkeypatch.setattr(builtins, "open", opener)
    yield path
    path.chmod(0o600)


@pytest.mark.parametrize("args", [
    ["align", "{f}", TR, "-s", "en", "-t", "tr", "--scorer", "lexical"],
    ["align", EN, TR, "-s", "en", "-t", "tr", "--scorer", "lexical", "--meta", "{f}"],
    ["align", EN, TR, "-s", "en", "-t", "tr", "--scorer", "lexical", "--dictionary", "{f}"],
    ["segment", "{f}", "--lang", "en"],
    ["export", "{f}", "--to", "tsv"],
    ["review", "{f}"],
    ["review", GOLDEN_TEI, "--glossary", "{f}"],
    ["apply-review", GOLDEN_TEI, "{f}"],
    ["realign", "{f}", "--scorer", "lexical"],
    ["extract-abstracts", "{f}", "-o", "{out}"],
    ["batch", "{f}", "-o", "{out}"],
    ["eval", "-s", "en", "-t", "tr", "{f}"],
    ["glossary", "lookup", "--glossary", "{f}", "Ежов"],
    ["glossary", "check", "{f}", "--lang", "en"],
    ["glossary", "apply", "{f}"],
    ["glossary", "convert", "{f}"],
], ids=lambda args: "-".join(a.strip("-") for a in args[:4] if "/" not in a))
def test_an_unreadable_file_is_one_line(tmp_path: Path, locked: Path, args: list[str]) -> None:
    """click's own check of a path it may not read printed its usage message and exited with
    status 2, as for a malformed command line; the file is named on one line like a missing one."""
    out = tmp_path / "out"
    result = run(*[a.format(f=locked, out=out) for a in args])
    one_line_error(result, str(locked))
    assert not out.exists() and not list(tmp_path.glob("out*"))


def test_validate_reports_an_unreadable_file_as_its_problem(locked: Path) -> None:
    """validate prints a `FILE:LINE: problem` per invalid file, not a usage error for the run."""
    result = run("validate", GOLDEN_TEI, str(locked))
    assert result.exit_code == 1, result.output
    assert f"{locked}:0: " in result.output and "Usage" not in result.output


@pytest.mark.parametrize("command", ["align", "realign"])
def test_a_file_for_the_cache_folder_is_one_line(tmp_path: Path, command: str) -> None:
    aligned = tmp_path / "a.xml"
    assert run("align", EN, TR, "-s", "en", "-t", "tr", "--scorer", "lexical", "-o", str(aligned)).exit_code == 0
    inputs = [EN, TR, "-s", "en", "-t", "tr"] if command == "align" else [str(aligned)]
    out = tmp_path / "out.xml"
    result = run(command, *inputs, "--scorer", "hybrid", "--cache-dir", EN, "-o", str(out))
    one_line_error(result, EN, "not a folder")
    assert not out.exists()


def test_a_file_for_a_batch_row_s_cache_folder_fails_that_row(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"source,target,source_lang,target_lang,cache_dir,scorer\n{EN},{TR},en,tr,{TR},hybrid\n"
                        f"{EN},{TR},en,tr,,lexical\n", encoding="utf-8")
    result = run("batch", str(manifest), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"row 1: column cache_dir: {TR}: is a file, not a folder" in result.output
    assert (tmp_path / "out" / "en.tei.xml").exists()


TBX_HEAD = '<?xml version="1.0"?>\n<martif type="TBX-Basic" xml:lang="ru"><text><body>\n'


@pytest.mark.parametrize("entry, words", [
    ('<termEntry id="t1"><langSet xml:lang="ru"><tig><term> </term></tig></langSet>'
     '<langSet xml:lang="en"><tig><term>Yezhov</term></tig></langSet></termEntry>', "line 3: empty <term>"),
    ('<termEntry id="t2"><langSet xml:lang="ru"><tig><term>Ягода</term></tig></langSet>'
     '<langSet><tig><term>Yagoda</term></tig></langSet></termEntry>', "line 3: <langSet> without xml:lang"),
], ids=["empty-source-term", "langset-without-language"])
@pytest.mark.parametrize("command", [["glossary", "lookup", "Yezhov", "--glossary"], ["glossary", "convert"]])
def test_a_tbx_entry_without_a_term_or_a_language_is_one_line(tmp_path: Path, entry: str, words: str,
                                                              command: list[str]) -> None:
    """Such an entry was read as a name '' (a TSV written from it is refused: 'empty source
    term') or a rendering in language '' ('the glossary has no renderings in tr (it has: en, )')."""
    tbx = tmp_path / "g.tbx"
    tbx.write_text(TBX_HEAD + entry + "\n</body></text></martif>\n", encoding="utf-8")
    one_line_error(run(*command, str(tbx)), str(tbx), words)


def test_an_empty_target_term_in_tbx_is_no_rendering(tmp_path: Path) -> None:
    """As a TSV row with an empty target: the entry stands, with no rendering in that language."""
    tbx = tmp_path / "g.tbx"
    tbx.write_text(TBX_HEAD + '<termEntry id="t3"><langSet xml:lang="ru"><tig><term>Бухарин</term></tig></langSet>'
                   '<langSet xml:lang="en"><tig><term></term></tig></langSet></termEntry>\n</body></text></martif>\n',
                   encoding="utf-8")
    result = run("glossary", "convert", str(tbx), "--to", "tsv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2:] == ["Бухарин\t\tid=t3; kind=term"]


def _eval_set(tmp_path: Path, gold: bytes) -> Path:
    doc = tmp_path / "set" / "doc1"
    doc.mkdir(parents=True)
    (doc / "src.txt").write_text("One.\nTwo.\n", encoding="utf-8")
    (doc / "tgt.txt").write_text("Un.\nDeux.\n", encoding="utf-8")
    (doc / "gold.txt").write_bytes(gold)
    return doc / "gold.txt"


@pytest.mark.parametrize("gold, words", [
    (b"[0]:[0]\n[1]:[7]\n", "line 2: bead [1]:[7] points past the end of the target text (2 sentences)"),
    (b"[0]:[0]\n[1, 2]:[1]\n", "line 2: bead [1, 2]:[1] points past the end of the source text (2 sentences)"),
    (b"[0]:[0]\n\xff[1]:[1]\n", "is not valid utf-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
], ids=["past-tgt", "past-src", "not-utf8", "binary"])
def test_a_gold_file_that_does_not_fit_its_texts_is_one_line(tmp_path: Path, gold: bytes, words: str) -> None:
    """A bead past the end of the texts was scored as a miss, silently, and a gold file that is
    not UTF-8 ended in a traceback (UnicodeDecodeError)."""
    path = _eval_set(tmp_path, gold)
    one_line_error(run("eval", "-s", "en", "-t", "fr", str(path.parent.parent)), str(path), words)


@pytest.mark.parametrize("meta, words", [
    ('{"title": "a\\u0000b"}', "metadata key 'title' holds U+0000"),
    ('{"title": "x\\u0001y"}', "metadata key 'title' holds U+0001"),
    ('{"author": ["A. One", "B.\\u0007Two"]}', "metadata key 'author' holds U+0007"),
    ('{"title": true}', "metadata key 'title' must be text or a number, not true"),
    ('{"title": NaN}', "metadata key 'title' must be text or a number, not NaN"),
    ('{"title": Infinity}', "metadata key 'title' must be text or a number, not Infinity"),
    ("title: yes\n", "metadata key 'title' must be text or a number, not true"),
], ids=["nul", "control", "author-control", "true", "nan", "infinity", "yaml-yes"])
def test_a_metadata_value_xml_cannot_carry_or_of_the_wrong_type_is_one_line(tmp_path: Path, meta: str,
                                                                            words: str) -> None:
    """A control character ended in lxml's ValueError traceback while writing the header; true,
    NaN and Infinity (and YAML's `yes`) were written as the title 'True', 'nan', 'inf'."""
    path = tmp_path / ("meta.json" if meta.startswith("{") else "meta.yaml")
    path.write_text(meta, encoding="utf-8")
    out = tmp_path / "out.xml"
    one_line_error(run("align", EN, TR, "-s", "en", "-t", "tr", "--scorer", "lexical", "--meta", str(path),
                       "-o", str(out)), str(path), words)
    assert not out.exists()


def test_a_jsonl_manifest_row_s_metadata_with_a_control_character_fails_that_row(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(f'{{"source": "{EN}", "target": "{TR}", "source_lang": "en", "target_lang": "tr", '
                        f'"title": "a\\u0000b"}}\n', encoding="utf-8")
    result = run("batch", str(manifest), "-o", str(tmp_path / "out"), "--scorer", "lexical")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "row 1: " in result.output and "metadata key 'title' holds U+0000" in result.output


REVIEWED = DATA / "review" / "juhis-lexical.tei.xml"
DECISIONS = DATA / "review" / "juhis-lexical.v1-decisions.json"


def test_a_reviewer_name_xml_cannot_carry_is_one_line(tmp_path: Path) -> None:
    """It ended in lxml's ValueError traceback while writing the header."""
    out = tmp_path / "out.xml"
    one_line_error(run("apply-review", str(REVIEWED), str(DECISIONS), "--reviewer", "A\x01B", "-o", str(out)),
                   "--reviewer holds U+0001")
    assert not out.exists()


def test_an_edit_xml_cannot_carry_is_one_line(tmp_path: Path) -> None:
    """A version-2 decisions file's corrected text went to lxml as it was: a traceback."""
    import json

    from tei.decisions import FORMAT, document_hash
    from tei.reader import read_tei

    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps({"format": FORMAT, "version": 2, "document": document_hash(read_tei(REVIEWED)),
                                     "operations": [{"op": "edit", "side": "target", "texts": {"0": "A\x00B"}}]}),
                         encoding="utf-8")
    out = tmp_path / "out.xml"
    one_line_error(run("apply-review", str(REVIEWED), str(decisions), "-o", str(out)), str(decisions),
                   "operation 1 (edit) text of target sentence 0 holds U+0000")
    assert not out.exists()


@pytest.mark.parametrize("old, new, words", [
    ('target="#en.s1 #tr.s1"', 'target="#en.a1"', "line {line}: link 'l1' joins no sentence"),
    ('target="#en.s2 #tr.s2"', 'target="#en.s1 #en.s2 #tr.s2"', "line {line}: link 'l2' joins en.s1, which link 'l1' joins"),
], ids=["no-sentence", "sentence-twice"])
@pytest.mark.parametrize("command", [["export", "--to", "tsv"], ["review"], ["glossary", "apply"], ["realign"]])
def test_a_link_joining_no_sentence_or_one_another_joins_is_one_line(tmp_path: Path, old: str, new: str,
                                                                     words: str, command: list[str]) -> None:
    """validate reported both, but the other commands read such a file: an export held an empty
    0-0 row, or the sentence twice."""
    text = Path(GOLDEN_TEI).read_text(encoding="utf-8")
    assert old in text
    line = text[:text.index(old)].count("\n") + 1
    path = tmp_path / "bad.xml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    extra = ["--scorer", "lexical"] if command == ["realign"] else []
    one_line_error(run(*command, str(path), *extra), str(path), words.format(line=line))


@pytest.mark.parametrize("content, words", [(None, "no such file"), (b"\x89PNG\r\n\x1a\n\x00", "binary")])
def test_variants_reads_the_glossary_it_is_given_for_a_cyrillic_word_too(tmp_path: Path, content: bytes | None,
                                                                         words: str) -> None:
    """A Cyrillic word needs no glossary, so a missing or broken --glossary went unnoticed."""
    glossary = tmp_path / "g.tsv"
    if content is not None:
        glossary.write_bytes(content)
    one_line_error(run("glossary", "variants", "Ежов", "--glossary", str(glossary)), str(glossary), words)


def test_a_pairs_folder_without_a_pair_is_one_line(tmp_path: Path) -> None:
    """Wrong -s/-t suffixes, or the wrong folder, aligned nothing and exited with status 0."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.de.txt").write_text("Eins.\n", encoding="utf-8")
    out = tmp_path / "out"
    one_line_error(run("batch", "--pairs", str(folder), "-s", "en", "-t", "tr", "-o", str(out)), str(folder),
                   "holds no NAME.en.EXT or NAME.tr.EXT file")


def test_one_text_given_as_src_and_tgt_is_aligned_with_a_warning(tmp_path: Path, caplog) -> None:
    """Aligning a plain text with itself is a slip (the translation's name mistyped); it was
    silent. A TEI file holding both texts given twice (`align X.xml X.xml`) is an idiom: no warning."""
    import logging

    out = tmp_path / "out.xml"
    with caplog.at_level(logging.WARNING, logger="bitext"):
        result = run("align", EN, EN, "-s", "en", "-t", "tr", "--scorer", "lexical", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"{EN}: given as SRC and TGT: a text aligned with itself" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bitext"):
        result = run("align", str(out), str(out), "-s", "en", "-t", "tr", "--scorer", "lexical",
                     "-o", str(tmp_path / "again.xml"))
    assert result.exit_code == 0, result.output
    assert "aligned with itself" not in caplog.text


@pytest.mark.parametrize("args, words", [
    (["segment", EN, "--lang", "en", "--encoding", "rot13"], "unknown encoding 'rot13'"),
    (["align", EN, TR, "-s", "en", "-t", "tr", "--scorer", "lexical", "--src-encoding", "hex"], "unknown encoding 'hex'"),
    (["glossary", "check", EN, "--lang", "en", "--encoding", "base64"], "unknown encoding 'base64'"),
    (["segment", EN, "--lang", "en", "--encoding", "punycode"], "is not valid punycode"),
], ids=["rot13", "hex", "base64", "punycode"])
def test_an_encoding_that_is_no_text_encoding_is_one_line(args: list[str], words: str) -> None:
    """Python knows these codecs but bytes.decode refuses them (LookupError) or fails otherwise
    than UnicodeDecodeError: a traceback."""
    one_line_error(run(*args), EN, words)


def test_an_xml_file_declaring_an_encoding_that_is_no_text_encoding_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text('<?xml version="1.0" encoding="rot13"?>\n<TEI/>\n', encoding="ascii")
    for args in (["export", str(path), "--to", "tsv"], ["segment", str(path)]):
        one_line_error(run(*args), str(path), "declares the encoding 'rot13', which bitext does not know")


def test_a_batch_row_s_encoding_that_is_no_text_encoding_fails_that_row(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"source,target,source_lang,target_lang,encoding\n{EN},{TR},en,tr,rot13\n", encoding="utf-8")
    result = run("batch", str(manifest), "-o", str(tmp_path / "out"), "--scorer", "lexical")
    assert result.exit_code == 1 and "internal error" not in result.output, result.output
    assert "unknown encoding 'rot13'" in result.output


@pytest.mark.parametrize("content", ["", "  \n\n", "# only a comment\n"], ids=["empty", "blank", "comments"])
def test_a_dictionary_without_a_word_pair_is_one_line(tmp_path: Path, content: str) -> None:
    """It said 'is empty (no text to align)' of a dictionary, or, with comments only, aligned
    without a word of it."""
    dictionary = tmp_path / "words.tsv"
    dictionary.write_text(content, encoding="utf-8")
    one_line_error(run("align", EN, TR, "-s", "en", "-t", "tr", "--scorer", "lexical", "--dictionary", str(dictionary)),
                   str(dictionary), "holds no word pair (lines of source<TAB>target)")


def _with_stdout_closed(*args: str) -> tuple[int, str]:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", "from bitext_cli.main import cli; cli()", "-q", *args],
                          stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1),
                          timeout=120)
    return proc.returncode, proc.stderr.decode()


@pytest.mark.parametrize("args", [["export", GOLDEN_TEI, "--to", "tsv"], ["review", GOLDEN_TEI],
                                  ["segment", EN, "--lang", "en"], ["glossary", "lookup", "Ежов"]],
                         ids=["export", "review", "segment", "glossary-lookup"])
def test_output_to_a_closed_standard_output_is_one_line(args: list[str]) -> None:
    """`bitext export X --to tsv >&-`: export and review ended in AttributeError tracebacks
    (sys.stdout is None), segment and glossary lookup exited 0 having written nothing."""
    code, err = _with_stdout_closed(*args)
    assert code == 1 and err.startswith("Error: -: ") and err.count("\n") == 1, err
    assert "standard output is closed; give -o FILE" in err


def _to_full_disk(*args: str) -> tuple[int, str]:
    import subprocess
    import sys

    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-c", "from bitext_cli.main import cli; cli()", "-q", *args],
                              stdin=subprocess.DEVNULL, stdout=full, stderr=subprocess.PIPE, timeout=120)
    return proc.returncode, proc.stderr.decode()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux) to simulate a full disk")
@pytest.mark.parametrize("args", [["export", GOLDEN_TEI, "--to", "tsv"], ["segment", EN, "--lang", "en"],
                                  ["glossary", "lookup", "Ежов"], ["glossary", "check", EN, "--lang", "en"],
                                  ["eval", "-s", "en", "-t", "tr", "{shared}/eval/abstract-en-tr/juhis-908368"]],
                         ids=["export", "segment", "glossary-lookup", "glossary-check", "eval"])
def test_output_to_a_full_standard_output_names_it(args: list[str], request: pytest.FixtureRequest) -> None:
    """`bitext segment X > /dev/full`: segment, glossary check/lookup and eval said "Error: No
    space left on device", naming no file; align and export name "-"."""
    if any("{shared}" in a for a in args):
        shared = request.getfixturevalue("shared")
        args = [a.format(shared=shared) for a in args]
    code, err = _to_full_disk(*args)
    assert code == 1 and err.splitlines()[-1] == "Error: -: cannot be written (No space left on device)", err


def test_a_closed_standard_output_is_no_matter_with_an_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"
    code, err = _with_stdout_closed("export", GOLDEN_TEI, "--to", "tsv", "-o", str(out))
    assert code == 0 and err == "" and out.read_text(encoding="utf-8").startswith("link_id")
