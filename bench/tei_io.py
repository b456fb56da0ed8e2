"""TEI and TMX input/output speed on a synthetic bitext of N 1-1 links (default 20,000).

Writes the TEI, reads it back (checking the rewrite is byte-identical), exports TMX and reads it
back, and runs `bitext validate`'s checks (our schema + structural). Prints one line of timings.

    .venv/bin/python bench/tei_io.py [N]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

from corpora.model import Bitext, Document, Link  # noqa: E402
from tei.checks import file_problems  # noqa: E402
from tei.reader import read_tei  # noqa: E402
from corpora.formats.tmx import read_tmx  # noqa: E402
from tei.tmx import tmx_bytes  # noqa: E402
from tei.writer import tei_bytes  # noqa: E402


def synthetic(n: int) -> Bitext:
    """N sentences a side in paragraphs of ten, linked 1-1, with text that needs escaping."""
    src = Document.from_sentences("en", [[f"Sentence {i} & <more> text." for i in range(k, min(k + 10, n))]
                                         for k in range(0, n, 10)])
    tgt = Document.from_sentences("tr", [[f"Cümle {i} ve metin." for i in range(k, min(k + 10, n))]
                                         for k in range(0, n, 10)])
    return Bitext(src, tgt, [Link((i,), (i,), 0.5) for i in range(n)])


def timed(func, *args):
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    bitext = synthetic(n)
    data, t_write = timed(tei_bytes, bitext)
    back, t_read = timed(read_tei, data)
    again, t_rewrite = timed(tei_bytes, back)
    tmx, t_tmx = timed(lambda b: tmx_bytes(b)[0], back)
    units, t_tmx_read = timed(read_tmx, tmx)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.tei.xml"
        path.write_bytes(data)
        problems, t_check = timed(file_problems, path)
    print(f"{n} links, TEI {len(data) / 1e6:.1f} MB: write {t_write:.2f} s, read {t_read:.2f} s, "
          f"rewrite {t_rewrite:.2f} s (identical: {again == data}), TMX export {t_tmx:.2f} s, "
          f"TMX read {t_tmx_read:.2f} s ({len(units)} units), validate {t_check:.2f} s ({len(problems)} problems)")


if __name__ == "__main__":
    main()
