"""From manifest rows to tasks: every check that needs no input file happens here, in order.

A row that fails a check becomes a finished report entry at once; a row that passes becomes a
`Task` for a worker. Nothing here reads the texts, so planning a huge manifest is quick.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from corpora import languages, limits, metadata
from corpora.errors import BitextError, UsageError
from corpora.manifest import ManifestRow
from corpora.outputs import beside_tei, check_name, same_file

from bitext_cli import formats
from bitext_cli.batch.claims import CLAIMS_NAME, Claims
from bitext_cli.batch.lock import LOCK_NAME
from bitext_cli.options import COLUMNS, build_job, chosen_format, input_files, row_overrides
from bitext_cli.pipeline import Job

REPORT_NAME = "report.jsonl"
REVIEW_ENDING = ".review.html"  # a.tei.xml -> a.review.html, as the README names `align --review`'s page
log = logging.getLogger("bitext")


@dataclass(frozen=True)
class Task:
    """One row's work: the job, where its output goes, and what --resume knows of it."""

    row: int
    job: Job
    output: str
    name: str
    fmt: str = "tei"
    scores: bool = False
    overwrite: bool = False
    previous: tuple | None = None  # (hash, src_sentences, tgt_sentences, mean_score, flagged) of the last run
    date_epoch: str | None = None
    timeout: float | None = None  # seconds a row may take (--timeout)
    max_input: str | None = None  # the input size limit (BITEXT_MAX_INPUT_SIZE) the client set
    review: str | None = None  # where the row's review page goes (--review), beside its TEI output
    review_name: str | None = None
    review_overwrite: bool = False  # the page is the batch's own (or --force): it may be replaced
    stale_review: str | None = None  # a page an earlier run wrote beside the output when it was TEI: removed


@dataclass(frozen=True)
class _Page:
    """A row's review page: its name inside OUTDIR and its path."""

    name: str
    path: Path


