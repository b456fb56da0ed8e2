/* bitext correction editor. The alignment is a list of links; every correction is one step that
   replaces a run of consecutive links by new ones holding the same sentences (or, for a text
   edit, sets the text of sentences). Steps form the decisions log (format version 2, see
   tei/operations.py), which is kept in localStorage under the document's hash, undone and
   redone, downloaded, or saved through `bitext review --serve`. The list is virtual: only the
   rows on screen (and a margin) are in the page, at their place among spacers sized from
   measured or estimated row heights, so 10,000 links cost what 50 do (a page holding every row
   took 150-280 ms per frame at 10,000 links; see BENCHMARKS.md). */
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("bitext-data").textContent);
  const SIDES = ["source", "target"];
  const SHORT = { source: "s", target: "t" };
  const LANG = { source: data.srcLang, target: data.tgtLang };
  const ORIGINAL = { source: data.src, target: data.tgt };
  const texts = { source: data.src.slice(), target: data.tgt.slice() };  // with corrections
  const rowsEl = document.getElementById("rows");
  const statusEl = document.getElementById("status");
  const STORE_KEY = "bitext-review:" + data.document;
  const api = window.bitextReview = { ready: false, firstRowsMs: 0 };

  function makeLink(id, s, t, score, flags, human) {  // h: measured row height, est: estimated
    return { id: id, s: s, t: t, score: score, flags: flags, human: human, row: null, h: 0, est: 0 };
  }
  const links = data.links.map(([id, s, t, score, flags, resp]) => makeLink(id, s, t, score, flags, resp === "human"));
  const usedIds = new Set(links.map(l => l.id).concat(data.taken));  // every xml:id a new link's may meet
  const log = [], redoStack = [];
  let cur = null, side = "source", savedHash = hashLog([]), storageOk = true;

  // ---------- small helpers ----------
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function say(text) { statusEl.textContent = text; }
  function sideOf(link, sd) { return sd === "source" ? link.s : link.t; }
  function other(sd) { return sd === "source" ? "target" : "source"; }
  function same(a, b) { return a.length === b.length && a.every((x, i) => x === b[i]); }
  function oneLine(text) { return text.split(/\s+/).filter(Boolean).join(" "); }  // as tei/operations.py
  function isOmission(link) { return !link.s.length !== !link.t.length; }
  function freshId(base) {
    let n = 1;
    while (usedIds.has(base + "." + n)) n++;
    usedIds.add(base + "." + n);
    return base + "." + n;
  }
  function hashLog(recs) {  // FNV-1a over the serialized log: is what we have what was saved?
    const text = JSON.stringify(recs);
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return text.length + ":" + h;
  }
  function scoreColour(score) {
    return "hsl(" + Math.round(120 * Math.max(0, Math.min(1, score))) + ", 70%, 82%)";
  }

  // ---------- rows ----------
  function sentencesCell(link, sd) {
    const c = el("div", "side " + SHORT[sd]);
    c.setAttribute("role", "gridcell");
    c.dataset.side = sd;
    c.lang = LANG[sd];
    const idx = sideOf(link, sd);
    if (!idx.length) { c.appendChild(el("p", "s none", "(no counterpart)")); return c; }
    for (const i of idx) {
      const p = el("p", "s");
      p.dataset.pos = i;
      p.appendChild(el("span", "num", String(i + 1)));
      p.appendChild(document.createTextNode(" " + texts[sd][i]));
      if (texts[sd][i] !== ORIGINAL[sd][i]) {
        p.classList.add("corrected");
        p.title = "Corrected by hand; the text as published: " + ORIGINAL[sd][i];
      }
      c.appendChild(p);
    }
    return c;
  }

  function fillRow(row, link) {
    row.textContent = "";
    row.className = "row" + (link.flags.length ? " flagged" : " plain") + (link.human ? " human" : "") +
      (link === cur ? " current" : "");
    row.id = "link-" + link.id;
    const idCell = el("div", "id", link.id);
    idCell.setAttribute("role", "rowheader");
    idCell.appendChild(el("span", "type", link.s.length + "-" + link.t.length));
    if (link.human) idCell.appendChild(el("span", "checked", "by hand"));
    row.appendChild(idCell);
    row.appendChild(sentencesCell(link, "source"));
    row.appendChild(sentencesCell(link, "target"));
    const sc = el("div", "sc");
    sc.setAttribute("role", "gridcell");
    const badge = el("span", "score", link.score.toFixed(2));
    badge.style.background = scoreColour(link.score);
    badge.title = "score " + link.score.toFixed(3);
    sc.appendChild(badge);
    row.appendChild(sc);
    const fl = el("div", "fl");
    fl.setAttribute("role", "gridcell");
    for (const [kind, label, reason] of link.flags) {
      const p = el("p", "flag");
      p.appendChild(el("span", "badge badge-" + kind, label));
      p.appendChild(el("span", "reason", reason));
      fl.appendChild(p);
    }
    row.appendChild(fl);
    if (link === cur) { row.appendChild(tools); markSide(row); }
  }

  function buildRow(link) {
    const row = el("div", "row");
    row.setAttribute("role", "row");
    row.tabIndex = -1;
    row._link = link;
    link.row = row;
    fillRow(row, link);
    return row;
  }

  // ---------- the virtual list ----------
  const topPad = el("div", "pad"), bottomPad = el("div", "pad");
  topPad.setAttribute("aria-hidden", "true");
  bottomPad.setAttribute("aria-hidden", "true");
  rowsEl.append(topPad, bottomPad);
  let view = links;      // the links listed: all, or the flagged ones and the current one
  let tops = null;       // tops[k]: where view[k] starts in the list (px); tops[view.length]: the height
  let shown = [];        // the links whose rows are in the page, in order
  let printing = false;  // print every row
  const MARGIN = 800;    // px of rows kept beyond the screen, above and below

  function estimate(link) {  // a row's height before it was ever on screen
    let lines = 1;
    for (const sd of SIDES) {
      let n = 0;
      for (const i of sideOf(link, sd)) n += Math.ceil((texts[sd][i].length + 6) / 50);
      lines = Math.max(lines, n);
    }
    return 16 + 21 * lines;
  }
  function heightOf(link) { return link.h || link.est || (link.est = estimate(link)); }

  function layoutList() {  // after the links, the filter or heights changed
    view = onlyFlagged ? links.filter(l => l.flags.length || l === cur) : links;
    tops = new Float64Array(view.length + 1);
    for (let k = 0; k < view.length; k++) tops[k + 1] = tops[k] + heightOf(view[k]);
  }
  function indexAt(y) {  // the view index of the row at y px into the list
    let lo = 0, hi = Math.max(0, view.length - 1);
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (tops[mid] <= y) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function listTop() { return rowsEl.getBoundingClientRect().top + window.scrollY; }

  // Put the rows of the screen (and MARGIN around it) in the page; rows that stay are not touched.
  function render() {
    if (!tops) layoutList();
    const y = window.scrollY - listTop();
    const a = printing ? 0 : indexAt(Math.max(0, y - MARGIN));
    const b = printing ? view.length : Math.min(view.length, indexAt(Math.max(0, y + window.innerHeight + MARGIN)) + 1);
    const want = view.slice(a, b);
    const keep = new Set(want);
    for (const link of shown) if (!keep.has(link) && link.row) { link.row.remove(); link.row = null; }
    let prev = topPad;
    for (const link of want) {
      if (!link.row) buildRow(link);
      if (prev.nextSibling !== link.row) prev.after(link.row);
      prev = link.row;
    }
    shown = want;
    let changed = false;
    for (const link of want) {
      const h = link.row.offsetHeight;
      if (h && h !== link.h) { link.h = h; changed = true; }
    }
    if (changed) layoutList();
    topPad.style.height = tops[a] + "px";
    bottomPad.style.height = (tops[view.length] - tops[b]) + "px";
    if (cur && cur.row && document.activeElement === document.body) cur.row.focus({ preventScroll: true });
  }
  let renderPending = false;
  function scheduleRender() {
    if (renderPending) return;
    renderPending = true;
    requestAnimationFrame(() => { renderPending = false; render(); });
  }

  // Replace links[at .. at+count) by `inserted`; returns the removed links.
  function splice(at, count, inserted) {
    const removed = links.splice(at, count, ...inserted);
    for (const link of removed) { if (link.row) { link.row.remove(); link.row = null; } }
    tops = null;
    return removed;
  }

  function refresh(link) { link.h = link.est = 0; tops = null; if (link.row) fillRow(link.row, link); }

  // ---------- the row tools (one set, shown in the current row) ----------
  const TOOLS = [
    ["side", "\u21c4 Other side", "Work on the other side (\u2190 source, \u2192 target)"],
    ["moveUp", "\u2912 First to previous", "Move the first sentence of this side to the previous link (Shift+\u2191)"],
    ["moveDown", "\u2913 Last to next", "Move the last sentence of this side to the next link (Shift+\u2193)"],
    ["omitLast", "Omission", "Insert an omission: the last sentence of this side has no counterpart (o; first: O)"],
    ["pairNext", "Pair omission", "Remove an omission: pair it with the next sentence of the other side (d; previous: D)"],
    ["mergePrev", "Merge \u2191", "Merge with the previous link (M)"],
    ["mergeNext", "Merge \u2193", "Merge with the next link (m)"],
    ["split", "Split\u2026", "Split the link in two (s)"],
    ["edit", "Edit text\u2026", "Edit the text of this side (e)"],
    ["accept", "Accept", "Accept the link as right (a)"],
    ["reject", "Reject", "Reject the link: its sentences become omissions (x)"],
  ];
  const tools = el("div", "tools no-print");
  tools.setAttribute("role", "group");
  const sideLabel = el("span", "side-label");
  tools.appendChild(sideLabel);
  for (const [cmd, label, title] of TOOLS) {
    const b = el("button", "", label);
    b.type = "button";
    b.dataset.cmd = cmd;
    b.title = title;
    b.tabIndex = -1;
    tools.appendChild(b);
  }

  function markSide(row) {
    row.querySelectorAll(".side").forEach(c => c.classList.toggle("on", c.dataset.side === side));
    sideLabel.textContent = "Working on the " + side + " side:";
    tools.setAttribute("aria-label", "Corrections of link " + (cur ? cur.id : "") + ", " + side + " side");
  }

  // ---------- focus and navigation ----------
  function index(link) { return link ? links.indexOf(link) : -1; }
  let onlyFlagged = false;

  function scrollToLink(link, block) {  // bring a link's row on screen, then render there
    const k = view.indexOf(link);
    if (k < 0) return;
    const y = listTop() + tops[k], h = heightOf(link);
    const head = document.querySelector(".toolbar").offsetHeight + 16;
    if (block === "center") window.scrollTo(0, y + h / 2 - window.innerHeight / 2);
    else if (y - window.scrollY < head) window.scrollTo(0, y - head);
    else if (y + h - window.scrollY > window.innerHeight - 16) window.scrollTo(0, y + h - window.innerHeight + 16);
  }

  function setCurrent(link, scroll) {  // scroll: false (stay), "nearest" (default) or "center"
    const old = cur;
    cur = link;
    if (old && old.row) {
      old.row.classList.remove("current");
      old.row.querySelectorAll(".side.on").forEach(c => c.classList.remove("on"));
      if (tools.parentNode === old.row) tools.remove();
    }
    if (old) old.h = 0;  // its height changes without the tools
    if (!link) return;
    link.h = 0;
    if (link.row) {
      link.row.classList.add("current");
      link.row.appendChild(tools);
      markSide(link.row);
    }
    tops = null;
    if (scroll !== false) { layoutList(); scrollToLink(link, scroll || "nearest"); }
    render();
    if (!link.row) return;
    if (scroll !== false) link.row.scrollIntoView({ block: scroll === "center" ? "center" : "nearest" });
    link.row.focus({ preventScroll: true });
    schedulePlot();
  }

  function describe(link) {
    const k = index(link);
    const flags = link.flags.length ? " — flagged: " + link.flags.map(f => f[1]).join(", ") : "";
    return "Link " + link.id + " (" + (k + 1) + " of " + links.length + ", " + link.s.length + "-" + link.t.length +
      (link.human ? ", by hand" : "") + ")" + flags + ".";
  }

  function firstInView() {
    if (!tops) layoutList();
    const head = document.querySelector(".toolbar").getBoundingClientRect().bottom;
    return view[indexAt(Math.max(0, head + window.scrollY - listTop()))] || links[0];
  }

  function go(delta) {
    if (!links.length) return;
    if (!cur) { setCurrent(firstInView()); say(describe(cur)); return; }
    if (!tops) layoutList();
    const k = view.indexOf(cur) + delta;
    if (k < 0 || k >= view.length) { say(delta > 0 ? "This is the last link." : "This is the first link."); return; }
    setCurrent(view[k]);
    say(describe(cur));
  }

  function goFlag(delta) {
    const k0 = cur ? index(cur) : (delta > 0 ? -1 : links.length);
    const n = links.length;
    for (let step = 1; step <= n; step++) {
      const k = ((k0 + delta * step) % n + n) % n;
      if (links[k].flags.length) { setCurrent(links[k]); say(describe(cur)); return; }
    }
    say("No flagged links.");
  }

  function goTo(k) { if (links.length) { setCurrent(links[Math.max(0, Math.min(links.length - 1, k))]); say(describe(cur)); } }

  function setSide(sd) {
    side = sd;
    if (cur && cur.row) markSide(cur.row);
    say("Working on the " + sd + " side" + (cur ? " of link " + cur.id : "") + ".");
  }

  // ---------- steps ----------
  function linkStep(op, at, count, into, extra) {
    const old = links.slice(at, at + count);
    const inserted = into.map(sp => {
      const was = old.find(o => o.id === sp.id && same(o.s, sp.s) && same(o.t, sp.t));
      if (was && op !== "accept") return was;  // untouched by this step: kept as it is
      return makeLink(sp.id, sp.s, sp.t, was ? was.score : 1, [], true);
    });
    const rec = Object.assign({ op: op }, extra || {}, {
      links: old.map(l => l.id), into: inserted.map(l => ({ id: l.id, source: l.s, target: l.t })) });
    return { rec: rec, at: at, count: count, inserted: inserted, removed: null };
  }

  function run(step) {  // do a step (new, redone or restored)
    if (step.rec.op === "edit") {
      step.before = {};
      for (const pos of Object.keys(step.rec.texts)) {
        step.before[pos] = texts[step.rec.side][pos];
        texts[step.rec.side][pos] = step.rec.texts[pos];
      }
      refreshHolders(step.rec.side, Object.keys(step.rec.texts));
    } else {
      step.removed = splice(step.at, step.count, step.inserted);
    }
  }

  function unrun(step) {
    if (step.rec.op === "edit") {
      for (const pos of Object.keys(step.before)) texts[step.rec.side][pos] = step.before[pos];
      refreshHolders(step.rec.side, Object.keys(step.before));
    } else {
      splice(step.at, step.inserted.length, step.removed);
    }
  }

  function refreshHolders(sd, positions) {
    const wanted = new Set(positions.map(Number));
    for (const link of links) if (sideOf(link, sd).some(i => wanted.has(i))) refresh(link);
  }

  function commit(step, focus, message) {
    const t0 = performance.now();
    run(step);
    log.push(step);
    redoStack.length = 0;
    changed(focus);
    say(message);
    api.lastStepMs = performance.now() - t0;
  }

  function undo() {
    closeForms();
    const step = log.pop();
    if (!step) { say("Nothing to undo."); return; }
    unrun(step);
    redoStack.push(step);
    changed(step.removed ? step.removed[0] : cur);
    say("Undone: " + stepText(step.rec) + ".");
  }

  function redo() {
    closeForms();
    const step = redoStack.pop();
    if (!step) { say("Nothing to redo."); return; }
    run(step);
    log.push(step);
    changed(step.inserted ? step.inserted[0] : cur);
    say("Redone: " + stepText(step.rec) + ".");
  }

  function stepText(rec) {
    const words = { move: "move", omission: "omission inserted", pair: "omission removed", merge: "merge",
                    split: "split", accept: "accept", reject: "reject", edit: "text edit" };
    return words[rec.op] + (rec.links ? " of " + rec.links.join(", ") : " of " + rec.side + " sentence(s) " +
      Object.keys(rec.texts).map(p => +p + 1).join(", "));
  }

  function changed(focus) {
    if (focus && links.indexOf(focus) < 0) focus = null;
    setCurrent(focus || cur && links.indexOf(cur) >= 0 && cur || links[0]);
    store();
    updateCounts();
    summaryDue = true;
    schedulePlot();
  }

  // The corrections. Each checks what it needs and says why when it cannot act.
  function need(cond, message) { if (!cond) say(message); return cond; }

  function moveUp() {
    const k = index(cur), mine = sideOf(cur, side);
    if (!need(k > 0, "The first link has no previous link.") ||
        !need(mine.length, "Link " + cur.id + " has no " + side + " sentence to move.")) return;
    const prev = links[k - 1], moved = mine[0];
    const a = { id: prev.id, s: prev.s.slice(), t: prev.t.slice() };
    const b = { id: cur.id, s: cur.s.slice(), t: cur.t.slice() };
    sideOf(a, side).push(sideOf(b, side).shift());
    const into = b.s.length || b.t.length ? [a, b] : [a];
    const step = linkStep("move", k - 1, 2, into, { side: side, to: "previous" });
    commit(step, step.inserted[into.length - 1],
      side + " sentence " + (moved + 1) + " moved to link " + prev.id + ".");
  }

  function moveDown() {
    const k = index(cur), mine = sideOf(cur, side);
    if (!need(k < links.length - 1, "The last link has no next link.") ||
        !need(mine.length, "Link " + cur.id + " has no " + side + " sentence to move.")) return;
    const next = links[k + 1], moved = mine[mine.length - 1];
    const a = { id: cur.id, s: cur.s.slice(), t: cur.t.slice() };
    const b = { id: next.id, s: next.s.slice(), t: next.t.slice() };
    sideOf(b, side).unshift(sideOf(a, side).pop());
    const into = a.s.length || a.t.length ? [a, b] : [b];
    const step = linkStep("move", k, 2, into, { side: side, to: "next" });
    commit(step, step.inserted[0], side + " sentence " + (moved + 1) + " moved to link " + next.id + ".");
  }

  function omit(last) {
    const k = index(cur), mine = sideOf(cur, side);
    if (!need(mine.length, "Link " + cur.id + " has no " + side + " sentence.") ||
        !need(mine.length > 1 || sideOf(cur, other(side)).length, "Link " + cur.id + " is already an omission.")) return;
    const rest = { id: cur.id, s: cur.s.slice(), t: cur.t.slice() };
    const lone = { id: freshId(cur.id), s: [], t: [] };
    sideOf(lone, side).push(last ? sideOf(rest, side).pop() : sideOf(rest, side).shift());
    const step = linkStep("omission", k, 1, last ? [rest, lone] : [lone, rest], { side: side });
    commit(step, step.inserted[last ? 0 : 1], side + " sentence " + (sideOf(lone, side)[0] + 1) +
      " now has no counterpart (link " + lone.id + ").");
  }

  function pair(forward) {
    const k = index(cur);
    if (!need(isOmission(cur), "Link " + cur.id + " is not an omission; " +
        "use d/D on a link with sentences on one side only.")) return;
    const missing = cur.s.length ? "target" : "source";
    let m = k + (forward ? 1 : -1);
    while (m >= 0 && m < links.length && !sideOf(links[m], missing).length) m += forward ? 1 : -1;
    if (!need(m >= 0 && m < links.length, "There is no " + (forward ? "later" : "earlier") + " " + missing +
        " sentence to pair link " + cur.id + " with.")) return;
    const lo = Math.min(k, m), hi = Math.max(k, m);
    const into = links.slice(lo, hi + 1).map(l => ({ id: l.id, s: l.s.slice(), t: l.t.slice() }));
    const mine = into[k - lo], donor = into[m - lo];
    const moved = forward ? sideOf(donor, missing).shift() : sideOf(donor, missing).pop();
    sideOf(mine, missing).push(moved);
    const kept = into.filter(l => l.s.length || l.t.length);
    const step = linkStep("pair", lo, hi - lo + 1, kept, { side: missing, to: forward ? "next" : "previous" });
    commit(step, step.inserted[kept.indexOf(mine)], "Link " + cur.id + " now pairs with " + missing + " sentence " +
      (moved + 1) + ".");
  }

  function merge(forward) {
    const k = index(cur), j = forward ? k + 1 : k - 1;
    if (!need(j >= 0 && j < links.length, forward ? "The last link has no next link." : "The first link has no previous link.")) return;
    const a = links[Math.min(k, j)], b = links[Math.max(k, j)];
    const step = linkStep("merge", Math.min(k, j), 2, [{ id: a.id, s: a.s.concat(b.s), t: a.t.concat(b.t) }],
      { to: forward ? "next" : "previous" });
    commit(step, step.inserted[0], "Links " + a.id + " and " + b.id + " merged.");
  }

  function accept() {
    if (!need(!cur.human, "Link " + cur.id + " is already checked by hand.")) return;
    const k = index(cur);
    const step = linkStep("accept", k, 1, [{ id: cur.id, s: cur.s, t: cur.t }]);
    commit(step, step.inserted[0], "Link " + cur.id + " accepted.");
  }

  function reject() {
    if (!need(cur.s.length && cur.t.length, "Link " + cur.id + " has sentences on one side only; nothing to reject.")) return;
    const k = index(cur);
    const into = cur.s.map(i => ({ id: null, s: [i], t: [] })).concat(cur.t.map(j => ({ id: null, s: [], t: [j] })));
    into.forEach(l => { l.id = freshId(cur.id); });
    const step = linkStep("reject", k, 1, into);
    commit(step, step.inserted[0], "Link " + cur.id + " rejected: its " + into.length + " sentences are omissions.");
  }

  function split(a, b) {
    const k = index(cur);
    const first = { id: freshId(cur.id), s: cur.s.slice(0, a), t: cur.t.slice(0, b) };
    const second = { id: freshId(cur.id), s: cur.s.slice(a), t: cur.t.slice(b) };
    const step = linkStep("split", k, 1, [first, second], { source: a, target: b });
    commit(step, step.inserted[0], "Link " + cur.id + " split into " + first.id + " and " + second.id + ".");
  }

  function edit(changes) {
    const rec = { op: "edit", side: side, texts: changes };
    commit({ rec: rec }, cur, "Text of " + side + " sentence(s) " + Object.keys(changes).map(p => +p + 1).join(", ") +
      " corrected.");
  }

  // ---------- forms: split and edit ----------
  function closeForms() {
    document.querySelectorAll(".form").forEach(f => f.remove());
  }

  function formEnd(form, okText, submit) {  // the OK and Cancel buttons of a form in the current row
    const ok = el("button", "primary", okText);
    ok.type = "submit";
    form.appendChild(ok);
    const cancel = el("button", "", "Cancel (Esc)");
    cancel.type = "button";
    cancel.addEventListener("click", () => { closeForms(); setCurrent(cur, false); });
    form.appendChild(cancel);
    form.addEventListener("submit", ev => { ev.preventDefault(); submit(); });
  }

  function splitForm() {
    closeForms();
    if (!need(cur.s.length + cur.t.length > 1, "Link " + cur.id + " has one sentence; nothing to split.")) return;
    const form = el("form", "form split-form");
    form.appendChild(el("span", "", "The first part takes the first "));
    const pick = (n, label, start) => {
      const lab = el("label", "", "");
      const sel = el("select");
      for (let i = 0; i <= n; i++) sel.appendChild(new Option(String(i), String(i)));
      sel.value = String(start);
      lab.appendChild(sel);
      lab.appendChild(document.createTextNode(" " + label));
      form.appendChild(lab);
      return sel;
    };
    // By default the first part is one sentence of each side (of one side, for a 1-1 link).
    const one = [Math.min(1, cur.s.length), Math.min(1, cur.t.length)];
    if (one[0] === cur.s.length && one[1] === cur.t.length) one[cur.s.length ? 1 : 0] = 0;
    const a = pick(cur.s.length, "source and", one[0]);
    const b = pick(cur.t.length, "target sentences.", one[1]);
    formEnd(form, "Split", () => {
      const x = +a.value, y = +b.value;
      if ((x === 0 && y === 0) || (x === cur.s.length && y === cur.t.length)) {
        say("Both parts of a split need at least one sentence."); return;
      }
      closeForms();
      split(x, y);
    });
    cur.row.appendChild(form);
    a.focus();
    say("Split link " + cur.id + ": choose how many sentences of each side the first part takes; Enter splits, Esc cancels.");
  }

  function editForm() {
    closeForms();
    const idx = sideOf(cur, side);
    if (!need(idx.length, "Link " + cur.id + " has no " + side + " text to edit.")) return;
    const form = el("form", "form edit-form");
    form.lang = LANG[side];
    const areas = idx.map(i => {
      const lab = el("label", "", side + " sentence " + (i + 1));
      const area = el("textarea");
      area.value = texts[side][i];
      area.rows = Math.min(6, Math.ceil(area.value.length / 90) + 1);
      area.dataset.pos = i;
      lab.appendChild(area);
      if (texts[side][i] !== ORIGINAL[side][i]) lab.appendChild(el("span", "was", "As published: " + ORIGINAL[side][i]));
      form.appendChild(lab);
      return area;
    });
    formEnd(form, "Keep the text (Enter)", () => {
      const changes = {};
      for (const area of areas) {
        const text = oneLine(area.value);
        const pos = area.dataset.pos;
        if (!text) { say("A sentence cannot be empty; to drop a sentence, reject its link instead."); area.focus(); return; }
        if (text !== oneLine(texts[side][pos])) changes[pos] = text;  // white space alone is no change
      }
      closeForms();
      if (!Object.keys(changes).length) { say("The text is unchanged."); setCurrent(cur, false); return; }
      edit(changes);
    });
    cur.row.appendChild(form);
    areas[0].focus();
    say("Editing the " + side + " text of link " + cur.id + ": Enter keeps it, Esc cancels. The text as published is kept.");
  }

  // ---------- storage, decisions, saving ----------
  function payload() {
    return { format: "bitext-review-decisions", version: 2, document: data.document, file: data.file,
             operations: log.map(s => s.rec) };
  }

  function store() {
    if (!storageOk) return;
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify({ version: 2, operations: log.map(s => s.rec),
        redo: redoStack.map(s => s.rec), saved: savedHash, focus: cur ? cur.id : null, side: side }));
    } catch (e) {
      storageOk = false;
      say("This browser does not keep the steps (" + e.name + "); download or save them before leaving.");
    }
  }

  function stepFromRec(rec) {  // a logged step, re-created against the links as they stand
    if (rec.op === "edit") return { rec: rec };
    const at = links.findIndex(l => l.id === rec.links[0]);
    if (at < 0 || !rec.links.every((id, i) => links[at + i] && links[at + i].id === id)) {
      throw new Error("links " + rec.links.join(", ") + " are not where the step expects them");
    }
    const into = rec.into.map(x => ({ id: x.id, s: x.source, t: x.target }));
    into.forEach(x => usedIds.add(x.id));
    const extra = Object.assign({}, rec);
    delete extra.op; delete extra.links; delete extra.into;
    return linkStep(rec.op, at, rec.links.length, into, extra);
  }

  function restore() {
    let saved = null, raw = null;
    try { raw = localStorage.getItem(STORE_KEY); saved = JSON.parse(raw || "null"); } catch (e) { storageOk = false; }
    let from = "this browser";
    if (!saved && data.saved) { saved = { operations: data.saved, redo: [], saved: hashLog(data.saved) }; from = "the last save"; }
    if (!saved || !Array.isArray(saved.operations)) return "";
    let n = 0;
    try {
      for (const rec of saved.operations) { const step = stepFromRec(rec); run(step); log.push(step); n++; }
      const redone = [];
      for (const rec of (saved.redo || []).slice().reverse()) {  // replay to rebuild, then undo again
        const step = stepFromRec(rec); run(step); redone.push(step);
      }
      for (const step of redone.reverse()) { unrun(step); redoStack.push(step); }
    } catch (e) {
      const keptAs = STORE_KEY + ":not-replayed:" + Date.now();
      try { if (raw) localStorage.setItem(keptAs, raw); } catch (e2) { /* the message below still tells */ }
      return "Restored " + n + " of " + saved.operations.length + " steps from " + from + "; the rest could not be " +
        "replayed (" + e.message + ")" + (raw ? " and stays in this browser's storage as " + keptAs : "") + ".";
    }
    savedHash = saved.saved || "";
    if (saved.side) side = saved.side;
    api.restoredFocus = saved.focus;
    return n ? "Restored " + n + " step(s) from " + from + "." : "";
  }

  function unsaved() { return hashLog(log.map(s => s.rec)) !== savedHash; }

  function updateCounts() {
    document.getElementById("flagged-count").textContent = links.filter(l => l.flags.length).length;
    document.getElementById("decision-count").textContent = log.length;
    document.getElementById("saved-state").textContent = !log.length && !unsaved() ? "nothing to save" :
      unsaved() ? (data.serve ? "not saved yet" : "not downloaded yet") : (data.serve ? "saved" : "downloaded");
    document.getElementById("undo").disabled = !log.length;
    document.getElementById("redo").disabled = !redoStack.length;
    document.body.classList.toggle("unsaved", unsaved());
  }

  function download() {
    const blob = new Blob([JSON.stringify(payload(), null, 1) + "\n"], { type: "application/json" });
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = (data.file || "alignment").replace(/(\.tei)?\.xml$|\.tei$/i, "") + ".decisions.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    savedHash = hashLog(log.map(s => s.rec));
    store();
    updateCounts();
    say("Downloaded " + log.length + " step(s) as " + a.download + "; apply them with bitext apply-review.");
  }

  function save() {
    if (!data.serve) { download(); return; }
    const body = payload();
    const hash = hashLog(body.operations);
    say("Saving…");
    fetch(data.serve.save, { method: "POST", headers: { "Content-Type": "application/json",
      "X-Bitext-Token": data.serve.token }, body: JSON.stringify(body) })
      .then(r => r.json().then(j => ({ ok: r.ok, j: j })))
      .then(({ ok, j }) => {
        if (!ok || !j.ok) { say("Not saved: " + (j.error || "the server refused")); return; }
        savedHash = hash;
        store();
        updateCounts();
        say("Saved " + j.output + " (" + j.links + " links" + (j.backup ? "; the previous file is kept as " + j.backup : "") + ").");
        api.lastSave = j;
      })
      .catch(e => say("Not saved: the editor's server does not answer (" + e.message + "). Download the decisions instead."));
  }

  // ---------- the path plot ----------
  const plot = document.querySelector("#path-plot svg");
  const P = 300, M = 34;
  const NS = plot ? plot.namespaceURI : "";
  let plotPending = false, summaryDue = false;
  function svgEl(tag, attrs) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  const layer = plot ? svgEl("g", { class: "live" }) : null;
  if (plot) {
    plot.querySelectorAll(".path, a").forEach(e => e.remove());  // the static plot, redrawn live
    plot.appendChild(layer);
  }
  function schedulePlot() {
    if (plotPending) return;
    plotPending = true;
    requestAnimationFrame(drawPlot);
  }
  // The summary as it stands (the page opens with the one written with it, for print and no script).
  function updateSummary() {
    const put = (key, text) => { const c = document.querySelector("#overview [data-key='" + key + "']"); if (c) c.textContent = text; };
    const mean = list => list.length ? (list.reduce((a, l) => a + l.score, 0) / list.length).toFixed(3) : "\u2013";
    const flagged = links.filter(l => l.flags.length).length;
    put("links", String(links.length));
    put("flagged", links.length ? flagged + " (" + (100 * flagged / links.length).toFixed(1) + "%)" : "0");
    put("mean-all", mean(links));
    put("mean-two", mean(links.filter(l => l.s.length && l.t.length)));
    put("hand", String(links.filter(l => l.human).length));
    const table = (id, counts) => {
      const body = document.querySelector("#" + id + " tbody");
      if (!body) return;
      body.textContent = "";
      const rows = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
      for (const [label, n] of rows.length ? rows : [["none", 0]]) {
        const tr = el("tr"), th = el("th", "", label);
        th.scope = "row";
        tr.appendChild(th);
        tr.appendChild(el("td", "n", String(n)));
        body.appendChild(tr);
      }
    };
    const types = new Map(), kinds = new Map();
    for (const l of links) {
      const t = l.s.length + "-" + l.t.length;
      types.set(t, (types.get(t) || 0) + 1);
      for (const f of l.flags) kinds.set(f[1], (kinds.get(f[1]) || 0) + 1);
    }
    table("types", types);
    table("flag-kinds", kinds);
  }

  function drawPlot() {
    plotPending = false;
    if (summaryDue) { summaryDue = false; updateSummary(); }
    if (!plot) return;
    const sx = P / Math.max(data.src.length, 1), sy = P / Math.max(data.tgt.length, 1);
    const pts = [M + "," + M], human = [], flagged = [];
    let i = 0, j = 0, curPt = null;
    for (const link of links) {
      const x0 = M + i * sx, y0 = M + j * sy;
      i += link.s.length; j += link.t.length;
      const x = M + i * sx, y = M + j * sy;
      pts.push(x.toFixed(1) + "," + y.toFixed(1));
      if (link.human) human.push("M" + x0.toFixed(1) + " " + y0.toFixed(1) + "L" + x.toFixed(1) + " " + y.toFixed(1));
      if (link.flags.length) flagged.push("M" + x.toFixed(1) + " " + y.toFixed(1) + "h0");
      if (link === cur) curPt = [x, y];
    }
    layer.textContent = "";
    layer.appendChild(svgEl("polyline", { class: "path", points: pts.join(" ") }));
    if (flagged.length) layer.appendChild(svgEl("path", { class: "flag-dots", d: flagged.join("") }));
    if (human.length) layer.appendChild(svgEl("path", { class: "human", d: human.join("") }));
    if (curPt) layer.appendChild(svgEl("circle", { class: "cursor", cx: curPt[0].toFixed(1), cy: curPt[1].toFixed(1), r: 6 }));
  }
  function linkAt(px, py) {  // the link whose end point is nearest to a point of the plot
    const sx = P / Math.max(data.src.length, 1), sy = P / Math.max(data.tgt.length, 1);
    let i = 0, j = 0, best = null, bestD = Infinity;
    for (const link of links) {
      i += link.s.length; j += link.t.length;
      const d = (M + i * sx - px) ** 2 + (M + j * sy - py) ** 2;
      if (d < bestD) { bestD = d; best = link; }
    }
    return best;
  }
  if (plot) {
    plot.style.cursor = "crosshair";
    plot.addEventListener("click", ev => {
      const box = plot.getBoundingClientRect(), view = plot.viewBox.baseVal;
      const px = (ev.clientX - box.left) * view.width / box.width, py = (ev.clientY - box.top) * view.height / box.height;
      const link = linkAt(px, py);
      if (!link) return;
      if (onlyFlagged && !link.flags.length) document.getElementById("only-flagged").click();
      setCurrent(link, "center");
      say(describe(link));
    });
  }

  // ---------- find (the list is virtual, so the browser's own search sees only the screen) ----------
  const findBox = document.getElementById("find");
  function find(delta) {
    const query = findBox.value.trim().toLowerCase();
    if (!query) { say("Type the text to find."); return; }
    const has = l => SIDES.some(sd => sideOf(l, sd).some(i => texts[sd][i].toLowerCase().includes(query)));
    const n = links.length, k0 = cur ? index(cur) : (delta > 0 ? -1 : n);
    for (let step = 1; step <= n; step++) {
      const k = ((k0 + delta * step) % n + n) % n;
      if (has(links[k])) {
        if (onlyFlagged && !links[k].flags.length) document.getElementById("only-flagged").click();
        setCurrent(links[k], "center");
        findBox.focus();
        const total = links.filter(has).length;
        say("\u201c" + findBox.value.trim() + "\u201d: link " + links[k].id + " (" + total + " link" +
            (total === 1 ? "" : "s") + " hold it). Enter: next, Shift+Enter: previous, Esc: back to the links.");
        return;
      }
    }
    say("\u201c" + findBox.value.trim() + "\u201d is in no link.");
  }
  findBox.addEventListener("keydown", ev => {
    if (ev.key === "Enter") { ev.preventDefault(); find(ev.shiftKey ? -1 : 1); }
    else if (ev.key === "Escape") { ev.preventDefault(); findBox.blur(); if (cur) setCurrent(cur, false); }
    ev.stopPropagation();
  });

  // ---------- events ----------
  const COMMANDS = {
    next: () => go(1), prev: () => go(-1), nextFlag: () => goFlag(1), prevFlag: () => goFlag(-1),
    first: () => goTo(0), last: () => goTo(links.length - 1),
    source: () => setSide("source"), target: () => setSide("target"), side: () => setSide(other(side)),
    moveUp: moveUp, moveDown: moveDown, omitLast: () => omit(true), omitFirst: () => omit(false),
    pairNext: () => pair(true), pairPrev: () => pair(false), mergeNext: () => merge(true), mergePrev: () => merge(false),
    split: splitForm, edit: editForm, accept: accept, reject: reject,
    undo: undo, redo: redo, save: save, keys: toggleKeys, find: () => { findBox.focus(); findBox.select(); },
  };
  const NEEDS_LINK = new Set(["moveUp", "moveDown", "omitLast", "omitFirst", "pairNext", "pairPrev", "mergeNext",
                              "mergePrev", "split", "edit", "accept", "reject"]);
  const KEYS = {
    "ArrowDown": "next", "j": "next", "ArrowUp": "prev", "k": "prev", "n": "nextFlag", "p": "prevFlag",
    "Home": "first", "End": "last", "ArrowLeft": "source", "h": "source", "ArrowRight": "target", "l": "target",
    "S-ArrowUp": "moveUp", "K": "moveUp", "S-ArrowDown": "moveDown", "J": "moveDown",
    "o": "omitLast", "O": "omitFirst", "d": "pairNext", "Delete": "pairNext", "D": "pairPrev",
    "m": "mergeNext", "M": "mergePrev", "s": "split", "e": "edit", "a": "accept", "x": "reject",
    "u": "undo", "C-z": "undo", "r": "redo", "C-y": "redo", "C-Z": "redo", "C-s": "save", "?": "keys", "/": "find",
  };

  function command(name) {
    if (NEEDS_LINK.has(name)) {
      if (!cur) { go(1); if (!cur) return; }
      closeForms();
    }
    COMMANDS[name]();
  }

  function keyName(ev) {
    const ctrl = ev.ctrlKey || ev.metaKey;
    const shiftNamed = ev.shiftKey && ev.key.length > 1 && !ctrl;
    return (ctrl ? "C-" : "") + (shiftNamed ? "S-" : "") + (ctrl && ev.key.length === 1 && !ev.shiftKey ? ev.key.toLowerCase() : ev.key);
  }

  document.addEventListener("keydown", ev => {
    const form = ev.target.closest && ev.target.closest(".form");
    if (form) {
      if (ev.key === "Escape") { ev.preventDefault(); closeForms(); setCurrent(cur, false); say("Cancelled."); }
      else if (ev.key === "Enter" && !ev.shiftKey && ev.target.tagName !== "BUTTON") { ev.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (ev.altKey || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(ev.target.tagName) && ev.key === "Enter") return;
    if (ev.target.tagName === "INPUT" && ev.key === " ") return;
    const name = KEYS[keyName(ev)];
    if (!name) return;
    ev.preventDefault();
    command(name);
  });

  rowsEl.addEventListener("click", ev => {
    const row = ev.target.closest(".row");
    if (!row || !row._link) return;
    if (ev.target.closest(".form")) return;
    const b = ev.target.closest("button[data-cmd]");
    const cell = ev.target.closest(".side");
    if (cell && !b) side = cell.dataset.side;
    if (row._link !== cur) { setCurrent(row._link, false); say(describe(cur)); }
    else if (cell) markSide(row);
    if (b) command(b.dataset.cmd);
  });

  const KEYS_HIDDEN = "bitext-review:keys-hidden";  // the list of keys stays hidden once hidden
  function showKeys(open) {
    document.getElementById("keys").hidden = !open;
    document.getElementById("keys-toggle").setAttribute("aria-expanded", String(open));
  }
  function toggleKeys() {
    const open = document.getElementById("keys").hidden;
    showKeys(open);
    try { if (open) localStorage.removeItem(KEYS_HIDDEN); else localStorage.setItem(KEYS_HIDDEN, "1"); } catch (e) { /* kept for this visit only */ }
    tops = null;
    render();
  }
  try { if (localStorage.getItem(KEYS_HIDDEN)) showKeys(false); } catch (e) { /* shown */ }

  document.getElementById("keys-toggle").addEventListener("click", toggleKeys);
  document.getElementById("only-flagged").addEventListener("change", ev => {
    onlyFlagged = ev.target.checked;
    document.body.classList.toggle("only-flagged", onlyFlagged);
    layoutList();
    if (cur) setCurrent(cur, "center"); else render();
    say(onlyFlagged ? "Showing the flagged links." : "Showing all " + links.length + " links.");
  });
  document.getElementById("next-flag").addEventListener("click", () => goFlag(1));
  document.getElementById("prev-flag").addEventListener("click", () => goFlag(-1));
  document.getElementById("undo").addEventListener("click", undo);
  document.getElementById("redo").addEventListener("click", redo);
  document.getElementById("save").addEventListener("click", save);
  window.addEventListener("beforeunload", ev => {
    if (!unsaved()) return;
    ev.preventDefault();
    ev.returnValue = "There are steps not saved yet.";
  });

  // ---------- start ----------
  if (data.serve) {
    document.getElementById("save").textContent = "Save " + data.serve.output;
    document.getElementById("save-key-text").textContent = "save " + data.serve.output + " beside the input";
  }
  const t0 = performance.now();
  const restored = restore();
  render();
  api.firstRowsMs = performance.now() - t0;
  api.firstRowsAt = performance.now();
  requestAnimationFrame(() => setTimeout(() => { api.firstRowsPaintedAt = performance.now(); }, 0));
  updateCounts();
  summaryDue = log.length > 0;
  drawPlot();
  if (restored) say(restored);
  if (api.restoredFocus) {
    const link = links.find(l => l.id === api.restoredFocus);
    if (link) setCurrent(link, false);
  }
  window.addEventListener("scroll", scheduleRender, { passive: true });
  window.addEventListener("resize", () => { for (const link of shown) link.h = 0; tops = null; scheduleRender(); });
  window.addEventListener("beforeprint", () => { printing = true; render(); });
  window.addEventListener("afterprint", () => { printing = false; render(); });
  api.ready = true;
  document.body.classList.add("ready");

  Object.assign(api, {
    decisions: payload,
    links: () => links.map(l => [l.id, l.s.slice(), l.t.slice(), l.human ? "human" : null]),
    texts: () => ({ source: texts.source.slice(), target: texts.target.slice() }),
    current: () => (cur ? { id: cur.id, index: index(cur), side: side } : null),
    goTo: k => setCurrent(links[k], "center"),
    unsaved: unsaved,
  });
})();
