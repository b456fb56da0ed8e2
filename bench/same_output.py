"""Record the model-free aligner's outputs, or check that they are unchanged (for speed work).

Outputs are bead files with link scores (`--to beads --scores`) for the inputs bench/speed.py
builds (1k, 5k, 20k sentences per side, through the command line's pipeline) and for every
document of ../shared/eval, plus three variants that exercise the rarer code paths on
textberg-dev: paragraphs (paragraph costs), name keys (glossary-like keys per sentence) and a
dictionary.
A performance change must leave every file byte-identical.

`cli_outputs` adds what the command line writes around the aligner (for refactoring the
pipeline, the readers and the writers): TEI of plain-text inputs with headings and of TEI
inputs (segmented and `<p>`-only), with metadata, with `--check --apply` of the starter
glossary, realigning an aligned file, presplit beads, the exports (TMX, TSV) and a glossary
conversion, all with SOURCE_DATE_EPOCH fixed and the lexical aligner (the sample with the
default `--scorer auto`).

    .venv/bin/python bench/same_output.py record DIR   # with the code before the change
    .venv/bin/python bench/same_output.py check DIR    # after it: lists any file that differs

`--aligner hybrid` records and checks the hybrid's outputs instead (with use-m3, an embedding
cache of its own per run), for the same inputs but the command line's.

`--ids running` runs `bitext align` with running sentence ids (`en.s14`), the only ids before
issue 21: checking a recording made before it with `--ids running` shows that the new default
ids (`en.p3.s2`) are all that changed.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora.beadfile import format_beads  # noqa: E402

from align.evaluate import document_folders  # noqa: E402
from align.lexical import LexicalAligner  # noqa: E402
if (ROOT / "align" / "config.py").is_file():  # by file: an editable install may supply another checkout's
    from align.config import AlignConfig  # noqa: E402
else:  # a checkout from before issue 19, to record outputs at
    from align.options import AlignOptions as AlignConfig  # type: ignore[no-redef]  # noqa: E402
from bitext_cli.pipeline import Job, produce  # noqa: E402
from speed import EVAL, build_input  # noqa: E402 (bench/ is on sys.path when run as a script)

SIZES = [1000, 5000, 20000]
DICTIONARY = "haus\tmaison\nberg\tmontagne\ngipfel\tsommet\nhütte\tcabane\nweg\tchemin\n"


def outputs(tmp: Path, ids: str | None = None, aligner: str = "lexical") -> dict[str, bytes]:
    """Every recorded output, by name."""
    out: dict[str, bytes] = {}
    for size in SIZES:
        src, tgt = build_input(size, tmp)
        config = AlignConfig(aligner=aligner, cache_dir=str(tmp / "cache") if aligner != "lexical" else None)
        job = Job(str(src), str(tgt), "de", "fr", presplit=True,
                  **({"config": config} if "config" in Job.__dataclass_fields__ else {"options": config}))
        out[f"speed{size}"] = produce(job, "beads", scores=True)[1]
    for folder in document_folders(EVAL):
        src_lines = (folder / "src.txt").read_text("utf-8").splitlines()
        tgt_lines = (folder / "tgt.txt").read_text("utf-8").splitlines()
        name = str(folder.relative_to(EVAL)).replace("/", "_")
        out[name] = _beads(src_lines, tgt_lines, aligner=aligner, cache=tmp / "cache")
        if aligner != "lexical":
            continue
        if folder.parent.name == "textberg-dev" or folder.name == "textberg-dev":
            out[name + "_paragraphs"] = _beads(src_lines, tgt_lines, par=([i // 7 for i in range(len(src_lines))],
                                                                          [j // 7 for j in range(len(tgt_lines))]))
            keys = ([frozenset(w for w in s.split() if len(w) > 9) for s in src_lines],
                    [frozenset(w for w in t.split() if len(w) > 9) for t in tgt_lines])
            out[name + "_name_keys"] = _beads(src_lines, tgt_lines, name_keys=keys)
            (tmp / "dict.tsv").write_text(DICTIONARY, "utf-8")
            out[name + "_dictionary"] = _beads(src_lines, tgt_lines, dictionary=str(tmp / "dict.tsv"))
    if aligner == "lexical":
        out.update(cli_outputs(tmp, ids))
    return out


def cli_outputs(tmp: Path, ids: str | None = None) -> dict[str, bytes]:
    """Files the command line writes for small inputs, by name (see the module docstring)."""
    import os

    from click.testing import CliRunner

    from bitext_cli.main import cli

    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    sample = ROOT / "corpora" / "samples" / "juhis-908368"
    wmt = sorted(p for p in (EVAL / "wmt21-ru-en").iterdir() if p.is_dir())[:3]
    ru = "\n\n".join(f"# {d.name}\n\n" + "\n".join((d / "src.txt").read_text("utf-8").splitlines()) for d in wmt)
    en = "\n\n".join(f"# {d.name}\n\n" + "\n".join((d / "tgt.txt").read_text("utf-8").splitlines()) for d in wmt)
    (tmp / "ru.txt").write_text(ru + "\n", "utf-8")
    (tmp / "en.txt").write_text(en + "\n", "utf-8")
    runs = {
        "cli_sample.tei.xml": ["align", str(sample / "en.txt"), str(sample / "tr.txt"), "-s", "en", "-t", "tr",
                               "--meta", str(sample / "meta.json")],
        "cli_headings.tei.xml": ["align", "--scorer", "lexical", "ru.txt", "en.txt", "-t", "en"],
        "cli_glossary.tei.xml": ["align", "--scorer", "lexical", "ru.txt", "en.txt", "-t", "en", "--check",
                                 "--apply"],
        "cli_presplit.beads": ["align", "--scorer", "lexical", "ru.txt", "en.txt", "-t", "en", "--presplit", "--to",
                               "beads", "--scores"],
        "cli_realign.tei.xml": ["align", "--scorer", "lexical", "cli_glossary.tei.xml", "cli_glossary.tei.xml",
                                "-s", "ru", "-t", "en"],
        "cli_tei_input.tei.xml": ["align", "--scorer", "lexical", str(ROOT / "tests/data/tei/letter.en.xml"),
                                  str(ROOT / "tests/data/tei/letter.ru.p.xml"), "-s", "en", "-t", "ru"],
        "cli_export.tmx": ["export", "cli_glossary.tei.xml", "--to", "tmx"],
        "cli_export.tsv": ["export", "cli_glossary.tei.xml", "--to", "tsv", "--regularized"],
        "cli_glossary.tbx": ["glossary", "convert", str(ROOT / "glossary/data/starter.tsv"), "--to", "tbx"],
    }
    out: dict[str, bytes] = {}
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        for name, args in runs.items():
            extra = ["--ids", ids] if ids and args[0] == "align" else []
            result = CliRunner().invoke(cli, ["-q", *args, *extra, "-o", name])
            if result.exit_code:
                raise SystemExit(f"{name}: {result.output}{result.exception!r}")
            out[name] = (tmp / name).read_bytes()
    finally:
        os.chdir(cwd)
    return out


def _beads(src, tgt, par=(None, None), name_keys=None, dictionary=None, aligner: str = "lexical",
           cache: Path | None = None) -> bytes:
    # name keys by position: older checkouts (to record at) call the parameter `anchors`
    if aligner == "hybrid":
        from align.embedding.hybrid import HybridAligner

        links = HybridAligner(cache_dir=cache).align(src, tgt, AlignConfig(aligner="hybrid"))
    else:
        links = LexicalAligner().align(src, tgt, AlignConfig(dictionary=dictionary), par[0], par[1], name_keys)
    return format_beads(links, True).encode("utf-8")


def _file(name: str) -> str:
    return name if name.startswith("cli_") else f"{name}.beads"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["record", "check"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--ids", choices=["paragraph", "running"], help="sentence ids of `bitext align` runs")
    parser.add_argument("--aligner", choices=["lexical", "hybrid"], default="lexical")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        got = outputs(Path(tmp), args.ids, args.aligner)
    if args.mode == "record":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, data in got.items():
            (args.folder / _file(name)).write_bytes(data)
        print(f"recorded {len(got)} outputs in {args.folder}")
        return
    bad = []
    for name, data in got.items():
        ref = args.folder / _file(name)
        if not ref.exists() or ref.read_bytes() != data:
            bad.append(name)
            print(f"DIFFERS: {name} ({hashlib.sha1(data).hexdigest()[:10]})")
    print(f"{len(got) - len(bad)} of {len(got)} outputs identical")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
