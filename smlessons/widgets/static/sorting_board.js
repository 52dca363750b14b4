// The sorting board's browser side.
//
// Three ways to place a card, all first-class:
//  - mouse: HTML5 drag and drop;
//  - touch and pen: pointer events, with a floating copy of the card;
//  - keyboard (and single clicks/taps): activate a card to pick it up,
//    activate a bin to drop it there, Escape to cancel.
// Python holds the answer key and grades; this side only moves cards,
// shows the feedback it is sent, and announces everything in a live region.
// Every label is set with textContent, never as HTML.
//
// Moves are never lost silently: a board that saves (`_saves`) tells the
// kernel the number of each move right after its placements, and the kernel
// answers in `_ack` once the move is saved. A move not answered within
// ACK_TIMEOUT, or a widget whose kernel connection is gone (after a kernel
// restart the widget manager marks every model as no longer live), greys the
// board out, stops it taking moves, and says the move was not saved.
//
// No words live here: every text comes from Python in the `_strings` trait
// (smlessons/i18n.py, one string table per language) as a template with
// named {placeholders}, filled in by `fill` as plain text.

const DRAG_THRESHOLD = 6; // px a touch must travel before it is a drag, not a tap
const EDGE = 48; // px from the top or bottom of the visible area where a touch drag scrolls the page
const POOL = ""; // the pool's key in the drop-target map
const ACK_TIMEOUT = 2000; // ms the kernel has to acknowledge a saved move
const GHOST_GAP = 12; // px between the finger and the bottom of the card it drags

