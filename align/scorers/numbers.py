"""Numbers, years, ranges, roman numerals and the punctuation profile of a segment.

These survive translation almost unchanged, so a number on one side of a bead and not on the
other is evidence against the bead, and a shared one strong evidence for it. Numbers are
normalized so that "10,000", "10.000" and "10 000" meet, "1,5" meets "1.5" and "1.50", an abbreviated
range "1938-56" also yields 1956, "15 тыс." also yields 15000, and roman numerals below 400 ("XX", "XIV", "XXe") become arabic.
"""

from __future__ import annotations

import regex as re

_NUMBER = re.compile(r"(?<![\p{L}\d])\d+(?:[.,]\d+|[\u00a0\u202f ]\d{3}(?!\d))*")
_RANGE = re.compile(r"(?<!\d)(\d{3,4})\s?[-\u2013\u2014/]\s?(\d{1,2})(?!\d)")
_ROMAN = re.compile(r"(?<![\p{L}\d])(?=[IVXLC]{2})C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?=(?:e|er|ème|ᵉ)?(?![\p{L}\d]))")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}  # no D, M: too many acronyms

# Punctuation classes that translators keep: question, exclamation, quotation, parentheses,
# colon, semicolon. Quote styles differ by language, so all quotes form one class.
_PUNCT_CLASSES = {
    "?": "?", "¿": "?", "!": "!", "¡": "!", "(": "(", ")": "(", "[": "(", "]": "(",
    ":": ":", ";": ";",
    **{q: '"' for q in "\"«»„“”‟‹›「」"},
}


_GROUP_SEP = re.compile(r"[.,\u00a0\u202f ]")


def _normalize(raw: str) -> str:
    groups = _GROUP_SEP.split(raw)
    if len(groups) == 1:
        return raw.lstrip("0") or "0"
    if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        return "".join(groups).lstrip("0") or "0"  # thousands separators
    if len(groups) == 2:
        fraction = groups[1].rstrip("0")  # "1,50" meets "1.5"; "8.0" meets "8"
        return (groups[0].lstrip("0") or "0") + ("." + fraction if fraction else "")  # decimal comma or point
    return "".join(groups)


def roman_value(token: str) -> int | None:
    """The value of a roman numeral of two or more letters ("XX" -> 20), else None."""
    if len(token) < 2 or not _ROMAN.fullmatch(token):
        return None
    total = 0
    for a, b in zip(token, token[1:] + " "):
        va, vb = _ROMAN_VALUES[a], _ROMAN_VALUES.get(b, 0)
        total += -va if va < vb else va
    return total


def numbers(text: str) -> set[str]:
    """The normalized numbers a segment mentions (as strings), roman numerals included."""
    found: set[str] = set()
    if not _MAYBE_NUMBER.search(text):
        return found
    for m in _NUMBER.finditer(text):
        found.add(_normalize(m.group()))
    for m in _SCALED.finditer(text):
        value = _scaled(m.group(1), m.group(2))
        if value:
            found.add(value)
    for m in _RANGE.finditer(text):
        start, end = m.group(1), m.group(2)
        if len(end) < len(start):
            found.add(start[: len(start) - len(end)] + end)
    for m in _ROMAN.finditer(text):
        roman = roman_value(m.group())
        if roman is not None:
            found.add(str(roman))
    return found


# "15 тыс.", "15 thousand", "2,5 млрд": the number times the word's value also counts.
_SCALE_WORDS = {
    1000: r"тыс\w*|thousand|bin|tausend|mille|milles",
    1000000: r"млн|миллион\w*|million\w*|milyon|mio|millionen",
    1000000000: r"млрд|миллиард\w*|billion\w*|milyar|mrd|milliarde\w*|milliard\w*",
}
_SCALED = re.compile(r"(?<![\p{L}\d])(\d+(?:[.,]\d+)?)\s?(" + "|".join(_SCALE_WORDS.values()) + r")(?!\p{L})",
                     re.IGNORECASE)
_SCALE_OF = [(re.compile(f"(?:{pattern})$", re.IGNORECASE), value) for value, pattern in _SCALE_WORDS.items()]


def _scaled(number: str, word: str) -> str | None:
    """The value of "15" + "тыс." as a normalized number string ("15000"), if the word is a scale."""
    for pattern, value in _SCALE_OF:
        if pattern.match(word):
            amount = float(number.replace(",", "."))
            return str(round(amount * value))
    return None


def stated_numbers(text: str) -> set[str]:
    """The numbers as a reader states them: "15 тыс." is 15000 only, not also 15 (for review
    flags, where a bare 15 missing on the other side would be a false alarm)."""
    found = numbers(text)
    for m in _SCALED.finditer(text):
        if _scaled(m.group(1), m.group(2)):
            found.discard(_normalize(m.group(1)))
    return found


_PUNCT = re.compile("[" + re.escape("".join(_PUNCT_CLASSES)) + "]")
_MAYBE_NUMBER = re.compile(r"\d|[IVXLC]{2}")


def punctuation(text: str) -> set[str]:
    """The punctuation classes present in a segment (question, quote, parenthesis, ...)."""
    return {_PUNCT_CLASSES[c] for c in _PUNCT.findall(text)}
