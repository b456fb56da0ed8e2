"""Sentence-embedding alignment (Bertalign's algorithm) behind the optional `embeddings` extra.

Nothing here imports torch or sentence-transformers at import time: the encoder module loads
them on first use, so `import align` stays light.
"""
