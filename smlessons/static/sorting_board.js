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

const DRAG_THRESHOLD = 6; // px a touch must travel before it is a drag, not a tap
const POOL = ""; // the pool's key in the drop-target map

function el(tag, className, attrs = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

let boardCount = 0;

function render({ model, el: host }) {
  const uid = `smb-${++boardCount}-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("div", "smb", { "data-lm-suppress-shortcuts": "true" });
  host.appendChild(root);

  const header = el("div", "smb-header");
  const title = el("div", "smb-title");
  const prompt = el("p", "smb-prompt");
  const help = el("p", "smb-help", { id: `${uid}-help` });
  help.textContent =
    "Drag a card into a bin, or: Tab to a card, press Enter or Space to pick it up, " +
    "Tab to a bin and press Enter or Space to drop it. Escape cancels.";
  const notice = el("p", "smb-notice", { role: "status" });
  header.append(title, prompt, help, notice);

  const pool = el("div", "smb-target smb-pool", { role: "group", tabindex: "0", "data-bin": POOL });
  const poolLabel = el("div", "smb-target-label");
  poolLabel.textContent = "Cards to sort";
  const poolCards = el("div", "smb-cards");
  pool.append(poolLabel, poolCards);

  const binsRow = el("div", "smb-bins");
  const controls = el("div", "smb-controls");
  const checkBtn = el("button", "smb-button smb-check", { type: "button" });
  checkBtn.textContent = "Check";
  const retryBtn = el("button", "smb-button smb-retry", { type: "button" });
  retryBtn.textContent = "Try again";
  const resetBtn = el("button", "smb-button smb-reset", { type: "button" });
  resetBtn.textContent = "Reset";
  const score = el("div", "smb-score");
  const modeNote = el("p", "smb-mode-note");
  modeNote.textContent = "Assessment: your answers are recorded as you go. No right or wrong is shown here; your instructor will give feedback.";
  controls.append(checkBtn, retryBtn, resetBtn, score);

  const live = el("div", "smb-live smb-visually-hidden", { role: "status", "aria-live": "polite", "aria-atomic": "true" });
  root.append(header, modeNote, pool, binsRow, controls, live);

  // label -> {wrap, card, mark, verdict, explanation}; bin label -> {node, cards}
  const cardNodes = new Map();
  const targets = new Map([[POOL, { node: pool, cards: poolCards, label: poolLabel }]]);
  let picked = null; // label of the card picked up by keyboard or click
  let suppressClick = false; // a touch drag just ended: its click is not a pick-up
  let announceSeq = 0;

  function announce(text) {
    // Re-setting identical text is not announced; a zero-width toggle makes it new.
    announceSeq += 1;
    live.textContent = text + (announceSeq % 2 ? "" : "\u200b");
  }

  function placements() {
    return { ...(model.get("placements") || {}) };
  }

  function binName(bin) {
    return bin === POOL ? "Cards to sort" : bin;
  }

  function placedCount(p) {
    return Object.keys(p).length;
  }

  function moveCard(label, bin) {
    const p = placements();
    const from = p[label] ?? POOL;
    if (bin === POOL) delete p[label];
    else p[label] = bin;
    picked = null;
    model.set("placements", p);
    model.save_changes();
    update();
    const total = model.get("cards").length;
    const moved = from === bin ? "stays in" : "placed in";
    announce(`${label} ${moved} ${binName(bin)}. ${placedCount(p)} of ${total} cards placed.`);
  }

  function pick(label) {
    if (picked === label) {
      cancelPick();
      return;
    }
    picked = label;
    update();
    announce(`Picked up ${label}. Move to a bin and press Enter or Space to drop it there; Escape cancels.`);
  }

  function cancelPick() {
    if (picked === null) return;
    const label = picked;
    picked = null;
    update();
    announce(`${label} put back.`);
    const node = cardNodes.get(label);
    if (node) node.card.focus();
  }

  function makeCard(label) {
    const wrap = el("div", "smb-item", { draggable: "true", "data-label": label });
    const card = el("button", "smb-card", { type: "button", "aria-label": label, "aria-describedby": `${uid}-help` });
    const mark = el("span", "smb-mark", { "aria-hidden": "true" });
    const text = el("span", "smb-card-text");
    text.textContent = label;
    card.append(mark, text);
    const fb = el("div", "smb-feedback");
    const verdict = el("span", "smb-verdict");
    const explanation = el("span", "smb-explanation");
    fb.append(verdict, explanation);
    wrap.append(card, fb);

    card.addEventListener("click", () => {
      if (suppressClick) {
        suppressClick = false;
        return;
      }
      pick(label);
    });
    wrap.addEventListener("dragstart", (e) => {
      e.dataTransfer.setData("text/plain", label);
      e.dataTransfer.effectAllowed = "move";
      wrap.classList.add("smb-dragging");
    });
    wrap.addEventListener("dragend", () => wrap.classList.remove("smb-dragging"));
    wrap.addEventListener("pointerdown", (e) => startPointerDrag(e, label, wrap));
    return { wrap, card, mark, verdict, explanation, fb };
  }

  function makeBin(bin) {
    const node = el("div", "smb-target smb-bin", { role: "group", tabindex: "0", "data-bin": bin });
    const label = el("div", "smb-target-label");
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
    if (picked === null || e.target.closest(".smb-card, .smb-button")) return;
    const bin = targetFor(e.target);
    if (bin !== null) moveCard(picked, bin);
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
      else announce(`${binName(bin)}: pick up a card first (Enter or Space on a card).`);
    }
  });

  // Touch and pen: pointer events with a floating copy that follows the finger.
  let drag = null;
  function startPointerDrag(e, label, wrap) {
    if (e.pointerType === "mouse" || e.button > 0) return;
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
      const rect = drag.wrap.getBoundingClientRect();
      drag.ghost = drag.wrap.cloneNode(true);
      drag.ghost.classList.add("smb-ghost");
      drag.ghost.removeAttribute("data-label");
      drag.ghost.setAttribute("aria-hidden", "true");
      drag.ghost.style.width = `${rect.width}px`;
      drag.dx = drag.x0 - rect.left;
      drag.dy = drag.y0 - rect.top;
      root.appendChild(drag.ghost);
      drag.wrap.classList.add("smb-dragging");
    }
    e.preventDefault();
    drag.ghost.style.left = `${e.clientX - drag.dx}px`;
    drag.ghost.style.top = `${e.clientY - drag.dy}px`;
    highlight(targetFor(document.elementFromPoint(e.clientX, e.clientY)));
  }
  function onPointerUp(e) {
    if (!drag || e.pointerId !== drag.id) return;
    const d = drag;
    drag = null;
    highlight(null);
    if (!d.ghost) return; // a tap: the click handler picks the card up
    d.ghost.remove();
    d.wrap.classList.remove("smb-dragging");
    suppressClick = true;
    setTimeout(() => (suppressClick = false), 0);
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
    if (picked !== null) cancelPick();
    model.send({ action: "check" });
  });
  retryBtn.addEventListener("click", () => model.send({ action: "try_again" }));
  resetBtn.addEventListener("click", () => model.send({ action: "reset" }));

  // Build or rebuild the static parts when bins or cards change.
  function build() {
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
    notice.textContent = model.get("notice") || "";
    notice.hidden = !notice.textContent;
    const assessing = model.get("mode") === "assessment";
    modeNote.hidden = !assessing;
    checkBtn.hidden = assessing;
    retryBtn.hidden = assessing;
    const p = model.get("placements") || {};
    const fb = model.get("feedback") || {};
    const focused = document.activeElement;
    const want = new Map([...targets.keys()].map((b) => [b, []]));
    for (const [label, n] of cardNodes) {
      const bin = targets.has(p[label]) ? p[label] : POOL;
      want.get(bin).push(n.wrap);
      const f = fb[label];
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
      t.node.setAttribute("aria-label", `${binName(bin)}, ${c} ${c === 1 ? "card" : "cards"}`);
      t.node.classList.toggle("smb-empty", c === 0);
    }
    root.classList.toggle("smb-has-pick", picked !== null);
    score.textContent = model.get("score");
    retryBtn.disabled = !Object.values(fb).some((f) => f.status === "wrong");
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
    const tail = wrong.length ? ` Not quite: ${wrong.join(", ")}.` : "";
    announce(`Checked: ${s}.${tail}`);
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
  ];
  for (const [event, fn] of listeners) model.on(event, fn);
  build();

  return () => {
    window.removeEventListener("pointermove", onPointerMove);
    window.removeEventListener("pointerup", onPointerUp);
    window.removeEventListener("pointercancel", onPointerUp);
    for (const [event, fn] of listeners) model.off(event, fn);
  };
}

export default { render };
