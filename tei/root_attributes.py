"""The attributes of the root `<TEI>`: an input's kept on the output's root.

An archive's file says things of itself on its root (`xml:id`, `n`, `type`, `version`,
`rend`), and the output keeps them on its own root: those of the source's file, then those of
the target's that the source's do not set (a different value the target's file gives is said
in a warning: one root holds one; but its `xml:id` goes on the `<biblFull>` made from its
fileDesc, see tei.header.adopt_header). Each text's language and the base of its relative
addresses (`xml:lang`, `xml:base`) are the exceptions: the output holds two texts, so each
`<text>` says them (bitext writes its language anyway), and so does each part kept from an
input's header and resources (tei.declarations), not the root. They travel in `Bitext.meta[META_KEY]` (JSON `[[name,
value], ...]`, Clark names), read back from a file bitext wrote as they are.
"""

from __future__ import annotations

import json
import logging

from lxml import etree

from tei.names import XML_BASE, XML_LANG, XML_NS

META_KEY = "tei_attributes"
_NOT_KEPT = (XML_LANG, XML_BASE)  # each text's language, base: on its <text> and the parts kept of its file

log = logging.getLogger("bitext")


def root_attributes(root: etree._Element, ours: bool) -> list[list[str]]:
    """The attributes of a `<TEI>` that are kept: of a file bitext wrote (`ours`) all, of an
    input's all but its language."""
    return [[name, value] for name, value in root.attrib.items() if ours or name not in _NOT_KEPT]


def kept_value(meta: dict[str, str], name: str) -> str | None:
    """The value of a root attribute a bitext's metadata keeps (None: it keeps none)."""
    return dict(json.loads(meta.get(META_KEY) or "[]")).get(name)


def add_attributes(meta: dict[str, str], attributes: list[list[str]], label: str) -> None:
    """Add an input's root attributes to a bitext's metadata, after those it has; one it has
    already with another value is not kept, and a warning says so."""
    kept = json.loads(meta.get(META_KEY) or "[]")
    have = dict(kept)
    for name, value in attributes:
        if name not in have:
            kept.append([name, value])
            have[name] = value
        elif have[name] != value:
            log.warning('%s: its <TEI> %s="%s" is not kept: the other input\'s sets it to "%s"', label,
                        _shown(name), value, have[name])
    if kept:
        meta[META_KEY] = json.dumps(kept, ensure_ascii=False)


def _shown(name: str) -> str:
    """An attribute's name as written (xml:id, n)."""
    qname = etree.QName(name)
    return f"xml:{qname.localname}" if qname.namespace == XML_NS else qname.localname


def set_attributes(root: etree._Element, kept: str | None) -> None:
    """Set the kept attributes on the output's `<TEI>`."""
    for name, value in json.loads(kept or "[]"):
        root.set(name, value)
