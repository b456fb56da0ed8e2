"""Sentence segmentation of the scripts of South-East Asia, Tibet and Ethiopia: a short paragraph
per script, split by `segment` and by `bitext segment`, with the marks that must not split it
(a comma, a colon, a repetition or abbreviation mark, a syllable mark); and the Hebrew and
Sinhala full stops Unicode does not list."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from align.segment import segment
from bitext_cli.main import cli

GOLDEN = {
    # Khmer: the khan "។" ends a sentence, with or without a space after it, the bariyosan "៕" a
    # section; a space between phrases, the colon "៖" and the repetition mark "ៗ" end nothing
    "km": ("ខ្ញុំទៅផ្សារ ហើយទិញត្រី។ ឪពុកខ្ញុំនិយាយថា៖ ថ្ងៃនេះក្ដៅណាស់។ក្មេងៗលេងនៅទីធ្លា។ រឿងនេះចប់ហើយ៕",
           ["ខ្ញុំទៅផ្សារ ហើយទិញត្រី។", "ឪពុកខ្ញុំនិយាយថា៖ ថ្ងៃនេះក្ដៅណាស់។", "ក្មេងៗលេងនៅទីធ្លា។", "រឿងនេះចប់ហើយ៕"]),
    # Myanmar: "။" ends a sentence; "၊" is a comma (Unicode lists it as a sentence terminator)
    "my": ("ကျွန်တော် ဈေးသို့ သွားခဲ့သည်။ ငါး ဝယ်ခဲ့သည်၊ ဟင်းသီးဟင်းရွက်လည်း ဝယ်ခဲ့သည်။ အိမ်သို့ ပြန်လာခဲ့သည်။",
           ["ကျွန်တော် ဈေးသို့ သွားခဲ့သည်။", "ငါး ဝယ်ခဲ့သည်၊ ဟင်းသီးဟင်းရွက်လည်း ဝယ်ခဲ့သည်။",
            "အိမ်သို့ ပြန်လာခဲ့သည်။"]),
    # Tibetan: the shad "།" ends a sentence (or a clause: a best effort), the nyis shad "༎" a
    # section; the tsheg "་" of every syllable (before a shad after "ང") ends nothing
    "bo": ("ང་ཚོང་ཁང་ལ་ཕྱིན་པ་ཡིན། ཉ་དང་ཚལ་ཉོས་པ་ཡིན། ཁྱིམ་ལ་ལོག་ནས་ཉལ་སོང་། "
           "ལེའུ་དང་པོ་རྫོགས་སོ༎ ལེའུ་གཉིས་པ་འདི་ནས་འགོ་ཚུགས།",
           ["ང་ཚོང་ཁང་ལ་ཕྱིན་པ་ཡིན།", "ཉ་དང་ཚལ་ཉོས་པ་ཡིན།", "ཁྱིམ་ལ་ལོག་ནས་ཉལ་སོང་།", "ལེའུ་དང་པོ་རྫོགས་སོ༎",
            "ལེའུ་གཉིས་པ་འདི་ནས་འགོ་ཚུགས།"]),
    # Lao: as Thai, a space between two words ends a sentence (a best effort), and so do "." "!" "?"
    # before a word; a title ("ປອ." doctor), a number, the repetition mark "ໆ" and the
    # abbreviation mark "ຯ" ("ຯລຯ" etc.) before a space end nothing
    "lo": ("ມື້ນີ້ອາກາດດີຫຼາຍ ພວກເຮົາໄປຕະຫຼາດນຳກັນ. ປອ. ສົມພອນຊື້ໝາກໄມ້ 5 ກິໂລ. "
           "ເດັກນ້ອຍໆ ມັກກິນເຂົ້າໜົມຯລຯ ຢູ່ຕະຫຼາດ. ເຈົ້າຈະໄປບໍ?",
           ["ມື້ນີ້ອາກາດດີຫຼາຍ", "ພວກເຮົາໄປຕະຫຼາດນຳກັນ.", "ປອ. ສົມພອນຊື້ໝາກໄມ້ 5 ກິໂລ.",
            "ເດັກນ້ອຍໆ ມັກກິນເຂົ້າໜົມຯລຯ ຢູ່ຕະຫຼາດ.", "ເຈົ້າຈະໄປບໍ?"]),
    # Ethiopic: "።" and "፧" end a sentence, the paragraph separator "፨" too (after "።" with a
    # space or none between, one cut); the comma "፣", the semicolon "፤", the word space "፡" and
    # "ዓ.ም." (the Ethiopian era) end nothing
    "am": ("ትናንት ወደ ገበያ ሄድኩ። ዓሣ፣ ሥጋና አትክልት ገዛሁ፤ ብዙ ገንዘብ አወጣሁ። ፨ ለምን ዘገየህ፧ "
           "ወንድሜ በ1996 ዓ.ም. ተወለደ።፨ ሰላም፡ለኪ፡ማርያም፨ቀጣዩ ክፍል።",
           ["ትናንት ወደ ገበያ ሄድኩ።", "ዓሣ፣ ሥጋና አትክልት ገዛሁ፤ ብዙ ገንዘብ አወጣሁ። ፨", "ለምን ዘገየህ፧",
            "ወንድሜ በ1996 ዓ.ም. ተወለደ።፨", "ሰላም፡ለኪ፡ማርያም፨", "ቀጣዩ ክፍል።"]),
}


@pytest.mark.parametrize("lang", sorted(GOLDEN))
def test_a_paragraph_of_each_script_is_split_at_its_full_stops_only(lang: str) -> None:
    text, expected = GOLDEN[lang]
    assert segment(text, lang) == expected


@pytest.mark.parametrize("lang", ["he", "en"])
def test_the_hebrew_sof_pasuq_ends_a_verse(lang: str) -> None:
    """A Hebrew Bible ends each verse with "׃" (no sentence terminator in Unicode), its only stop."""
    text = "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ׃ וְהָאָרֶץ הָיְתָה תֹהוּ וָבֹהוּ׃"
    first, second = text.split("׃ ")
    assert segment(text, lang) == [f"{first}׃", second]


def test_the_sinhala_kunddaliya_ends_a_sentence() -> None:
    assert segment("මම ගෙදර ගියෙමි෴ ඔහු ආවේය෴", "si") == ["මම ගෙදර ගියෙමි෴", "ඔහු ආවේය෴"]


@pytest.mark.parametrize("lang", ["dz", "en", "und"])
def test_tibetan_is_split_alike_in_dzongkha_and_in_a_language_of_capitals(lang: str) -> None:
    """Tibetan settles no language (Dzongkha is written in it too), and declared in a language
    whose rules start a sentence only at a capital it is split by the generic rules: as bo."""
    text, expected = GOLDEN["bo"]
    assert segment(text, lang) == expected


TIBETAN = {
    # a sentence ending in a completive particle ("ནོ", "སོ") takes two shads, the second one
    # before the next sentence; a verse line too: the cut is after both
    "double": ("ཐབས་ཡིན་ནོ། །ལེགས་སོ། །ཁོ་སོང་།", ["ཐབས་ཡིན་ནོ། །", "ལེགས་སོ། །", "ཁོ་སོང་།"]),
    "verse": ("བླ་མ་ལ་ཕྱག་འཚལ་ལོ། །སངས་རྒྱས་ལ་སྐྱབས་སུ་མཆིའོ། །",
              ["བླ་མ་ལ་ཕྱག་འཚལ་ལོ། །", "སངས་རྒྱས་ལ་སྐྱབས་སུ་མཆིའོ། །"]),
    # after a bare "ག" the shad stands after the space
    "after-ga": ("དགྲ་རྣམས་ཟློག །འཕྲིན་ལས་སྒྲུབ།", ["དགྲ་རྣམས་ཟློག །", "འཕྲིན་ལས་སྒྲུབ།"]),
    # a head mark opens the text: it is no sentence of its own
    "head-mark": ("༄༅། །ལེའུ་དང་པོ། ང་ཚོང་ཁང་ལ་ཕྱིན།", ["༄༅། །ལེའུ་དང་པོ།", "ང་ཚོང་ཁང་ལ་ཕྱིན།"]),
    # Tibetan digits and the space after a year end nothing; a shad ends a clause even with no space after it
    "numbers": ("ལོ་༡༩༥༩ ལོར་ཁོ་ཕེབས།ཁོང་བསྡད།", ["ལོ་༡༩༥༩ ལོར་ཁོ་ཕེབས།", "ཁོང་བསྡད།"]),
}


@pytest.mark.parametrize("case", sorted(TIBETAN))
def test_tibetan_shads(case: str) -> None:
    text, expected = TIBETAN[case]
    assert segment(text, "bo") == expected


@pytest.mark.parametrize("text, expected", [
    ("วันนี้อากาศดี พรุ่งนี้ฝนตก", ["วันนี้อากาศดี", "พรุ่งนี้ฝนตก"]),
    ("กรุงเทพฯ เป็นเมืองหลวงของประเทศไทย", ["กรุงเทพฯ เป็นเมืองหลวงของประเทศไทย"]),  # ฯ abbreviates
    ("เด็กๆ ชอบเล่นฟุตบอล", ["เด็กๆ ชอบเล่นฟุตบอล"]),  # ๆ repeats the word before it
    ("ปี ๒๕๖๗ มีฝนมาก", ["ปี ๒๕๖๗ มีฝนมาก"]),  # Thai digits, as Arabic ones ("ราคา 50 บาท")
], ids=["space", "abbreviation", "repetition", "digits"])
def test_thai_spaces_after_a_mark_or_beside_a_number_end_nothing(text: str, expected: list[str]) -> None:
    """Lao and Thai share the one rule of a space between words."""
    assert segment(text, "th") == expected


@pytest.mark.parametrize("lang", sorted(GOLDEN))
def test_cli_segments_each_script(tmp_path: Path, lang: str) -> None:
    """`bitext segment --lang km` and so on print the golden sentences, and so does a text whose
    script settles its language (Khmer, Myanmar, Lao) without --lang."""
    text, expected = GOLDEN[lang]
    src = tmp_path / f"{lang}.txt"
    src.write_text(f"{text}\n\n{text}\n", encoding="utf-8")
    want = "\n".join(expected) + "\n\n" + "\n".join(expected) + "\n"
    result = CliRunner().invoke(cli, ["segment", "--lang", lang, str(src)])
    assert result.exit_code == 0, result.output
    assert result.stdout == want
    if lang in ("km", "my", "lo"):
        assert CliRunner().invoke(cli, ["segment", str(src)]).stdout == want
