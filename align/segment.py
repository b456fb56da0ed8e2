"""Sentence segmentation driven by one rules table per language (align/segment_rules.py).

A rule-based splitter. A boundary candidate is a sentence-final mark of the language (". ! ? …"
in most, "。！？" in Chinese, "।" in Hindi, ";" as the Greek question mark, ...), then any
closing quotes, brackets or note numbers ("¹⁵", "[3]"), then space and a plausible sentence
start (a capital or a digit where the script has capitals, perhaps after an opening quote,
bracket or dialogue dash; any word where it has none; in the generic rules a capital or a
letter of a script without capitals, decided letter by letter; a paragraph mostly in such a
script is split by the generic rules whatever its language, whose own would need a capital). Some marks end a sentence whatever
follows ("。", "।", "։", the Khmer "។", the Tibetan shad "།"); in Thai and Lao a space between
words does (a best effort). Marks written apart from the words (a second shad "། །", the
Ethiopic "፨") are no sentence alone but join the one before them. A candidate is kept
unless the period belongs to an abbreviation or an initial, a list or ordinal number, or a
citation ("1991. Т. 1. С. 12", "Политбюро. М., 1996"), or lies inside a balanced pair of
brackets, a quoted title («Архив. Документы и материалы») or a reference running from "См.:"
or an author's initials to its year (those spans: align/segment_spans.py). Numbered endnote
lines that hold a reference stay whole.

Splitting happens at positions of the original string, so every non-space character is kept
in order. We measured pysbd, sentencex and sentence-splitter against the gold files in
../shared/eval/segmentation and all three scored lower than these rules (BENCHMARKS.md).
"""

from __future__ import annotations

from functools import lru_cache

import regex as re

from corpora.languages import primary

from align.segment_rules import SegmentRules, rules_for
from align.segment_spans import closes_bracketed_sentence, held_spans, inside, note_cuts

# 6: an uncased-script paragraph under rules that need capitals is split by the generic ones;
# 7: Georgian (Mkhedruli) counts as uncased there too, and a titlecase capital ("ǅ") starts a sentence
# 8: Tibetan shads, the Ethiopic "፨", the Hebrew "׃" and the Sinhala "෴" end a sentence, Lao has
# Thai's rule, and in Thai a space after "ฯ" or "ๆ" or beside a Thai digit ends none (seed and eval
# text unchanged)
# 9: Russian, English and Turkish audit: units after a decimal or a multiplier ("2,5 млн руб."), "кв. м."
# and "sq. m."; "им." "нем" end before a sentence start; a hyphen opens dialogue and a dash before a
# number continues a range; URLs, decimals ("7.4."), "U.S. He", "J.R.R. Tolkien", "(См. с. 45.)", "ХХ в.",
# headings in capitals, months before a year ("1 янв. 1937 г."), "5.VI.1937 г.", Turkish "1937. yılda" and "25. Bu"
# (BENCHMARKS.md, Segmentation)
RULES_VERSION = 9

