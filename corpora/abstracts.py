"""Pull the parallel title, abstract and keywords out of a bilingual journal article.

Many journals print, in one file, the title, abstract and keywords in two languages ("Abstract"
/ "Öz", "Keywords" / "Anahtar Kelimeler"). The article is read as blocks separated by blank
lines (Markdown-like: `#### Abstract` headings, `**Keywords:**` labels; plain text works too:
a line that is only a heading word, or a paragraph that starts with `Word:`).

- An abstract is the text after an abstract heading of a language, up to the next heading or
  keywords label. The heading words per language are in `HEADINGS`.
- Keywords are the paragraph that starts with a keywords label (the label is kept, as printed).
- Titles are the first two adjacent short paragraphs (or `# Title` headings) before the first
  abstract whose languages are the two wanted ones (told apart by letters and common words,
  `guess_language`).

The result keeps only the parts found for both languages, in the order title, abstract,
keywords, so the two texts are ready to align.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from corpora.errors import InputError
from corpora.headings import MD_HEADING, heading_text
from corpora.languages import language

log = logging.getLogger("bitext")

# language -> (abstract heading words, keywords labels); lower case, compared case-insensitively.
HEADINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (("abstract", "summary"), ("keywords", "key words", "index terms")),
    "tr": (("öz", "özet"), ("anahtar kelimeler", "anahtar sözcükler", "anahtar kavramlar")),
    "ru": (("аннотация", "резюме", "реферат"), ("ключевые слова",)),
    "de": (("zusammenfassung", "abstrakt"), ("schlüsselwörter", "schlagwörter", "stichwörter")),
    "fr": (("résumé",), ("mots-clés", "mots clés", "mots-clefs")),
    "es": (("resumen",), ("palabras clave",)),
    "az": (("xülasə", "annotasiya"), ("açar sözlər",)),
    "uk": (("анотація", "резюме"), ("ключові слова",)),
}

# Letters and short words that point at a language, for telling titles apart.
_LETTERS = {"tr": "ğışİĞŞı", "az": "əğışƏ", "de": "äßÄ", "fr": "éèêàçœ", "es": "ñ¿¡", "ru": "ыэъё", "uk": "іїєґ"}
_WORDS = {
    "en": {"the", "of", "and", "in", "a", "to", "for", "on", "with", "case", "history"},
    "tr": {"ve", "bir", "bu", "ile", "için", "olarak", "da", "de", "tarihi", "üzerine"},
    "de": {"der", "die", "das", "und", "im", "von", "zur", "zum", "ein"},
    "fr": {"le", "la", "les", "et", "des", "du", "une", "dans"},
    "es": {"el", "la", "los", "las", "y", "del", "una", "en"},
    "ru": {"и", "в", "на", "не", "по", "из", "о"},
    "az": {"və", "bir", "bu", "ilə", "üçün"},
    "uk": {"і", "в", "на", "не", "та", "з"},
}

_MARKUP = re.compile(r"<sup>.*?</sup>|</?[a-z]+>|\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)")
_BLANK = re.compile(r"\n\s*\n")


@dataclass
class Abstracts:
    """The parallel parts found for two languages, each side as paragraphs in the same order."""

    parts: list[str] = field(default_factory=list)  # "title", "abstract", "keywords"
    sides: dict[str, list[str]] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """One side as plain text: paragraphs separated by blank lines, ending with a newline."""
        return "\n\n".join(self.sides[lang]) + "\n"


def _clean(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).split())


def guess_language(text: str, candidates: tuple[str, ...]) -> str:
    """The most likely of `candidates` for a short text (letters count double, then words)."""
    words = re.findall(r"\w+", text.lower())
    cyrillic = sum(1 for c in text if "\u0400" <= c <= "\u04ff")

    def score(lang: str) -> float:
        letters = sum(text.count(c) for c in _LETTERS.get(language(lang), ""))
        hits = sum(1 for w in words if w in _WORDS.get(language(lang), ()))
        script = cyrillic if language(lang) in ("ru", "uk") else -cyrillic
        return 2 * letters + hits + script

    return max(candidates, key=score)


def _label(block: str, words: tuple[str, ...]) -> tuple[bool, str] | None:
    """If `block` opens with one of `words` (a heading, a line of its own, or `Word:` before
    text): (heading only?, the text after it); else None."""
    first, _, rest_lines = block.partition("\n")
    md = MD_HEADING.match(first)
    line = _clean(md.group(1) if md else first)
    for word in words:
        alone = re.fullmatch(rf"{re.escape(word)}\s*[:.]?", line, re.I)
        inline = re.match(rf"{re.escape(word)}\s*[:.–—]\s*(.+)$", line, re.I)
        if alone or inline:
            rest = " ".join(p for p in ((inline.group(1) if inline and not alone else ""), _clean(rest_lines)) if p)
            return (not rest, rest)
    return None


def _is_heading(block: str) -> bool:
    return bool(MD_HEADING.match(block.split("\n", 1)[0]))


def extract_abstracts(text: str, src: str, tgt: str, name: str = "<text>") -> Abstracts:
    """Title, abstract and keywords of languages `src` and `tgt` from a bilingual article."""
    langs = (src, tgt)
    for lang in langs:
        if language(lang) not in HEADINGS:
            raise InputError(f"no heading words known for language {lang!r} (known: {', '.join(HEADINGS)})", name)
    blocks = [b.strip() for b in _BLANK.split(text.replace("\r\n", "\n")) if b.strip()]
    found: dict[str, dict[str, str]] = {lang: {} for lang in langs}
    first_abstract = len(blocks)
    k = 0
    while k < len(blocks):
        block = blocks[k]
        for lang in langs:
            abstract_words, keyword_words = HEADINGS[language(lang)]
            keywords = _label(block, keyword_words)
            if keywords and "keywords" not in found[lang]:
                label = _clean(block.split("\n", 1)[0]).split(":")[0] if not _is_heading(block) else None
                body = keywords[1] or (_clean(blocks[k + 1]) if k + 1 < len(blocks) else "")
                found[lang]["keywords"] = f"{label or keyword_words[0].title()}: {body}"
                break
            abstract = _label(block, abstract_words)
            if abstract and "abstract" not in found[lang]:
                first_abstract = min(first_abstract, k)
                paras = [abstract[1]] if abstract[1] else []
                while k + 1 < len(blocks) and not _is_heading(blocks[k + 1]) and not any(
                    _label(blocks[k + 1], HEADINGS[language(other)][1] + HEADINGS[language(other)][0]) for other in langs
                ):
                    k += 1
                    paras.append(_clean(blocks[k]))
                found[lang]["abstract"] = "\n\n".join(paras)
                break
        k += 1
    _find_titles(blocks[:first_abstract], langs, found)
    result = Abstracts()
    for part in ("title", "abstract", "keywords"):
        have = [lang for lang in langs if found[lang].get(part)]
        if len(have) == 2:
            result.parts.append(part)
        elif have:
            log.warning("%s: %s found only for %s; left out of both texts", name, part, have[0])
    if "abstract" not in result.parts:
        missing = [lang for lang in langs if "abstract" not in found[lang]]
        words = ", ".join(HEADINGS[language(missing[0])][0])
        raise InputError(f"no {missing[0]} abstract found (looked for headings: {words})", name)
    result.sides = {lang: [found[lang][part] for part in result.parts] for lang in langs}
    return result


def _find_titles(blocks: list[str], langs: tuple[str, str], found: dict[str, dict[str, str]]) -> None:
    """The first adjacent pair of short, title-like paragraphs in the two languages (a Markdown
    heading too, `# Title`, without its marks: an article may name itself so)."""
    candidates = []
    for block in blocks:
        cleaned = _clean(heading_text(block) or block)
        title_like = (
            10 <= len(cleaned) <= 400 and "\n" not in block.strip()
            and not re.search(r"@|https?://|\bdoi\b|orcid", cleaned, re.I)
            and not block.lstrip().startswith(("<sup>", "*", "|", "!["))
        )
        candidates.append(cleaned if title_like else None)
    for a, b in zip(candidates, candidates[1:]):
        if a and b:
            la, lb = guess_language(a, langs), guess_language(b, langs)
            if {la, lb} == set(langs):
                found[la]["title"], found[lb]["title"] = a, b
                return
