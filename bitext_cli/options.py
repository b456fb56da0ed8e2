"""The options of one alignment job, defined once and shared by `align`, `batch` and manifests.

Add a job option here (one entry in `_SPECS`, and its use in `build_job`) and it appears in
`bitext align`, in `bitext batch` (for every row) and as a per-row manifest column named like
the option without its dashes (`--max-align` -> `max_align`), converted exactly as the command
line converts it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Collection, Mapping

import click
from click.core import ParameterSource

from corpora.errors import InputError, UsageError

from align.embedding.encoders import DEFAULT_MODEL
from align.config import MAX_ALIGN_DEFAULTS, AlignConfig
from align.registry import MODEL_ALIGNERS, NAMES
from corpora.model import IDS, PARAGRAPH
from align.scorers.dictionary import AUTO as AUTO_DICTIONARY
from align.scorers import dictd
from glossary.io import starter_path

from bitext_cli.formats import WRITERS, output_format
from bitext_cli.inputs import FolderPath, path_type
from bitext_cli.pipeline import Job

# The sentence id scheme: a job option, and `glossary check`'s for the sentences it reports (`ids_option`).
_IDS: tuple[tuple[str, ...], dict[str, Any]] = (("--ids",), dict(
    type=click.Choice(IDS), default=PARAGRAPH, show_default=True,
    help="Sentence ids: paragraph numbers them within their paragraph (en.p3.s2: adding a sentence renumbers only "
         "the rest of its paragraph), running through the text (en.s14). A TEI <p xml:id> names its sentences in "
         "both."))
DEFAULT_FORMAT = "tei"  # the output format when neither --to nor the output's name chooses one

# (declarations, attributes) of each click option; the order is the order in --help.
_SPECS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--to", "fmt"), dict(type=click.Choice(list(WRITERS)), default=DEFAULT_FORMAT,
                           help="Output format: " + "; ".join(f"{name}: {fmt.label}" for name, fmt in WRITERS.items())
                                + " [default: the format the output's extension names (.tmx, .tsv, .csv, .xlf, "
                                  ".beads), else tei].")),
    (("--scores/--no-scores",), dict(default=False, help="With --to beads: append `:score` to each bead.")),
    (("--presplit",), dict(is_flag=True, help="Inputs hold one segment per line (blank lines end paragraphs).")),
    _IDS,
    (("--scorer",), dict(default="auto", show_default=True, type=click.Choice(NAMES),
                         help="Aligner: lexical (model-free), embedding (Bertalign), hybrid (lexical search with "
                              "an embedding term), or auto (hybrid where the model covers both languages and is "
                              "at hand without the network, else lexical).")),
    (("--model",), dict(default=DEFAULT_MODEL, show_default=True, metavar="NAME_OR_PATH",
                        help="Sentence encoder for embedding/hybrid/auto: use-m3 (bundled, 16 languages), or a "
                             "sentence-transformers hub name or local folder.")),
    (("--cache-dir",), dict(type=FolderPath(), default=None,
                            help="Embedding cache folder [default: bitext's folder in the user cache directory].")),
    (("--max-align",), dict(default=None, type=click.IntRange(2, 10),
                            help=f"Most sentences a bead may hold on both sides together [default: {MAX_ALIGN_DEFAULTS}].")),
    (("--dictionary",), dict(type=path_type(), default=None, metavar="FILE",
                             help="Bilingual word list for the lexical aligner: two-column TSV (source, target) "
                                  "or a FreeDict dictd .index; `auto`: the installed FreeDict dictionary of the "
                                  "pair, if any (BITEXT_DICTD, else /usr/share/dictd).")),
    (("--encoding",), dict(default="utf-8", show_default=True,
                           help="Encoding of both inputs, unless a byte order mark or an XML declaration names "
                                "another.")),
    (("--src-encoding",), dict(default=None, metavar="ENCODING", help="Encoding of SRC [default: --encoding].")),
    (("--tgt-encoding",), dict(default=None, metavar="ENCODING", help="Encoding of TGT [default: --encoding].")),
    (("--glossary", "glossary_file"), dict(
        type=path_type(), default=None, metavar="FILE",
        help="Glossary (TSV or TBX): its names are evidence for the aligner; default for --check/--apply: "
             "the starter glossary.")),
    (("--check", "glossary_check"), dict(
        is_flag=True,
        help="Record glossary findings (variant, missing, suspect, inconsistent) on the links (see `bitext glossary check`).")),
    (("--apply", "glossary_apply"), dict(
        is_flag=True, help="Mark glossary names and regularize their spellings (see `bitext glossary apply`).")),
    (("--meta", "meta_file"), dict(type=path_type(), default=None, metavar="FILE",
                                   help="Metadata for the TEI header: a YAML or JSON file of the keys "
                                        "listed in the README.")),
]

# Each job option as click makes it (its parameter name, its default, its conversion).
_OPTIONS = [click.Option(list(decls), **attrs) for decls, attrs in _SPECS]

# Options that make no sense per row (a manifest row sets metadata in its own columns).
_NOT_PER_ROW = {"meta"}


# The options about reading the texts themselves (segments given per line, their encodings): they
# do not apply to `realign`, which reads a TEI file whose sentences are given and whose XML
# declaration names its encoding (read before these could apply); its jobs take their defaults.
READING = ("presplit", "encoding", "src_encoding", "tgt_encoding")


def job_options(func: Callable, leave_out: Collection[str] = ()) -> Callable:
    """Decorate a click command with every job option (the same ones for `align` and `batch`)
    but those named in `leave_out` (by parameter name, e.g. `READING`)."""
    for (decls, attrs), option in reversed(list(zip(_SPECS, _OPTIONS))):
        if option.name not in leave_out:
            func = click.option(*decls, **attrs)(func)
    return func


def given_format(settings: Mapping[str, Any]) -> str | None:
    """--to if the command line gave it, else None: the output's name chooses (chosen_format)."""
    if click.get_current_context().get_parameter_source("fmt") is ParameterSource.DEFAULT:
        return None
    return settings["fmt"]


