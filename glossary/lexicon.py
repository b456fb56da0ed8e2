"""Known words: is a word a real word or name of a language (Yerevan, Kiev, Smirnov), or the
romanization of a real word of the glossary's source language (Kaverin, Stolitsa: Каверин,
столица), and so not a misspelling of a glossary name?

Backends by name, imported lazily: `wordfreq` (word frequencies of 40-odd languages, the
optional extra `bitext[names]`) and `none`. `auto` is wordfreq when it is installed, else none
(the check then relies on the document's own evidence alone).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Protocol

from corpora.errors import UsageError
from corpora.languages import language

from glossary.keys import latin_key, latin_keys

LEXICONS = ("auto", "wordfreq", "none")
# A source-language word counts when wordfreq gives it at least this Zipf frequency (about
# three in 100 million words): rarer listed words are mostly noise (эрев), and romanizations
# collapse enough letters for a short noise word to meet a slip by chance.
ROMANIZED_MIN_ZIPF = 1.5
_MIN_LETTERS = 4


class Lexicon(Protocol):
    """Tells whether a word is a known word."""

    name: str

    def known(self, word: str, lang: str) -> bool:
        """Whether `word` is a word of `lang` as written."""

    def known_romanized(self, word: str, lang: str) -> bool:
        """Whether `word` spells a word of `lang` in some romanization (same Latin key)."""


class NoLexicon:
    """Knows no words: every unexplained word is judged by the document's evidence alone."""

    name = "none"

    def known(self, word: str, lang: str) -> bool:
        return False

    def known_romanized(self, word: str, lang: str) -> bool:
        return False


class WordfreqLexicon:
    """Words wordfreq lists for a language: at any frequency as written, from
    ROMANIZED_MIN_ZIPF when romanized."""

    name = "wordfreq"

    def known(self, word: str, lang: str) -> bool:
        return _listed(word, language(lang))

    def known_romanized(self, word: str, lang: str) -> bool:
        return latin_key(word) in _romanized_keys(language(lang))


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.available_languages())


@lru_cache(maxsize=200_000)
def _listed(word: str, lang: str) -> bool:
    import wordfreq

    return lang in _languages() and wordfreq.zipf_frequency(word, lang) > 0


@lru_cache(maxsize=4)
def _romanized_keys(lang: str) -> frozenset[str]:
    """The Latin keys of a language's words (built once per process, about two seconds)."""
    if lang not in _languages():
        return frozenset()
    import wordfreq

    floor = 10 ** ROMANIZED_MIN_ZIPF / 1e9
    words = [w for w, f in wordfreq.get_frequency_dict(lang, wordlist="best").items()
             if f >= floor and len(w) >= _MIN_LETTERS and w.isalpha()]
    return frozenset(latin_keys(words))


def wordfreq_installed() -> bool:
    """Whether the optional wordfreq backend can be imported."""
    return importlib.util.find_spec("wordfreq") is not None


@lru_cache(maxsize=4)
def load_lexicon(name: str = "auto") -> Lexicon:
    """The lexicon of that name (`auto`: wordfreq when installed, else none)."""
    if name not in LEXICONS:
        raise UsageError(f"unknown lexicon {name!r}; choose one of {', '.join(LEXICONS)}")
    if name == "auto":
        name = "wordfreq" if wordfreq_installed() else "none"
    if name == "wordfreq":
        if not wordfreq_installed():
            raise UsageError("--lexicon wordfreq needs the names extra: pip install 'bitext[names]'")
        return WordfreqLexicon()
    return NoLexicon()
