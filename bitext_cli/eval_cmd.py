"""`bitext eval`: strict and lax precision, recall and F1 of the aligner on gold sets."""

from __future__ import annotations

import json

import click

from corpora import languages

from align.evaluate import evaluate_set
from align.config import MAX_ALIGN_DEFAULTS, AlignConfig, resolve
from align.embedding.encoders import DEFAULT_MODEL
from align.registry import MODEL_ALIGNERS, NAMES

from bitext_cli.inputs import FolderPath, language_code, path_type


@click.command(name="eval")
@click.argument("dirs", nargs=-1, required=True, type=path_type())
@click.option("--src-lang", "-s", required=True, callback=language_code, help="Language of the src.txt files.")
@click.option("--tgt-lang", "-t", required=True, callback=language_code, help="Language of the tgt.txt files.")
@click.option("--scorer", default="lexical", show_default=True, type=click.Choice(NAMES),
              help="Aligner to evaluate.")
@click.option("--max-align", default=None, type=click.IntRange(2, 10),
              help=f"Most sentences a bead may hold on both sides together [default: {MAX_ALIGN_DEFAULTS}].")
@click.option("--dictionary", type=path_type(), default=None, metavar="FILE",
              help="Bilingual word list (two-column TSV, or a FreeDict dictd .index; `auto`: the installed "
                   "FreeDict dictionary of the pair) for the lexical aligner.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, metavar="NAME_OR_PATH",
              help="Sentence encoder for embedding/hybrid/auto: use-m3 (bundled), or a sentence-transformers "
                   "hub name or local folder.")
@click.option("--cache-dir", type=FolderPath(), default=None,
              help="Embedding cache folder [default: bitext's folder in the user cache directory].")
@click.option("--json", "as_json", is_flag=True, help='Print {"DIR": {"P_strict": ..., "F_lax": ...}} as JSON.')
def eval_(dirs: tuple[str, ...], src_lang: str, tgt_lang: str, scorer: str, max_align: int | None,
          dictionary: str | None, model: str, cache_dir: str | None, as_json: bool) -> None:
    """Align every document of each DIR and score it against its gold beads.

    DIR is a set (a folder of document folders) or one document folder holding pre-split
    src.txt and tgt.txt (one segment per line) and gold.txt (`[i, j]:[k]` beads). Scores are
    micro-averaged over the documents of a DIR, with Vecalign's strict and lax definitions.
    """
    config = AlignConfig(aligner=scorer, max_align=max_align, dictionary=dictionary,
                         src_lang=languages.normalize(src_lang), tgt_lang=languages.normalize(tgt_lang),
                         model=model if scorer in MODEL_ALIGNERS else None, cache_dir=cache_dir)
    config = resolve(config)  # once for every DIR (one language pair)
    results = {d: evaluate_set(d, config) for d in dirs}
    if as_json:
        click.echo(json.dumps({d: {k: round(v, 4) for k, v in r.items()} for d, r in results.items()}, indent=2))
        return
    width = max(len(d) for d in dirs)
    click.echo(f"{'set':<{width}}  P_strict R_strict F_strict   P_lax  R_lax  F_lax")
    for d, r in results.items():
        click.echo(f"{d:<{width}}  {r['P_strict']:8.3f} {r['R_strict']:8.3f} {r['F_strict']:8.3f}"
                   f"  {r['P_lax']:6.3f} {r['R_lax']:6.3f} {r['F_lax']:6.3f}")
