"""FreeDict (dictd) dictionaries given straight to `--dictionary`."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpora.errors import InputError

from align.lexical import LexicalAligner
from align.config import AlignConfig
from align.scorers import dictd
from align.scorers.dictionary import load_dictionary, parse_dictionary
from bitext_cli.main import cli

ENTRIES = {
    "00-database-info": "Deutsch-français test dictionary\n",
    "Berg": "Berg /bɛʁk/ <noun, masc>\nmontagne, mont\nErhebung im Gelände\n2. (Bergbau) mine\n",
    "Haus": "Haus /haʊ̯s/ <noun, neut>\nmaison\nein Gebäude, in dem man wohnt\n",
    "Katze": "Katze <noun, fem>\nchat (zool.), chatte\n",
}


def b64(value: int) -> str:
    """A number in dictd's base 64."""
    out = ""
    while True:
        out = dictd.DIGITS[value % 64] + out
        value //= 64
        if not value:
            return out


def write_dictd(folder: Path, name: str, entries: dict[str, str], packed: bool = True) -> Path:
    """A dictd dictionary (name.index + name.dict.dz or name.dict); the index's path."""
    data, index = b"", []
    for head, text in entries.items():
        raw = text.encode("utf-8")
        index.append(f"{head}\t{b64(len(data))}\t{b64(len(raw))}\n")
        data += raw
    if packed:
        (folder / f"{name}.dict.dz").write_bytes(gzip.compress(data, mtime=0))
    else:
        (folder / f"{name}.dict").write_bytes(data)
    path = folder / f"{name}.index"
    path.write_text("".join(index), encoding="utf-8")
    return path


def test_entries_give_headwords_and_their_translations(tmp_path: Path) -> None:
    path = write_dictd(tmp_path, "freedict-deu-fra", ENTRIES)
    found = [dictd.translations(e) for e in dictd.entries(path)]
    # the 00-database entry is left out; definitions and glosses are not translations
    assert found == [("Berg", ["montagne", "mont", "mine"]), ("Haus", ["maison"]), ("Katze", ["chat", "chatte"])]
    assert dictd.languages(path) == ("deu", "fra")


@pytest.mark.parametrize("name, pair", [("freedict-deu-fra.index", ("deu", "fra")), ("eng-rus.dict.dz", ("eng", "rus")),
                                        ("/usr/share/dictd/freedict-fra-deu.dict", ("fra", "deu")),
                                        ("my-words.index", None), ("freedict-deu-fra-extra.index", None)])
def test_the_file_name_gives_the_pair(name: str, pair: tuple[str, str] | None) -> None:
    assert dictd.languages(name) == pair


def test_a_dictd_dictionary_reads_like_the_same_tsv(tmp_path: Path) -> None:
    tsv = "Berg\tmontagne\nBerg\tmont\nBerg\tmine\nHaus\tmaison\nKatze\tchat\nKatze\tchatte\n"
    for packed in (True, False):
        folder = tmp_path / str(packed)
        folder.mkdir()
        path = write_dictd(folder, "freedict-deu-fra", ENTRIES, packed)
        assert load_dictionary(path, "de", "fr") == parse_dictionary(tsv)
        assert load_dictionary(path) == parse_dictionary(tsv)  # languages unknown: as the file goes


def test_a_dictd_dictionary_is_turned_round_for_texts_the_other_way(tmp_path: Path) -> None:
    path = write_dictd(tmp_path, "freedict-deu-fra", ENTRIES)
    turned = "montagne\tBerg\nmont\tBerg\nmine\tBerg\nmaison\tHaus\nchat\tKatze\nchatte\tKatze\n"
    assert load_dictionary(path, "fr", "de") == parse_dictionary(turned)
    with pytest.raises(InputError, match=r"freedict-deu-fra.index: a dictionary of deu-fra cannot serve en-tr"):
        load_dictionary(path, "en", "tr")


