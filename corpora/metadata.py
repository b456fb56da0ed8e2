"""The metadata keys of a bitext: what they mean, how they are checked, how they are loaded.

One table serves three readers: `--meta FILE` (YAML or JSON), the columns of a batch manifest,
and the TEI header writer. Keys prefixed `source_`/`target_` describe one side; the same key
without the prefix (`author`, `bibl`, `doi`, `url`) applies to both sides unless a side sets
its own.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from corpora import jsontext
from corpora.errors import InputError, UsageError
from corpora.languages import normalize
from corpora.readers import decode, read_bytes, xml_text

# Key -> what it holds (shown in the README and in error messages).
KEYS: dict[str, str] = {
    "title": "title of the aligned edition (default: '<Language>-<Language> sentence alignment'); a mapping "
             "of language to title for parallel titles ({en: ..., tr: ...})",
    "subtitle": "subtitle of the aligned edition (a list for several, a mapping of language to subtitle for "
                "parallel ones)",
    "source_title": "title of the source text",
    "target_title": "title of the translation",
    "author": "author of the original (both sides unless source_author/target_author is given); "
              "a list for several",
    "source_author": "author of the source text",
    "target_author": "author of the translation as a publication",
    "translator": "translator of the target text (a list for several)",
    "bibl": "bibliographic description of the publication both texts come from",
    "source_bibl": "bibliographic description of the source text",
    "target_bibl": "bibliographic description of the translation",
    "doi": "DOI of the publication (both sides unless source_doi/target_doi is given)",
    "source_doi": "DOI of the source text",
    "target_doi": "DOI of the translation",
    "url": "URL of the publication (both sides unless source_url/target_url is given)",
    "source_url": "URL of the source text",
    "target_url": "URL of the translation",
    "licence": "licence of the texts, e.g. 'CC BY-NC-SA 2.0'",
    "licence_url": "URL of the licence text",
    "publisher": "person or body that publishes the aligned edition (<publisher>)",
    "pubplace": "place of publication of the aligned edition",
    "date": "date of this aligned edition: YYYY, YYYY-MM or YYYY-MM-DD",
    "idno": "identifier of the aligned edition (an archive's shelf mark, a DOI, a handle...)",
    "idno_type": "kind of identifier `idno` is, e.g. DOI, URI, handle (default: DOI or URI when it looks like one)",
    "edition": "edition statement of the aligned edition, e.g. 'First edition, revised 2024'",
    "editor": "editor of the aligned edition (a list for several)",
    "editor_role": "the editor's role, e.g. 'editor' or 'compiler' (needs `editor`)",
    "availability": "terms of availability of the aligned edition, in words (beside the licence)",
    "reviewer": "name of the person who checks links by hand (their links carry @resp='#human')",
}

# Keys that bitext fills itself (pipeline and TEI reader); a metadata file may not set them.
INTERNAL_KEYS = frozenset({"signature", "segmentation", "source_file", "target_file", "source_sha256",
                           "target_sha256", "change", "change_date", "change_by", "history",
                           "declarations", "reviewers"})
# Keys that name people: each takes one name or a list of them (a text with two authors); one
# name is kept as a string, several as a JSON list (`people` reads both). A batch manifest's
# column separates them with PEOPLE_SEPARATOR.
PEOPLE = frozenset({"author", "source_author", "target_author", "translator", "editor"})
PEOPLE_SEPARATOR = ";"
# Keys that hold titles: one, or a mapping of language code -> title (parallel titles, kept as a
# JSON object); `subtitle` also a list (kept as `joined` keeps people). A manifest's subtitle
# column lists them as a people column does (LISTED).
TITLES = frozenset({"title", "subtitle"})
LISTED = PEOPLE | {"subtitle"}
# Keys that only make sense beside another one.
_NEEDS = {"idno_type": "idno", "editor_role": "editor"}

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_URL = re.compile(r"^(https?|ftp)://\S+$")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_SIDES = ("source", "target")


def side_value(meta: Mapping[str, str], side: str, key: str) -> str | None:
    """A per-side value: `<side>_<key>`, else the shared `<key>`, else None."""
    return meta.get(f"{side}_{key}") or meta.get(key) or None


def people(meta: Mapping[str, str], key: str) -> list[str]:
    """The names a people key (PEOPLE) holds: one, several, or none."""
    return names(meta.get(key))


def names(value: str | None) -> list[str]:
    """The names in a people value as `validate` keeps it: one name, or a JSON list of them."""
    if not value:
        return []
    return json.loads(value) if value.startswith('["') and value.endswith('"]') else [value]


def titles(meta: Mapping[str, str], key: str) -> list[tuple[str | None, str]]:
    """The titles a title key (TITLES) holds, in order: (its language, None for the edition's
    own, the title)."""
    value = meta.get(key)
    if value and value.startswith('{"') and value.endswith('"}'):
        return list(json.loads(value).items())
    return [(None, title) for title in names(value)]


def joined(persons: list[str]) -> str:
    """A people value as `validate` keeps it: the one name, or a JSON list of several."""
    return persons[0] if len(persons) == 1 else json.dumps(persons, ensure_ascii=False)


def _text(key: str, value: Any, origin: str | Path | None) -> str:
    """A scalar value as text, its white space runs one space. true/false (YAML's yes/no too),
    NaN and Infinity are no text a header means (they were written as 'True', 'nan'), and a
    character XML cannot carry failed in lxml while writing: both are an InputError."""
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        shown = str(value).lower() if isinstance(value, bool) else json.dumps(value)
        raise InputError(f"metadata key {key!r} must be text or a number, not {shown}", origin)
    return xml_text(" ".join(str(value).split()), f"metadata key {key!r}", origin)


def _people(key: str, value: Any, origin: str | Path | None, what: str = "a name or a list of names") -> str:
    """A people key's value, one name or a list of them, as `joined` keeps it ("" for none)."""
    listed = value if isinstance(value, list) else [value]
    if any(isinstance(v, (dict, list, tuple, set)) for v in listed):
        raise InputError(f"metadata key {key!r} must be {what}", origin)
    return joined([text for v in listed if v is not None and (text := _text(key, v, origin))] or [""])


def _titles(key: str, value: Any, origin: str | Path | None) -> str:
    """A title key's value as `titles` reads it ("" for none): one title, a subtitle's list,
    or a mapping of language code -> title (a JSON object, codes canonical)."""
    if not isinstance(value, dict):
        if key == "title" and isinstance(value, (list, tuple, set)):
            raise InputError("metadata key 'title' takes one title or a mapping of language to title (parallel "
                             "titles); give subtitles as 'subtitle'", origin)
        return _people(key, value, origin, "a title or a list of titles")
    found: dict[str, str] = {}
    for lang, text in value.items():
        try:
            code = normalize(str(lang))
        except UsageError:
            raise InputError(f"metadata key {key!r}: {lang!r} is not a language code (a mapping gives one title "
                             "per language)", origin) from None
        if isinstance(text, (dict, list, tuple, set)):
            raise InputError(f"metadata key {key!r}: a mapping gives one title per language ({lang!r} has "
                             f"{type(text).__name__})", origin)
        if text is not None and (title := _text(key, text, origin)):
            found[code] = title
    return json.dumps(found, ensure_ascii=False) if found else ""


def validate(meta: Mapping[str, Any], origin: str | Path | None = None) -> dict[str, str]:
    """Check metadata keys and values; return them as strings (blank values dropped).

    Unknown keys, non-scalar values (but a list of names for a PEOPLE key, a mapping of
    language to title or a list of subtitles for a TITLES key), malformed DOIs or
    URLs raise an InputError naming `origin`.
    """
    clean: dict[str, str] = {}
    for key, value in meta.items():
        if key not in KEYS:
            raise InputError(f"unknown metadata key {key!r}; known keys: {', '.join(KEYS)}", origin)
        if value is None:
            continue
        if key in PEOPLE or key in TITLES:
            if listed := (_titles if key in TITLES else _people)(key, value, origin):
                clean[key] = listed
            continue
        if isinstance(value, (dict, list, tuple, set)):
            raise InputError(f"metadata key {key!r} must be a single value, not {type(value).__name__}", origin)
        text = _text(key, value, origin)
        if not text:
            continue
        if key.endswith("doi"):
            text = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", text, flags=re.I)
            if not _DOI.match(text):
                raise InputError(f"metadata key {key!r}: {value!r} is not a DOI (10.NNNN/...)", origin)
        if key.endswith("url") and not _URL.match(text):
            raise InputError(f"metadata key {key!r}: {value!r} is not an http(s) or ftp URL", origin)
        if key == "date":
            text = _check_date(text, origin)
        if key == "idno_type" and " " in text:
            raise InputError(f"metadata key 'idno_type': {value!r} must be one word (e.g. DOI, URI, handle)", origin)
        clean[key] = text
    for key, needed in _NEEDS.items():
        if key in clean and needed not in clean:
            raise InputError(f"metadata key {key!r} needs {needed!r} as well", origin)
    if "idno" in clean and "idno_type" not in clean:
        kind = "DOI" if _DOI.match(clean["idno"]) else "URI" if _URL.match(clean["idno"]) else None
        if kind:
            clean["idno_type"] = kind
    return clean


def _check_date(text: str, origin: str | Path | None) -> str:
    """A date as TEI's @when takes it (YYYY, YYYY-MM or YYYY-MM-DD, a real day)."""
    if _DATE.match(text):
        try:
            if len(text) == 10:
                date.fromisoformat(text)
            return text
        except ValueError:
            pass
    raise InputError(f"metadata key 'date': {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", origin)


def input_checksum(data: bytes) -> str:
    """The SHA-256 of an input's bytes as lowercase hex, for the header's sourceDesc."""
    return hashlib.sha256(data).hexdigest()


def recorded_path(given: str) -> str:
    """How the header's sourceDesc names an input file: a relative path as given (normalized,
    `/`-separated; a batch row's from its manifest's folder, as the row gives it), an absolute
    one by its base name, so no machine's folders (a home path) are written and the same layout
    gives the same bytes anywhere ("-", standard input, stays "-")."""
    if given == "-" or os.path.isabs(given):
        return Path(given).name or given
    return Path(os.path.normpath(given)).as_posix()


def _unique_keys_loader(path: str | Path) -> type:
    """A YAML SafeLoader refusing a mapping that gives a key twice (PyYAML keeps the last)."""
    import yaml

    class UniqueKeys(yaml.SafeLoader):
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, (str, int, float)) and key in seen:
                    raise InputError(f"line {key_node.start_mark.line + 1}: gives metadata key {key!r} twice", path)
                seen.add(key if isinstance(key, (str, int, float)) else None)
            return super().construct_mapping(node, deep=deep)

    return UniqueKeys


def load_metadata(path: str | Path) -> dict[str, str]:
    """Read and validate a metadata file: JSON (`.json`) or YAML (anything else).

    YAML needs PyYAML (a core dependency); it is imported only when a YAML file is read.
    """
    text = decode(read_bytes(path), path, option=None)
    if str(path).lower().endswith(".json") or text.lstrip().startswith("{"):
        try:
            data = jsontext.loads(text, unique_keys=True)
        except json.JSONDecodeError as exc:
            raise InputError(f"is not valid JSON ({exc.msg} at line {exc.lineno})", path) from None
        except jsontext.DuplicateKeyError as exc:
            raise InputError(f"gives metadata key {exc.key!r} twice", path) from None
    else:
        import yaml

        try:
            data = yaml.load(text, Loader=_unique_keys_loader(path))  # noqa: S506 (a SafeLoader)
        except RecursionError:
            raise InputError("is not valid YAML (mappings or lists nest too deeply)", path) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise InputError(f"is not valid YAML{where}", path) from None
    if not isinstance(data, dict):
        raise InputError("must hold a mapping of metadata keys to values", path)
    return validate(data, path)