def chosen_format(given: str | None, output: str | None) -> str:
    """The output format: the one `given` (--to, or a batch row's `to`), else the one the
    output's name asks for (`-o book.tmx`: tmx, formats.output_format), else --to's default."""
    return given or output_format(output) or DEFAULT_FORMAT


def ids_option(func: Callable) -> Callable:
    """Decorate a click command with `--ids`, as `align` has it (for commands that segment a text
    and name its sentences)."""
    return click.option(*_IDS[0], **_IDS[1])(func)


def _column_options() -> dict[str, click.Option]:
    """Each per-row option by its manifest column name (long name without dashes, `-` as `_`)."""
    columns = {}
    for option in _OPTIONS:
        column = next(d for d in option.opts if d.startswith("--"))[2:].replace("-", "_")
        if column not in _NOT_PER_ROW:
            columns[column] = option
    return columns


COLUMNS: dict[str, click.Option] = _column_options()
# Each job option's default by parameter name: what a command that leaves an option out uses.
_DEFAULTS: dict[str, Any] = {option.name: option.get_default(click.Context(click.Command("bitext")))
                             for option in _OPTIONS if option.name}


def row_overrides(settings: Mapping[str, Any], columns: Mapping[str, str], base: str | Path = ".") -> dict[str, Any]:
    """The settings with the option columns of one manifest row applied (UsageError if invalid);
    file and folder values are relative to `base`, the manifest's folder."""
    merged = dict(settings)
    for column, value in columns.items():
        option = COLUMNS[column]
        try:
            converted = option.type_cast_value(click.Context(click.Command("batch")), value)
        except click.BadParameter as exc:
            raise UsageError(f"column {column}: {exc.message}") from None
        except InputError as exc:  # a path type's own check (FolderPath)
            raise UsageError(f"column {column}: {exc}") from None
        if isinstance(option.type, click.Path) and converted:
            converted = str(Path(base) / converted)
        merged[option.name] = converted
    return merged


def build_job(
    src: str, tgt: str | None, src_lang: str | None, tgt_lang: str | None,
    settings: Mapping[str, Any], meta: Mapping[str, str] = {},
) -> Job:
    """The alignment job for one pair from the job options' values (as click passes them; an
    option the command leaves out takes its default)."""
    settings = {**_DEFAULTS, **settings}
    scorer = settings["scorer"]
    config = AlignConfig(aligner=scorer, max_align=settings["max_align"], dictionary=settings["dictionary"],
                         model=settings["model"] if scorer in MODEL_ALIGNERS else None, cache_dir=settings["cache_dir"])
    check, apply = settings["glossary_check"], settings["glossary_apply"]
    glossary = settings["glossary_file"] or (str(starter_path()) if check or apply else None)
    return Job(src, tgt, src_lang, tgt_lang, presplit=settings["presplit"], ids=settings.get("ids") or PARAGRAPH,
               src_encoding=settings.get("src_encoding") or settings["encoding"],
               tgt_encoding=settings.get("tgt_encoding") or settings["encoding"], config=config,
               meta=tuple(meta.items()), glossary=glossary, glossary_check=check, glossary_apply=apply)


def input_files(settings: Mapping[str, Any]) -> list[str]:
    """The files the job options read (an output must never overwrite them): the metadata,
    the glossary (the starter one with --check/--apply) and the dictionary (every file of a
    dictd one; `auto` is resolved later, from the installed dictionaries)."""
    found = [settings[name] for name in ("meta_file", "glossary_file") if settings.get(name)]
    if not settings.get("glossary_file") and (settings.get("glossary_check") or settings.get("glossary_apply")):
        found.append(str(starter_path()))
    dictionary = settings.get("dictionary")
    if dictionary and dictionary != AUTO_DICTIONARY:
        found += [str(p) for p in dictd.files(dictionary)] if dictd.is_dictd(dictionary) else [dictionary]
    return found
