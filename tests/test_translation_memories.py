"""Translation memories (TMX, XLIFF 1.2 and 2.0) read as the two texts they hold: units as
segments with their ids, an inline code for a line break read as a space, and `bitext align` of
one TMX taking both languages from it (TMX whose two sides share a language:
tests/test_tmx_sides.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tei.reader import read_tei
from tests.conftest import read_texts


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="en-US" datatype="plaintext"/><body>
<tu tuid="7"><tuv xml:lang="tr-TR"><seg>Bir <bpt i="1">&lt;b&gt;</bpt>kalın<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
<tuv xml:lang="en-US"><seg>One <bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Two.</seg></tuv><tuv xml:lang="tr-TR"><seg>İki.</seg></tuv></tu>
<tu tuid="7"><tuv xml:lang="en-US"><seg>Three.</seg></tuv></tu>
</body></tmx>"""


def test_tmx_units_are_segments_with_their_ids(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX, encoding="utf-8")
    en, tr = read_texts(path)
    assert (en.lang, tr.lang) == ("en-US", "tr-TR")  # the header's srclang first
    assert [(s.id, s.text) for b in en.blocks for s in b.segments] == [
        ("en-US.7", "One bold."), ("en-US.u2", "Two."), ("en-US.7-2", "Three.")]
    assert [(s.id, s.text) for b in tr.blocks for s in b.segments] == [("tr-TR.7", "Bir kalın."), ("tr-TR.u2", "İki.")]


XLIFF12 = """<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="ru"
 datatype="plaintext" original="a.txt"><body><group>
<trans-unit id="u1"><source>Hello <g id="1">world</g>.<x id="2"/></source><target>Привет, <g id="1">мир</g>.</target>
</trans-unit></group>
<trans-unit id="u2"><source>One. Two.</source><seg-source><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg"
 mid="2">Two.</mrk></seg-source><target><mrk mtype="seg" mid="1">Один.</mrk> <mrk mtype="seg" mid="2">Два.</mrk>
</target></trans-unit>
<trans-unit id="u3"><source>Untranslated.</source></trans-unit>
</body></file></xliff>"""

XLIFF20 = """<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de"><file id="f1">
<unit id="u1"><segment id="s1"><source>Hello <pc id="1">world</pc>.<ph id="2"/></source><target>Hallo
 <pc id="1">Welt</pc>.</target></segment><ignorable><source> </source></ignorable><segment id="s2"><source>Bye.</source>
<target>Tschüss<cp hex="0021"/></target></segment></unit>
</file></xliff>"""


def test_xliff_12_and_20_units_are_segments_with_their_ids(tmp_path: Path) -> None:
    old, new = tmp_path / "a.xlf", tmp_path / "b.xliff"
    old.write_text(XLIFF12, encoding="utf-8")
    new.write_text(XLIFF20, encoding="utf-8")
    en, ru = read_texts(old)
    assert [(s.id, s.text) for b in en.blocks for s in b.segments] == [
        ("en.u1", "Hello world."), ("en.u2.1", "One."), ("en.u2.2", "Two."), ("en.u3", "Untranslated.")]
    assert [(s.id, s.text) for b in ru.blocks for s in b.segments] == [
        ("ru.u1", "Привет, мир."), ("ru.u2.1", "Один."), ("ru.u2.2", "Два.")]
    en, de = read_texts(new)
    assert [(s.id, s.text) for b in de.blocks for s in b.segments] == [("de.u1.s1", "Hallo Welt."),
                                                                       ("de.u1.s2", "Tschüss!")]


BREAKS = {
    "memory.tmx": """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT TMX"
 adminlang="EN-US" srclang="EN-US" datatype="plaintext"/><body>
<tu><tuv xml:lang="EN-US"><seg>First line<ph x="1">&lt;br/&gt;</ph>second line<ph x="2" type="lb"/>third<ph
 x="3">&lt;BR0/&gt;</ph>fourth <ph x="4">{0}</ph>.</seg></tuv><tuv xml:lang="RU-RU"><seg>Строка<ph>\n</ph>вторая.</seg></tuv></tu>
</body></tmx>""",
    "old.xlf": """<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="ru"
 datatype="html" original="a.html"><body><trans-unit id="u1"><source>First line<x id="1" ctype="lb"/>second line<ph
 id="2">&lt;br&gt;</ph>third <x id="3"/>.</source><target>Строка<x id="1" ctype="lb"/>вторая.</target></trans-unit>
</body></file></xliff>""",
    "new.xliff": """<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru"><file id="f1">
<unit id="u1"><segment id="s1"><source>First line<ph id="1" type="fmt" subType="xlf:lb"/>second line<ph id="2"
 equiv="&#10;"/>third <ph id="3"/>.</source><target>Строка<ph id="1" type="fmt" subType="xlf:lb"/>вторая.</target>
</segment></unit></file></xliff>""",
}


@pytest.mark.parametrize("name", BREAKS)
def test_an_inline_code_for_a_line_break_separates_words(tmp_path: Path, name: str) -> None:
    """A translation memory's line break is an inline code (a `<ph>` of `<br/>`, TMX `type="lb"`,
    XLIFF 1.2 `ctype="lb"`, XLIFF 2 `subType="xlf:lb"` or an `equiv` of a line break): it reads
    as a space, as HTML's `<br>` and TEI's `<lb/>` do. It was left out, gluing the words around
    it ("First linesecond line"); other codes are still left out."""
    path = tmp_path / name
    path.write_text(BREAKS[name], encoding="utf-8")
    en, ru = read_texts(path)
    english = "First line second line third fourth ." if name == "memory.tmx" else "First line second line third ."
    assert [s.text for b in en.blocks for s in b.segments] == [english]
    assert [s.text for b in ru.blocks for s in b.segments] == ["Строка вторая."]


def test_bitext_align_of_one_tmx_takes_both_languages_from_it(tmp_path: Path, assert_valid_tei) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX, encoding="utf-8")
    out = tmp_path / "out.tei.xml"
    result = CliRunner().invoke(cli, ["align", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert_valid_tei(out.read_bytes())
    bitext = read_tei(out)
    assert (bitext.source.lang, bitext.target.lang) == ("en-US", "tr-TR")
    assert [s.id for s in bitext.source.segments] == ["en-US.7", "en-US.u2", "en-US.7-2"]
