"""Make corpora/iso639.txt, the ISO 639 codes bitext takes as a language tag's language
(corpora/languages.py), from two public tables:

- SIL International's ISO 639-3 code table, `iso-639-3.tab` (iso639-3.sil.org, code tables
  download; the copy python-iso639 2026.7.23 ships, Apache-2.0): every current ISO 639-3 code,
  its ISO 639-2 B and T forms (ger, deu) and its ISO 639-1 code (de), with reference names;
  the forms of one language are kept together, so "deu" and "ger" name what "de" names.
  SIL's terms of use let the code set be incorporated into software, the source credited
  (iso639-3.sil.org) and the codes unmodified: the table keeps them as they are.
- The IANA Language Subtag Registry (BCP 47's registry of subtags; the copy langcodes 3.5.1
  ships, MIT): the ISO 639-2 collective codes, which ISO 639-3 leaves out (sla, bh), and the
  codes deprecated or retired that a language tag may still carry (iw, in, mo, and retired
  ISO 639-3 codes), so no code that named a language before is refused; a deprecated code
  whose preferred value is an ISO 639-1 code (iw: he) names that code's language; and the
  registry's Macrolanguage field, for the individual languages of a macrolanguage with an
  ISO 639-1 code (cmn, yue: zh; nb, nn: no), which get that macrolanguage's behaviour.

Usage: python tools/iso639_table.py iso-639-3.tab language-subtag-registry.txt > corpora/iso639.txt
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path


Same = dict[str, list[str]]


def sil_codes(path: Path) -> tuple[dict[str, str], set[str], Same, str]:
    """2-letter codes with their names, 3-letter codes, the other codes of each 2-letter code's
    language (de: deu, ger), and the table's description."""
    two: dict[str, str] = {}
    three: set[str] = set()
    same: Same = {}
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        three.update(code for code in (row["Id"], row["Part2b"], row["Part2t"]) if code)
        if row["Part1"]:
            two[row["Part1"]] = row["Ref_Name"]
            same.setdefault(row["Part1"], []).extend(
                code for code in (row["Id"], row["Part2b"], row["Part2t"]) if code and code != row["Part1"])
    return two, three, same, f"{path.name}, {len(lines) - 1} codes"


def registry_codes(path: Path) -> tuple[dict[str, str], set[str], Same, Same, str]:
    """The registry's language subtags (ranges such as qaa..qtz left to the code), the deprecated
    ones whose preferred value is a 2-letter code (he: iw), the individual languages of each
    2-letter macrolanguage (zh: cmn, yue), and the registry's date."""
    two: dict[str, str] = {}
    three: set[str] = set()
    same: Same = {}
    members: Same = {}
    text = path.read_text(encoding="utf-8")
    date = text.splitlines()[0].removeprefix("File-Date: ").strip()
    for record in text.split("\n%%\n"):
        fields: dict[str, str] = {}
        for line in record.splitlines():
            if ":" in line and not line.startswith(" "):
                key, _, value = line.partition(":")
                fields.setdefault(key, value.strip())
        subtag = fields.get("Subtag", "")
        if fields.get("Type") != "language" or ".." in subtag:
            continue
        if len(fields.get("Preferred-Value", "")) == 2:
            same.setdefault(fields["Preferred-Value"], []).append(subtag)
        if len(fields.get("Macrolanguage", "")) == 2:
            members.setdefault(fields["Macrolanguage"], []).append(subtag)
        if len(subtag) == 2:
            two[subtag] = fields.get("Description", "")
        else:
            three.add(subtag)
    return two, three, same, members, f"IANA Language Subtag Registry, File-Date {date}"


def table(sil: Path, registry: Path) -> str:
    """The text of corpora/iso639.txt."""
    two, three, same, said_sil = sil_codes(sil)
    more_two, more_three, more_same, members, said_iana = registry_codes(registry)
    for code, name in more_two.items():
        two.setdefault(code, name)
    three |= more_three
    for code, others in more_same.items():
        same.setdefault(code, []).extend(others)
    head = [
        "# ISO 639 codes bitext takes as a language tag's language (corpora/languages.py); made by",
        "# tools/iso639_table.py, do not edit. ISO 639-3 codes with their ISO 639-1 and 639-2 B/T forms:",
        f"# source iso639-3.sil.org (SIL International; {said_sil}). ISO 639-2's collective codes and",
        "# deprecated or retired codes a language tag may still carry: from the",
        f"# {said_iana}.",
        f"[two] {len(two)} codes: code, name",
    ]
    body = [f"{code}\t{name}" for code, name in sorted(two.items())]
    tail = [f"[three] {len(three)} codes", *textwrap.wrap(" ".join(sorted(three)), 99)]
    alike = [f"[same] {len(same)} languages: ISO 639-1 code, the other codes naming its language",
             *(" ".join([code, *sorted(set(others))]) for code, others in sorted(same.items()))]
    macro = [f"[macro] {len(members)} macrolanguages: ISO 639-1 code, its individual languages",
             *(" ".join([code, *sorted(set(codes))]) for code, codes in sorted(members.items()))]
    return "\n".join(head + body + tail + alike + macro) + "\n"


if __name__ == "__main__":
    sys.stdout.write(table(Path(sys.argv[1]), Path(sys.argv[2])))
