"""Scoring signals of the model-free aligner, one module per signal.

length (Gale-Church), numbers (numbers, dates, roman numerals, punctuation), cognates (names
and cognates through a common Latin key), dictionary (a user's bilingual word list), learned
(word associations learned from the document pair), name keys (glossary entry ids); features
turns them into weighted per-sentence feature sets, overlap compares those sets in a band, and
combine weighs everything into one cost per bead.
"""
