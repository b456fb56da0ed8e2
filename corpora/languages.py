"""Language codes: validation, display names, and inference where the script settles it."""

from __future__ import annotations

import logging
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from corpora import iso639 as codes
from corpora.errors import InputError, UsageError

log = logging.getLogger("bitext")


def language(code: str) -> str:
    """The language whose behaviour a tag gets, the one key of bitext's per-language behaviour
    (rules, models, glossaries, names): `individual`'s code, or where that has no ISO 639-1
    code, its macrolanguage's ("cmn", "yue": "zh"; "arb": "ar"; "pes": "fa"), so a Mandarin text
    gets what a Chinese one gets. A language with an ISO 639-1 code of its own keeps it (nb, nn,
    id, hr, sr: not no, ms or sh). Outputs keep the tag as given; only behaviour keys on this."""
    own = individual(code)
    return own if len(own) == 2 else codes.macrolanguage(own) or own


def individual(code: str) -> str:
    """The language a tag names: its ISO 639-1 code where it has one, whatever form the tag gives
    it ("deu", "ger", "de-AT", "DE": "de"; a deprecated "iw": "he"), else its primary subtag in
    lower case ("kaa-Cyrl": "kaa"; "cmn": "cmn")."""
    return codes.two_letter(primary(code))


def same_language(code: str, other: str) -> bool:
    """Whether two codes name one language, whatever their form ("de", "deu", "de-CH"); a
    macrolanguage names each of its languages ("zh" and "cmn", "no" and "nob"), but two of
    them are not one ("cmn" and "yue", "nob" and "nno")."""
    one, two = individual(code), individual(other)
    return one == two or codes.macrolanguage(one) == two or codes.macrolanguage(two) == one


def normalize(code: str, given: str | None = None) -> str:
    """A valid language code in canonical case ("EN" -> "en", "sr-latn" -> "sr-Latn"): a BCP 47
    tag (language[-Script][-REGION][-variant...]) whose language is a registered ISO 639 code
    (corpora.iso639). Else a UsageError naming `given` (the option or manifest column it came
    from) and the code, and the code meant where that is plain (`codes.suggestion`)."""
    if not code or not codes.TAG.match(code) or not codes.registered(primary(code)):
        hint = codes.suggestion(code or "")
        said = f"; did you mean {hint}?" if hint else ": use an ISO 639 code such as en, tr or ru"
        what = "not a language tag" if not code or not codes.TAG.match(code) else "not an ISO 639 language code"
        raise UsageError(f"{given + ': ' if given else ''}{code!r} is {what}{said}")
    return codes.canonical(code)


def declared(code: str | None, path: str, where: str, strict: bool = True) -> str | None:
    """The language a file declares (an HTML `lang`, a TMX `xml:lang`, an XLIFF `srcLang`, a
    document's `dc:language`, a front matter's `lang:`, a TEI input's `xml:lang`) in canonical
    form, a locale's "_" read as "-" (en_US); None where it declares none (no code, a blank
    one). A code bitext cannot take is an error naming the file and `where` in it, or with
    `strict` off (a declaration that only informs, as a web page's or a TEI text's) left aside
    with a warning."""
    code = (code or "").strip()
    if not code:
        return None
    try:
        return normalize(code.replace("_", "-"))
    except UsageError:
        if strict:
            raise InputError(f"{where}: {code!r} is not a language code bitext takes", path) from None
        log.warning("%s: %s: %r is not a language code bitext takes; left aside", path, where, code)
        return None


def stated(code: str | None) -> str | None:
    """The code where it states a language, None where it states none: absent, or `und`
    (undetermined; on the command line it leaves the language to the file)."""
    return None if not code or primary(code) == "und" else code


def primary(code: str) -> str:
    """The primary subtag ("sr-Latn" -> "sr"), which selects per-language rules."""
    return code.split("-")[0].lower()


def common(codes: list[str]) -> str | None:
    """The one language codes name (canonical ones): the code where they are one, the primary
    subtag where they differ only past it (en-GB, en-US: en), None where their languages differ."""
    found = set(codes)
    if len(found) <= 1:
        return next(iter(found), None)
    return primary(codes[0]) if len({individual(code) for code in found}) == 1 else None


def display_name(code: str) -> str:
    """English name of a language for headers (ISO 639's reference name without its qualifier:
    "deu" -> "German", "el" -> "Modern Greek"), falling back to the code itself."""
    return codes.short_name(individual(code)) or code


# Languages written in Cyrillic today or long were (primary subtags): a Cyrillic text declared
# in one of them is as declared; declared in another (a site template's lang="en"), the script
# says otherwise. Some are written in Latin (uz, az, tk, kaa, crh, gag, bs, sh, cnr) or Arabic
# (ug, uz) too: a Cyrillic text declared in them stands as well.
CYRILLIC = frozenset({
    "ru", "uk", "be", "bg", "sr", "mk", "bs", "sh", "cnr", "rue", "cu", "orv",  # Slavic
    "kk", "ky", "uz", "tk", "az", "kaa", "tt", "ba", "cv", "sah", "alt", "tyv", "kjh", "cjs", "krc", "kum", "nog",
    "crh", "gag", "ug", "dlg",  # Turkic
    "tg", "os", "mn", "bua", "xal", "dng",  # Iranian, Mongolic, Dungan
    "ab", "abq", "ady", "kbd", "ce", "inh", "av", "lez", "dar", "lbe", "tab",  # Caucasian
    "udm", "kv", "koi", "myv", "mdf", "mhr", "mrj", "chm", "mns", "kca", "yrk", "sel", "sjd",  # Uralic
    "evn", "eve", "ckt", "kpy", "niv",  # Tungusic, Chukotko-Kamchatkan, Nivkh
})


