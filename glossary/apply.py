"""Where a text names glossary entries, and which spellings to regularize to the preferred one.

`name_spans` gives, for one sentence, the character span of each matched name (the word
without its possessive or case ending), the entry, and the preferred rendering when the
sentence spells the name otherwise. Writers turn spans into markup (TEI `<persName>` with
`<choice><orig/><reg/></choice>`); the text itself is never changed here, so the original stays
recoverable.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpora.languages import same_language

from glossary.match import Matcher


@dataclass(frozen=True)
class NameSpan:
    """A name in a sentence: [start, end) of the matched form, its entry and kind, and the
    preferred spelling to show instead (None when the text already has it)."""

    start: int
    end: int
    entry_id: str
    kind: str
    orig: str
    reg: str | None


def name_spans(matcher: Matcher, text: str, lang: str, regularize: bool = True) -> list[NameSpan]:
    """The names in one sentence of language `lang`, in order, without overlaps."""
    spans = []
    for found in matcher.find(text):
        entry = matcher.entries[found.match.entry_id]
        form = found.match.form
        offset = found.word.find(form)
        if offset < 0:
            form, offset = found.word, 0
        start = found.start + offset
        preferred = None if same_language(lang, matcher.glossary.src_lang) else entry.preferred(lang)
        reg = (preferred if regularize and preferred and not matcher.spells_preferred(found.match, lang)
               and not matcher.cited_case_form(found.match, lang) else None)
        spans.append(NameSpan(start, start + len(form), entry.id, entry.kind, form, reg))
    return spans


def regularized_text(text: str, spans: list[NameSpan]) -> str:
    """The sentence with every span's preferred spelling in place of the original."""
    out, pos = [], 0
    for span in spans:
        out.append(text[pos:span.start])
        out.append(span.reg or span.orig)
        pos = span.end
    return "".join(out) + text[pos:]
