"""Russian Cyrillic -> Latin romanization schemes: the standard ones from iuliia, our own tables.

Standard schemes (ALA-LC, BGN/PCGN, ISO 9 / GOST 7.79, scholarly, Wikipedia) come from
`iuliia`; some of its schemes leave "ё" in Cyrillic, which `_fix_yo` repairs. German (Duden),
French, Turkish and the translator's house style (seed 001, "Note from the Translator") are
small context-sensitive tables written here: iotated vowels at the start of a word or after a
vowel or sign, "ё" after hushing consonants, and word endings such as "-ский" -> "-sky".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import iuliia

VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
SIGNS = set("ьъЬЪ")
HUSHING = set("жчшщЖЧШЩ")

# iuliia schemes by our name; the value after the schema is what its "ё" becomes.
_IULIIA: dict[str, tuple[object, str]] = {
    "ala-lc": (iuliia.ALA_LC, "ë"),
    "loc": (iuliia.ALA_LC_ALT, "e"),
    "bgn-pcgn": (iuliia.BGN_PCGN, "ë"),
    "iso9": (iuliia.GOST_779, "ë"),
    "iso9-1968": (iuliia.ISO_9_1968, "ë"),
    "gost-7.79b": (iuliia.GOST_779_ALT, "yo"),
    "scholarly": (iuliia.SCIENTIFIC, "ë"),
    "wikipedia": (iuliia.WIKIPEDIA, "yo"),
    "icao": (iuliia.ICAO_DOC_9303, "e"),
    "telegram": (iuliia.TELEGRAM, "e"),
    "yandex": (iuliia.YANDEX_MAPS, "yo"),
}


def _fix_yo(text: str, yo: str) -> str:
    """Replace any "ё"/"Ё" a scheme left unconverted."""
    if "ё" not in text and "Ё" not in text:
        return text
    return text.replace("ё", yo).replace("Ё", yo[:1].upper() + yo[1:])


@dataclass(frozen=True)
class Table:
    """A letter table with the contexts Russian romanizations care about."""

    letters: dict[str, str]
    iotated: dict[str, str] = field(default_factory=dict)  # е ё ю я at start / after vowel or sign
    after_hushing: dict[str, str] = field(default_factory=dict)  # ё after ж ч ш щ
    endings: tuple[tuple[str, str], ...] = ()  # longest first, applied at the end of a word
    soft_before_vowel: str = ""  # what ь becomes before и/о (German "j", Turkish "y")
    g_front: str = ""  # what г becomes before е/и/ы (French "gu")

    def apply(self, word: str) -> str:
        """Romanize one word (case is kept on the first letter)."""
        lower = word.lower()
        tail = ""
        for suffix, latin in self.endings:
            if lower.endswith(suffix) and len(lower) > len(suffix) + 1:
                lower, tail = lower[: -len(suffix)], latin
                break
        out = []
        for i, ch in enumerate(lower):
            prev = lower[i - 1] if i else ""
            nxt = lower[i + 1] if i + 1 < len(lower) else ""
            if ch in self.iotated and (not prev or prev in VOWELS or prev in SIGNS):
                out.append(self.iotated[ch])
            elif ch in self.after_hushing and prev in HUSHING:
                out.append(self.after_hushing[ch])
            elif ch == "ь" and self.soft_before_vowel and nxt in VOWELS and nxt not in self.iotated:
                out.append(self.soft_before_vowel)
            elif ch == "г" and self.g_front and nxt and nxt in "еиы":
                out.append(self.g_front)
            else:
                out.append(self.letters.get(ch, ch))
        result = "".join(out) + tail
        if len(word) > 1 and word.isupper():
            return result.upper()
        if word[:1].isupper():
            result = result[:1].upper() + result[1:]
        return result


_BASE = dict(zip("абвгдзиклмнопрстуф", "abvgdziklmnoprstuf"))

GERMAN = Table(
    letters={**_BASE, "в": "w", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "й": "i", "х": "ch",
             "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "",
             "э": "e", "ю": "ju", "я": "ja", "с": "s"},
    iotated={"е": "je", "ё": "jo", "ю": "ju", "я": "ja"},
    after_hushing={"ё": "o"},
    endings=(("ский", "ski"), ("ций", "zi"), ("ий", "i"), ("ый", "y"), ("ой", "oi")),
    soft_before_vowel="j",
)
GERMAN_POPULAR = Table(  # traditional spellings: Trotzki, Tuchatschewsky
    letters={**GERMAN.letters, "ц": "tz"},
    iotated=GERMAN.iotated,
    after_hushing=GERMAN.after_hushing,
    endings=(("ский", "sky"), ("ций", "tzki"), ("ий", "i"), ("ый", "y")),
    soft_before_vowel="j",
)
FRENCH = Table(
    letters={**_BASE, "у": "ou", "е": "e", "ё": "io", "ж": "j", "й": "ï", "х": "kh", "ц": "ts",
             "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e",
             "ю": "iou", "я": "ia", "г": "g"},
    iotated={"е": "ie", "ё": "io", "ю": "iou", "я": "ia"},
    after_hushing={"ё": "e"},  # Khrouchtchev, Gorbatchev
    endings=(("ский", "ski"), ("ий", "i"), ("ый", "y"), ("ия", "ia"), ("ин", "ine"), ("ын", "yne")),
    soft_before_vowel="i",
    g_front="gu",
)
TURKISH = Table(
    letters={**_BASE, "е": "e", "ё": "yo", "ж": "j", "й": "y", "х": "h", "ц": "ts", "ч": "ç",
             "ш": "ş", "щ": "şç", "ъ": "", "ы": "ı", "ь": "", "э": "e", "ю": "yu", "я": "ya"},
    iotated={"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"},
    after_hushing={"ё": "o"},
    endings=(("ский", "ski"), ("ий", "i"), ("ый", "ı")),
    soft_before_vowel="y",
)
TURKISH_POPULAR = Table(  # traditional Turkish spellings: Kruşçev, Troçki, Çar
    letters={**TURKISH.letters, "х": "k", "щ": "şç", "ё": "e", "ц": "ç"},
    iotated={"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"},
    after_hushing={"ё": "e"},
    endings=TURKISH.endings,
    soft_before_vowel="y",
)
HOUSE = Table(  # seed 001: modified Handbook of Russian Literature, "-sky", no soft signs, Ye-
    letters={**_BASE, "е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch",
             "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia"},
    iotated={"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"},
    endings=(("ский", "sky"), ("цкий", "tsky"), ("ий", "y"), ("ый", "y"), ("ьев", "iev")),
)
POPULAR_EN = Table(  # English press spellings: Zinoviev, Khrushchev, Beria, Yagoda
    letters={**HOUSE.letters, "ю": "yu", "я": "ya"},
    iotated={"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"},
    endings=(("ский", "sky"), ("ий", "y"), ("ый", "y"), ("ьев", "iev"), ("ия", "ia")),
)

_TABLES: dict[str, Table] = {
    "house": HOUSE,
    "popular": POPULAR_EN,
    "de": GERMAN,
    "de-popular": GERMAN_POPULAR,
    "fr": FRENCH,
    "tr": TURKISH,
    "tr-popular": TURKISH_POPULAR,
}

# The schemes that spell a name as a text in that language would (its own nominative there).
LANG_SCHEMES: dict[str, tuple[str, ...]] = {
    "en": ("house", "popular"), "de": ("de", "de-popular"), "fr": ("fr",), "tr": ("tr", "tr-popular"),
}


def _iuliia_scheme(schema: object, yo: str) -> Callable[[str], str]:
    def run(word: str) -> str:
        return _fix_yo(schema.translate(word), yo)  # type: ignore[attr-defined]

    return run


SCHEMES: dict[str, Callable[[str], str]] = {
    **{name: _iuliia_scheme(schema, yo) for name, (schema, yo) in _IULIIA.items()},
    **{name: table.apply for name, table in _TABLES.items()},
}


def is_cyrillic(word: str) -> bool:
    """True when the word holds at least one Cyrillic letter."""
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


_WORD_BREAK = re.compile(r"([\s\-‐‑]+)")  # the parts of Бонч-Бруевич are words of their own


@lru_cache(maxsize=50_000)
def romanize(word: str, scheme: str) -> str:
    """One word (or several, separated by spaces or hyphens) in one scheme; unknown schemes raise KeyError."""
    fn = SCHEMES[scheme]
    parts = _WORD_BREAK.split(word)
    return unicodedata.normalize("NFC", "".join(part if k % 2 or not part else fn(part) for k, part in enumerate(parts)))


def variants(word: str) -> dict[str, str]:
    """Every scheme's spelling of a Cyrillic word, in a stable order."""
    return {name: romanize(word, name) for name in SCHEMES}
