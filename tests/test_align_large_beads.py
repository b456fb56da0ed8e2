"""Beads of more than 5 sentences are reachable when the user raises --max-align (issue 22, item 4).

A ballad whose stanzas of short English sentences are rendered in German as one or two long
sentences: the translation units are 6-8-sentence beads. Before the fix, each sentence beyond 5
cost another prior_4 (10.8), so the aligner cut every stanza into a 4-1 bead and omissions.
"""

from __future__ import annotations

import pytest

from align.lexical import LexicalAligner
from align.config import AlignConfig
from align.scorers.combine import Weights

# (English sentences, German sentences) per stanza: names and years spread over the stanza
STANZAS = [
    (["The river Danube ran grey past Vienna.", "Marta stood at the bridge of Linz.", "It was the winter of 1910.",
      "The boat from Passau was late.", "She waited there till dark."],
     ["Im Winter 1910 stand Marta an der Brücke von Linz, während die Donau grau an Wien vorbeizog, und "
      "wartete bis zur Dunkelheit auf das verspätete Schiff aus Passau."]),
    (["Her brother Karl had left for Trieste.", "He wrote to her from Zagreb once.", "That was in 1911.",
      "Then the letters stopped.", "Nothing more came to Krems.", "Marta kept the one from Zagreb."],
     ["Ihr Bruder Karl, der nach Triest gegangen war, schrieb ihr 1911 einmal aus Zagreb; danach kamen keine "
      "Briefe mehr nach Krems, und Marta bewahrte den einen aus Zagreb auf."]),
    (["Spring came to Graz.", "The cherries of Melk flowered white.", "Salzburg rang its bells in 1912.",
      "Still Karl did not write."],
     ["Karl schrieb kein Wort, obwohl 1912 in Salzburg die Glocken läuteten,", "in Melk die Kirschen weiß blühten",
      "und der Frühling nach Graz kam."]),  # turned round: no cut inside keeps its matches together
    (["A stranger walked up from Dürnstein.", "It was the autumn of 1913.", "He brought a coat from Ragusa.",
      "He brought a letter too.", "Marta read it at her window in Linz."],
     ["Im Herbst 1913 kam ein Fremder von Dürnstein herauf und brachte einen Mantel aus Ragusa und einen Brief, "
      "den Marta in Linz am Fenster las."]),
]


def _gold() -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out, i, j = [], 0, 0
    for src, tgt in STANZAS:
        out.append((tuple(range(i, i + len(src))), tuple(range(j, j + len(tgt)))))
        i, j = i + len(src), j + len(tgt)
    return out


def _align(max_align: int, weights: Weights = Weights()) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    src = [s for stanza, _ in STANZAS for s in stanza]
    tgt = [t for _, stanza in STANZAS for t in stanza]
    links = LexicalAligner(weights=weights).align(src, tgt, AlignConfig(max_align=max_align, src_lang="en",
                                                                          tgt_lang="de"))
    return [(link.src, link.tgt) for link in links]


def test_stanzas_translated_as_one_sentence_become_large_beads() -> None:
    assert _align(8) == _gold()  # 5-1, 6-1, 4-3 and 5-1 beads


def test_the_old_prior_made_them_unreachable() -> None:
    from dataclasses import replace

    old = replace(Weights(), prior_step=Weights().prior_4)  # (a + b - 5) * prior_4, as before
    assert max(len(s) + len(t) for s, t in _align(8, old)) <= 5


@pytest.mark.parametrize("shape", [(1, 1), (1, 2), (2, 2), (1, 3), (2, 3), (1, 4)])
def test_beads_up_to_five_sentences_keep_their_priors(shape: tuple[int, int]) -> None:
    w = Weights()
    larger = (shape[0] + 1, shape[1] + 1)
    assert w.prior(*shape) < w.prior(*larger)
    assert w.prior(*shape) == w.prior(*shape[::-1])
    assert w.prior(2, 4) == w.prior_4 + w.prior_step and w.prior(4, 4) == w.prior_4 + 3 * w.prior_step