# Hebrew gershayim "״" and geresh "׳" quote too ("זה נגמר. ״מה?״"); inside a word they mark an
# acronym or abbreviation (צה״ל, וכו׳), where no boundary candidate looks at them.
_CLOSE = "\"'”’»״׳)]*¹²³⁰⁴⁵⁶⁷⁸⁹」』）】〉》"
_OPEN = "\"'“‘„«״׳([*「『（【〈《"
_DASHES = "—–"
# Scripts that write no sentence mark, where a space between words may end a sentence (Thai, Lao:
# rules.space_ends), and the marks after which a space ends nothing: the abbreviation marks "ฯ"
# "ຯ" ("กรุงเทพฯ", "ຯລຯ" etc.) and the repetition marks "ๆ" "ໆ" ("เด็กๆ"), written before a space.
_SPACED_SCRIPT = r"[\p{Thai}\p{Lao}]"
_SPACE_HOLDERS = "ฯຯๆໆ"
# End marks written apart from the words, after a space (generic.toml): the Tibetan shads and
# the head marks (yig mgo) that open a text before them, the Ethiopic paragraph separator.
_LONE_MARKS = "།༎༏༐༑༄༅༆༇༈༉༊፨"
_LONE_MARK = re.compile(f"[{_LONE_MARKS}]")
_NOT_LONE_MARK = re.compile(rf"[^\s{_LONE_MARKS}]")
_CAPITAL = r"[\p{Lu}\p{Lt}]"  # "A", "Я", and the titlecase "ǅ", "ᾯ"
# A letter of a script without capitals, the one test of it: no capital, and one title-casing
# leaves as it is. Arabic, Hebrew, Hangul, Han (other letters), and Georgian Mkhedruli, which
# Unicode files as lower case (upper-casing gives Mtavruli) but whose sentences start with no
# capital; "a", "ä", Nuskhuri "ⴀ" have a capital.
_UNCASED = r"(?![\p{Lu}\p{Lt}\p{Changes_When_Titlecased}])\p{L}"
UNCASED_LETTER = re.compile(_UNCASED)
_LETTER = re.compile(r"\p{L}")
_WORD_BEFORE = re.compile(r"([\p{L}\p{M}\p{N}'’\-–]*(?:\.[\p{L}\p{M}\p{N}'’\-–]+)*)\.$")
_ACRONYM_BEFORE = re.compile(r"(\p{L}+[\"״]\p{L})\.$")  # Hebrew, gershayim or '"' before the last letter: "צה״ל."
_SPACED_PAIR = re.compile(r"(?:^|[\s(])(\p{Ll})\.\s?(\p{Ll})$")
_NUMBER = re.compile(r"^\p{N}+(?:[\-–—/]\p{N}+)?$")
_COMPACT_INITIALS = re.compile(r"^(?:\p{Lu}\.)+\p{Lu}$")  # "J.R.R", "А.И.С" (or "U.S.S.R"): a name may follow
_QUOTE_CLOSERS = "\"'”’»"
_DECIMAL = re.compile(r"^\p{N}+(?:[.,](?:\p{N}+|[IVX]+))+$")  # "7.4", "3,5", "05.06.2021", "5.VI.1937"
_ROMAN = re.compile(r"^[IVXLC]{2,}$")
_ROMAN_DIGITS = "IVXLCХІ"  # the Cyrillic "Х" and "І" typed for "X" and "I" too: "ХХ в."
_NUMBER_OR_ROMAN = re.compile(
    rf"^(?:\p{{N}}+|[{_ROMAN_DIGITS}]+)(?:[\-–—/](?:\p{{N}}+|[{_ROMAN_DIGITS}]+))?(?:[\-'’]\p{{L}}{{1,3}})?$")
_NEXT_ROMAN_UNIT = re.compile(rf"\s*[{_ROMAN_DIGITS}]+\s+\p{{Ll}}{{1,3}}\.")  # "70-е гг. ХХ в.": a number follows
_NEXT_ABBREV_NUMBER = re.compile(r"\s*\p{L}{1,4}\.\s*\p{N}")
_NEXT_PLACE_YEAR = re.compile(  # "М., 1996.", "Рига, 1991.", "М.: Наука, 1985.", "1937. 5 июня"
    r"\s*(?:\p{Lu}[\p{L}'’.\-]*(?::\s*[\p{L}«»\"\-]+(?:\s[\p{L}«»\"\-]+){0,3})?,\s*)?\p{N}{4}[.,;:)\]]"
)
_CAPITALS_AFTER = re.compile(r"\S*\s+\W*(\p{Lu}{2,})\b")  # the next word after a unit, in capitals
_LONGEST_OPENING = 4  # words before the unit in an opening phrase: "Уже в 1937–1938 гг."
_LIST_START = re.compile(r"\s*[-–—•*]?\s*\p{N}{1,3}\.(?=\s)")
_DOTTED_DATE = re.compile(r"\p{N}{4}\.\s?\p{N}{1,2}\.\s?\p{N}{1,2}\.")  # "2024. 3. 15."
_NEXT_WORD = re.compile(r"\s+[\"'“‘„«(\[]*(\p{L}+)(?=[\s,;:!?])")  # the next word (not an initial)