@dataclass(frozen=True)
class Script:
    """A script a declared language can contradict: its name, the ISO 15924 subtags a language
    tag names it by (sr-Cyrl, zh-Hant), the languages written in it (primary subtags: declared
    in one of them, a text in it is as declared) and the language it settles where nothing else
    tells (None: several languages with rules of their own share it)."""

    name: str
    subtags: frozenset[str]
    languages: frozenset[str]
    settles: str | None = None


def _script(name: str, subtags: str, langs: str | frozenset[str], settles: str | None = None) -> Script:
    return Script(name, frozenset(subtags.split()), frozenset(langs.split()) if isinstance(langs, str) else langs,
                  settles)


# Each script by the word Unicode names its letters with ("GREEK SMALL LETTER ALPHA", "HALFWIDTH
# KATAKANA LETTER A"); Latin, which most languages write, contradicts no declaration.
_KANA = _script("Kana", "hira kana hrkt jpan", "ja ain", "ja")
SCRIPTS: dict[str, Script] = {
    "CYRILLIC": _script("Cyrillic", "cyrl cyrs", CYRILLIC, "ru"),
    "GREEK": _script("Greek", "grek", "el grc pnt", "el"),
    "ARMENIAN": _script("Armenian", "armn", "hy hyw xcl", "hy"),
    "GEORGIAN": _script("Georgian", "geor", "ka xmf sva lzz", "ka"),
    "HEBREW": _script("Hebrew", "hebr", "he iw yi ji lad jrb jpr hbo arc", "he"),
    "ARABIC": _script("Arabic", "arab aran", "ar fa prs ur ps sd ug ckb ku ks pnb pa azb az bal glk mzn lrc ota "
                                             "ms uz kk ky tk ha"),
    "DEVANAGARI": _script("Devanagari", "deva", "hi mr ne sa kok mai bho new doi mag awa bra hne raj sd ks bh pi"),
    "BENGALI": _script("Bengali", "beng", "bn as mni bpy sa"),
    "GURMUKHI": _script("Gurmukhi", "guru", "pa", "pa"),
    "GUJARATI": _script("Gujarati", "gujr", "gu", "gu"),
    "TAMIL": _script("Tamil", "taml", "ta", "ta"),
    "TELUGU": _script("Telugu", "telu", "te", "te"),
    "KANNADA": _script("Kannada", "knda", "kn tcy kok", "kn"),
    "MALAYALAM": _script("Malayalam", "mlym", "ml", "ml"),
    "SINHALA": _script("Sinhala", "sinh", "si pi", "si"),
    "THAI": _script("Thai", "thai", "th tts nod sou pi", "th"),
    "LAO": _script("Lao", "laoo", "lo", "lo"),
    "KHMER": _script("Khmer", "khmr", "km", "km"),
    "MYANMAR": _script("Myanmar", "mymr", "my shn ksw mnw", "my"),
    "TIBETAN": _script("Tibetan", "tibt", "bo dz"),
    "ETHIOPIC": _script("Ethiopic", "ethi", "am ti gez tig"),
    "HANGUL": _script("Hangul", "hang kore", "ko", "ko"),
    "CJK": _script("Han", "hani hans hant jpan kore", "zh cmn yue wuu hak nan gan hsn cjy lzh ja ko"),
    "HIRAGANA": _KANA, "KATAKANA": _KANA, "KATAKANA-HIRAGANA": _KANA,
}


@lru_cache(maxsize=8192)
def _letter_script(char: str) -> Script | None:
    return next((SCRIPTS[word] for word in unicodedata.name(char, "").split(" ", 2)[:2] if word in SCRIPTS), None)


def text_script(text: str) -> Script | None:
    """The script (of SCRIPTS) more than half the letters of a text's start are in, if any."""
    letters = [c for c in text[:20000] if c.isalpha()]
    counts = Counter(_letter_script(c) for c in letters)
    return next((script for script, n in counts.items() if script is not None and n / len(letters) > 0.5), None)


def script_contradicts(code: str, text: str) -> Script | None:
    """The script of a text (`text_script`) where it contradicts a declared code: a language not
    written in it (lang="en" on a Greek page), or a script subtag that names another (sr-Latn on
    a Cyrillic one). None where they agree or the text is in no script of SCRIPTS."""
    script = text_script(text)
    if script is None:
        return None
    subtags = [part.lower() for part in code.split("-")[1:] if len(part) == 4]
    agrees = subtags[0] in script.subtags if subtags else language(code) in script.languages
    return None if agrees else script


def in_script_of_text(code: str, script: Script) -> str | None:
    """A declared code whose script subtag names another script than its text's (`script`, from
    `script_contradicts`) but whose language is written in the text's script too (sr-Latn on a
    Cyrillic text: Serbian in its other script): the code without that subtag ("sr-Latn-RS" ->
    "sr-RS"). None where the language is not written in it (en-Cyrl on a Russian text)."""
    if language(code) not in script.languages:
        return None
    return "-".join(part for i, part in enumerate(code.split("-")) if i == 0 or len(part) != 4)


def infer_from_script(text: str) -> str | None:
    """A language code when the script alone settles it (Cyrillic -> ru, Greek -> el, Kana ->
    ja; see SCRIPTS), else None."""
    script = text_script(text)
    return None if script is None else script.settles
