"""Batch manifests: one pair of files per row, read lazily so any number of rows fits in memory.

A manifest is CSV or TSV with a header row, or JSON Lines; the extension says which. In CSV/TSV
a line starting with `#` is a comment; blank lines are left out, as in JSON Lines. Every row
names `source`, `target`, `source_lang` and `target_lang`; it may name an `output` and any other
column (TEI metadata keys, per-row options), which is kept as-is for the caller to sort out.
A malformed row does not stop reading: it comes back with its `error` set, so one bad row never
stops a batch. Paths are resolved relative to the manifest's folder.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from corpora import jsontext, languages
from corpora.errors import InputError, UsageError
from corpora.metadata import PEOPLE_SEPARATOR, recorded_path
from corpora.readers import decode, read_bytes
from corpora.wording import counted

REQUIRED = ("source", "target", "source_lang", "target_lang")
FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl"}


@dataclass(frozen=True)
class ManifestRow:
    """One pair to align, or (with `error` set) a row that could not be read."""

    row: int
    source: str | None = None
    target: str | None = None
    source_lang: str | None = None
    target_lang: str | None = None
    output: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
    error: str | None = None
    # how the output's header names the two files (corpora.metadata.recorded_path): the paths
    # the row gives, from the manifest's folder (a --pairs folder's files: their names)
    recorded: tuple[str, str] | None = None


def manifest_format(path: str | Path) -> str:
    """"csv", "tsv" or "jsonl" from the manifest's extension; anything else is an error."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise UsageError(f"{path}: unknown manifest format; use a .csv, .tsv or .jsonl file")
    return fmt


def read_manifest(path: str | Path) -> Iterator[ManifestRow]:
    """The rows of a manifest in order, numbered from 1; header problems raise InputError, as
    does a manifest without rows (only a header, comments, blank lines: a mistake, not a batch
    of nothing)."""
    fmt = manifest_format(path)
    base = Path(path).resolve().parent
    lines = _lines(path)
    records = _json_records(lines) if fmt == "jsonl" else _table_records(lines, path, fmt)
    number = 0
    for number, record in enumerate(records, start=1):
        yield _to_row(number, record, base)
    if number == 0:
        raise InputError("manifest has no rows" if fmt == "jsonl" else "manifest has a header row but no rows", path)


def count_rows(path: str | Path) -> int:
    """How many rows `read_manifest` yields, for progress; reads the file once more."""
    return sum(1 for _ in read_manifest(path))


def pair_folder(folder: str | Path, src_lang: str, tgt_lang: str,
                extensions: tuple[str, ...] = (".txt",)) -> Iterator[ManifestRow]:
    """Rows pairing `name.SRC.EXT` with `name.TGT.EXT2` in a folder, in name order, each EXT one
    of `extensions` (any format bitext reads: `name.en.docx` with `name.tr.pdf`).

    A file's TAG is taken by language, not spelling (`name.deu.txt`, `name.ger.txt`,
    `name.de-AT.txt` for de; `_side`). A source without its target is a failed row (so it shows
    in the report), as is a target without its source, or a name with two files for one language.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError("is not a folder", root)
    found: dict[str, dict[str, list[Path]]] = {}
    for path in root.iterdir():
        stem, suffix = path.name[: -len(path.suffix)] if path.suffix else path.name, path.suffix.lower()
        name, _, tag = stem.rpartition(".")
        lang = _side(tag, (src_lang, tgt_lang)) if name else None
        if lang and suffix in extensions and path.is_file():
            found.setdefault(name, {}).setdefault(lang, []).append(path)
    if not found:  # wrong -s/-t suffixes, or the wrong folder: no row to report
        raise InputError(f"holds no NAME.{src_lang}.EXT or NAME.{tgt_lang}.EXT file (EXT: {', '.join(extensions)})",
                         root)
    for number, name in enumerate(sorted(found), start=1):
        files = found[name]
        src, tgt = (sorted(files.get(lang, [])) for lang in (src_lang, tgt_lang))
        error = None
        if len(src) > 1 or len(tgt) > 1:
            error = f"{', '.join(map(str, src if len(src) > 1 else tgt))}: one text in two files; keep one"
        elif not (src and tgt):
            given = (src or tgt)[0]
            lang = tgt_lang if src else src_lang
            error = f"{root / name}.{lang}{given.suffix}: no such file (its pair has no counterpart)"
        src_path = src[0] if src else root / f"{name}.{src_lang}{(tgt or src)[0].suffix}"
        tgt_path = tgt[0] if tgt else root / f"{name}.{tgt_lang}{(src or tgt)[0].suffix}"
        yield ManifestRow(number, str(src_path.resolve()), str(tgt_path.resolve()), src_lang, tgt_lang, None,
                          error=error, recorded=(src_path.name, tgt_path.name))


def _side(tag: str, langs: tuple[str, str]) -> str | None:
    """Which of (source, target) language a file name's TAG is: the one spelt as it (any case),
    else the one it names the language of (corpora.languages.same_language: deu, de-AT for de;
    cmn for zh); None for anything else, or a tag of both (en for -s en-GB -t en-US)."""
    spelt = [lang for lang in langs if lang.lower() == tag.lower()]
    if spelt:
        return spelt[0]
    try:
        languages.normalize(tag)
    except UsageError:
        return None
    alike = [lang for lang in langs if languages.same_language(tag, lang)]
    return alike[0] if len(alike) == 1 else None


def _lines(path: str | Path) -> Iterator[str]:
    """The manifest's decoded lines; it is small next to the texts, so it is decoded whole."""
    text = decode(read_bytes(path), path, option=None)
    return iter(text.splitlines(keepends=True))


