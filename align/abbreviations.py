"""Per-language abbreviation lists that steer the sentence splitter (align/segment.py).

Abbreviations fall into three classes, because a period after each behaves differently:

- ``prefix``: never ends a sentence; the next word belongs to the same sentence
  ("Prof. Dr. Ahmet", "им. Кирова", "p. 572", "bkz. Conquest").
- ``final``: may end a sentence, so a capital after it starts a new one
  ("... vb. Bunlara", "... и т.д. Местные", "... etc. Stalin").
- ``after_number``: ends a sentence only after a number ("в 1937 г. Он" splits,
  "в г. Москве" does not), e.g. Russian years and centuries, units.

Entries are lower case, without the final period; inner periods stay ("e.g", "т.д").
Single letters are always abbreviations or initials and need no entry.
``digraph_initials`` are two-letter initials such as "Kh." in "A. Kh. Artuzov".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AbbreviationRules:
    """What the splitter needs to know about one language's abbreviations."""

    prefix: frozenset[str]
    final: frozenset[str]
    after_number: frozenset[str]
    digraph_initials: frozenset[str]
    ordinal_dots: bool  # "2. Dünya Savaşı": a number with a dot is an ordinal, not an end
    # prepositions that open a time phrase, which is no sentence: "В 1920-х гг. Сталин ..."
    phrase_openers: frozenset[str] = frozenset()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Latin abbreviations met in scholarly text of any language (citations, Latin phrases).
_SCHOLARLY = _words("""
    e.g i.e cf viz vs ca approx p pp vol vols no nos nr ch chap sec fig figs ed eds trans
    repr comp esp op loc ibid id ff art
""")
_TRANSLIT_INITIALS = _words("kh ch sh zh ts yu ya yo ye ju ja dzh shch")

_EN = AbbreviationRules(
    prefix=_SCHOLARLY | _words("""
        mr mrs ms messrs dr prof st mt rev hon gen col lt capt sgt maj adm gov sen rep pres
        jan feb mar apr jun jul aug sep sept oct nov dec dept univ assn bros gg
    """) - {"ibid", "art"},
    final=_words("etc al jr sr inc ltd co corp a.m p.m ibid cit"),
    after_number=_words("ft km kg lb lbs oz min sec hrs yrs"),
    digraph_initials=_TRANSLIT_INITIALS,
    ordinal_dots=False,
)

_TR = AbbreviationRules(
    prefix=_SCHOLARLY | _words("""
        prof dr doç yrd öğr gör arş uzm av müh sn hz alb gen org yzb bkz bk krş karş çev haz
        ed sy no cilt sf sh m.ö m.s cad sok mah blv apt örn ör mad ltd şti
    """),
    final=_words("vb vs vd vdg age a.g.e a.g.m a.y"),
    after_number=_words("yy yüzyıl km kg"),
    digraph_initials=frozenset(),
    ordinal_dots=True,
)

_RU = AbbreviationRules(
    prefix=_SCHOLARLY | _words("""
        им проф акад доц ген полк подп ст стр см ср гл кн рис табл пп ул пл пр-т д кв обл
        св тов гр напр вып изд ред сост пер оп т.е т.н т.к и.о зам нач пред секр чл корр
        англ нем франц лат греч рус ок ин-т дж вл прим
    """),
    final=_words("др пр т.д т.п"),
    after_number=_words("г гг в вв тыс млн млрд руб коп н.э км кг чел экз"),
    digraph_initials=_words("дж вл"),
    ordinal_dots=False,
    phrase_openers=_words("в во с со к ко до после на от около по за между к уже лишь ещё еще"),
)

_GENERIC = AbbreviationRules(  # Latin-script European defaults: English, German, French, ...
    prefix=_SCHOLARLY | _words("mr mrs ms dr prof st vgl bzw z.b d.h u.a nr hr fr mme mlle"),
    final=_words("etc al usw"),
    after_number=frozenset(),
    digraph_initials=frozenset(),
    ordinal_dots=False,
)

_RULES = {"en": _EN, "tr": _TR, "ru": _RU}


def rules_for(primary_code: str) -> AbbreviationRules:
    """The rules for a primary language subtag; languages we have no list for get generic ones."""
    return _RULES.get(primary_code, _GENERIC)


def has_rules(primary_code: str) -> bool:
    """Whether the language has its own list (otherwise the generic fallback is used)."""
    return primary_code in _RULES
