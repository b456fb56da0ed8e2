/* bitext review page: builds the rows from the embedded JSON, filters, keyboard navigation,
   and collects the translator's decisions (the page never changes the alignment itself). */
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("bitext-data").textContent);
  const links = data.links.map(([id, s, t, score, flags]) => ({ id, s, t, score, flags }));
  const rowsEl = document.getElementById("rows");
  const statusEl = document.getElementById("status");
  const decisions = new Map();          // link index -> decision object
  const rows = new Array(links.length); // link index -> row element
  const flagged = [];                   // indices of flagged links
  const ACTION_TEXT = { accept: "Accepted", reject: "Rejected: sentences become omissions",
                        merge: "Merged with the next link", split: "Split" };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function scoreColour(score) {
    const hue = Math.round(120 * Math.max(0, Math.min(1, score)));
    return "hsl(" + hue + ", 70%, 82%)";
  }

  function cell(cls) {
    const c = el("div", cls);
    c.setAttribute("role", "cell");
    return c;
  }

  function sentences(c, texts, idx, lang) {
    c.lang = lang;
    if (!idx.length) { c.appendChild(el("p", "s none", "(nothing on this side)")); return c; }
    for (const i of idx) c.appendChild(el("p", "s", texts[i]));
    return c;
  }

  function button(text, action, label) {
    const b = el("button", "", text);
    b.type = "button";
    b.dataset.action = action;
    b.setAttribute("aria-label", label);
    b.setAttribute("aria-pressed", "false");
    return b;
  }

  function buildRow(k) {
    const link = links[k];
    const tr = el("div", "row " + (link.flags.length ? "flagged" : "plain"));
    tr.setAttribute("role", "row");
    tr.id = "link-" + link.id;
    tr.tabIndex = -1;
    tr.dataset.k = k;
    const idCell = cell("id");
    idCell.textContent = link.id;
    idCell.appendChild(el("span", "type", link.s.length + "-" + link.t.length));
    tr.appendChild(idCell);
    tr.appendChild(sentences(cell(), data.src, link.s, data.srcLang));
    tr.appendChild(sentences(cell(), data.tgt, link.t, data.tgtLang));
    const sc = cell();
    const badge = el("span", "score", link.score.toFixed(2));
    badge.style.background = scoreColour(link.score);
    badge.title = "score " + link.score.toFixed(3);
    sc.appendChild(badge);
    tr.appendChild(sc);
    const fl = cell();
    for (const [kind, label, reason] of link.flags) {
      const p = el("p", "flag");
      const b = el("span", "badge badge-" + kind, label);
      p.appendChild(b);
      p.appendChild(el("span", "reason", reason));
      fl.appendChild(p);
    }
    tr.appendChild(fl);
    const act = cell("actions-cell no-print");
    const box = el("div", "actions");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Decision for link " + link.id);
    box.appendChild(button("Accept", "accept", "Accept link " + link.id));
    box.appendChild(button("Reject", "reject", "Reject link " + link.id));
    const merge = button("Merge ↓", "merge", "Merge link " + link.id + " with the next link");
    merge.disabled = k === links.length - 1;
    box.appendChild(merge);
    if (link.s.length > 1 || link.t.length > 1) {
      box.appendChild(button("Split…", "split-form", "Split link " + link.id + " in two"));
    }
    act.appendChild(box);
    act.appendChild(el("span", "decision"));
    tr.appendChild(act);
    return tr;
  }

  // Rows are built in chunks: the first screenful at once, the rest in the background, so a
  // 10,000-link page shows and answers at once; anything that needs a later row builds up to it.
  let built = 0;
  const FIRST = 150, CHUNK = 400;

  function buildUpTo(n) {
    n = Math.min(n, links.length);
    if (n <= built) return;
    const frag = document.createDocumentFragment();
    for (; built < n; built++) {
      rows[built] = buildRow(built);
      frag.appendChild(rows[built]);
    }
    rowsEl.appendChild(frag);
  }

  function render() {
    const t0 = performance.now();
    links.forEach((link, k) => { if (link.flags.length) flagged.push(k); });
    document.getElementById("flagged-count").textContent = flagged.length;
    buildUpTo(FIRST);
    window.bitextReview.firstRowsMs = performance.now() - t0;
    window.bitextReview.firstRowsAt = performance.now();  // since navigation started
    const more = () => {
      buildUpTo(built + CHUNK);
      if (built < links.length) { setTimeout(more, 0); return; }
      window.bitextReview.renderMs = performance.now() - t0;
      window.bitextReview.readyAt = performance.now();
      window.bitextReview.ready = true;
      document.body.classList.add("ready");
    };
    more();
  }

  function say(text) { statusEl.textContent = text; }

  function showDecision(k) {
    const tr = rows[k];
    const d = decisions.get(k);
    tr.classList.remove("decided", "d-accept", "d-reject", "d-merge", "d-split");
    tr.querySelectorAll("button[data-action]").forEach(b => b.setAttribute("aria-pressed",
      String(!!d && (b.dataset.action === d.action || (b.dataset.action === "split-form" && d.action === "split")))));
    let text = "";
    if (d) {
      tr.classList.add("decided", "d-" + d.action);
      text = ACTION_TEXT[d.action];
      if (d.action === "split") text += " after " + d.source + " source and " + d.target + " target sentence(s)";
    }
    tr.querySelector(".decision").textContent = text;
    if (k + 1 < links.length) {
      buildUpTo(k + 2);
      rows[k + 1].classList.toggle("merged-in", !!d && d.action === "merge");
    }
    document.getElementById("decision-count").textContent = decisions.size;
  }

  function decide(k, d) {
    const prev = decisions.get(k - 1), next = decisions.get(k + 1);
    if (d && d.action !== "merge" && prev && prev.action === "merge") {
      say("Link " + links[k].id + " is merged into the previous link; undo that merge first."); return false;
    }
    if (d && d.action === "merge" && next && next.action !== "merge") {
      say("The next link already has a decision (" + next.action + "); undo it before merging."); return false;
    }
    if (d) decisions.set(k, d); else decisions.delete(k);
    showDecision(k);
    say(d ? "Link " + links[k].id + ": " + ACTION_TEXT[d.action].toLowerCase() + "."
          : "Link " + links[k].id + ": decision undone.");
    return true;
  }

  function splitForm(k) {
    const tr = rows[k];
    let form = tr.querySelector(".split-form");
    if (form) { form.remove(); return; }
    const link = links[k];
    form = el("div", "split-form");
    const mk = (n, label) => {
      const lab = el("label", "", label + " ");
      const sel = el("select");
      for (let i = 0; i <= n; i++) sel.appendChild(new Option(String(i), String(i)));
      sel.value = String(Math.min(1, n));
      lab.appendChild(sel);
      form.appendChild(lab);
      return sel;
    };
    form.appendChild(el("span", "", "First part:"));
    const a = mk(link.s.length, "source"), b = mk(link.t.length, "target");
    const ok = button("Split", "split", "Apply the split of link " + link.id);
    ok.addEventListener("click", ev => {
      ev.stopPropagation();
      const x = +a.value, y = +b.value;
      if ((x === 0 && y === 0) || (x === link.s.length && y === link.t.length)) {
        say("Both parts of a split need at least one sentence."); return;
      }
      if (decide(k, { link: link.id, action: "split", source: x, target: y })) form.remove();
    });
    form.appendChild(ok);
    tr.querySelector(".actions-cell").appendChild(form);
    a.focus();
  }

  function act(k, action) {
    if (action === "split-form") { splitForm(k); return; }
    const cur = decisions.get(k);
    if (cur && cur.action === action) { decide(k, null); return; }  // pressing again undoes
    if (action === "merge" && k === links.length - 1) return;
    decide(k, { link: links[k].id, action: action });
  }

  function visible(k) { return !document.body.classList.contains("only-flagged") || links[k].flags.length > 0; }

  function focusRow(k) {
    buildUpTo(k + 1);
    const tr = rows[k];
    lastK = k;
    tr.focus({ preventScroll: true });
    tr.scrollIntoView({ block: "center" });
    const n = flagged.indexOf(k);
    say("Link " + links[k].id + (n >= 0 ? " — flagged link " + (n + 1) + " of " + flagged.length : "") + ".");
  }

  let lastK = -1;  // the link last moved to or worked on, so the toolbar buttons continue from it

  function current() {
    const tr = document.activeElement && document.activeElement.closest && document.activeElement.closest("[data-k]");
    return tr ? +tr.dataset.k : lastK;
  }

  function step(dir) {
    if (!flagged.length) { say("No flagged links."); return; }
    const k = current();
    let target;
    if (dir > 0) target = flagged.find(f => f > k);
    else target = [...flagged].reverse().find(f => f < k && k >= 0);
    if (target === undefined) target = dir > 0 ? flagged[0] : flagged[flagged.length - 1];
    focusRow(target);
  }

  function payload() {
    const list = [...decisions.keys()].sort((x, y) => x - y).map(k => decisions.get(k));
    return { format: "bitext-review-decisions", version: 1, document: data.document, file: data.file, decisions: list };
  }

  function download() {
    const blob = new Blob([JSON.stringify(payload(), null, 1) + "\n"], { type: "application/json" });
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = (data.file || "alignment").replace(/\.(xml|tei)$/i, "") + ".decisions.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    say("Downloaded " + decisions.size + " decision(s) as " + a.download + ".");
  }

  window.bitextReview = { decisions: payload, renderMs: 0, firstRowsMs: 0, ready: false };
  render();

  rowsEl.addEventListener("click", ev => {
    const b = ev.target.closest("button[data-action]");
    const tr = ev.target.closest("[data-k]");
    if (tr) lastK = +tr.dataset.k;
    if (!b || b.dataset.action === "split") return;
    act(+tr.dataset.k, b.dataset.action);
  });
  const byId = new Map(links.map((link, k) => ["link-" + link.id, k]));
  document.addEventListener("click", ev => {  // flagged points of the path plot lead to their rows
    const a = ev.target.closest && ev.target.closest("a[href^='#link-']");
    if (!a || !byId.has(a.getAttribute("href").slice(1))) return;
    ev.preventDefault();
    focusRow(byId.get(a.getAttribute("href").slice(1)));
  });
  document.getElementById("only-flagged").addEventListener("change", ev => {
    document.body.classList.toggle("only-flagged", ev.target.checked);
    say(ev.target.checked ? "Showing the " + flagged.length + " flagged links." : "Showing all " + links.length + " links.");
  });
  document.getElementById("next-flag").addEventListener("click", () => step(1));
  document.getElementById("prev-flag").addEventListener("click", () => step(-1));
  document.getElementById("download").addEventListener("click", download);
  document.addEventListener("keydown", ev => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName)) return;
    const k = current();
    const keys = { j: () => step(1), n: () => step(1), k: () => step(-1), p: () => step(-1) };
    if (k >= 0 && visible(k)) {
      Object.assign(keys, { a: () => act(k, "accept"), x: () => act(k, "reject"), m: () => act(k, "merge"),
                            u: () => decide(k, null) });
    }
    if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
  });
})();
