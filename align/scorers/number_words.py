"""Number words, month and day names: "zwei" meets "2" and "deux", "июля" meets "July" and "juillet".

Translators write numbers as words as often as digits, and dates with month and day names
that no spelling key links across languages ("Juli", "juillet", "июля", "Temmuz"). This
module maps such words to the values numbers.py gives digits ("2"), to a month ("m7") or to a
weekday ("d1"), and features.py adds them to a sentence's number features ("n:2"), so that
"zwei" meets "deux" and "2". Number words are lexical evidence only: the number_miss count
(number_match.py) keeps to digits and dates (counting number words there too lost a
textberg-dev bead; "vier" and "quatre" of one passage are not always in the same sentence).

The tables are closed-class data for English, German, French, Russian and Turkish. Words
that are more often something else are left out or restricted by case: "one/ein/un/bir/один"
(articles, pronouns), "first" ("at first", Turkish "ilk" for "birinci"), Turkish "on" (ten;
English "on") and "yüz" (hundred; "face") count only inside a compound number, "yedi"
(Turkish "ate") not at all; "May" and "March" only capitalized inside a sentence, "mars" and
Russian months only when not capitalized inside a sentence (the planet, the name "Марта").
Consecutive number words of one language make one number ("twenty two", "dix sept", "quatre
vingt", "four hundred and thirty"); a run that makes none gives each word's own ("zwei drei").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import regex as re


@dataclass(frozen=True)
class Sense:
    """What one word form stands for, and when."""

    value: str  # "7" (a number, as numbers.py writes it), "m7" (July) or "d1" (Monday)
    lang: str
    case: str = "any"  # "cap": capitalized; "mid": capitalized, not the sentence's first word;
    # "low": lowercase, or capitalized as the first word
    part: int = 0  # the cardinal it adds to a run of number words ("twenty two"), 0: none
    alone: bool = True  # counts on its own (False: "one", "bir": only inside a run)


_MONTHS = {  # month -> {lang: (case, forms)}
    1: {"en": ("cap", "january"), "de": ("cap", "januar jänner"), "fr": ("low", "janvier janv"),
        "ru": ("low", "январь января январе январём январем янв"), "tr": ("cap", "ocak")},
    2: {"en": ("cap", "february feb"), "de": ("cap", "februar febr"), "fr": ("low", "février févr"),
        "ru": ("low", "февраль февраля феврале февралём февралем февр фев"), "tr": ("cap", "şubat")},
    3: {"en": ("mid", "march"), "de": ("cap", "märz"), "fr": ("low", "mars"),
        "ru": ("low", "март марта марте"), "tr": ("cap", "mart")},
    4: {"en": ("cap", "april apr"), "de": ("cap", "april"), "fr": ("low", "avril avr"),
        "ru": ("low", "апрель апреля апреле апр"), "tr": ("cap", "nisan")},
    5: {"en": ("mid", "may"), "de": ("cap", "mai"), "fr": ("low", "mai"),
        "ru": ("low", "май мая мае"), "tr": ("cap", "mayıs")},
    6: {"en": ("cap", "june"), "de": ("cap", "juni"), "fr": ("low", "juin"),
        "ru": ("low", "июнь июня июне июн"), "tr": ("cap", "haziran")},
    7: {"en": ("cap", "july"), "de": ("cap", "juli"), "fr": ("low", "juillet juil"),
        "ru": ("low", "июль июля июле июл"), "tr": ("cap", "temmuz")},
    8: {"en": ("cap", "august aug"), "de": ("cap", "august"), "fr": ("low", "août"),
        "ru": ("low", "август августа августе авг"), "tr": ("cap", "ağustos")},
    9: {"en": ("mid", "september sept sep"), "de": ("cap", "september sep"), "fr": ("low", "septembre"),
        "ru": ("low", "сентябрь сентября сентябре сент"), "tr": ("cap", "eylül")},
    10: {"en": ("cap", "october oct"), "de": ("cap", "oktober okt"), "fr": ("low", "octobre oct"),
         "ru": ("low", "октябрь октября октябре окт"), "tr": ("cap", "ekim")},
    11: {"en": ("cap", "november nov"), "de": ("cap", "november nov"), "fr": ("low", "novembre nov"),
         "ru": ("low", "ноябрь ноября ноябре нояб"), "tr": ("cap", "kasım")},
    12: {"en": ("cap", "december dec"), "de": ("cap", "dezember dez"), "fr": ("low", "décembre déc"),
         "ru": ("low", "декабрь декабря декабре дек"), "tr": ("cap", "aralık")},
}

_WEEKDAYS = {  # day -> {lang: (case, forms)}; Russian "среда" (also "environment") left out
    1: {"en": ("cap", "monday"), "de": ("any", "montag montags"), "fr": ("low", "lundi"),
        "ru": ("low", "понедельник понедельника понедельнике понедельникам"), "tr": ("cap", "pazartesi")},
    2: {"en": ("cap", "tuesday"), "de": ("any", "dienstag dienstags"), "fr": ("low", "mardi"),
        "ru": ("low", "вторник вторника вторнике"), "tr": ("cap", "salı")},
    3: {"en": ("cap", "wednesday"), "de": ("any", "mittwoch mittwochs"), "fr": ("low", "mercredi"),
        "tr": ("cap", "çarşamba")},
    4: {"en": ("cap", "thursday"), "de": ("any", "donnerstag donnerstags"), "fr": ("low", "jeudi"),
        "ru": ("low", "четверг четверга четверге"), "tr": ("cap", "perşembe")},
    5: {"en": ("cap", "friday"), "de": ("any", "freitag freitags"), "fr": ("low", "vendredi"),
        "ru": ("low", "пятница пятницу пятницы пятнице"), "tr": ("cap", "cuma")},
    6: {"en": ("cap", "saturday"), "de": ("any", "samstag samstags sonnabend"), "fr": ("low", "samedi"),
        "ru": ("low", "суббота субботу субботы субботе"), "tr": ("cap", "cumartesi")},
    7: {"en": ("cap", "sunday"), "de": ("any", "sonntag sonntags"), "fr": ("low", "dimanche"),
        "ru": ("low", "воскресенье воскресенья"), "tr": ("cap", "pazar")},
}
_RU_CARD = "ь и ью"  # пять, пяти, пятью
_CARDINALS = {  # value -> {lang: forms}; "+" marks a form that counts only inside a run
    1: {"en": "+one", "de": "+ein +eins", "fr": "+un +une", "ru": "+один +одна +одно", "tr": "+bir"},
    2: {"en": "two", "de": "zwei zwo", "fr": "deux", "ru": "два две двух двум двумя двое двоих", "tr": "iki"},
    3: {"en": "three", "de": "drei", "fr": "trois", "ru": "три трёх трех трём трем тремя трое троих", "tr": "üç"},
    4: {"en": "four", "de": "vier", "fr": "quatre", "ru": "четыре четырёх четырех четырём четырем четырьмя четверо",
        "tr": "dört"},
    5: {"en": "five", "de": "fünf", "fr": "cinq", "ru": "пят*", "tr": "beş"},
    6: {"en": "six", "de": "sechs", "fr": "six", "ru": "шест*", "tr": "altı"},
    7: {"en": "seven", "de": "sieben", "fr": "sept", "ru": "семь семи", "tr": ""},
    8: {"en": "eight", "de": "acht", "fr": "huit", "ru": "восемь восьми восемью восьмью", "tr": "sekiz"},
    9: {"en": "nine", "de": "neun", "fr": "neuf", "ru": "девят*", "tr": "dokuz"},
    10: {"en": "ten", "de": "zehn", "fr": "dix", "ru": "десят*", "tr": "+on"},
    11: {"en": "eleven", "de": "elf", "fr": "onze", "ru": "одиннадцат*"},
    12: {"en": "twelve", "de": "zwölf", "fr": "douze", "ru": "двенадцат*"},
    13: {"en": "thirteen", "de": "dreizehn", "fr": "treize", "ru": "тринадцат*"},
    14: {"en": "fourteen", "de": "vierzehn", "fr": "quatorze", "ru": "четырнадцат*"},
    15: {"en": "fifteen", "de": "fünfzehn", "fr": "quinze", "ru": "пятнадцат*"},
    16: {"en": "sixteen", "de": "sechzehn", "fr": "seize", "ru": "шестнадцат*"},
    17: {"en": "seventeen", "de": "siebzehn", "ru": "семнадцат*"},
    18: {"en": "eighteen", "de": "achtzehn", "ru": "восемнадцат*"},
    19: {"en": "nineteen", "de": "neunzehn", "ru": "девятнадцат*"},
    20: {"en": "twenty", "de": "zwanzig", "fr": "vingt vingts", "ru": "двадцат*", "tr": "yirmi"},
    30: {"en": "thirty", "de": "dreißig dreissig", "fr": "trente", "ru": "тридцат*", "tr": "otuz"},
    40: {"en": "forty", "de": "vierzig", "fr": "quarante", "ru": "сорок сорока", "tr": "kırk"},
    50: {"en": "fifty", "de": "fünfzig", "fr": "cinquante", "ru": "пятьдесят пятидесяти", "tr": "elli"},
    60: {"en": "sixty", "de": "sechzig", "fr": "soixante", "ru": "шестьдесят шестидесяти", "tr": "altmış"},
    70: {"en": "seventy", "de": "siebzig", "ru": "семьдесят семидесяти", "tr": "yetmiş"},
    80: {"en": "eighty", "de": "achtzig", "ru": "восемьдесят восьмидесяти", "tr": "seksen"},
    90: {"en": "ninety", "de": "neunzig", "ru": "девяносто девяноста", "tr": "doksan"},
    100: {"en": "hundred +hundreds", "de": "hundert", "fr": "+cent +cents", "ru": "сто ста", "tr": "+yüz"},
    200: {"ru": "двести двухсот"}, 300: {"ru": "триста трехсот трёхсот"},
    400: {"ru": "четыреста четырехсот четырёхсот"}, 500: {"ru": "пятьсот пятисот"}, 600: {"ru": "шестьсот шестисот"},
    700: {"ru": "семьсот семисот"}, 800: {"ru": "восемьсот восьмисот"}, 900: {"ru": "девятьсот девятисот"},
    # "thousand" alone is mostly "thousands of" or follows digits (numbers.py has "15 тыс."): only in a run
    1000: {"en": "+thousand +thousands", "de": "+tausend", "fr": "+mille", "ru": "+тысяча +тысячи +тысяч +тысячу",
           "tr": "+bin"},
}
_SCALES = (100, 1000)
_JOINERS = {"and", "et"}
_RU_ADJ = "ый ая ое ые ого ой ому ым ом ую ых ыми"
_ORDINALS = {  # value -> {lang: forms}; "-" ends a stem that takes the language's endings
    1: {"en": "first", "de": "erst-", "fr": "premier première premiers premières", "ru": "перв-",
        "tr": "birinci"},
    2: {"en": "second", "de": "zweit-", "fr": "deuxième second seconde", "ru": "втор-", "tr": "ikinci"},
    3: {"en": "third", "de": "dritt-", "fr": "troisième",
        "ru": "третий третья третье третьи третьего третьей третьему третьим третьем третью третьих", "tr": "üçüncü"},
    4: {"en": "fourth", "de": "viert-", "fr": "quatrième", "ru": "четвёрт- четверт-", "tr": "dördüncü"},
    5: {"en": "fifth", "de": "fünft-", "fr": "cinquième", "ru": "пят-", "tr": "beşinci"},
    6: {"en": "sixth", "de": "sechst-", "fr": "sixième", "ru": "шест-", "tr": "altıncı"},
    7: {"en": "seventh", "de": "siebt- siebent-", "fr": "septième", "ru": "седьм-", "tr": "yedinci"},
    8: {"en": "eighth", "fr": "huitième", "ru": "восьм-", "tr": "sekizinci"},
    9: {"en": "ninth", "de": "neunt-", "fr": "neuvième", "ru": "девят-", "tr": "dokuzuncu"},
    10: {"en": "tenth", "de": "zehnt-", "fr": "dixième", "ru": "десят-", "tr": "onuncu"},
    11: {"en": "eleventh", "de": "elft-", "fr": "onzième", "ru": "одиннадцат-"},
    12: {"en": "twelfth", "de": "zwölft-", "fr": "douzième", "ru": "двенадцат-"},
}
_ENDINGS = {"de": "e er en em es", "ru": _RU_ADJ, "fr": "", "en": "", "tr": ""}
_TWO_OF = {  # "both", "twice", "трижды": words that say a number without being a number word
    2: {"en": "both twice", "de": "beide beiden beider beides zweimal", "fr": "",
        "ru": "оба обе обоих обеих обоим обеим обоими обеими дважды вторично"},
    3: {"en": "thrice", "de": "dreimal", "ru": "трижды"},
    4: {"de": "viermal", "ru": "четырежды"},
}
# German compounds: "zehntägigen" (dix jours), "zweithöchste" (la deuxième plus haute)
_DE_COMPOUND = re.compile(r"(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig)"
                          r"(?:tägig|wöchig|stündig|jährig|monatig|fach|köpfig|teilig|mal)\w*"
                          r"|(zweit|dritt|viert|fünft|sechst|siebt|neunt|zehnt)(?:höchst|grösst|größt|längst|ältest)\w*")
_DE_UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}


def _table() -> dict[str, tuple[Sense, ...]]:
    """Every word form (lowercase) to its senses, in the order they are tried."""
    out: dict[str, list[Sense]] = {}

    def add(form: str, sense: Sense) -> None:
        out.setdefault(form, []).append(sense)

    for prefix, table in (("m", _MONTHS), ("d", _WEEKDAYS)):
        for key, by_lang in table.items():
            for lang, (case, forms) in by_lang.items():
                for form in forms.split():
                    add(form, Sense(f"{prefix}{key}", lang, case))
    for value, per_lang in _CARDINALS.items():
        for lang, forms in per_lang.items():
            for form in forms.split():
                alone = not form.startswith("+")
                form = form.lstrip("+")
                variants = [form[:-1] + e for e in _RU_CARD.split()] if form.endswith("*") else [form]
                for v in variants:
                    add(v, Sense(str(value), lang, part=value, alone=alone))
    for value, per_lang in _ORDINALS.items():
        for lang, forms in per_lang.items():
            for form in forms.split():
                variants = [form[:-1] + e for e in _ENDINGS[lang].split()] if form.endswith("-") else [form]
                for v in variants:  # "first" has too many other renderings ("at first", "ilk", "впервые")
                    add(v, Sense(str(value), lang, part=value, alone=value > 1))
    for value, per_lang in _TWO_OF.items():
        for lang, forms in per_lang.items():
            for form in forms.split():
                add(form, Sense(str(value), lang))
    for unit_word, unit in _DE_UNITS.items():  # "zweiundzwanzig", "dreihundert"
        add(f"{unit_word}hundert", Sense(str(unit * 100), "de", part=unit * 100))
        add(f"{unit_word}tausend", Sense(str(unit * 1000), "de", part=unit * 1000))
        for tens in range(20, 100, 10):
            for form in _CARDINALS[tens]["de"].split():
                add(f"{unit_word}und{form}", Sense(str(tens + unit), "de"))
    return {form: tuple(senses) for form, senses in out.items()}


_TABLE = _table()
_ELISION = re.compile(r"['’]")


def _form(word: str) -> str:
    """The table form of a word: lowercase, Turkish suffix after an apostrophe dropped
    ("Temmuz'da"), French elision before one dropped ("d'août")."""
    low = word.lower().replace("i̇", "i")
    if "'" in low or "’" in low:
        parts = _ELISION.split(low)
        return parts[-1] if len(parts[0]) <= 2 else parts[0]
    return low


def vocabulary(words: Iterable[str]) -> dict[str, tuple[Sense, ...]]:
    """The words (as written) that may be number words, month or day names, with their senses."""
    out = {}
    for w in words:
        form = _form(w)
        senses = _TABLE.get(form)
        if senses:
            out[w] = senses
        elif len(form) > 7 and (m := _DE_COMPOUND.fullmatch(form)):
            out[w] = (Sense(_TABLE[m.group(1)][0].value if m.group(1) else _TABLE[m.group(2) + "e"][0].value, "de"),)
    return out


def is_date(value: str) -> bool:
    """Whether a value of spoken_numbers() is a month or a weekday ("m7", "d1"), not a number."""
    return value[0] in "md"


def _pick(senses: tuple[Sense, ...] | None, word: str, first: bool) -> Sense | None:
    """The first sense whose case rule the word as written satisfies."""
    if senses is None:
        return None
    cap = word[0].isupper()
    for s in senses:
        if (s.case == "any" or (s.case == "cap" and cap) or (s.case == "mid" and cap and not first)
                or (s.case == "low" and (not cap or first))):
            return s
    return None


def _composed(parts: Sequence[int]) -> int | None:
    """The number consecutive number words make ("twenty two", "dix sept", "quatre vingt",
    "four hundred thirty", "две тысячи двести"), or None when they make none ("two three")."""
    if parts[:2] == [4, 20]:  # "quatre vingt(s)"
        parts = [80, *parts[2:]]
    total = group = 0
    last = 0  # the previous part: a number added after it must be smaller and it a multiple of 10
    for p in parts:
        if p in _SCALES:
            if group >= p:
                return None
            group = (group or 1) * p
            if p == 1000:
                total, group = total + group, 0
        elif last and (p >= last or last % 10):
            return None
        else:
            group += p
        last = p
    return total + group


def spoken_numbers(words: Sequence[str], known: Mapping[str, tuple[Sense, ...]]) -> set[str]:
    """The numbers ("2"), months ("m7") and weekdays ("d1") a sentence's words say (`known`: vocabulary())."""
    found: set[str] = set()
    run: list[list[Sense]] = []  # the number senses of each word of the current run of number words
    for k, w in enumerate([*words, ""]):
        senses = known.get(w)
        sense = _pick(senses, w, k == 0) if senses else None
        if sense is not None and sense.part:
            run.append([s for s in senses or () if s.part])
            continue
        if run and w in _JOINERS and any(s.part for s in known.get(words[k + 1] if k + 1 < len(words) else "", ())):
            continue  # "four hundred and thirty", "vingt et un"
        if run:
            found |= _run_numbers(run)
            run = []
        if sense is not None:
            found.add(sense.value)
    return found


def _run_numbers(run: list[list[Sense]]) -> set[str]:
    """A run's number in the first language all its words share ("twenty two": 22; a lone
    "one" makes none); failing that, each word's own ("zwei drei": 2 and 3)."""
    if len(run) > 1:
        for lang in sorted(set.intersection(*({s.lang for s in senses} for senses in run))):
            value = _composed([next(s.part for s in senses if s.lang == lang) for senses in run])
            if value is not None:
                return {str(value)}
    elif run[0][0].alone:
        return {run[0][0].value}
    return {senses[0].value for senses in run if senses[0].alone}
