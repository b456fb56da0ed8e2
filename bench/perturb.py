"""Held-out-like check: two code versions on freshly perturbed copies of the clean sets.

The copies (bench/perturbed_sets.py: variants pert, rev, merge3, swap, short, free, and merge6 when
named) are built from the CLEAN sets (bible-en-ru, wmt21-ru-en) with new seeds, so their F1 tells
about data the fitted weights never saw.

The data goes to --out (a temp folder, never the repository: eval text must not be committed).
Each code version (--base REV, exported with `git archive`, and this checkout, or --head REV)
aligns it in its own subprocess, importing its own `align` (LexicalAligner via
align.evaluate.align_folder, --max-align (default: the aligner's own, as on the command line;
--base-max-align / --head-max-align set one version's), the variant's languages). Prints strict F1 per variant,
corpus and seed for both, mean and spread, and flags where the head is worse than the base.
--base-weights / --head-weights (JSON, inline or a file; e.g. the `weights` line of
bench/fit_weights.py) run a version with other bead-cost weights (fields of its
align.scorers.combine.Weights; `classes` entries override single classes), so two weight sets of
the same code can be compared (--base HEAD). --base-dictionaries / --head-dictionaries (a folder
of dictd dictionaries, e.g. /usr/share/dictd with FreeDict's eng-rus) align with `--dictionary`,
each set with the file whose name gives its pair either way round. --base-scorer / --head-scorer
(default lexical) align with another aligner: `hybrid` or `embedding` with the bundled use-m3
encoder (vectors through the default embedding cache), `auto` as the command line decides; a
"fused" entry in the weights JSON sets the hybrid's embedding-term weights
(align.embedding.fused.FusedWeights).

    .venv/bin/python bench/perturb.py [--seeds 5] [--rate 0.18] [--out /tmp/perturb] [--base eaafbcf] [--write]
        [--base-weights JSON] [--head-weights JSON] [--base-dictionaries DIR] [--head-dictionaries DIR]
        [--variants pert,swap] [--max-align 8] [--base-scorer lexical] [--head-scorer hybrid]
        [--base-max-align 5] [--head-max-align 6]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from perturbed_sets import CORPORA, EXTRA_VARIANTS, VARIANTS, generate

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Held-out-like check (self-perturbed clean sets)"


def export(rev: str, out: Path) -> Path:
    """A clean copy of the repository at `rev` (git archive), reused if already there."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", rev], check=True, capture_output=True,
                         text=True).stdout.strip()
    dest = out / f"code-{sha[:12]}"
    if not (dest / "align").is_dir():
        data = subprocess.run(["git", "-C", str(ROOT), "archive", sha], check=True, capture_output=True).stdout
        dest.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(dest)
    return dest


def weights_for(overrides: dict) -> dict:
    """The AlignConfig fields (`weights`, `fused`) of other weights (worker side): the fitted
    lexical Weights with these overrides (`classes` entries override single classes), and a
    "fused" entry as the hybrid's FusedWeights."""
    from dataclasses import replace

    from align.scorers.combine import Weights

    default = Weights()
    overrides = dict(overrides)
    fused = overrides.pop("fused", None)
    classes = dict(default.classes, **overrides.get("classes", {}))
    out: dict = {"weights": replace(default, **dict(overrides, classes=classes))}
    if fused is not None:
        from align.embedding.fused import FusedWeights

        out["fused"] = FusedWeights(**fused)
    return out


def legacy_weights(fields: dict) -> None:
    """Other weights for a checkout from before align.config (issue 19), whose aligners could
    not be given them: put in its registry's instance cache up front."""
    from align import registry
    from align.lexical import LexicalAligner

    registry._INSTANCES[("lexical", ())] = LexicalAligner(weights=fields["weights"])
    if registry.get_aligner("lexical").weights != fields["weights"]:
        raise SystemExit("could not set the weights (align.registry changed?)")
    if "fused" in fields:
        from align.embedding.hybrid import HybridAligner

        registry._INSTANCES[("hybrid", ())] = HybridAligner(weights=fields["fused"],
                                                            lexical=LexicalAligner(weights=fields["weights"]))


