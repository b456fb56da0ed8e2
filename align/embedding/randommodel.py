"""A sentence-transformers model with random weights, built locally: for tests and benchmarks.

It downloads nothing: a BERT of the given size with a letter-level WordPiece vocabulary, mean
pooling, saved as a sentence-transformers folder. Its embeddings mean nothing; it exercises the
real loading, encoding and caching code at a chosen cost per sentence.
"""

from __future__ import annotations

from pathlib import Path

LETTERS = "abcdefghijklmnopqrstuvwxyzäöüßéèàçâêîôûœëïùğışı0123456789"
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build_random_model(folder: Path, hidden: int = 32, layers: int = 1, max_tokens: int = 256, seed: int = 0) -> Path:
    """Save the model under `folder / "model"` (work files beside it) and return that path."""
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    try:
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers import models
    letters = "".join(dict.fromkeys(LETTERS))
    vocab = SPECIAL + list(letters + ".,;:!?'\"()-") + ["##" + c for c in letters]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=len(vocab), hidden_size=hidden, num_hidden_layers=layers,
                        num_attention_heads=max(2, hidden // 64), intermediate_size=4 * hidden,
                        max_position_embeddings=512)
    BertModel(config).save_pretrained(folder / "hf")
    BertTokenizerFast(str(folder / "vocab.txt"), do_lower_case=True).save_pretrained(folder / "hf")
    transformer = models.Transformer(str(folder / "hf"), max_seq_length=max_tokens)
    model = SentenceTransformer(modules=[transformer, models.Pooling(hidden, "mean")], device="cpu")
    model.save(str(folder / "model"))
    return folder / "model"
