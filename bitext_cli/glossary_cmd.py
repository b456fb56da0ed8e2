"""`bitext glossary`: spellings of names, lookup, checking texts and regularizing aligned TEI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from corpora import languages
from corpora.atomic import atomic_write
from corpora.errors import UsageError

from glossary.io import DEFAULT_LANG, format_of, load_glossary, load_matcher, starter_path
from glossary.lexicon import LEXICONS
from glossary.schemes import is_cyrillic, variants as scheme_variants

from bitext_cli.glossary_check import check_aligned, check_single, read_checked
from bitext_cli.formats import GLOSSARIES
from bitext_cli.inputs import guard_output, language_code, output_option, path_type
from bitext_cli.options import ids_option

if TYPE_CHECKING:  # the TEI modules are imported where a command uses them
    from corpora.model import Bitext
    from tei.writer import Extension


def glossary_option(func):
    """`--glossary FILE`: a TSV or TBX glossary (default: the starter glossary)."""
    return click.option(
        "--glossary", "glossary_path", default=None, metavar="FILE", type=path_type(),
        help="Glossary (OmegaT TSV, or TBX by .tbx/.xml extension); default: the starter glossary.",
    )(func)


@click.group()
def glossary() -> None:
    """Names and terms across romanizations: look up, check and regularize translations."""


@glossary.command()
@click.argument("word")
@glossary_option
def variants(word: str, glossary_path: str | None) -> None:
    """Print WORD (Cyrillic, or any spelling of a glossary entry) in every romanization scheme."""
    source = word
    if glossary_path or not is_cyrillic(word):  # a glossary given is read (a broken one said so)
        matcher = load_matcher(glossary_path, DEFAULT_LANG)
    if not is_cyrillic(word):
        match = matcher.lookup_text(word)
        if match is None:
            raise UsageError(f"{word!r} is not Cyrillic and not in the glossary; give the Cyrillic form")
        source = matcher.entries[match.entry_id].source
    for scheme, spelling in scheme_variants(source).items():
        click.echo(f"{scheme}\t{spelling}")


@glossary.command()
@click.argument("words", nargs=-1, required=True)
@glossary_option
def lookup(words: tuple[str, ...], glossary_path: str | None) -> None:
    """Print, per WORD (or quoted phrase): the word, the entry's source form and how it matched (or `-`);
    where other entries share the spelling, `also:` and their source forms."""
    matcher = load_matcher(glossary_path, DEFAULT_LANG)
    for word in words:
        match = matcher.lookup_text(word)
        if match is None:
            click.echo(f"{word}\t-")
        else:
            also = ", ".join(matcher.entries[i].source for i in match.also)
            click.echo(f"{word}\t{matcher.entries[match.entry_id].source}\t{match.how}" + (f"\talso: {also}" if also else ""))


def _glossary_name(path: str | None) -> str:
    """The glossary a revision entry names: its file name (the starter glossary's by default)."""
    return Path(path or starter_path()).name


def _recorded(bitext: Bitext, extension: Extension, revision: str) -> bytes:
    """The TEI of `bitext` with `extension` applied, and a revision entry saying so where it
    changed the file (so applying again, which changes nothing, records nothing)."""
    from tei.header import new_revision
    from tei.writer import tei_bytes

    data = tei_bytes(bitext, [extension])
    if data == tei_bytes(bitext):
        return data
    new_revision(bitext.meta, revision)
    return tei_bytes(bitext, [extension])


def _read_aligned(path: str | bytes):
    from tei.reader import read_tei

    return read_tei(path)


@glossary.command()
@click.argument("file", type=path_type(allow_dash=True))
@glossary_option
@click.option("--lang", default=None, metavar="L", callback=language_code,
              help="Language of FILE when it is a single text (plain text or TEI); for an aligned TEI, "
                   "its source language checks that side on its own.")
@click.option("--lexicon", type=click.Choice(LEXICONS), default="auto", show_default=True,
              help="Known words that are no slips (wordfreq: the names extra; none: the text's own evidence only).")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of a plain-text FILE.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@ids_option
@output_option
def check(file: str, glossary_path: str | None, lang: str | None, lexicon: str, encoding: str, as_json: bool,
          ids: str, output: str | None, force: bool) -> None:
    """Report glossary problems in FILE: an aligned TEI link by link, or a text on its own.

    Aligned TEI: one finding per line: link id, source term, preferred rendering, what the
    target has (`-` for nothing), kind (variant, missing, suspect, or inconsistent: where the
    glossary renders the entry not at all in the target's language, a spelling other than the
    target's usual one, which takes the preferred column), evidence (how the word matched, or
    its similarity), the link's target text. With -o, also write the TEI with the findings
    recorded on the links.

    A single text (plain text, or one text of a TEI file; --lang unless its script tells): one
    finding per line: line, sentence id, source term, preferred rendering, what the text has,
    kind (variant; suspect: a near miss of a glossary name; inconsistent), evidence, the sentence. Its
    sentences are named by --ids as `align` names them; an aligned TEI's are its own.
    """
    from tei.glossary_markup import findings_extension
    from tei.relocate import relocated

    if output == "-":
        raise UsageError("check prints its findings on standard output; give -o a file name")
    targets = guard_output(output, force, [file, glossary_path or str(starter_path())])
    given, aligned = read_checked(file, encoding)
    bitext = _read_aligned(given.data if file == "-" else file) if aligned else None
    if bitext is not None and (lang is None or languages.same_language(languages.normalize(lang), bitext.target.lang)):
        findings = check_aligned(bitext, glossary_path, as_json)
        if targets:
            atomic_write(targets[0], _recorded(relocated(bitext, file, output), findings_extension(findings),
                                               f"Glossary findings recorded on the links by bitext ({len(findings)} "
                                               f"with the glossary {_glossary_name(glossary_path)})."))
        return
    if output:
        raise UsageError("-o writes an aligned TEI with the findings; a single text's findings go to standard output")
    check_single(given, lang, glossary_path, lexicon, as_json, ids)


@glossary.command()
@click.argument("aligned", type=path_type(allow_dash=True))
@glossary_option
@output_option
def apply(aligned: str, glossary_path: str | None, output: str | None, force: bool) -> None:
    """Mark glossary names in ALIGNED.xml and regularize non-preferred spellings.

    Each name becomes <persName>/<orgName>/<placeName>/<term> pointing at its entry (listed in
    the header); a non-preferred spelling is kept as <orig> beside the preferred <reg>.
    Applying again (or with another glossary) starts from those original spellings.
    """
    from tei.glossary_markup import names_extension
    from tei.relocate import relocated

    target, = guard_output(output or "-", force, [aligned, glossary_path or str(starter_path())])
    bitext = relocated(_read_aligned(aligned), aligned, output)
    atomic_write(target, _recorded(bitext, names_extension(load_matcher(glossary_path, bitext.target.lang)),
                                   f"Names and terms of the glossary {_glossary_name(glossary_path)} marked, and "
                                   "non-preferred spellings regularized, by bitext."))


@glossary.command()
@click.argument("source", type=path_type())
@output_option
@click.option("--to", "fmt", type=click.Choice(list(GLOSSARIES)), default=None,
              help="Output format: " + "; ".join(f"{name}: {fmt.label}" for name, fmt in GLOSSARIES.items())
                   + " (default: from the output extension, else tbx).")
@click.option("--lang", default=DEFAULT_LANG, show_default=True, metavar="L", callback=language_code,
              help="Language of TSV rows that name none (an OmegaT glossary's target language).")
def convert(source: str, output: str | None, force: bool, fmt: str | None, lang: str) -> None:
    """Convert a glossary between OmegaT TSV and TBX-Basic."""
    target, = guard_output(output or "-", force, [source])
    if fmt is None:
        fmt = format_of(output, default="tbx") if output and output != "-" else "tbx"
    atomic_write(target, GLOSSARIES[fmt].write(load_glossary(source, languages.normalize(lang))))