@dataclass
class Planner:
    """Turns rows into tasks with the batch-wide settings; remembers outputs to refuse clashes."""

    outdir: Path
    settings: Mapping[str, Any]
    base: Path = Path(".")  # the manifest's folder: per-row file options are relative to it
    meta: Mapping[str, str] = field(default_factory=dict)
    overwrite: bool = False  # --force: replace any output; else only those `previous` lists (the batch's own)
    previous: Mapping[str, tuple] = field(default_factory=dict)
    date_epoch: str | None = None
    timeout: float | None = None
    inputs: tuple[str, ...] = ()  # files every row reads besides its own (the manifest, --meta)
    pairs: bool = False  # rows of --pairs, whose languages --src-lang and --tgt-lang give (messages say so)
    claims: Claims | None = None  # where the outputs the batch sets out to write are listed (claims.py)
    owned: set[str] = field(default_factory=set)  # outputs an earlier run listed there
    review: bool = False  # --review: a review page beside each TEI output
    earlier: set[str] = field(default_factory=set)  # names an earlier run's report lists (read under --force too)
    _claimed: dict[Path, int] = field(default_factory=dict)
    _planned: str | None = None  # the output name of the row being planned, once known
    _warned: bool = False  # about a row whose output is not TEI getting no page

    def plan(self, rows: Iterable[ManifestRow]) -> Iterator[Task | dict]:
        """A Task for each good row, a failed report entry for each bad one, in row order:
        whatever goes wrong with one row stays with that row."""
        for row in rows:
            self._planned = row.output  # the entry of a row failed at planning names its output once known
            try:
                yield self._task(row)
            except BitextError as exc:
                yield entry(row.row, row.source, row.target, self._planned, "failed", str(exc))
            except Exception as exc:  # noqa: BLE001 - a check that failed unexpectedly fails its row only
                yield entry(row.row, row.source, row.target, self._planned, "failed",
                            f"internal error: {type(exc).__name__}: {exc}")

    def _task(self, row: ManifestRow) -> Task:
        if row.error:
            raise UsageError(row.error)
        assert row.source and row.target and row.source_lang and row.target_lang
        given = (("--src-lang", "--tgt-lang") if self.pairs
                 else (f"source_lang in manifest row {row.row}", f"target_lang in manifest row {row.row}"))
        src_lang, tgt_lang = languages.normalize(row.source_lang, given[0]), languages.normalize(row.target_lang, given[1])
        options, meta = _split_columns(row)
        settings = row_overrides(self.settings, options, self.base)
        fmt = chosen_format(settings["fmt"], row.output)  # no --to, no `to`: the name says
        name = self._planned = row.output or default_output(row.source, src_lang, fmt)
        where = None if self.pairs else row.row  # --pairs: no manifest row, no columns
        inputs = [row.source, row.target, *input_files(settings), *self.inputs]
        output = self._claim(name, inputs, row.row, named=bool(row.output))
        job = replace(build_job(row.source, row.target, src_lang, tgt_lang, settings,
                                {**self.meta, **metadata.validate(meta, f"row {row.row}")}), lang_given=given,
                      encoding_given=(_encoding_given(options, self.settings, "src", where),
                                      _encoding_given(options, self.settings, "tgt", where)), recorded=row.recorded)
        page = self._page(row.row, name, fmt, inputs)  # checked before either is listed as the batch's
        stale = self._stale_page(row.row, name, fmt, inputs)
        overwrite = self._own(name, output)
        return Task(row.row, job, str(output), name, fmt, settings["scores"], overwrite,
                    self.previous.get(name), self.date_epoch, self.timeout, os.environ.get(limits.ENV_VAR),
                    review=str(page.path) if page else None, review_name=page.name if page else None,
                    review_overwrite=bool(page and self._own(page.name, page.path)), stale_review=stale)

    def _stale_page(self, row: int, name: str, fmt: str, inputs: list[str]) -> str | None:
        """The review page beside an output that is no longer TEI (`book.xml` made TMX under the
        same name), which showed the TEI it replaces: claimed, to be removed, where a run of this
        batch wrote it (its report or list says so); left, with a warning, where none did."""
        if fmt == "tei":
            return None
        page = beside_tei(name, REVIEW_ENDING)
        if page in self.previous or page in self.owned or page in self.earlier:
            return str(self._claim(page, inputs, row))
        if os.path.lexists(self.outdir / page):
            log.warning("row %d: %s, the name of a review page of %s, stays, though %s is now %s, not TEI: no run of "
                        "this batch wrote it (remove it if it is stale)", row, page, name, name, fmt)
        return None

    def _own(self, name: str, path: Path) -> bool:
        """Whether the file `name` may be replaced (--force, or the batch wrote it); if it may not
        and does not exist yet, list it as the batch's before any worker may write it."""
        if self.overwrite or name in self.previous or name in self.owned:
            return True
        if self.claims is not None and not os.path.lexists(path):
            self.claims.add(name)
            self.owned.add(name)
        return False

    def _page(self, row: int, name: str, fmt: str, inputs: list[str]) -> _Page | None:
        """The row's review page, claimed: beside a TEI output with --review, and beside one whose
        page an earlier run wrote (so the page stays in step with the output)."""
        if fmt != "tei":
            if self.review and not self._warned:
                self._warned = True
                log.warning("--review: no review page for row %d (%s) nor any other row whose output is not TEI: the "
                            "decisions a page downloads fold into a TEI file only (bitext apply-review)", row, name)
            return None
        page = beside_tei(name, REVIEW_ENDING)
        if not (self.review or page in self.previous or page in self.owned):
            return None
        return _Page(page, self._claim(page, inputs, row))

    def _claim(self, name: str, inputs: list[str], row: int, named: bool = True) -> Path:
        """The output path inside OUTDIR; refused if it escapes, clashes, is an input, or is a
        name no filesystem takes."""
        for path in inputs:
            check_name(path)  # a NUL in a manifest path
        check_name(name)
        root = self.outdir.resolve()
        output = (root / name).resolve()
        if Path(name).is_absolute():
            raise UsageError(f"output {name!r} must be a name inside {self.outdir}, not an absolute path")
        if not output.is_relative_to(root) or output == root:
            raise UsageError(f"output {name!r} would be written outside {self.outdir}; refused")
        if output == root / REPORT_NAME:
            raise UsageError(f"output {name!r} is the batch report's name; choose another")
        if output in (root / LOCK_NAME, root / CLAIMS_NAME):
            raise UsageError(f"output {name!r} is the name of one of the batch's own files; choose another")
        if any(same_file(output, path) for path in inputs if path):
            raise UsageError(f"output {name!r} would overwrite an input file")
        if output in self._claimed:
            how = "" if named else "; give one of the rows an `output` column (a name inside OUTDIR, subfolders allowed)"
            raise UsageError(f"output {name!r} is already written by row {self._claimed[output]}{how}")
        self._claimed[output] = row
        return output