@lru_cache(maxsize=None)
def _candidates(rules: SegmentRules) -> re.Pattern:
    """The boundary candidates of a rules table: soft ends (group "end", a plausible sentence
    start after a space), hard ends (group "hard") and, in Thai and Lao, spaces between words ("space")."""
    closers = rf"(?:[{re.escape(_CLOSE)}]|\[\p{{N}}{{1,3}}\])*"
    start = rf"(?:{_CAPITAL}|\p{{N}})" if rules.capital else r"[\p{L}\p{N}]"
    if rules.capital and rules.uncased_starts:  # "ש", "ა", "가" too
        start = rf"(?:{start}|{_UNCASED})"
    opening = rf"[{re.escape(_OPEN)}]*"
    follows = rf"{opening}{start}"
    if rules.dash_opens and rules.capital:  # "— Да", "- Да" (a hyphen for the dash), not "1906 г. — 16 февраля"
        capital = rf"(?:{_CAPITAL}|{_UNCASED})" if rules.uncased_starts else _CAPITAL
        follows = rf"(?:(?:[{_DASHES}]\s*|-\s+){opening}{capital}|{follows})"
    elif rules.dash_opens:
        follows = rf"(?:[{_DASHES}]\s*)?{follows}"
    parts = []
    if rules.ends:
        parts.append(rf"(?P<end>[{re.escape(rules.ends)}]+){closers}(?=\s+{follows})")
    if rules.hard_ends:  # after a closing quote, only before another quotation or a space: 「好。」他说。 is one
        quoted = rf"[{re.escape(_CLOSE)}]+(?=\s*[{re.escape(_OPEN)}]|\s+\S)"
        parts.append(rf"(?P<hard>[{re.escape(rules.hard_ends)}]+)(?:{quoted}|(?![{re.escape(_CLOSE)}])(?=\s*\S))")
    if rules.space_ends:  # a word before the space (no number, no mark that holds it) and a word after it
        before = rf"(?<={_SPACED_SCRIPT})(?<![\p{{N}}{_SPACE_HOLDERS}])"
        parts.append(rf"{before}(?P<space>\s+)(?=(?!\p{{N}}){_SPACED_SCRIPT})")
    return re.compile("|".join(parts) or r"(?!)")


def describe(lang: str) -> str:
    """A short tag for the rules used, e.g. "en-2", for reproducibility signatures."""
    return f"{primary(lang)}-{RULES_VERSION}"


def _period_ends_sentence(text: str, dot: int, after: int, rules: SegmentRules, begin: int) -> bool:
    """Whether the period at text[dot] ends a sentence that began at text[begin]."""
    before = text[max(0, dot - 60):dot + 1]
    nxt = text[after:after + 60]
    next_is_digit = nxt.lstrip(_OPEN + " \t\n")[:1].isdigit() or bool(_NEXT_ROMAN_UNIT.match(nxt))
    pair = _SPACED_PAIR.search(before[:-1])
    if pair:  # spaced abbreviations: "т. е.", "т. д.", "н. э."
        joined = f"{pair.group(1)}.{pair.group(2)}"
        if joined in rules.final:
            return not next_is_digit
        if joined in rules.after_number:
            return not next_is_digit and _unit_ends(text, begin, dot - len(pair.group(0)), rules)
        if joined in rules.prefix:
            return False
    token = before.split()[-1] if before.split() else ""
    if "@" in token or "://" in token or token.lower().startswith("www."):
        return True  # an address's last part ("example.com/a.b.", "ivan@mail.ru.") is no abbreviation
    word = _WORD_BEFORE.search(before).group(1)
    acronym = _ACRONYM_BEFORE.search(before) if len(word) == 1 else None
    if acronym:
        word = acronym.group(1)  # "צה״ל." is no initial "ל."
    if not word:
        return True  # after a closing bracket or quote: "(s. 45)."
    low = word.lower()
    if _NUMBER.match(word):
        return _number_ends_sentence(text, dot - len(word), word, nxt, rules, begin)
    if rules.ordinal_dots and _ROMAN.match(word):
        return False  # "II. Abdülhamid", "XIX. yüzyıl"
    if len(word) == 1 and word.isupper():  # an initial ("Т. Петров", "С. С. Каменев"), not "т." or "с."
        return _starter_follows(nxt, rules)  # ... unless a sentence starts after it: "signed by P. K. The next day"
    if low in rules.final:
        return not next_is_digit
    if low in rules.after_number:
        return not next_is_digit and _unit_ends(text, begin, dot - len(word), rules)
    if low in rules.before_number:
        return not next_is_digit  # "No. 5", but "He said no. Everyone agreed."
    if low in rules.homographs:
        return _starter_follows(nxt, rules)  # "им. Кирова", but "объявил им. И сказали"
    if low in rules.prefix:
        return False
    if len(word) == 1:
        return False  # an initial ("M. J. Bagirov") or a one-letter abbreviation ("p. 5", "с. 45")
    if _DECIMAL.match(word):
        if len(word.replace(".", "")) > 2:
            return True
        return bool(text[begin:dot - len(word)].strip()) and _number_ends_sentence(  # not "2.1. Results"
            text, dot - len(word), word, nxt, rules, begin)
    if "." in word:  # "M.Ö.", "T.C.", "U.S. Army", "J.R.R. Tolkien" stay; "U.S.S.R.'" may end, "U.S. He" too
        quoted = any(ch in _QUOTE_CLOSERS for ch in text[dot + 1:after])
        short = len(word.replace(".", "")) <= 2 or _COMPACT_INITIALS.match(word)
        return quoted or not short or _starter_follows(nxt, rules)
    if low in rules.digraph_initials and word[0].isupper():
        return False  # "A. Kh. Artuzov"
    return not _citation_follows(nxt, rules)  # "Политбюро. М., 1996" is a citation


