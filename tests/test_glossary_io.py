"""Glossary files: OmegaT TSV with the status convention, TBX-Basic, lossless round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.errors import InputError

from glossary.io import load_glossary, save_glossary, starter_path
from glossary.tbx import read_tbx, tbx_bytes
from glossary.tsv import read_tsv, tsv_text

DATA = Path(__file__).resolve().parent / "data"


def test_starter_glossary_covers_the_seed_names() -> None:
    g = load_glossary()
    by_id = g.by_id()
    for eid in ("yezhov", "yagoda", "vyshinsky", "bukharin", "rykov", "zinoviev", "kamenev", "trotsky",
                "pyatakov", "radek", "tukhachevsky", "beria", "bagirov", "khrushchev", "stalin", "molotov",
                "kalinin", "nkvd", "ogpu", "gulag", "narkom", "troika"):
        entry = by_id[eid]
        assert entry.preferred("en") and entry.preferred("tr"), eid
    assert by_id["yezhov"].source == "Ежов" and by_id["nkvd"].kind == "org"
    assert by_id["yezhov"].renderings["en"].admitted == ["Ezhov"]
    assert by_id["yezhov"].renderings["en"].deprecated == ["Jezhov"]


def test_two_column_omegat_file(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("# comment\nЕжов\tYezhov\nЕжов\tEzhov\nНКВД\tNKVD\tthe secret police\n", encoding="utf-8")
    g = read_tsv(path)
    assert [e.source for e in g.entries] == ["Ежов", "НКВД"]
    r = g.entries[0].renderings["en"]
    assert (r.preferred, r.admitted) == ("Yezhov", ["Ezhov"])
    assert g.entries[1].note == "the secret police" and g.entries[1].kind == "org"
    assert g.entries[0].id == "yezhov" and g.entries[0].kind == "person"


def test_status_convention_in_comment(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("Ежов\tJezhov\tlang=en; status=deprecated; id=ej; kind=person; note=a; b\n"
                    "Ежов\tYezhov\tlang=en\nЕжов\tYejov\tlang=tr\n", encoding="utf-8")
    e = read_tsv(path).entries[0]
    assert (e.id, e.note) == ("ej", "a; b")
    assert e.renderings["en"].preferred == "Yezhov" and e.renderings["en"].deprecated == ["Jezhov"]
    assert e.preferred("tr") == "Yejov"


@pytest.mark.parametrize("line,problem", [
    ("Ежов\tYezhov\tstatus=best", "status 'best'"),
    ("Ежов\tYezhov\tkind=animal", "kind 'animal'"),
    ("Yezhov", "expected source<TAB>target"),
])
def test_bad_rows_name_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("# x\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"bad.tsv: line 2: .*{problem}"):
        read_tsv(path)


def test_tbx_to_tbx_is_lossless(tmp_path: Path) -> None:
    g = load_glossary()
    first = tmp_path / "a.tbx"
    first.write_bytes(tbx_bytes(g))
    again = read_tbx(first)
    assert again.entries == g.entries and again.src_lang == g.src_lang
    assert tbx_bytes(again) == first.read_bytes()


def test_tsv_to_tbx_to_tsv_is_lossless(tmp_path: Path) -> None:
    g = read_tsv(starter_path())
    save_glossary(g, tmp_path / "g.tbx")
    save_glossary(load_glossary(tmp_path / "g.tbx"), tmp_path / "back.tsv")
    back = read_tsv(tmp_path / "back.tsv")
    assert back.entries == g.entries
    assert (tmp_path / "back.tsv").read_text(encoding="utf-8") == tsv_text(g)


def test_tbx_is_tbx_basic_v3() -> None:
    data = tbx_bytes(load_glossary()).decode("utf-8")
    assert '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="ru">' in data
    assert '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in data


def test_tbx_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = tmp_path / "evil.tbx"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="ru"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="ru"><termSec><term>Ежов</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>&x;</term></termSec></langSec></conceptEntry>'
        "</body></text></tbx>", encoding="utf-8")
    g = read_tbx(path)
    assert "SECRET" not in repr(g.entries)


def test_malformed_tbx_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.tbx"
    path.write_text("<tbx><text>", encoding="utf-8")
    with pytest.raises(InputError, match="broken.tbx: is not well-formed XML"):
        load_glossary(path)


def test_a_row_marked_preferred_wins_over_a_first_row_that_says_nothing(tmp_path: Path) -> None:
    # Failed before: Ezhov, marked preferred, became admitted behind the unmarked Yezhov.
    path = tmp_path / "g.tsv"
    path.write_text("Ежов\tYezhov\tlang=en\nЕжов\tEzhov\tlang=en; status=preferred\n", encoding="utf-8")
    r = read_tsv(path).entries[0].renderings["en"]
    assert (r.preferred, r.admitted) == ("Ezhov", ["Yezhov"])


def test_two_rows_marked_preferred_keep_the_first_and_say_so(tmp_path: Path, caplog) -> None:
    # Failed before: the second was made admitted without a word.
    path = tmp_path / "g.tsv"
    path.write_text("Ежов\tYezhov\tlang=en; status=preferred\nЕжов\tEzhov\tlang=en; status=preferred\n",
                    encoding="utf-8")
    with caplog.at_level("WARNING", logger="bitext"):
        r = read_tsv(path).entries[0].renderings["en"]
    assert (r.preferred, r.admitted) == ("Yezhov", ["Ezhov"])
    assert [rec.getMessage() for rec in caplog.records] == [
        f"{path}: line 2: Ежов has a preferred rendering in en already (Yezhov, line 1); Ezhov is admitted"]