def dictionary_for(folder: Path, langs: list[str]) -> str:
    """The dictd dictionary in `folder` whose file name gives the pair either way round."""
    from align.scorers.dictd import languages, orientation

    for path in sorted(folder.glob("*.index")):
        if languages(path) and orientation(path, *langs) is not None:
            return str(path)
    raise SystemExit(f"no {'-'.join(langs)} dictd dictionary in {folder}")


def worker(checkout: Path, data: Path, weights: str | None, dictionaries: Path | None = None,
           scorer: str = "lexical", max_align: int | None = None) -> None:
    """Subprocess side: import `checkout`'s aligner and print strict/lax counts per set as JSON."""
    sys.path.insert(0, str(checkout))
    import align
    from align.evaluate import Counts, align_folder, count_hits, document_folders
    from corpora.beadfile import read_beads

    if Path(align.__file__).resolve().parent.parent != checkout.resolve():
        raise SystemExit(f"imported {align.__file__}, not {checkout}")
    fields = weights_for(json.loads(weights)) if weights else {}
    # by file, not by import: an editable install of another checkout would supply align.config
    if (checkout / "align" / "config.py").is_file():
        from align.config import AlignConfig as Config
    else:  # a checkout from before issue 19
        from align.options import AlignOptions as Config  # type: ignore[no-redef]
        if fields:
            legacy_weights(fields)
            fields = {}
    manifest = json.loads((data / "manifest.json").read_text("utf-8"))
    result = {}
    t = time.perf_counter()
    for rel, info in manifest.items():
        extra = {"dictionary": dictionary_for(dictionaries, info["langs"])} if dictionaries else {}
        if scorer != "lexical":
            extra["model"] = "use-m3"
        limit = max_align or info.get("max_align")
        if limit:  # else the aligner's default
            extra["max_align"] = limit
        options = Config(aligner=scorer, src_lang=info["langs"][0], tgt_lang=info["langs"][1], **extra, **fields)
        total = Counts()
        for folder in document_folders(data / rel):
            total = total + count_hits(align_folder(folder, options), read_beads(folder / "gold.txt"))
        result[rel] = total.astuple()
    print(json.dumps({"counts": result, "seconds": time.perf_counter() - t}))


def read_weights(text: str | None) -> str | None:
    """A --*-weights value (inline JSON or a file holding it) as a JSON string."""
    if not text:
        return None
    return json.dumps(json.loads(Path(text).read_text("utf-8") if Path(text).is_file() else text))


