"""Language codes: validation, display names, and inference where the script settles it."""

from __future__ import annotations

import logging
import re

from corpora.errors import InputError, UsageError

log = logging.getLogger("bitext")

# BCP 47 subset: a 2-3 letter primary subtag, optional script/region/variant subtags.
_CODE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

NAMES = {
    "en": "English", "tr": "Turkish", "ru": "Russian", "de": "German", "fr": "French",
    "uk": "Ukrainian", "be": "Belarusian", "az": "Azerbaijani", "kk": "Kazakh",
    "es": "Spanish", "it": "Italian", "pl": "Polish", "cs": "Czech", "bg": "Bulgarian",
    "sr": "Serbian", "nl": "Dutch", "pt": "Portuguese", "fi": "Finnish", "sv": "Swedish",
    "hu": "Hungarian", "ka": "Georgian", "hy": "Armenian", "ar": "Arabic", "fa": "Persian",
}

# ISO 639-3 codes of the same languages, as dictionaries name their pairs ("freedict-deu-fra")
ISO639_3 = {
    "en": "eng", "tr": "tur", "ru": "rus", "de": "deu", "fr": "fra", "uk": "ukr", "be": "bel",
    "az": "aze", "kk": "kaz", "es": "spa", "it": "ita", "pl": "pol", "cs": "ces", "bg": "bul",
    "sr": "srp", "nl": "nld", "pt": "por", "fi": "fin", "sv": "swe", "hu": "hun", "ka": "kat",
    "hy": "hye", "ar": "ara", "fa": "fas",
}


def same_language(code: str, other: str) -> bool:
    """Whether two codes name one language, whatever their form ("de", "deu", "de-CH")."""
    a, b = primary(code), primary(other)
    return a == b or ISO639_3.get(a, a) == ISO639_3.get(b, b)


def normalize(code: str) -> str:
    """A valid language code in canonical case ("EN" -> "en", "sr-latn" -> "sr-Latn")."""
    if not code or not _CODE.match(code):
        raise UsageError(f"invalid language code {code!r}: use an ISO 639 code such as en, tr or ru")
    parts = code.split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        out.append(p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p.lower())
    return "-".join(out)


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


def display_name(code: str) -> str:
    """English name of a language for headers, falling back to the code itself."""
    return NAMES.get(primary(code), code)


# Languages written in Cyrillic (primary subtags): a Cyrillic text declared in one of them is
# as declared; declared in another (a site template's lang="en"), the script says otherwise.
CYRILLIC = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn", "tt", "ba", "cv", "ce", "os",
                      "ab", "av", "sah", "udm", "kv", "myv", "mdf", "mhr", "bua", "tyv", "kbd", "ady", "lez",
                      "krc", "inh", "alt", "rue", "cu"})


def script_contradicts(code: str, text: str) -> str | None:
    """The language the script settles (`infer_from_script`) where it contradicts a declared
    code: a Cyrillic text declared in a language not written in Cyrillic (or with a script
    subtag other than Cyrl: sr-Latn). None where they agree or the script settles nothing."""
    inferred = infer_from_script(text)
    if inferred is None:
        return None
    scripts = [part for part in code.split("-")[1:] if len(part) == 4]
    cyrillic = scripts[0].lower() == "cyrl" if scripts else primary(code) in CYRILLIC
    return None if cyrillic else inferred


def infer_from_script(text: str) -> str | None:
    """A language code when the script alone settles it (Cyrillic -> ru), else None."""
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        return None
    cyr = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if cyr / len(letters) > 0.5:
        return "ru"
    return None
