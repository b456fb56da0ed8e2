"""Property tests over the whole path: read -> segment -> align -> TEI -> read back -> TMX/TSV ->
review -> apply-review, on random texts and perturbed translations (issue 17).

Texts mix scripts (Latin, Cyrillic, Turkish, Greek, CJK), glossary names, abbreviations and
numbers, markup characters, control characters, empty and blank lines, CRLF, byte order marks
and UTF-16, tiny and huge sentences. For every example: every sentence is in exactly one link
and links are in order, pointers resolve, bitext's schema passes, every non-space character
of the input is kept, the TEI reads back and writes again byte for byte, TMX/TSV/review carry
the same texts, a second run gives the same bytes, and apply-review with random decisions
changes no sentence nor its markup. A second test checks that another process gives the same
bytes as this one.

Example counts come from the Hypothesis profile (tests/conftest.py): a few in CI, many with
BITEXT_HYPOTHESIS_PROFILE=long.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="property tests need hypothesis (the test extra)")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from lxml import etree, html  # noqa: E402

from corpora.model import check_links  # noqa: E402

from align.config import AlignConfig  # noqa: E402
from bitext_cli.pipeline import Job, produce  # noqa: E402
from glossary.io import starter_path  # noqa: E402
from tei.checks import load_schema, structural_problems  # noqa: E402
from tei.decisions import Decision, apply_decisions  # noqa: E402
from tei.names import TEI_NS, XML_ID  # noqa: E402
from tei.reader import read_tei  # noqa: E402
from tei.review_html import review_html  # noqa: E402
from corpora.formats.tmx import read_tmx  # noqa: E402
from tei.tmx import tmx_bytes  # noqa: E402
from tei.tsv import tsv_bytes  # noqa: E402
from tei.writer import tei_bytes  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

LANGS = ("en", "ru", "tr", "de")
LETTERS = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
           "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ"
           "çğıöşüÇĞİÖŞÜäöüßéèàαβγδεζ日本語中文ﬁ")
NAMES = ("Ежов", "Yezhov", "Ezhov", "Jezhov", "Сталин", "Stalin", "НКВД", "NKVD", "Бухарин", "Bukharin",
         "Troçki", "Molotov")
ABBREVIATIONS = ("Dr.", "Prof.", "т. е.", "1937 г.", "s. 45", "p. 572-576", "M. J.", "e.g.", "U.S.A.", "No. 5")
INNER = (",", ";", ":", "(", ")", "«", "»", "“", "”", "—", "-", "'", '"', "&", "<", ">", "/", "&amp;", "]]>")
ENDERS = (".", "!", "?", "…", "?!", ".", ".", "")
CONTROLS = "\x01\x07\x0b\x0c\x1b\x1f"  # removed on input, with a warning
REMOVED = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

numbers = st.one_of(st.integers(0, 3000).map(str), st.sampled_from(["3.5", "1938-56", "XIV", "15 тыс.", "1,000"]))
plain_words = st.text(alphabet=LETTERS, min_size=1, max_size=12)
control_words = st.tuples(plain_words, st.sampled_from(CONTROLS), plain_words).map("".join)
words = st.one_of(plain_words, plain_words, plain_words, st.sampled_from(NAMES), st.sampled_from(ABBREVIATIONS),
                  numbers, control_words)


@st.composite
def sentences(draw) -> str:
    """A sentence: words with inner punctuation and an ending; now and then a huge one."""
    if draw(st.integers(0, 40)) == 0:  # huge: one word thousands of times
        word, times = draw(plain_words), draw(st.integers(500, 5000))
        return " ".join([word] * times) + "."
    parts = []
    for word in draw(st.lists(words, min_size=1, max_size=20)):
        parts.append(word)
        if draw(st.integers(0, 6)) == 0:
            parts.append(draw(st.sampled_from(INNER)))
    return " ".join(parts) + draw(st.sampled_from(ENDERS))


@st.composite
def documents(draw, sources: list[list[str]] | None = None) -> list[list[str]]:
    """Paragraphs of sentences; with `sources`, a translation-like perturbation of them: sentences
    dropped, merged, changed, numbers shifted, a sentence or a paragraph added."""
    if sources is None:
        return draw(st.lists(st.lists(sentences(), min_size=1, max_size=6), min_size=1, max_size=6))
    out = []
    for para in sources:
        new: list[str] = []
        for sentence in para:
            how = draw(st.sampled_from(["keep", "keep", "keep", "drop", "merge", "numbers", "other", "add"]))
            if how == "drop":
                continue
            if how == "merge" and new:
                new[-1] = new[-1] + " " + sentence
            elif how == "numbers":
                new.append(re.sub(r"\d+", lambda m: str(int(m.group()) + 1), sentence))
            elif how == "other":
                new.append(draw(sentences()))
            else:
                new.append(sentence)
                if how == "add":
                    new.append(draw(sentences()))
        if new:
            out.append(new)
    if not out or draw(st.booleans()):
        out.append(draw(st.lists(sentences(), min_size=1, max_size=3)))
    return out


@st.composite
def layouts(draw, paragraphs: list[list[str]], presplit: bool) -> str:
    """The paragraphs as a file's text: lines, blank lines between paragraphs (with spaces, tabs,
    several of them), wrapped lines, leading and trailing blank lines."""
    gap = draw(st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\n\t\n", "\n\u00a0\n"]))
    blocks = []
    for para in paragraphs:
        if presplit:
            blocks.append("\n".join(para))
        else:
            joiner = draw(st.sampled_from([" ", " ", "\n", "  "]))
            blocks.append(joiner.join(para))
    return draw(st.sampled_from(["", "\n", "  \n"])) + gap.join(blocks) + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def pairs(draw) -> dict:
    """Two texts to align, their languages, their encodings on disk, and the options."""
    presplit = draw(st.booleans())
    src_paras = draw(documents())
    tgt_paras = draw(documents(src_paras))
    src_lang, tgt_lang = draw(st.sampled_from(LANGS)), draw(st.sampled_from(LANGS))
    return {
        "src": draw(layouts(src_paras, presplit)), "tgt": draw(layouts(tgt_paras, presplit)),
        "src_lang": src_lang, "tgt_lang": tgt_lang, "presplit": presplit,
        "src_encoding": draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16"])),
        "crlf": draw(st.booleans()), "glossary": draw(st.booleans()),
    }


def kept(text: str) -> str:
    """The characters a text must keep: no spaces, none of those XML cannot carry."""
    return "".join(ch for ch in REMOVED.sub("", text) if not ch.isspace())


def write_inputs(folder: Path, case: dict) -> tuple[Path, Path]:
    src, tgt = folder / "src.txt", folder / "tgt.txt"
    newline = "\r\n" if case["crlf"] else "\n"
    src.write_bytes(case["src"].replace("\n", newline).encode(case["src_encoding"]))
    tgt.write_bytes(case["tgt"].encode("utf-8"))
    return src, tgt


def job(src: Path, tgt: Path, case: dict) -> Job:
    glossary = str(starter_path()) if case["glossary"] else None
    return Job(str(src), str(tgt), case["src_lang"], case["tgt_lang"], presplit=case["presplit"],
               config=AlignConfig(aligner="lexical"), glossary=glossary, glossary_apply=case["glossary"])


def original_texts(data: bytes, lang_index: int) -> list[str]:
    """The texts of one side's `<s>` as written before any regularization: `<orig>` inside
    `<choice>` (glossary apply keeps the spelling there and shows the preferred one in `<reg>`)."""
    root = etree.fromstring(data, etree.XMLParser(huge_tree=True))
    text_el = root.findall(f".//{{{TEI_NS}}}group/{{{TEI_NS}}}text")[lang_index]
    out = []
    for s in text_el.iter(f"{{{TEI_NS}}}s"):
        for reg in s.iter(f"{{{TEI_NS}}}reg"):
            reg.getparent().remove(reg)  # (tail-less: inside <choice>)
        out.append("".join(s.itertext()))
    return out


def sentence_markup(data: bytes) -> dict[str, str]:
    """Every `<s>` by id, serialized with its markup."""
    root = etree.fromstring(data, etree.XMLParser(huge_tree=True))
    return {s.get(XML_ID): etree.tostring(s, encoding="unicode", with_tail=False) for s in root.iter(f"{{{TEI_NS}}}s")}


@lru_cache(maxsize=1)
def script_count() -> int:
    """How many `<script>` elements the review template holds (texts must never add one)."""
    return sum(1 for _ in re.finditer(r"<script[ >]", (ROOT / "tei" / "review" / "template.html").read_text("utf-8")))


@st.composite
def decisions_for(draw, links: list) -> list[Decision]:
    """Random, consistent review decisions: accept, reject, merge (chains allowed), split."""
    chosen: list[Decision] = []
    merging = False  # the previous link merges into this one: it may only merge on
    for k, link in enumerate(links):
        options = ["none"] if merging else ["none", "accept", "reject"]
        if k + 1 < len(links):
            options.append("merge")
        if not merging and len(link.src) + len(link.tgt) >= 2:
            options.append("split")
        action = draw(st.sampled_from(options))
        if action == "split":
            a = draw(st.integers(0, len(link.src)))
            b = draw(st.integers(0, len(link.tgt)))
            if (a or b) and (len(link.src) - a or len(link.tgt) - b):
                chosen.append(Decision(link.id, "split", a, b))
            action = "none"
        elif action != "none":
            chosen.append(Decision(link.id, action))
        merging = action == "merge"
    return chosen


@given(case=pairs(), data=st.data())
def test_the_whole_path_keeps_every_promise(case: dict, data) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, tgt = write_inputs(Path(tmp), case)
        bitext, tei = produce(job(src, tgt, case))
        _, again = produce(job(src, tgt, case))
    assert tei == again, "a second run gave other bytes"

    # every sentence in exactly one link, links in order; every non-space character kept
    assert check_links(bitext.links, len(bitext.source), len(bitext.target)) == []
    assert kept("".join(bitext.source.texts)) == kept(case["src"])
    assert kept("".join(bitext.target.texts)) == kept(case["tgt"])

    # our schema, pointers that resolve, read back and written again byte for byte
    root = etree.fromstring(tei, etree.XMLParser(huge_tree=True))
    assert load_schema().validate(root.getroottree()), load_schema().error_log
    assert structural_problems(root) == []
    back = read_tei(tei)
    assert original_texts(tei, 0) == bitext.source.texts and original_texts(tei, 1) == bitext.target.texts
    if not case["glossary"]:  # (with it, the reading text shows the glossary's spelling, <reg>)
        assert back.source.texts == bitext.source.texts and back.target.texts == bitext.target.texts
    assert [(link.src, link.tgt) for link in back.links] == [(link.src, link.tgt) for link in bitext.links]
    assert tei_bytes(back) == tei

    # TSV and TMX carry the same texts
    rows = tsv_bytes(back).decode("utf-8").split("\n")
    assert rows[-1] == "" and len(rows) == len(back.links) + 2
    assert all(len(row.split("\t")) == 5 for row in rows[1:-1])
    tmx, skipped = tmx_bytes(back)
    assert len(read_tmx(tmx)) + skipped == len(back.links)
    segs = ["".join(seg.itertext()) for seg in etree.fromstring(tmx, etree.XMLParser(huge_tree=True)).iter("seg")]
    src_texts, tgt_texts = back.source.texts, back.target.texts
    expected = [" ".join(texts[i] for i in side) for link in back.links if link.src and link.tgt
                for texts, side in ((src_texts, link.src), (tgt_texts, link.tgt))]
    assert [" ".join(s.split()) for s in segs] == [" ".join(t.split()) for t in expected]

    # the review page holds exactly the texts, and no text adds markup to it
    page = review_html(back, "x.xml")
    doc = html.fromstring(page)
    assert len(doc.findall(".//script")) == script_count()
    embedded = json.loads(doc.get_element_by_id("bitext-data").text)
    assert embedded["src"] == src_texts and embedded["tgt"] == tgt_texts

    # apply-review with random decisions changes no sentence and no markup
    decisions = data.draw(decisions_for(back.links))
    fixed = apply_decisions(back, decisions)
    assert fixed.source.segments == back.source.segments and fixed.target.segments == back.target.segments
    assert check_links(fixed.links, len(fixed.source), len(fixed.target)) == []
    out = tei_bytes(fixed)
    out_root = etree.fromstring(out, etree.XMLParser(huge_tree=True))
    assert load_schema().validate(out_root.getroottree()), load_schema().error_log
    assert structural_problems(out_root) == []
    assert sentence_markup(out) == sentence_markup(tei)


@settings(max_examples=max(2, settings().max_examples // 8))
@given(case=pairs())
def test_another_process_gives_the_same_bytes(case: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, tgt = write_inputs(Path(tmp), case)
        _, here = produce(job(src, tgt, case))
        args = [sys.executable, "-c", "from bitext_cli.main import cli; cli()", "-q", "align", str(src), str(tgt),
                "-s", case["src_lang"], "-t", case["tgt_lang"], "--scorer", "lexical", "-o", "-"]
        if case["presplit"]:
            args.append("--presplit")
        if case["glossary"]:
            args += ["--glossary", str(starter_path()), "--apply"]
        done = subprocess.run(args, capture_output=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert done.stdout == here
