"""`bitext glossary check`: an aligned TEI link by link, or one text on its own.

A single text (a translation without its source: plain text, one text of a TEI file, any
format `align` reads) is checked by `glossary.textcheck`; each finding comes with its line in
the input (where the format has lines) and its sentence.
"""

from __future__ import annotations

import json
import logging
from typing import Sequence

import click

from corpora.model import PARAGRAPH, Bitext, link_ids
from corpora.source import InputText
from corpora.wording import counted

from glossary.check import Finding, glossary_findings, renderings_notice
from glossary.io import load_matcher
from glossary.lexicon import load_lexicon
from glossary.textcheck import TextFinding, check_text

log = logging.getLogger("bitext")


def read_checked(path: str, encoding: str) -> tuple[InputText, bool]:
    """The input, read once, and whether it is an aligned bitext TEI (else a single text)."""
    from corpora.xmlinput import parse_xml
    from tei.reader import holds_bitext

    from bitext_cli.formats import read_file

    given = read_file(path, encoding, "--encoding")
    return given, given.format == "tei" and holds_bitext(parse_xml(given.data, path))


def check_aligned(bitext: Bitext, glossary_path: str | None, as_json: bool) -> list[Finding]:
    """Print the link-by-link findings of an aligned bitext (each with its evidence and the
    link's target text, what a translator corrects); return them (for -o)."""
    findings = glossary_findings(glossary_path, bitext)
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    else:
        targets = {lid: " ".join(tgt) for lid, (_, _, tgt) in zip(link_ids(bitext.links), bitext.iter_pairs())}
        for f in findings:
            click.echo("\t".join([f.link_id, f.source_term, f.preferred or "-", f.target_has or "-", f.kind,
                                  f.how or "-", targets.get(f.link_id, "")]))
    return findings


def check_single(given: InputText, lang: str | None, glossary_path: str | None, lexicon_name: str,
                 as_json: bool, ids: str = PARAGRAPH) -> None:
    """Print the findings of one text checked on its own, its sentences named by the scheme
    `ids` (corpora.model.sentence_ids)."""
    from corpora.locate import sentence_lines, xml_text

    from bitext_cli.pipeline import read_document

    doc = read_document(given, lang, "--lang", ids=ids)
    matcher = load_matcher(glossary_path, doc.lang)
    notice = renderings_notice(matcher.glossary, doc.lang)
    lines = sentence_lines(given.text if given.format == "text" else xml_text(given.text), doc.texts)
    sentences = [(s.id, s.text) for s in doc.segments]
    if notice:  # names only against each other: a spelling other than the text's usual one
        log.warning("%s", notice)
        findings = [f for f in check_text(matcher, sentences, doc.lang, None, lines) if f.kind == "inconsistent"]
    else:
        lexicon = load_lexicon(lexicon_name)
        if lexicon.name == "none" and lexicon_name == "auto":
            log.info("no lexicon of known words (pip install 'bitext[names]'): real names missing from the "
                     "glossary may come out as suspects")
        findings = check_text(matcher, sentences, doc.lang, lexicon, lines)
        kinds = [f.kind for f in findings]
        log.info("%s: %s, %s%s (lexicon: %s)", given.path, counted(kinds.count("suspect"), "suspect"),
                 counted(kinds.count("variant"), "variant"),
                 f", {kinds.count('inconsistent')} inconsistent" if "inconsistent" in kinds else "", lexicon.name)
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