function el(tag, className, attrs = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

// Fill {name} placeholders in one pass, so a value that itself contains
// "{name}" (a card called "{bin}") is shown as it is, never re-expanded.
function fill(template, values = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

// Card labels are data, not code: "__proto__" or "constructor" must not reach
// an object's prototype. Look-ups go through own properties only, and the
// placements are copied into an object without a prototype.
function own(obj, key) {
  return obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

let boardCount = 0;

function render({ model, el: host }) {
  const uid = `smb-${++boardCount}-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("div", "smb", { "data-lm-suppress-shortcuts": "true" });
  host.appendChild(root);

  // The board's texts, in its language.
  function tr(key, values) {
    const strings = model.get("_strings") || {};
    return fill(own(strings.text, key) ?? key, values);
  }
  function trn(key, n, values) {
    const strings = model.get("_strings") || {};
    const forms = own(strings.plural, key) || [key];
    const index = strings.plural_index || [];
    const i = index.length ? index[Math.min(n, index.length - 1)] : 0;
    return fill(forms[i] ?? forms[forms.length - 1], values);
  }

  // Instructor-given text may be right-to-left: let each piece find its direction.
  const header = el("div", "smb-header");
  const title = el("div", "smb-title", { dir: "auto" });
  const prompt = el("p", "smb-prompt", { dir: "auto" });
  const help = el("p", "smb-help", { id: `${uid}-help` });
  const notice = el("p", "smb-notice", { role: "status", dir: "auto" });
  header.append(title, prompt, help, notice);

  const pool = el("div", "smb-target smb-pool", { role: "group", tabindex: "0", "data-bin": POOL });
  const poolLabel = el("div", "smb-target-label");
  const poolCards = el("div", "smb-cards");
  pool.append(poolLabel, poolCards);

  const binsRow = el("div", "smb-bins");
  const controls = el("div", "smb-controls");
  const checkBtn = el("button", "smb-button smb-check", { type: "button" });
  const retryBtn = el("button", "smb-button smb-retry", { type: "button" });
  const resetBtn = el("button", "smb-button smb-reset", { type: "button" });
  const score = el("div", "smb-score");
  const count = el("div", "smb-count");
  const modeNote = el("p", "smb-mode-note");
  controls.append(checkBtn, retryBtn, resetBtn, count, score);

  function applyStrings() {
    root.setAttribute("lang", model.get("language") || "en");
    help.textContent = tr("help");
    poolLabel.textContent = tr("pool");
    checkBtn.textContent = tr("check");
    retryBtn.textContent = tr("try_again");
    resetBtn.textContent = tr("reset");
    modeNote.textContent = tr("assessment_note");
  }

  const live = el("div", "smb-live smb-visually-hidden", { role: "status", "aria-live": "polite", "aria-atomic": "true" });
  root.append(header, modeNote, pool, binsRow, controls, live);

  // label -> {wrap, card, mark, verdict, explanation}; bin label -> {node, cards}
  const cardNodes = new Map();
  const targets = new Map([[POOL, { node: pool, cards: poolCards, label: poolLabel }]]);
  let picked = null; // label of the card picked up by keyboard or click
  // A touch or pen tap is handled at pointerup, where its target is sure (the
  // click a browser adds after it can land elsewhere if the notebook scrolls
  // in between); that click is then ignored.
  let suppressUntil = 0;
  const suppressClick = () => (suppressUntil = performance.now() + 300);
  const clickSuppressed = () => performance.now() < suppressUntil;
  let announceSeq = 0;

  function announce(text) {
    // Re-setting identical text is not announced; a zero-width toggle makes it new.
    announceSeq += 1;
    live.textContent = text + (announceSeq % 2 ? "" : "\u200b");
  }

  function placements() {
    return Object.assign(Object.create(null), model.get("placements") || {});
  }

  function binName(bin) {
    return bin === POOL ? tr("pool") : bin;
  }

  // The cards on this board that sit in a bin.
  function placedCount(p) {
    let n = 0;
    for (const label of cardNodes.keys()) {
      const bin = own(p, label);
      if (bin !== undefined && bin !== POOL && targets.has(bin)) n += 1;
    }
    return n;
  }

  function countText(p) {
    const total = cardNodes.size;
    return trn("placed_count", total, { placed: placedCount(p), total });
  }

  function binOf(label) {
    const bin = own(placements(), label);
    return bin !== undefined && targets.has(bin) ? bin : POOL;
  }

  // ---- is the kernel still hearing this board? ----
  let moveSeq = 0; // moves sent by this view
  let ackedSeq = 0; // the last of them the kernel acknowledged
  let ackTimer = 0;
  let gone = false; // the widget's kernel connection is gone for good (restart, closed comm)
  let unheard = false; // a move went unacknowledged; a late acknowledgement clears it
  const saves = () => !!model.get("_saves");
  const offline = () => saves() && (gone || unheard);

  function kernelBusy() {
    // A kernel still running a cell handles the move when the cell ends: not lost, keep waiting.
    try {
      const k = model.widget_manager && model.widget_manager.kernel;
      return !!k && k.connectionStatus === "connected" && k.status === "busy";
    } catch (_) {
      return false;
    }
  }

  function armAckTimer() {
    if (ackTimer) clearTimeout(ackTimer);
    ackTimer = setTimeout(onAckTimeout, ACK_TIMEOUT);
  }

  function onAckTimeout() {
    ackTimer = 0;
    if (ackedSeq >= moveSeq) return;
    if (kernelReplaced()) {
      markGone();
      return;
    }
    if (!gone && kernelBusy()) {
      armAckTimer();
      return;
    }
    setOffline(() => (unheard = true));
  }

  function onAck() {
    const ack = model.get("_ack") || {};
    if (ack.view !== uid || !Number.isInteger(ack.move)) return;
    ackedSeq = Math.max(ackedSeq, ack.move);
    if (ackedSeq >= moveSeq) {
      if (ackTimer) clearTimeout(ackTimer);
      ackTimer = 0;
      if (unheard) setOffline(() => (unheard = false));
    } else {
      armAckTimer();
    }
  }

  // The kernel this view was drawn for. A restart gives the kernel a new
  // process that has never heard of this board (the widget manager then marks
  // every model as no longer live); a shut down or dead kernel hears nothing.
  const GONE_STATES = new Set(["restarting", "autorestarting", "terminating", "dead"]);
  let kernel = null;
  try {
    kernel = (model.widget_manager && model.widget_manager.kernel) || null;
  } catch (_) {
    kernel = null;
  }
  const markGone = () => {
    if (!gone) setOffline(() => (gone = true));
  };
  function onKernelStatus(_sender, status) {
    if (GONE_STATES.has(status)) markGone();
  }
  function watchKernel(on) {
    if (!kernel) return;
    try {
      if (on) {
        if (kernel.statusChanged) kernel.statusChanged.connect(onKernelStatus);
        if (kernel.disposed) kernel.disposed.connect(markGone);
      } else {
        if (kernel.statusChanged) kernel.statusChanged.disconnect(onKernelStatus);
        if (kernel.disposed) kernel.disposed.disconnect(markGone);
      }
    } catch (_) {
      // another front-end's kernel object: the acknowledgement timeout still applies
    }
  }
  function kernelReplaced() {
    try {
      const now = model.widget_manager && model.widget_manager.kernel;
      return !!kernel && (kernel.isDisposed || (now !== undefined && now !== kernel));
    } catch (_) {
      return false;
    }
  }
  // After render, the widget manager only ever marks a model as no longer live.
  const onCommLive = markGone;

  function setOffline(change) {
    const was = offline();
    change();
    if (offline() === was) return;
    if (offline()) {
      if (picked !== null) picked = null;
      if (drag !== null) endDrag();
    }
    update(); // the notice (a status region) says it; a refused move says it again
  }

  function refuse() {
    picked = null;
    update();
    announce(tr("not_saved_kernel"));
  }

  function moveCard(label, bin) {
    if (offline()) {
      refuse();
      return;
    }
    const p = placements();
    const from = own(p, label) ?? POOL;
    if (bin === POOL) delete p[label];
    else p[label] = bin;
    picked = null;
    model.set("placements", p);
    model.save_changes();
    if (saves()) {
      moveSeq += 1;
      try {
        model.send({ action: "moved", view: uid, move: moveSeq });
        if (!ackTimer) armAckTimer();
      } catch (_) {
        setOffline(() => (gone = true));
      }
    }
    update();
    const moved = tr(from === bin ? "stays_in" : "placed_in", { label, bin: binName(bin) });
    announce(`${moved} ${countText(p)}.`);
  }

  // A tap or click on a card: with another card picked up, a card in a bin
  // stands for its bin (a full bin has little empty space left to tap).
  function tapCard(label) {
    const bin = binOf(label);
    if (picked !== null && picked !== label && bin !== POOL) moveCard(picked, bin);
    else pick(label);
  }

  function pick(label) {
    if (offline()) {
      refuse();
      return;
    }
    if (picked === label) {
      cancelPick();
      return;
    }
    picked = label;
    update();
    announce(tr("picked_up", { label }));
  }

  function cancelPick() {
    if (picked === null) return;
    const label = picked;
    picked = null;
    update();
    announce(tr("put_back", { label }));
    const node = cardNodes.get(label);
    if (node) node.card.focus();
  }

  function makeCard(label) {
    const wrap = el("div", "smb-item", { draggable: "true", "data-label": label });
    const card = el("button", "smb-card", { type: "button", "aria-label": label, "aria-describedby": `${uid}-help` });
    const mark = el("span", "smb-mark", { "aria-hidden": "true" });
    const text = el("span", "smb-card-text", { dir: "auto" });
    text.textContent = label;
    card.append(mark, text);
    const fb = el("div", "smb-feedback");
    const verdict = el("span", "smb-verdict");
    const explanation = el("span", "smb-explanation", { dir: "auto" });
    fb.append(verdict, explanation);
    wrap.append(card, fb);

    card.addEventListener("click", (e) => {
      if (clickSuppressed()) return;
      // A keyboard activation (detail 0) always picks: keyboard users drop on bins.
      if (e.detail > 0) tapCard(label);
      else pick(label);
    });
    wrap.addEventListener("dragstart", (e) => {
      if (offline()) {
        e.preventDefault();
        refuse();
        return;
      }
      e.dataTransfer.setData("text/plain", label);
      e.dataTransfer.effectAllowed = "move";
      wrap.classList.add("smb-dragging");
    });
    wrap.addEventListener("dragend", () => wrap.classList.remove("smb-dragging"));
    wrap.addEventListener("pointerdown", (e) => startPointerDrag(e, label, wrap));
    return { wrap, card, mark, verdict, explanation, fb, shown: null };
  }

  function makeBin(bin) {
    const node = el("div", "smb-target smb-bin", { role: "group", tabindex: "0", "data-bin": bin });
    const label = el("div", "smb-target-label", { dir: "auto" });
    label.textContent = bin;
    const cards = el("div", "smb-cards");
    node.append(label, cards);
    binsRow.appendChild(node);
    return { node, cards, label };
  }

  function targetFor(node) {
    const t = node && node.closest ? node.closest(".smb-target") : null;
    return t && root.contains(t) ? t.getAttribute("data-bin") : null;
  }

  // Drop targets: every bin and the pool, for mouse, keyboard and click.
  root.addEventListener("dragover", (e) => {
    const bin = targetFor(e.target);
    if (bin === null) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    highlight(bin);
  });
  root.addEventListener("dragleave", (e) => {
    if (!root.contains(e.relatedTarget)) highlight(null);
  });
  root.addEventListener("drop", (e) => {
    const bin = targetFor(e.target);
    if (bin === null) return;
    e.preventDefault();
    highlight(null);
    const label = e.dataTransfer.getData("text/plain");
    if (cardNodes.has(label)) moveCard(label, bin);
  });
  root.addEventListener("click", (e) => {
    if (clickSuppressed() || picked === null || e.target.closest(".smb-card, .smb-button")) return;
    const bin = targetFor(e.target);
    if (bin !== null) moveCard(picked, bin);
  });
  root.addEventListener("pointerup", (e) => {
    // a finger or pen tapping a bin while a card is picked up (a drag is handled on window)
    if (e.pointerType === "mouse" || drag !== null || picked === null) return;
    if (e.target.closest(".smb-item, .smb-button")) return;
    const bin = targetFor(e.target);
    if (bin === null) return;
    suppressClick();
    moveCard(picked, bin);
  });
  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && picked !== null) {
      e.preventDefault();
      e.stopPropagation();
      cancelPick();
      return;
    }
    if ((e.key === "Enter" || e.key === " ") && e.target.classList.contains("smb-target")) {
      e.preventDefault();
      const bin = e.target.getAttribute("data-bin");
      if (picked !== null) moveCard(picked, bin);
      else announce(tr("pick_first", { bin: binName(bin) }));
    }
  });

  // Touch and pen: pointer events with a floating copy that follows the finger.
  // On a phone the bins are often below the fold: holding the card near the
  // top or bottom edge scrolls the notebook (the finger cannot, it is dragging).
  let drag = null;
  let scrollFrame = 0;
  function scrollerOf(node) {
    for (let n = node.parentElement; n; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (/(auto|scroll)/.test(style.overflowY) && n.scrollHeight > n.clientHeight) return n;
    }
    return document.scrollingElement || document.documentElement;
  }
  function autoScroll() {
    scrollFrame = 0;
    if (!drag || !drag.ghost) return;
    const sc = drag.scroller;
    const box = sc === document.scrollingElement ? { top: 0, bottom: window.innerHeight } : sc.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    let step = 0;
    if (drag.y < top + EDGE) step = -Math.ceil((top + EDGE - drag.y) / 4);
    else if (drag.y > bottom - EDGE) step = Math.ceil((drag.y - bottom + EDGE) / 4);
    if (step === 0) return;
    const before = sc.scrollTop;
    sc.scrollTop += step;
    if (sc.scrollTop === before) return; // at the end: nothing more to scroll
    highlight(targetFor(document.elementFromPoint(drag.x, drag.y)));
    scrollFrame = requestAnimationFrame(autoScroll);
  }
  function startPointerDrag(e, label, wrap) {
    if (e.pointerType === "mouse" || e.button > 0) return;
    if (offline()) return; // the tap that follows says why
    drag = { label, wrap, x0: e.clientX, y0: e.clientY, ghost: null, id: e.pointerId };
    try {
      wrap.setPointerCapture(e.pointerId);
    } catch (_) {
      // synthetic or already-released pointers cannot be captured; window listeners still work
    }
  }
  function onPointerMove(e) {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x0;
    const dy = e.clientY - drag.y0;
    if (!drag.ghost) {
      if (Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      // The copy lives in <body>: inside the notebook, an ancestor with a
      // transform or containment would make `position: fixed` relative to it
      // (the copy then floats away from the finger) or clip it.
      const rect = drag.wrap.getBoundingClientRect();
      const copy = drag.wrap.cloneNode(true);
      copy.removeAttribute("data-label");
      copy.classList.remove("smb-picked");
      drag.ghost = el("div", "smb smb-ghost", { "aria-hidden": "true", lang: root.getAttribute("lang") || "en" });
      drag.ghost.appendChild(copy);
      drag.ghost.style.width = `${Math.min(rect.width, window.innerWidth - 8)}px`;
      document.body.appendChild(drag.ghost);
      drag.wrap.classList.add("smb-dragging");
    }
    e.preventDefault();
    placeGhost(drag.ghost, e.clientX, e.clientY);
    drag.x = e.clientX;
    drag.y = e.clientY;
    highlight(targetFor(document.elementFromPoint(e.clientX, e.clientY)));
    if (!drag.scroller) drag.scroller = scrollerOf(root);
    if (!scrollFrame) scrollFrame = requestAnimationFrame(autoScroll);
  }
  // The dragged copy: centred on the finger across, just above it (so the
  // finger does not hide it), and always inside the window.
  function placeGhost(ghost, x, y) {
    const w = ghost.offsetWidth;
    const h = ghost.offsetHeight;
    const left = Math.max(4, Math.min(x - w / 2, window.innerWidth - w - 4));
    const top = Math.max(4, Math.min(y - h - GHOST_GAP, window.innerHeight - h - 4));
    ghost.style.left = `${left}px`;
    ghost.style.top = `${top}px`;
  }
  function endDrag() {
    const d = drag;
    drag = null;
    if (scrollFrame) cancelAnimationFrame(scrollFrame);
    scrollFrame = 0;
    highlight(null);
    if (d && d.ghost) {
      d.ghost.remove();
      d.wrap.classList.remove("smb-dragging");
    }
    return d;
  }
  function onPointerUp(e) {
    if (!drag || e.pointerId !== drag.id) return;
    const d = endDrag();
    if (!d.ghost) {
      // a tap on the card: pick it up (or put it back, or drop the picked card in its bin)
      if (e.type === "pointerup") {
        suppressClick();
        tapCard(d.label);
      }
      return;
    }
    suppressClick();
    if (e.type === "pointercancel") return;
    const bin = targetFor(document.elementFromPoint(e.clientX, e.clientY));
    if (bin !== null) moveCard(d.label, bin);
  }
  window.addEventListener("pointermove", onPointerMove, { passive: false });
  window.addEventListener("pointerup", onPointerUp);
  window.addEventListener("pointercancel", onPointerUp);

  let highlighted = null;
  function highlight(bin) {
    if (highlighted === bin) return;
    if (highlighted !== null && targets.has(highlighted)) targets.get(highlighted).node.classList.remove("smb-over");
    highlighted = bin;
    if (bin !== null && targets.has(bin)) targets.get(bin).node.classList.add("smb-over");
  }

  checkBtn.addEventListener("click", () => {
    if (offline()) return;
    if (picked !== null) cancelPick();
    model.send({ action: "check" });
  });
  retryBtn.addEventListener("click", () => offline() || model.send({ action: "try_again" }));
  resetBtn.addEventListener("click", () => offline() || model.send({ action: "reset" }));

  // Build or rebuild the static parts when bins or cards change.
  function build() {
    applyStrings();
    for (const [bin, t] of targets) if (bin !== POOL) t.node.remove();
    for (const bin of [...targets.keys()]) if (bin !== POOL) targets.delete(bin);
    for (const bin of model.get("bins")) targets.set(bin, makeBin(bin));
    for (const { wrap } of cardNodes.values()) wrap.remove();
    cardNodes.clear();
    for (const label of model.get("cards")) cardNodes.set(label, makeCard(label));
    update();
  }

  // Put each card where `placements` says and show its feedback. Nodes are
  // moved, not rebuilt, so focus can be kept on the card that moved.
  function update() {
    title.textContent = model.get("title");
    title.hidden = !model.get("title");
    prompt.textContent = model.get("prompt");
    prompt.hidden = !model.get("prompt");
    const off = offline();
    const said = model.get("notice") || "";
    notice.textContent = off ? [tr("not_saved_kernel"), said].filter(Boolean).join(" ") : said;
    notice.hidden = !notice.textContent;
    notice.classList.toggle("smb-notice-alert", off);
    root.classList.toggle("smb-offline", off);
    for (const button of [checkBtn, resetBtn]) button.disabled = off;
    const assessing = model.get("mode") === "assessment";
    modeNote.hidden = !assessing;
    checkBtn.hidden = assessing;
    retryBtn.hidden = assessing;
    const p = model.get("placements") || {};
    const fb = model.get("feedback") || {};
    const focused = document.activeElement;
    const want = new Map([...targets.keys()].map((b) => [b, []]));
    for (const [label, n] of cardNodes) {
      const placedIn = own(p, label);
      const bin = placedIn !== undefined && targets.has(placedIn) ? placedIn : POOL;
      want.get(bin).push(n.wrap);
      const f = own(fb, label);
      // Touch a card's DOM only when what it shows changed: a 200-card board stays quick.
      const shown = f ? [f.status, f.symbol, f.verdict, f.explanation, picked === label] : [null, picked === label];
      if (n.shown !== null && shown.length === n.shown.length && shown.every((v, i) => v === n.shown[i])) continue;
      n.shown = shown;
      n.wrap.classList.toggle("smb-right", !!f && f.status === "right");
      n.wrap.classList.toggle("smb-wrong", !!f && f.status === "wrong");
      n.wrap.classList.toggle("smb-picked", picked === label);
      n.card.setAttribute("aria-pressed", picked === label ? "true" : "false");
      n.mark.textContent = f ? f.symbol : "";
      n.verdict.textContent = f ? f.verdict : "";
      n.explanation.textContent = f && f.explanation ? ` \u2014 ${f.explanation}` : "";
      n.fb.hidden = !f;
      n.card.setAttribute("aria-describedby", f ? `${uid}-fb-${cssId(label)}` : `${uid}-help`);
      n.fb.id = `${uid}-fb-${cssId(label)}`;
    }
    for (const [bin, t] of targets) {
      // Touch only the containers whose cards changed: moving a node drops its focus.
      const nodes = want.get(bin);
      const kids = t.cards.children;
      if (kids.length !== nodes.length || nodes.some((w, i) => kids[i] !== w)) t.cards.append(...nodes);
      const c = nodes.length;
      t.node.setAttribute("aria-label", trn("bin_name", c, { bin: binName(bin), count: c }));
      t.node.classList.toggle("smb-empty", c === 0);
    }
    root.classList.toggle("smb-has-pick", picked !== null);
    score.textContent = model.get("score");
    count.textContent = trn("placed_count", cardNodes.size, { placed: cardNodes.size - want.get(POOL).length, total: cardNodes.size });
    retryBtn.disabled = off || !Object.values(fb).some((f) => f.status === "wrong");
    if (focused && root.contains(focused) && document.activeElement !== focused) focused.focus({ preventScroll: true });
  }

  const ids = new Map();
  function cssId(label) {
    if (!ids.has(label)) ids.set(label, ids.size);
    return ids.get(label);
  }

  function onScore() {
    update();
    const s = model.get("score");
    if (!s) return;
    const fb = model.get("feedback") || {};
    const wrong = Object.entries(fb).filter(([, f]) => f.status === "wrong").map(([l]) => l);
    const tail = wrong.length ? ` ${tr("not_quite", { labels: wrong.join(", ") })}` : "";
    announce(`${tr("checked", { score: s })}${tail}`);
  }

  const listeners = [
    ["change:bins", build],
    ["change:cards", build],
    ["change:placements", update],
    ["change:feedback", update],
    ["change:score", onScore],
    ["change:title", update],
    ["change:prompt", update],
    ["change:notice", update],
    ["change:mode", update],
    ["change:_strings", build],
    ["change:language", applyStrings],
    ["change:_saves", update],
    ["change:_ack", onAck],
    ["comm_live_update", onCommLive],
  ];
  for (const [event, fn] of listeners) model.on(event, fn);
  build();
  watchKernel(true);

  return () => {
    if (ackTimer) clearTimeout(ackTimer);
    watchKernel(false);
    if (drag !== null) endDrag();
    if (scrollFrame) cancelAnimationFrame(scrollFrame);
    window.removeEventListener("pointermove", onPointerMove);
    window.removeEventListener("pointerup", onPointerUp);
    window.removeEventListener("pointercancel", onPointerUp);
    for (const [event, fn] of listeners) model.off(event, fn);
  };
}

export default { render };
