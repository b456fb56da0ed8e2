"""`bitext align`: two texts (or one file holding both) in, TEI (or any format of --to) out."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from corpora.atomic import write_outputs
from corpora.metadata import load_metadata

from bitext_cli import formats
from bitext_cli.inputs import guard_output, language_code, output_option, path_type
from bitext_cli.options import build_job, chosen_format, given_format, input_files, job_options
from bitext_cli.pipeline import produce

log = logging.getLogger("bitext")


@click.command()
@click.argument("src", type=path_type(allow_dash=True))
@click.argument("tgt", type=path_type(allow_dash=True), required=False)
@click.option("--src-lang", "-s", callback=language_code, help="Language of SRC [default (or `und`): the one SRC declares (HTML lang, "
                                       "dc:language, ...), else its script's where that settles it].")
@click.option("--tgt-lang", "-t", callback=language_code, help="Language of TGT [default: as for SRC].")
@output_option
@job_options
@click.option("--review", "review_file", type=path_type(), default=None, metavar="HTML",
              help="Also write the review report (HTML) of the alignment here (see `bitext review`).")
def align(src: str, tgt: str | None, src_lang: str | None, tgt_lang: str | None, output: str | None, force: bool,
          review_file: str | None = None, **settings: Any) -> None:
    """Align SRC with its translation TGT sentence by sentence.

    SRC and TGT are plain text, TEI, HTML, DOCX, ODT, Markdown, PDF (its text layer), TMX or
    XLIFF, told by their first bytes and extension. Segments a file gives (TEI <s xml:id>,
    TMX/XLIFF units) are kept with their ids; the rest is segmented here. Without TGT, SRC holds
    both texts (TMX, XLIFF, an aligned TEI), its languages given by the file.
    """
    settings["fmt"] = chosen_format(given_format(settings), output)  # -o book.tmx: TMX
    targets = guard_output([output or "-", review_file], force, [src, tgt, *input_files(settings)])
    meta = load_metadata(settings["meta_file"]) if settings["meta_file"] else {}
    job = build_job(src, tgt, src_lang, tgt_lang, settings, meta)
    fmt = settings["fmt"]
    bitext, data = produce(job, fmt, settings["scores"], flags=formats.WRITERS[fmt].flags or bool(review_file),
                           output=output)
    outputs = [(targets[0], data)]
    if review_file:  # both files are written, or neither
        if fmt != "tei":  # the page's decisions name the TEI alignment; apply-review reads nothing else
            log.warning("%s: the decisions this page downloads fold into a TEI file only (bitext apply-review): to "
                        "use them, align to TEI (-o NAME.tei.xml), apply them, then bitext export --to %s",
                        review_file, fmt)
        from bitext_cli.review_cmd import review_bytes, tei_page  # the editor's modules only when asked for

        label = Path(output).name if output not in (None, "-") else ""
        outputs.append((targets[1], tei_page(data, label) if fmt == "tei" else review_bytes(bitext, label)))
    write_outputs(outputs)
