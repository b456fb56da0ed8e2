"""OmegaT-compatible glossary TSV: source term, target term, optional comment, `#` comments.

A file with only the first two columns is a valid glossary. bitext keeps its extra
information in the comment column as `key=value` fields separated by "; ":

    Ежов<TAB>Yezhov<TAB>lang=en; status=preferred; id=yezhov; kind=person
    Ежов<TAB>Ezhov<TAB>lang=en; status=admitted
    Ежов<TAB>Yejov<TAB>lang=tr

- `lang`: the target language of the row (default: the reader's `target_lang`, "en");
- `status`: preferred, admitted or deprecated (default: preferred for the first rendering of
  an entry in a language, admitted after that);
- `id`, `kind` (person, org, place, term; default: org for an acronym, person for a
  capitalized term, term otherwise) and `note` describe the entry; `note` comes last and
  runs to the end of the comment. A comment that is not in this form is kept as the note.

Rows with the same source term (and the same `id`, when given) belong to one entry. A row
marked `status=preferred` takes the place of a preferred rendering that was only the default
(an unmarked first row, which becomes admitted); of two rows marked preferred the first stays
and the second, admitted, gets a warning. A line `# source-language: ru` sets the source
language (default ru).
"""

from __future__ import annotations

import logging
from pathlib import Path

import regex as re

from corpora.readers import decode, read_bytes
from corpora.errors import InputError

from glossary.model import KINDS, STATUSES, Entry, Glossary, make_id
from glossary.schemes import is_cyrillic, romanize

_FIELD_RE = re.compile(r"^\s*(lang|status|id|kind)\s*=\s*([^;]*?)\s*$")
log = logging.getLogger("bitext")
_SRC_LANG = re.compile(r"^#\s*source[- ]lang(?:uage)?\s*[:=]\s*([A-Za-z-]+)", re.I)


def parse_comment(comment: str) -> dict[str, str]:
    """The `key=value` fields of a comment cell; anything else becomes the note."""
    comment = comment.strip()
    if not comment:
        return {}
    head, sep, note = comment.partition("note=")
    fields: dict[str, str] = {}
    for part in head.split(";"):
        if not part.strip():
            continue
        m = _FIELD_RE.match(part)
        if not m:
            return {"note": comment}
        fields[m.group(1)] = m.group(2)
    if sep:
        if head.strip() and not head.rstrip().endswith(";"):
            return {"note": comment}
        fields["note"] = note.strip()
    return fields


def guess_kind(source: str) -> str:
    """The kind of an entry whose row does not say: acronyms are bodies, capitalized words
    people, anything else a term."""
    if len(source) > 1 and source.isupper():
        return "org"
    return "person" if source[:1].isupper() else "term"


def read_tsv(path: str | Path, target_lang: str = "en") -> Glossary:
    """Read a TSV glossary; a malformed row is an InputError naming the file and line."""
    text = decode(read_bytes(path), path, option=None)
    glossary = Glossary(origin=str(path))
    taken: set[str] = set()
    by_key: dict[tuple[str, str], Entry] = {}
    preferred_at: dict[tuple[str, str], tuple[int, bool]] = {}  # (entry id, lang) -> line, marked preferred?
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            m = _SRC_LANG.match(line)
            if m:
                glossary.src_lang = m.group(1).lower()
            continue
        cells = line.split("\t")
        if len(cells) < 2 and not is_cyrillic(cells[0]):
            raise InputError(f"line {lineno}: expected source<TAB>target[<TAB>comment]", path)
        source = cells[0].strip()
        target = cells[1].strip() if len(cells) > 1 else ""
        fields = parse_comment(cells[2] if len(cells) > 2 else "")
        if not source:
            raise InputError(f"line {lineno}: empty source term", path)
        status = fields.get("status", "")
        if status and status not in STATUSES:
            raise InputError(f"line {lineno}: status {status!r} is not one of {', '.join(STATUSES)}", path)
        kind = fields.get("kind", "")
        if kind and kind not in KINDS:
            raise InputError(f"line {lineno}: kind {kind!r} is not one of {', '.join(KINDS)}", path)
        key = (source, fields.get("id", ""))
        entry = by_key.get(key) or by_key.get((source, ""))
        if entry is None or (fields.get("id") and entry.id != fields["id"]):
            if fields.get("id"):
                if fields["id"] in taken:
                    raise InputError(f"line {lineno}: duplicate entry id {fields['id']!r}", path)
                taken.add(fields["id"])
                eid = fields["id"]
            else:
                latin = target if target and not is_cyrillic(target) else romanize(source, "loc")
                eid = make_id(latin, taken)
            entry = glossary.add(Entry(eid, source, kind or guess_kind(source)))
            by_key[key] = entry
            by_key.setdefault((source, ""), entry)
        if kind:
            entry.kind = kind
        if fields.get("note"):
            entry.note = fields["note"]
        if target:
            lang = fields.get("lang") or target_lang
            r = entry.rendering(lang)
            status = status or ("preferred" if r.preferred is None else "admitted")
            if status == "preferred" and r.preferred not in (None, target):
                line_of, marked = preferred_at[(entry.id, lang)]
                if not marked:  # the first rendering was preferred by default only
                    r.prefer(target)
                    preferred_at[(entry.id, lang)] = (lineno, True)
                    continue
                log.warning("%s: line %d: %s has a preferred rendering in %s already (%s, line %d); %s is admitted",
                            path, lineno, source, lang, r.preferred, line_of, target)
            elif status == "preferred" and r.preferred is None:
                preferred_at[(entry.id, lang)] = (lineno, bool(fields.get("status")))
            r.add(target, status)
    return glossary


def _clean(text: str) -> str:
    return " ".join(text.split())


def tsv_text(glossary: Glossary) -> str:
    """The glossary as TSV text (every row carries lang and status; entry fields on its first)."""
    lines = [
        f"# source-language: {glossary.src_lang}",
        "# source<TAB>target<TAB>lang=..; status=preferred|admitted|deprecated; id=..; kind=..; note=..",
    ]
    for e in glossary.entries:
        first = True
        rows = [(lang, term, status) for lang, r in e.renderings.items() for term, status in r.terms()]
        for lang, term, status in rows or [("", "", "")]:
            fields = [f"lang={lang}", f"status={status}"] if term else []
            if first:
                fields += [f"id={e.id}", f"kind={e.kind}"]
                if e.note:
                    fields.append(f"note={_clean(e.note)}")
                first = False
            lines.append("\t".join([e.source, term, "; ".join(fields)]))
    return "\n".join(lines) + "\n"