def run_version(checkout: Path, data: Path, weights: str | None = None, dictionaries: Path | None = None,
                scorer: str = "lexical", max_align: int | None = None) -> dict:
    """Run the worker for one checkout (with other weights, dictionaries, aligner or --max-align,
    if given) in its own interpreter."""
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(checkout),
                           "--out", str(data.parent), "--worker-scorer", scorer]
                          + (["--worker-max-align", str(max_align)] if max_align else [])
                          + (["--worker-weights", weights] if weights else [])
                          + (["--worker-dictionaries", str(dictionaries.resolve())] if dictionaries else []),
                          capture_output=True, text=True, cwd=checkout)
    if proc.returncode:
        raise SystemExit(f"worker for {checkout} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def f_strict(counts: list[int]) -> float:
    """Strict F1 from a worker's Counts tuple, scored by this checkout's align.evaluate."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from align.evaluate import Counts, metrics

    return metrics(Counts(*counts))["F_strict"]


TIE = 0.0005  # F1 differences below this (invisible at 3 decimals) count as ties, not losses


def report(manifest: dict, base: dict, head: dict, seeds: list[int], labels: tuple[str, str]) -> list[str]:
    """Markdown table: per seed base -> head (up to 6 seeds), means, spread of the difference, flags."""
    per_seed = len(seeds) <= 6
    lines = ["| variant | corpus | pair | non-1-1 | " + "".join(f"seed {s} | " for s in seeds if per_seed)
             + f"mean {labels[0]} | mean {labels[1]} | mean diff | min / max diff | sd diff | head worse |",
             "|---|---|---|---|" + "---|" * (len(seeds) if per_seed else 0) + "---|---|---|---|---|---|"]
    for variant in dict.fromkeys(info["variant"] for info in manifest.values()):
        for corpus in CORPORA:
            rels = [f"{variant}/{corpus}/seed{s}" for s in seeds]
            fb = [f_strict(base["counts"][r]) for r in rels]
            fh = [f_strict(head["counts"][r]) for r in rels]
            diff = [h - b for b, h in zip(fb, fh)]
            cells = "".join(f"{b:.3f} → {h:.3f} | " if d > -TIE else f"{b:.3f} → **{h:.3f}** | "
                            for b, h, d in zip(fb, fh, diff)) if per_seed else ""
            mean_d = statistics.mean(diff)
            flag = f"{sum(d <= -TIE for d in diff)}/{len(seeds)} seeds" + (" **worse on average**" if mean_d <= -TIE else "")
            non11 = statistics.mean(manifest[r]["non11"] for r in rels)
            sd = statistics.stdev(diff) if len(diff) > 1 else 0.0
            lines.append(f"| {variant} | {corpus} | {'-'.join(manifest[rels[0]]['langs'])} | {non11:.2f} | {cells}"
                         f"{statistics.mean(fb):.3f} | {statistics.mean(fh):.3f} | {mean_d:+.3f} | "
                         f"{min(diff):+.3f} / {max(diff):+.3f} | {sd:.3f} | {flag} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="how many seeds (first-seed, first-seed + 1, ...)")
    parser.add_argument("--first-seed", type=int, default=1001)
    parser.add_argument("--rate", type=float, default=0.18, help="chance per bead of a merge or drop")
    parser.add_argument("--out", type=Path, default=Path("/tmp/perturb"), help="temp folder (not in the repo)")
    parser.add_argument("--base", default="eaafbcf", help="git revision to compare against")
    parser.add_argument("--head", default=None, help="git revision to test (default: this checkout as it is)")
    parser.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    parser.add_argument("--base-weights", help="JSON (or a file): other weights for the base version")
    parser.add_argument("--head-weights", help="JSON (or a file): other weights for the head version")
    parser.add_argument("--base-dictionaries", type=Path, help="folder of dictd dictionaries for the base version")
    parser.add_argument("--head-dictionaries", type=Path, help="folder of dictd dictionaries for the head version")
    parser.add_argument("--variants", default=",".join(VARIANTS),
                        help=f"comma-separated variants to run (default: {','.join(VARIANTS)}; "
                             f"also {','.join(EXTRA_VARIANTS)})")
    parser.add_argument("--max-align", type=int, default=None,
                        help="--max-align of both versions (default: each aligner's, as the command line)")
    parser.add_argument("--base-max-align", type=int, help="--max-align of the base version (default: --max-align)")
    parser.add_argument("--head-max-align", type=int, help="--max-align of the head version (default: --max-align)")
    parser.add_argument("--base-scorer", default="lexical", help="aligner of the base version (hybrid: use-m3)")
    parser.add_argument("--head-scorer", default="lexical", help="aligner of the head version (hybrid: use-m3)")
    parser.add_argument("--worker", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--worker-scorer", default="lexical", help=argparse.SUPPRESS)
    parser.add_argument("--worker-weights", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--worker-dictionaries", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--worker-max-align", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.out / "data", args.worker_weights, args.worker_dictionaries, args.worker_scorer,
               args.worker_max_align)
        return
    out = args.out.resolve()
    if out == ROOT or ROOT in out.parents:
        raise SystemExit("--out must be outside the repository (the data is derived from eval text)")
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))
    variants = args.variants.split(",")
    unknown = set(variants) - VARIANTS.keys() - EXTRA_VARIANTS.keys()
    if unknown:
        raise SystemExit(f"unknown variant(s) {', '.join(sorted(unknown))}; choose from {', '.join(VARIANTS)}")
    manifest = generate(out, seeds, args.rate, variants, args.max_align)
    base_dir = export(args.base, out)
    head_dir = export(args.head, out) if args.head else ROOT
    base = run_version(base_dir, out / "data", read_weights(args.base_weights), args.base_dictionaries,
                       args.base_scorer, args.base_max_align)
    head = run_version(head_dir, out / "data", read_weights(args.head_weights), args.head_dictionaries,
                       args.head_scorer, args.head_max_align)
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.head or "HEAD"],
                         capture_output=True, text=True).stdout.strip()
    dirty = not args.head and subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "align", "corpora",
                                              "glossary"], capture_output=True, text=True).stdout.strip()
    labels = (args.base + (" (other weights)" if args.base_weights else "")
              + (" (with dictionaries)" if args.base_dictionaries else "")
              + (f" {args.base_scorer}" if args.base_scorer != "lexical" else "")
              + (f" max-align {args.base_max_align}" if args.base_max_align else ""),
              (args.head or f"{rev}{' + uncommitted changes' if dirty else ''}")
              + (" (other weights)" if args.head_weights else "")
              + (" (with dictionaries)" if args.head_dictionaries else "")
              + (f" {args.head_scorer}" if args.head_scorer != "lexical" else "")
              + (f" max-align {args.head_max_align}" if args.head_max_align else ""))
    table = report(manifest, base, head, seeds, labels)
    cmd = (f".venv/bin/python bench/perturb.py --seeds {args.seeds} --first-seed {args.first_seed} "
           f"--rate {args.rate} --base {args.base}" + (f" --head {args.head}" if args.head else "")
           + (f" --variants {args.variants}" if variants != list(VARIANTS) else "")
           + (f" --max-align {args.max_align}" if args.max_align else "")
           + "".join(f" --{side}-max-align {value}" for side, value in
                     (("base", args.base_max_align), ("head", args.head_max_align)) if value)
           + (" --base-weights …" if args.base_weights else "") + (" --head-weights …" if args.head_weights else "")
           + "".join(f" --{side}-dictionaries {folder}" for side, folder in
                     (("base", args.base_dictionaries), ("head", args.head_dictionaries)) if folder)
           + "".join(f" --{side}-scorer {name}" for side, name in
                     (("base", args.base_scorer), ("head", args.head_scorer)) if name != "lexical"))
    text = "\n".join([SECTION, "",
                      f"`{cmd}`: strict F1 of {labels[0]} → {labels[1]} (bold: head worse by {TIE} or more) on fresh perturbations "
                      "of the clean bible-en-ru (4 books, 390 verses) and wmt21-ru-en (15 docs, 176 sentences) "
                      f"sets, never seen by the fitted weights; per bead a merge or drop with chance {args.rate} "
                      "(merges 2:1 over drops); `rev` swaps source and target, `merge3` merges 3 segments, "
                      "`swap` turns two adjacent segments of one side round in a third of the events (gold 2-2), "
                      "`short` cuts the documents into pieces of 10-39 segments first, `free` re-splits one side of "
                      "2-3 pairs elsewhere in a third of the events (gold 2-2, 2-3, 3-2 with crossing content). "
                      f"Aligning took {base['seconds']:.1f} s (base) and {head['seconds']:.1f} s (head).", "",
                      *table]) + "\n"
    print(text)
    if args.write:
        sys.path.insert(0, str(ROOT / "bench"))
        from sections import write_section

        write_section(SECTION, text)


if __name__ == "__main__":
    main()