def _json_records(lines: Iterator[str]) -> Iterator[dict | str]:
    """One dict per non-blank JSON line, or an error message for a line that is not an object."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = jsontext.loads(line.rstrip("\r\n"))  # an error at the end says its column, not "line 2"
        except json.JSONDecodeError as exc:
            yield f"{_malformed(number)}: not valid JSON ({exc.msg} at column {exc.colno})"
            continue
        yield record if isinstance(record, dict) else f"{_malformed(number)}: not a JSON object"


def _malformed(line: int) -> str:
    """The start of a malformed row's error: its line, as row numbers skip the header, comment and
    blank lines."""
    return f"malformed row (line {line} of the manifest)"


def _separator_hint(header: list[str], fmt: str) -> str:
    """Why a header read as one column, when another separator splits it (Excel saves "CSV" with
    semicolons in many locales); else nothing."""
    name = {";": "';'", ",": "','", "\t": "a tab"}
    own = "\t" if fmt == "tsv" else ","
    other = next((sep for sep in name if sep != own and sep in header[0]), None) if len(header) == 1 else None
    if other is None:
        return ""
    return f" (its names are separated by {name[other]}, and a .{fmt} manifest's by {name[own]})"


class _Lines:
    """A table's lines as the CSV reader pulls them, without its comment lines (a `#` first,
    spaces before it allowed) where a record would begin (a `#` line inside a quoted field
    that spans lines is data); `first` is the real line number of the record being read."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._read = 0  # lines read, comments included
        self.first = 0
        self.between = True  # the reader starts a record with the next line (set by its caller)

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        while True:
            line = next(self._lines)
            self._read += 1
            if not (self.between and line.lstrip().startswith("#")):
                break
        if self.between:
            self.first, self.between = self._read, False
        return line


def _table_records(lines: Iterator[str], path: str | Path, fmt: str) -> Iterator[dict | str]:
    """One dict per CSV/TSV data row, or an error message for a row with the wrong field count;
    comment and blank lines (before the header too) are no rows."""
    source = _Lines(lines)
    records = _records(csv.reader(source, dialect="excel-tab" if fmt == "tsv" else "excel"), source)
    header = next(records, (0, None))[1]
    if header is None:
        raise InputError("manifest is empty (it needs a header row)", path)
    header = [h.strip() for h in header]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputError(f"manifest header lacks column(s) {', '.join(missing)}{_separator_hint(header, fmt)}", path)
    for line, fields in records:
        if len(fields) != len(header):
            yield (f"{_malformed(line)}: {counted(len(fields), 'field')} "
                   f"where the header has {len(header)}")
            continue
        yield dict(zip(header, fields))


def _records(reader: Iterator[list[str]], source: _Lines) -> Iterator[tuple[int, list[str]]]:
    """The reader's non-blank records, each with the line it begins on."""
    for fields in reader:
        source.between = True
        if any(f.strip() for f in fields):
            yield source.first, fields


def _cell(value: object) -> str:
    """A JSON Lines value as a table cell: a list of people joined as a CSV column gives them
    (corpora.metadata.PEOPLE_SEPARATOR)."""
    if isinstance(value, list):
        return f"{PEOPLE_SEPARATOR} ".join(str(v).strip() for v in value)
    return str(value).strip()


def _to_row(number: int, record: dict | str, base: Path) -> ManifestRow:
    """A ManifestRow from one record, with paths resolved against the manifest's folder."""
    if isinstance(record, str):
        return ManifestRow(number, error=record)
    values = {str(k).strip(): "" if v is None else _cell(v) for k, v in record.items()}
    source, target = values.get("source") or None, values.get("target") or None
    row = ManifestRow(
        number,
        str(base / source) if source else None,
        str(base / target) if target else None,
        values.get("source_lang") or None,
        values.get("target_lang") or None,
        values.get("output") or None,
        tuple(sorted((k, v) for k, v in values.items() if k not in REQUIRED and k != "output" and v)),
        recorded=(recorded_path(source), recorded_path(target)) if source and target else None,
    )
    missing = [name for name in REQUIRED if not values.get(name)]
    if missing:
        return replace(row, error=f"malformed row: no {', '.join(missing)}")
    return row
