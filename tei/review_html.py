"""The review page and correction editor: one self-contained HTML file (inline CSS, JS, SVG; no
network), opened from disk or served by `bitext review --serve`.

The summary and the two plots are rendered here as HTML and inline SVG (they read without
JavaScript and print); the rows, the corrections and the live path plot are the work of
tei/review/review.js, from the bitext embedded as JSON, which keeps the file small and the page
fast for 10,000 links. The template, stylesheet and script live in tei/review/.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape
from importlib import resources

from corpora.languages import display_name
from corpora.model import Bitext, Link, link_ids
from corpora.version import __version__

from tei.decisions import document_hash
from tei.flags_markup import flag_label
from tei.header import edition_title
from tei.reviewers import REVIEWER_ID, reviewer_ids
from tei.writer import build_tei

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_PLOT = 300  # side of the plotting area in SVG units
_MARGIN = 34


def _asset(name: str) -> str:
    return (resources.files("tei") / "review" / name).read_text(encoding="utf-8")


def script_json(value: object) -> str:
    """JSON that is safe inside a `<script>` element: no `</script>`, `<!--` or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                      ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, safe)
    return text


def page_data(bitext: Bitext, file_label: str, serve: dict | None = None, saved: list | None = None) -> dict:
    """What the page script needs: the texts, the links with their flags and who made them, the
    document's ids a new link's id must avoid, the document identity; with `serve`, how to
    reach the editor's server (token, save address, output name) and the operations of the
    last save (`saved`) to start from."""
    reviewers = reviewer_ids(bitext.meta)  # the page shows every reviewer's links as checked by hand
    links = [
        [lid, list(link.src), list(link.tgt), round(link.score, 3),
         [[f.kind, flag_label(f.kind), f.reason] for f in link.flags], REVIEWER_ID if link.resp in reviewers else link.resp]
        for lid, link in zip(link_ids(bitext.links), bitext.links)
    ]
    extra = {"serve": serve, "saved": saved} if serve else {}
    lids = {lid for lid, *_ in links}  # the ids the editor makes are a link's id, a dot, ... (review.js freshId)
    taken = sorted({x for x in build_tei(bitext).xpath("//@xml:id")
                    if any(x[:k] in lids for k, c in enumerate(x) if c == ".")})
    return {
        "document": document_hash(bitext),
        "file": file_label,
        "srcLang": bitext.source.lang,
        "tgtLang": bitext.target.lang,
        "src": bitext.source.texts,
        "tgt": bitext.target.texts,
        "links": links,
        "taken": taken,  # the document's other ids that a link the editor makes could be given
        **extra,
    }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _table(caption: str, rows: list[tuple[str, str]], table_id: str, keys: tuple[str, ...] = ()) -> str:
    """A two-column table; cells with a key (in `keys`, by row) are updated live by the editor."""
    body = "".join(f'<tr><th scope="row">{escape(a)}</th><td class="n"'
                   f'{f" data-key={chr(34)}{keys[k]}{chr(34)}" if k < len(keys) and keys[k] else ""}>{escape(b)}</td></tr>'
                   for k, (a, b) in enumerate(rows))
    return f'<table id="{table_id}"><caption>{escape(caption)}</caption><tbody>{body}</tbody></table>'


def summary_html(bitext: Bitext) -> str:
    """Counts by link type and by flag, mean score, sentences and reviewed links."""
    links = bitext.links
    two_sided = [link.score for link in links if link.src and link.tgt]
    mean_all, mean_two = _mean([link.score for link in links]), _mean(two_sided)
    flagged = sum(1 for link in links if link.flags)
    facts = [
        ("Links", str(len(links))),
        ("Flagged links", f"{flagged} ({100 * flagged / len(links):.1f}%)" if links else "0"),
        ("Mean score (all links)", f"{mean_all:.3f}" if mean_all is not None else "–"),
        ("Mean score (both sides)", f"{mean_two:.3f}" if mean_two is not None else "–"),
        (f"Source sentences ({display_name(bitext.source.lang)})", str(len(bitext.source))),
        (f"Target sentences ({display_name(bitext.target.lang)})", str(len(bitext.target))),
        ("Links checked by hand", str(sum(1 for link in links if link.resp in reviewer_ids(bitext.meta)))),
    ]
    types = Counter(link.type for link in links)
    type_rows = [(t, str(n)) for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))]
    kinds = Counter(f.kind for link in links for f in link.flags)
    flag_rows = [(flag_label(k), str(n)) for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
    keys = ("links", "flagged", "mean-all", "mean-two", "", "", "hand")
    parts = [_table("Overview", facts, "overview", keys), _table("Links by type", type_rows, "types"),
             _table("Flags by kind", flag_rows or [("none", "0")], "flag-kinds")]
    return f'<div class="facts">{"".join(parts)}</div>'


def _svg(body: str, label: str) -> str:
    size = _PLOT + 2 * _MARGIN
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
            f'aria-label="{escape(label)}">{body}</svg>')