def test_broken_dictd_files_name_the_file_and_the_problem(tmp_path: Path) -> None:
    path = write_dictd(tmp_path, "freedict-deu-fra", ENTRIES)
    (tmp_path / "freedict-deu-fra.dict.dz").unlink()
    with pytest.raises(InputError, match=r"freedict-deu-fra.index: a dictd index needs its .dict.dz or .dict"):
        load_dictionary(path)
    (tmp_path / "freedict-deu-fra.dict").write_bytes(b"x")
    path.write_text("Berg\t!!\tB\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"freedict-deu-fra.index: line 1: '!!' is not a dictd offset"):
        load_dictionary(path)
    path.write_text("Berg only\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: expected headword, offset and length"):
        load_dictionary(path)
    with pytest.raises(InputError, match=r"nothing.index: no such file"):
        load_dictionary(tmp_path / "nothing.index")


def test_a_changed_dictionary_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "d.tsv"
    path.write_text("Berg\tmontagne\n", encoding="utf-8")
    assert load_dictionary(path) == {"berg": frozenset({"mont"})}
    path.write_text("Haus\tmaison\nBerg\tmine\n", encoding="utf-8")
    assert load_dictionary(path) == {"haus": frozenset({"mais"}), "berg": frozenset({"mine"})}


def test_align_takes_a_dictd_dictionary_and_aligns_as_with_its_tsv(tmp_path: Path) -> None:
    entries = {"кот": "кот /kot/ <noun>\ncat\n", "птица": "птица <noun>\nbird\n", "собака": "собака\ndog\n"}
    index = write_dictd(tmp_path, "freedict-rus-eng", entries)
    tsv = tmp_path / "d.tsv"
    tsv.write_text("кот\tcat\nптица\tbird\nсобака\tdog\n", encoding="utf-8")
    src = ["Кот ест рыбу.", "Птица поёт.", "Дом стоит."]
    tgt = ["The dog sleeps.", "The cat eats fish.", "A bird sings.", "A house stands."]
    spans = [(link.src, link.tgt) for link in LexicalAligner().align(src, tgt, AlignConfig(dictionary=str(tsv)))]
    options = AlignConfig(src_lang="ru", tgt_lang="en", dictionary=str(index))
    assert [(link.src, link.tgt) for link in LexicalAligner().align(src, tgt, options)] == spans
    assert spans[:2] == [((0,), (0, 1)), ((1,), (2,))]  # the dictionary put cat and bird right
    (tmp_path / "ru.txt").write_text(" ".join(src), encoding="utf-8")
    (tmp_path / "en.txt").write_text(" ".join(tgt), encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", str(tmp_path / "ru.txt"), str(tmp_path / "en.txt"), "--src-lang", "ru",
                                      "--tgt-lang", "tr", "--dictionary", str(index), "-o", str(tmp_path / "out.xml")])
    assert result.exit_code != 0 and "a dictionary of rus-eng cannot serve ru-tr texts" in result.output
    assert not (tmp_path / "out.xml").exists()


def test_auto_finds_the_installed_dictionary_of_the_pair_either_way(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    deu_fra = write_dictd(second, "freedict-deu-fra", ENTRIES)
    assert dictd.find_dictionary("de", "fr", [first, second]) == deu_fra
    assert dictd.find_dictionary("fr", "de", [first, second]) == deu_fra  # turned round
    fra_deu = write_dictd(first, "freedict-fra-deu", ENTRIES)
    assert dictd.find_dictionary("fr", "de", [first, second]) == fra_deu  # the pair as it is goes first
    assert dictd.find_dictionary("de", "fr", [first, second]) == deu_fra
    assert dictd.find_dictionary("en", "tr", [first, second]) is None
    assert dictd.find_dictionary("und", "fr", [first, second]) is None
    (second / "freedict-deu-fra.dict.dz").unlink()  # an index without its data is not a dictionary
    assert dictd.find_dictionary("de", "fr", [first, second]) == fra_deu
    assert dictd.find_dictionary("de", "fr", [tmp_path / "missing"]) is None


def test_auto_says_which_dictionary_it_used_and_the_signature_records_it(tmp_path: Path, monkeypatch, caplog) -> None:
    import logging

    caplog.set_level(logging.INFO, logger="bitext")
    entries = {"кот": "кот /kot/ <noun>\ncat\n", "птица": "птица <noun>\nbird\n"}
    folder = tmp_path / "dictd"
    folder.mkdir()
    index = write_dictd(folder, "freedict-eng-rus", {v.split("\n")[1]: f"{v.split(chr(10))[1]}\n{k}\n"
                                                     for k, v in entries.items()})
    monkeypatch.setenv("BITEXT_DICTD", str(folder))
    (tmp_path / "ru.txt").write_text("Кот ест рыбу. Птица поёт. Дом стоит.", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The dog sleeps. The cat eats fish. A bird sings. A house stands.", encoding="utf-8")
    args = ["align", str(tmp_path / "ru.txt"), str(tmp_path / "en.txt"), "-s", "ru", "--scorer", "lexical",
            "--dictionary", "auto"]
    result = CliRunner().invoke(cli, args + ["-t", "en", "-o", str(tmp_path / "out.xml")])
    assert result.exit_code == 0, result.output
    assert f"--dictionary auto: using {index} for ru-en" in caplog.text
    tei = (tmp_path / "out.xml").read_text(encoding="utf-8")
    assert "|dict:freedict-eng-rus.index|" in tei
    explicit = CliRunner().invoke(cli, args[:-1] + [str(index), "-t", "en", "-o", str(tmp_path / "explicit.xml")])
    assert explicit.exit_code == 0 and (tmp_path / "explicit.xml").read_text(encoding="utf-8") == tei
    none = CliRunner().invoke(cli, args + ["-t", "tr", "-o", str(tmp_path / "tr.xml")])
    assert none.exit_code == 0 and "--dictionary auto: no dictd dictionary for ru-tr" in caplog.text
    assert "dict:" not in (tmp_path / "tr.xml").read_text(encoding="utf-8")
    assert not (tmp_path / "auto").exists()