def default_output(source: str, lang: str, fmt: str) -> str:
    """`name.en.txt` (source language en) -> `name.tei.xml`: the source name without its
    extension (any a reader takes) and language suffix, plus the output format's extension."""
    stem = Path(source).name
    suffix = Path(stem).suffix
    if suffix.lower() in formats.extensions() and len(stem) > len(suffix):
        stem = stem[: -len(suffix)]
    if stem.lower().endswith(f".{lang}".lower()) and len(stem) > len(lang) + 1:
        stem = stem[: -len(lang) - 1]
    return stem + formats.WRITERS[fmt].extension


def task_entry(task: Task, status: str, error: str | None = None, **found: Any) -> dict:
    """A task's report entry: its inputs, output and review page named, with what was found."""
    return entry(task.row, task.job.src, task.job.tgt, task.name, status, error, review=task.review_name, **found)


def entry(row: int, source: str | None, target: str | None, output: str | None, status: str,
          error: str | None = None, **found: Any) -> dict:
    """One report object, with every field present (null where unknown)."""
    return {
        "row": row, "source": source, "target": target, "output": output, "review": found.get("review"),
        "status": status,
        "error": error, "seconds": found.get("seconds", 0.0), "loading_seconds": found.get("loading_seconds", 0.0),
        "src_sentences": found.get("src_sentences"),
        "tgt_sentences": found.get("tgt_sentences"), "mean_score": found.get("mean_score"),
        "flagged": found.get("flagged"), "hash": found.get("hash"),
    }


def _encoding_given(columns: Mapping[str, str], settings: Mapping[str, Any], side: str, row: int | None) -> str:
    """What set the encoding of a row's `side` (src, tgt), as messages name it: its column, else
    the option, else the row's `encoding` column. Where nothing did, a column of its own for a
    manifest row (`row`; None: --pairs, which has no columns): the option would read every other
    row in that encoding too, and a one-byte encoding reads UTF-8 as mojibake without an error."""
    column = f"{side}_encoding"
    if column in columns:
        return f"{column} in manifest row {row}"
    if settings[column] or row is None:
        return f"--{side}-encoding"
    if "encoding" in columns:
        return f"encoding in manifest row {row}"
    return f"a {column} column in manifest row {row}"


def _split_columns(row: ManifestRow) -> tuple[dict[str, str], dict[str, Any]]:
    """A row's extra columns as (job options, metadata); any other column is an error."""
    options: dict[str, str] = {}
    meta: dict[str, Any] = {}
    for key, value in row.extra:
        if key in COLUMNS:
            options[key] = value
        elif key in metadata.LISTED:  # several people (or subtitles) in one column: "A. One; B. Two"
            meta[key] = value.split(metadata.PEOPLE_SEPARATOR)
        elif key in metadata.KEYS:
            meta[key] = value
        else:
            raise UsageError(f"unknown column {key!r}: neither an align option ({', '.join(COLUMNS)}) "
                             f"nor a metadata key")
    return options, meta