def path_svg(bitext: Bitext) -> str:
    """The alignment path as a polyline from (0, 0); flagged links as marked points."""
    n, m = max(len(bitext.source), 1), max(len(bitext.target), 1)
    sx, sy = _PLOT / n, _PLOT / m
    points = [f"{_MARGIN},{_MARGIN}"]
    marks = []
    i = j = 0
    for lid, link in zip(link_ids(bitext.links), bitext.links):
        i += len(link.src)
        j += len(link.tgt)
        x, y = _MARGIN + i * sx, _MARGIN + j * sy
        points.append(f"{x:.1f},{y:.1f}")
        if link.flags:
            title = escape(f"{lid}: {', '.join(dict.fromkeys(flag_label(f.kind) for f in link.flags))}")
            marks.append(f'<a href="#link-{escape(lid)}"><circle class="flagged" cx="{x:.1f}" cy="{y:.1f}" r="3">'
                         f"<title>{title}</title></circle></a>")
    end = _MARGIN + _PLOT
    axes = (f'<path class="axis" d="M{_MARGIN} {_MARGIN}H{end}M{_MARGIN} {_MARGIN}V{end}"/>'
            f'<text x="{_MARGIN}" y="{_MARGIN - 8}">source 0</text>'
            f'<text x="{end}" y="{_MARGIN - 8}" text-anchor="end">{len(bitext.source)}</text>'
            f'<text x="{_MARGIN - 4}" y="{end}" text-anchor="end">{len(bitext.target)}</text>'
            f'<text x="{_MARGIN - 20}" y="{_MARGIN + _PLOT / 2}" transform="rotate(-90 {_MARGIN - 20} '
            f'{_MARGIN + _PLOT / 2})" text-anchor="middle">target</text>')
    line = f'<polyline class="path" points="{" ".join(points)}"/>'
    label = (f"Alignment path over {len(bitext.source)} source and {len(bitext.target)} target sentences, "
             f"{len(marks)} flagged links marked")
    return _svg(axes + line + "".join(marks), label)


def histogram_svg(links: list[Link], bins: int = 20) -> str:
    """A histogram of the scores of the links with text on both sides."""
    counts = [0] * bins
    for link in links:
        if link.src and link.tgt:
            counts[min(int(link.score * bins), bins - 1)] += 1
    top = max(counts) or 1
    width = _PLOT / bins
    bars = []
    for b, c in enumerate(counts):
        h = _PLOT * c / top
        x, y = _MARGIN + b * width, _MARGIN + _PLOT - h
        lo, hi = b / bins, (b + 1) / bins
        bars.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{width - 1:.1f}" height="{h:.1f}">'
                    f"<title>{lo:.2f}–{hi:.2f}: {c} links</title></rect>")
    end = _MARGIN + _PLOT
    axes = (f'<path class="axis" d="M{_MARGIN} {end}H{end}M{_MARGIN} {_MARGIN}V{end}"/>'
            f'<text x="{_MARGIN}" y="{end + 14}" text-anchor="middle">0</text>'
            f'<text x="{_MARGIN + _PLOT / 2}" y="{end + 14}" text-anchor="middle">0.5</text>'
            f'<text x="{end}" y="{end + 14}" text-anchor="middle">1</text>'
            f'<text x="{_MARGIN + _PLOT / 2}" y="{end + 28}" text-anchor="middle">score</text>'
            f'<text x="{_MARGIN - 4}" y="{_MARGIN + 4}" text-anchor="end">{top}</text>'
            f'<text x="{_MARGIN - 4}" y="{end}" text-anchor="end">0</text>')
    label = f"Histogram of {sum(counts)} link scores in {bins} bins from 0 to 1; the tallest bin holds {top}"
    return _svg(axes + "".join(bars), label)


def review_html(bitext: Bitext, file_label: str = "", serve: dict | None = None, saved: list | None = None) -> str:
    """The whole page for a bitext (flags as they are on its links); see `page_data` for `serve`."""
    src_name, tgt_name = display_name(bitext.source.lang), display_name(bitext.target.lang)
    title = edition_title(bitext)
    subtitle = f"{file_label + ' · ' if file_label else ''}{len(bitext.links)} links · made with bitext {__version__}"
    values = {
        "version": escape(__version__),
        "title": escape(title),
        "subtitle": escape(subtitle),
        "css": _asset("review.css"),
        "js": _asset("review.js"),
        "summary": summary_html(bitext),
        "path_svg": path_svg(bitext),
        "hist_svg": histogram_svg(bitext.links),
        "src_lang": escape(bitext.source.lang),
        "tgt_lang": escape(bitext.target.lang),
        "src_name": escape(src_name),
        "tgt_name": escape(tgt_name),
        "data": script_json(page_data(bitext, file_label, serve, saved)),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("template.html"))