def _citation_follows(nxt: str, rules: SegmentRules) -> bool:
    """Whether a place and year ("М., 1996.") or a year ("1937. 5 июня") follow a period: a
    citation, not a sentence; where numbers take ordinal dots, a year before a lower-case word
    is an ordinal opening one ("açıktır. 1937. yılda çıktı")."""
    m = _NEXT_PLACE_YEAR.match(nxt)
    return bool(m) and not (rules.ordinal_dots and nxt.lstrip()[:1].isdigit() and nxt[m.end():].lstrip()[:1].islower())


def _starter_follows(nxt: str, rules: SegmentRules) -> bool:
    """Whether the text after a period starts with a word that starts sentences ("The", "Он")."""
    m = _NEXT_WORD.match(nxt)
    return bool(m) and m.group(1).lower() in rules.starters


def _unit_ends(text: str, begin: int, end: int, rules: SegmentRules) -> bool:
    """Whether "г.", "гг.", "в." ending at `end` closes a sentence: it must follow a number
    ("в 1937 г. Он", not "в г. Москве"), and a short opening phrase ("В 1920-х гг. Сталин")
    is not a sentence."""
    m = re.search(r"(\S+)\s*$", text[max(0, end - 30):end])
    token = m.group(1).rstrip(",") if m else ""
    # "5 тыс. руб.", "40 кв. м.", "2,5 млн руб." chain units (not "в г. Москве": "в" is no unit)
    unit = token[:-1] if token.endswith(".") else token if len(token) > 2 else ""
    if not (_NUMBER_OR_ROMAN.match(token) or _DECIMAL.match(token) or unit.lower() in rules.after_number):
        return False
    words = text[begin:end].split()
    if not words:  # "г." opening a sentence ("1937 г. г. Москва"): no unit of a number
        return False
    after = _CAPITALS_AFTER.match(text, end)  # a heading in capitals: "С ИЮЛЯ 1929 г. ПО ФЕВРАЛЬ 1938 г."
    if after and text[begin:end].isupper():  # capitals and no lower case: "1937 г. ЦК" still ends
        return False
    return len(words) > _LONGEST_OPENING or words[0].strip(_OPEN).lower() not in rules.phrase_openers


def _number_ends_sentence(
    text: str, start: int, word: str, nxt: str, rules: SegmentRules, begin: int
) -> bool:
    """A period after a number: list and ordinal numbers, citation parts and dotted dates
    do not end."""
    dot = start + len(word)
    if rules.dotted_dates and any(m.start() <= start and dot < m.end()
                                  for m in _DOTTED_DATE.finditer(text, max(0, start - 10), dot + 10)):
        return False  # "2024. 3. 15."
    listed = _LIST_START.match(text, begin)
    if listed and listed.end() == start + len(word) + 1:
        return False  # "- 1. Preparing ...", "33. Oppositionists in the Camps"
    if nxt.lstrip()[:1].isdigit():
        return bool(_LIST_START.match(nxt))  # "p. 164. 9. Ibid." but "d. 633,1. 171-172"
    if _NEXT_ABBREV_NUMBER.match(nxt) or _citation_follows(nxt, rules):
        return False  # "1991. Т. 1. С. 12–15", "Ф. 17. Оп. 3"
    if rules.ordinal_dots and word.isdigit() and len(word) <= 3:
        prev = text[max(0, start - 12):start]
        if (not prev or prev[-1] in " (\t\n") and not _is_reference(prev, rules) and not _starter_follows(nxt, rules):
            return False  # "2. Dünya Savaşı", "19. yüzyıl", but "sayısı 25. Bu çok az"
    return True


