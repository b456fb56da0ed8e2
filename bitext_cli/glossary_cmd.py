"""`bitext glossary`: spellings of names, lookup, checking and regularizing aligned TEI."""

from __future__ import annotations

import json

import click

from corpora.atomic import atomic_write
from corpora.errors import UsageError

from glossary.check import check_bitext
from glossary.io import glossary_bytes, load_glossary, starter_path
from glossary.match import Matcher
from glossary.schemes import is_cyrillic, variants as scheme_variants

from bitext_cli.inputs import guard_output, output_option


def glossary_option(func):
    """`--glossary FILE`: a TSV or TBX glossary (default: the starter glossary)."""
    return click.option(
        "--glossary", "glossary_path", default=None, metavar="FILE", type=click.Path(dir_okay=False),
        help="Glossary (OmegaT TSV, or TBX by .tbx/.xml extension); default: the starter glossary.",
    )(func)


def load_matcher(path: str | None) -> Matcher:
    """The matcher of a glossary file (or of the starter glossary)."""
    return Matcher(load_glossary(path))


@click.group()
def glossary() -> None:
    """Names and terms across romanizations: look up, check and regularize translations."""


@glossary.command()
@click.argument("word")
@glossary_option
def variants(word: str, glossary_path: str | None) -> None:
    """Print WORD (Cyrillic, or any spelling of a glossary entry) in every romanization scheme."""
    source = word
    if not is_cyrillic(word):
        matcher = load_matcher(glossary_path)
        match = matcher.lookup(word)
        if match is None:
            raise UsageError(f"{word!r} is not Cyrillic and not in the glossary; give the Cyrillic form")
        source = matcher.entries[match.entry_id].source
    for scheme, spelling in scheme_variants(source).items():
        click.echo(f"{scheme}\t{spelling}")


@glossary.command()
@click.argument("words", nargs=-1, required=True)
@glossary_option
def lookup(words: tuple[str, ...], glossary_path: str | None) -> None:
    """Print, per WORD: the word, the entry's source form and how it matched (or `-`)."""
    matcher = load_matcher(glossary_path)
    for word in words:
        match = matcher.lookup(word)
        if match is None:
            click.echo(f"{word}\t-")
        else:
            click.echo(f"{word}\t{matcher.entries[match.entry_id].source}\t{match.how}")


def _read_aligned(path: str):
    from tei.reader import read_tei

    return read_tei(path)


@glossary.command()
@click.argument("aligned", type=click.Path(allow_dash=True))
@glossary_option
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@output_option
def check(aligned: str, glossary_path: str | None, as_json: bool, output: str | None, force: bool) -> None:
    """Report glossary problems in ALIGNED.xml link by link: variant, missing, suspect.

    One finding per line: link id, source term, preferred rendering, what the target has (`-`
    for nothing), kind. With -o, also write the TEI with the findings recorded on the links.
    """
    from tei.glossary_markup import findings_extension
    from tei.writer import tei_bytes

    if output == "-":
        raise UsageError("check prints its findings on standard output; give -o a file name")
    targets = guard_output(output, force, [aligned, glossary_path or str(starter_path())])
    bitext = _read_aligned(aligned)
    findings = check_bitext(load_matcher(glossary_path), bitext)
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    else:
        for f in findings:
            click.echo("\t".join([f.link_id, f.source_term, f.preferred or "-", f.target_has or "-", f.kind]))
    if targets:
        atomic_write(targets[0], tei_bytes(bitext, [findings_extension(findings)]))


@glossary.command()
@click.argument("aligned", type=click.Path(allow_dash=True))
@glossary_option
@output_option
def apply(aligned: str, glossary_path: str | None, output: str | None, force: bool) -> None:
    """Mark glossary names in ALIGNED.xml and regularize non-preferred spellings.

    Each name becomes <persName>/<orgName>/<placeName>/<term> pointing at its entry (listed in
    the header); a non-preferred spelling is kept as <orig> beside the preferred <reg>.
    """
    from tei.glossary_markup import names_extension
    from tei.writer import tei_bytes

    target, = guard_output(output or "-", force, [aligned, glossary_path or str(starter_path())])
    bitext = _read_aligned(aligned)
    atomic_write(target, tei_bytes(bitext, [names_extension(load_matcher(glossary_path))]))


@glossary.command()
@click.argument("source", type=click.Path(dir_okay=False))
@output_option
@click.option("--to", "fmt", type=click.Choice(["tsv", "tbx"]), default=None,
              help="Output format (default: from the output extension, else TBX).")
def convert(source: str, output: str | None, force: bool, fmt: str | None) -> None:
    """Convert a glossary between OmegaT TSV and TBX-Basic."""
    target, = guard_output(output or "-", force, [source])
    if fmt is None:
        fmt = "tsv" if output and output.lower().endswith((".tsv", ".txt", ".utf8")) else "tbx"
    atomic_write(target, glossary_bytes(load_glossary(source), fmt))
