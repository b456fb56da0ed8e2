"""Russian case forms of glossary source terms, so that Ежова, Ежову and Ежовым find Ежов.

Generated from the nominative by the ending, as Russian declines surnames and nouns; forms
are over-generated a little (both masculine and feminine surname endings), which is harmless
for lookup because only the entry's own forms are produced. Feminine adjectives and surnames in
-ая/-яя (Крупская, Красная армия) decline as adjectives (Крупской, Крупскую). Acronyms read
letter by letter (НКВД, ЦК) and words ending in -о/-е/-и/-у (Енукидзе, Политбюро, ОГПУ) do not
decline, except neuter adjectives and nouns in -ое/-ие (Особое совещание); an acronym read as
a word (a vowel in it, a consonant last: ГУЛАГ, ВЦИК) takes lowercase endings (ГУЛАГа,
ГУЛАГом). Words of a multi-word term decline one by one (glossary/phrases.py).
"""

from __future__ import annotations

_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")
_HUSHING = set("жчшщц")
_VELAR = set("гкх")
_VOWELS = set("аеёиоуыэюя")


def _stem_forms(stem: str, endings: str) -> list[str]:
    return [stem + e for e in endings.split()]


def inflections(word: str) -> list[str]:
    """Oblique case (and plural) forms of a nominative Russian word, without the word itself."""
    if not word or " " in word:
        return []
    lower = word.lower()
    last = lower[-1]
    if len(word) > 1 and word.isupper():  # an acronym: only one read as a word declines
        if last in _CONSONANTS and _VOWELS & set(lower):
            return _stem_forms(word, "а у ом е ы ов")
        return []
    if lower.endswith(("ая", "яя")) and len(lower) > 4:  # feminine adjectives: Крупской, Красную
        stem = word[:-2]
        if lower.endswith("яя"):
            return _stem_forms(stem, "ей юю ею ие их им ими")
        i_or_y = "и" if stem[-1:].lower() in _HUSHING | _VELAR else "ы"
        return _stem_forms(stem, f"ой ую ою {i_or_y}е {i_or_y}х {i_or_y}м {i_or_y}ми")
    if lower.endswith("ое") and len(lower) > 4:  # neuter adjectives: особое, особого
        stem = word[:-2]
        i_or_y = "и" if stem[-1:].lower() in _HUSHING | _VELAR else "ы"
        return _stem_forms(stem, f"ого ому {i_or_y}м ом {i_or_y}е {i_or_y}х {i_or_y}ми")
    if lower.endswith("ие") and len(lower) > 4:  # neuter nouns: совещание, совещания
        return _stem_forms(word[:-1], "я ю ем и й ям ями ях")
    if lower.endswith("ний") and len(lower) > 4:  # soft adjectives: внутренний, внутреннего
        return _stem_forms(word[:-2], "его ему им ем яя ей юю ие их ими")
    if lower.endswith(("ский", "цкий")) or lower.endswith(("ий", "ый", "ой")) and len(lower) > 4:
        stem = word[:-2]
        i_or_y = "и" if lower.endswith("ий") or stem[-1:].lower() in _HUSHING | _VELAR else "ы"
        return _stem_forms(stem, f"ого ому {i_or_y}м ом ая ой ую {i_or_y}е {i_or_y}х {i_or_y}ми")
    if lower.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return _stem_forms(word, "а у ым е ой у ы ых ыми") + _stem_forms(word, "ом")
    if last in _CONSONANTS:
        i_or_y = "и" if last in _HUSHING | _VELAR else "ы"
        o_or_e = "е" if last in _HUSHING else "о"
        return _stem_forms(word, f"а у {o_or_e}м е {i_or_y} ов ей ам ами ах")
    if last == "я":
        stem = word[:-1]
        return _stem_forms(stem, "и ю ей е")
    if last == "а":
        stem = word[:-1]
        i_or_y = "и" if stem[-1:].lower() in _HUSHING | _VELAR else "ы"
        return _stem_forms(stem, f"{i_or_y} е у ой ою ам ами ах")
    if last == "ь":
        stem = word[:-1]
        return _stem_forms(stem, "я ю ем е и ей ям ями ях")
    if last == "й":
        stem = word[:-1]
        return _stem_forms(stem, "я ю ем е и ев ям ями ях")
    return []
