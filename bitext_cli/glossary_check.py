"""`bitext glossary check`: an aligned TEI link by link, or one text on its own.

A single text (a translation without its source: plain text, one text of a TEI file, whatever
`bitext_cli.inputs.load_document` reads) is checked by `glossary.textcheck`; each finding
comes with its line in the input and its sentence.
"""

from __future__ import annotations

import json
import logging
from typing import Sequence

import click

from corpora.errors import UsageError
from corpora.model import Bitext

from glossary.check import Finding, check_bitext, renderings_notice
from glossary.io import load_matcher
from glossary.lexicon import load_lexicon
from glossary.textcheck import TextFinding, check_text

log = logging.getLogger("bitext")
_TEI_LINKS = ".//{http://www.tei-c.org/ns/1.0}linkGrp[@type='alignment']"
NOT_STDIN = "-: a single text to check is read from a file, not standard input"


def aligned_input(path: str) -> str | bytes | None:
    """Where to read an aligned bitext TEI from (the path, or standard input's bytes), or None
    when the input is a single text."""
    from corpora.readers import read_bytes
    from corpora.xmlinput import parse_xml
    from tei.reader import looks_like_tei

    data = read_bytes(path)
    source = data if path == "-" else path
    aligned = looks_like_tei(path, data[:2048]) and parse_xml(data, path).find(_TEI_LINKS) is not None
    if not aligned and path == "-":
        raise UsageError(NOT_STDIN)
    return source if aligned else None


def check_aligned(bitext: Bitext, glossary_path: str | None, as_json: bool) -> list[Finding]:
    """Print the link-by-link findings of an aligned bitext; return them (for -o)."""
    findings = check_bitext(load_matcher(glossary_path, bitext.target.lang), bitext)
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    else:
        for f in findings:
            click.echo("\t".join([f.link_id, f.source_term, f.preferred or "-", f.target_has or "-", f.kind]))
    return findings


def check_single(path: str, lang: str | None, glossary_path: str | None, lexicon_name: str, encoding: str,
                 as_json: bool) -> None:
    """Print the findings of one text checked on its own."""
    from corpora.locate import sentence_lines, xml_text
    from corpora.readers import read_text
    from tei.reader import looks_like_tei

    from bitext_cli.inputs import load_document

    doc = load_document(path, lang, "--lang", False, encoding)
    matcher = load_matcher(glossary_path, doc.lang)
    notice = renderings_notice(matcher.glossary, doc.lang)
    findings: list[TextFinding] = []
    if notice:
        log.warning("%s", notice)
    else:
        lexicon = load_lexicon(lexicon_name)
        if lexicon.name == "none" and lexicon_name == "auto":
            log.info("no lexicon of known words (pip install 'bitext[names]'): real names missing from the "
                     "glossary may come out as suspects")
        raw = read_text(path, encoding)
        lines = sentence_lines(xml_text(raw) if looks_like_tei(path, raw[:2048].encode()) else raw, doc.texts)
        findings = check_text(matcher, [(s.id, s.text) for s in doc.segments], doc.lang, lexicon, lines)
        kinds = [f.kind for f in findings]
        log.info("%s: %d suspects, %d variants (lexicon: %s)", path, kinds.count("suspect"),
                 kinds.count("variant"), lexicon.name)
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    else:
        for line in text_finding_lines(findings):
            click.echo(line)


def text_finding_lines(findings: Sequence[TextFinding]) -> list[str]:
    """Tab-separated: line, sentence id, source term, preferred, what the text has, kind,
    evidence (variants: how the word matched; suspects: strength, similarity, where the text
    spells the entry), sentence."""
    out = []
    for f in findings:
        evidence = f.how
        if f.kind == "suspect":
            evidence = f"{f.strength}, {f.how}" + (f", the text has {f.seen}" if f.seen else "")
        out.append("\t".join([str(f.line) if f.line else "-", f.sentence_id, f.source_term, f.preferred or "-",
                              f.text_has, f.kind, evidence, f.sentence]))
    return out