def _is_reference(prev: str, rules: SegmentRules) -> bool:
    """Whether the text before a number makes it a page or issue number: "s. 45", "No 5"."""
    m = re.search(r"(\S+)\s*$", prev)
    if not m:
        return False
    token = m.group(1).lower()
    stem = token.rstrip(".")
    return token in ("№", "no") or token.endswith(".") and (len(stem) == 1 or stem in rules.prefix)


def _ends_sentence(
    text: str, m: re.Match, spans: list[tuple[int, int]], rules: SegmentRules, begin: int
) -> bool:
    if inside(m.start(), spans) and not closes_bracketed_sentence(text, m, spans, begin):
        return False
    if m.groupdict().get("end") != ".":
        return True  # ! ? … or an ellipsis before a capital, a hard end, a Thai or Lao space
    return _period_ends_sentence(text, m.start(), m.end(), rules, begin)


def by_generic_rules(text: str, lang: str) -> bool:
    """Whether a text in `lang` is split by the generic rules instead of its language's: they
    start a sentence only at a capital, and most of its letters are of a script without capitals
    (lang="en" on an Arabic page, kept where the script settles no language), where they would
    split it nowhere. The generic rules start one at any such letter and know every script's
    full stops; the language stays the declared one. A text in a cased script keeps its rules."""
    rules = rules_for(primary(lang))
    return (rules.capital and not rules.uncased_starts and UNCASED_LETTER.search(text) is not None
            and 2 * len(UNCASED_LETTER.findall(text)) > len(_LETTER.findall(text)))


def _rules(text: str, lang: str) -> SegmentRules:
    """The rules a paragraph is split by: its language's, or the generic ones (by_generic_rules)."""
    return rules_for("generic" if by_generic_rules(text, lang) else primary(lang))


def _marks_joined(text: str, cuts: list[int]) -> list[int]:
    """The cuts without those that would leave marks written apart from the words (_LONE_MARKS)
    alone as a sentence: they join the sentence before them (the second shad of "ཡིན་ནོ། །",
    the shad after "ག" in "ཟློག །", the paragraph mark of "። ፨"), or at the start of a paragraph
    the one after them (the head mark "༄༅། །")."""
    if not _LONE_MARK.search(text):
        return cuts
    kept, start = [], 0
    for i, cut in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        if _NOT_LONE_MARK.search(text, start, cut) and _NOT_LONE_MARK.search(text, cut, end):
            kept.append(cut)
            start = cut
    return kept


def sentence_spans(paragraph: str, lang: str) -> list[tuple[int, int]]:
    """The sentences of one paragraph as (start, end) offsets into it, each without the
    spaces around it: what `segment` cuts, where it cuts (markup kept beside the text as
    character spans is put back by these offsets)."""
    lead = len(paragraph) - len(paragraph.lstrip())
    text = paragraph.strip()
    if not text:
        return []
    notes = note_cuts(text)
    if notes is not None:
        cuts = notes
    else:
        rules = _rules(text, lang)
        spans = held_spans(text, rules)
        cuts, start = [], 0
        for m in _candidates(rules).finditer(text):
            if _ends_sentence(text, m, spans, rules, start):
                cuts.append(m.end())
                start = m.end()
        cuts = _marks_joined(text, cuts)
    out = []
    start = 0
    for end in [*cuts, len(text)]:
        piece = text[start:end]
        if piece.strip():
            a = start + len(piece) - len(piece.lstrip())
            out.append((lead + a, lead + start + len(piece.rstrip())))
        start = end
    return out


def segment(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph into sentences."""
    return [paragraph[a:b] for a, b in sentence_spans(paragraph, lang)]


def segment_paragraphs(paragraphs: list[str], lang: str) -> list[list[str]]:
    """Split every paragraph; paragraphs stay separate."""
    return [segment(p, lang) for p in paragraphs]
