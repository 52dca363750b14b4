"""Helpers for tests that drive sorting boards in the page: locators, the
three ways of moving a card (mouse, dispatched touch pointer events, Chrome's
own touch input), and in-page measures (colour contrast, focus indicators,
layout overflow).

A plain module like ``harness.py``; the test modules import what they need.
"""

from __future__ import annotations

import re

__all__ = [
    "Board",
    "css_str",
    "contrast_of",
    "focus_state",
    "mouse_drag",
    "on_screen",
    "overflow_report",
    "tag_items",
    "text_contrasts",
    "touch_drag",
    "real_touch_drag",
]


def css_str(value: str) -> str:
    """``value`` as a quoted CSS string, for attribute selectors (any character, newlines too)."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\n\r\f" or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


class Board:
    """Locators for one sorting board (``root`` is the ``.smb`` element's locator)."""

    def __init__(self, page, root):
        self.page = page
        self.root = root
        self.pool = self.root.locator('.smb-pool[data-bin=""]')
        self.live = self.root.locator(".smb-live")
        self.score = self.root.locator(".smb-score")
        self.check_button = self.root.locator("button.smb-check")
        self.retry_button = self.root.locator("button.smb-retry")
        self.reset_button = self.root.locator("button.smb-reset")

    @classmethod
    def titled(cls, page, title: str) -> Board:
        heading = page.locator(".smb-title", has_text=re.compile("^" + re.escape(title) + "$"))
        return cls(page, page.locator(".smb").filter(has=heading))

    def item(self, label):
        return self.root.locator(f".smb-item[data-label={css_str(label)}]")

    def card(self, label):
        return self.item(label).locator("button.smb-card")

    def bin(self, name):
        return self.root.locator(f".smb-bin[data-bin={css_str(name)}]")

    def in_bin(self, name, label):
        """The card, located only if it sits in bin ``name`` ("" = the pool)."""
        target = self.pool if name == "" else self.bin(name)
        return target.locator(f".smb-cards > .smb-item[data-label={css_str(label)}]")

    def where(self) -> dict:
        """{label: bin} for every placed card, as the DOM shows it."""
        # pairs, not an object: a card called "__proto__" would not survive the trip
        pairs = self.root.evaluate(
            """(root) => [...root.querySelectorAll('.smb-bin .smb-item')]
                 .map(n => [n.dataset.label, n.closest('.smb-bin').dataset.bin])"""
        )
        return dict(pairs)


def tag_items(board: Board, labels: list[str]) -> None:
    """Give every card a ``data-test-idx`` (its index in ``labels``), for labels no selector can quote."""
    missing = board.root.evaluate(
        """(root, labels) => {
          let missing = labels.length;
          for (const n of root.querySelectorAll('.smb-item')) {
            const i = labels.indexOf(n.dataset.label);
            if (i >= 0) { n.dataset.testIdx = String(i); missing -= 1; }
          }
          return missing;
        }""",
        labels,
    )
    assert missing == 0, f"{missing} cards not found by their label"


def on_screen(page, *locators):
    """Scroll the board's top to the top of the notebook so both ends of a drag are visible."""
    locators[0].evaluate("n => n.closest('.smb').scrollIntoView({block: 'start'})")
    vh = page.viewport_size["height"]
    for loc in locators:
        box = loc.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + min(box["height"], 40) <= vh, f"{loc} is off screen: {box}"


def mouse_drag(page, source, target, **kwargs):
    """A real HTML5 drag and drop with the mouse (``locator.drag_to``).

    Playwright cannot scroll in the middle of a drag, so both ends are put on
    screen first.
    """
    on_screen(page, source, target)
    source.drag_to(target, **kwargs)


def touch_drag(page, source, target, pointer_id=11):
    """Drag ``source`` onto ``target`` with dispatched touch pointer events.

    The widget listens for pointerdown on the card and for pointermove/up on
    ``window``, and finds the target with ``document.elementFromPoint``, so
    both ends must be on screen: the target is scrolled into view first and
    the source must still be visible.
    """
    on_screen(page, source, target)
    s = source.bounding_box()
    t = target.bounding_box()
    assert s and t, "card or target not rendered"
    sx, sy = s["x"] + s["width"] / 2, s["y"] + s["height"] / 2
    tx, ty = t["x"] + min(t["width"] / 2, 40), t["y"] + min(t["height"] / 2, 20)
    vh = page.viewport_size["height"]
    assert 0 < sy < vh and 0 < ty < vh, "source and target must both be on screen for a touch drag"
    return source.evaluate(
        """(node, [sx, sy, tx, ty, id]) => {
          const opts = (type, x, y) => ({pointerId: id, pointerType: 'touch', isPrimary: true,
            clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true,
            button: type === 'pointermove' ? -1 : 0, buttons: type === 'pointerup' ? 0 : 1});
          const seen = {};
          node.dispatchEvent(new PointerEvent('pointerdown', opts('pointerdown', sx, sy)));
          node.dispatchEvent(new PointerEvent('pointermove', opts('pointermove', sx + 3, sy)));
          seen.ghostBeforeThreshold = !!document.querySelector('.smb-ghost');
          const steps = 8;
          for (let i = 1; i <= steps; i++) {
            const x = sx + (tx - sx) * i / steps, y = sy + (ty - sy) * i / steps;
            node.dispatchEvent(new PointerEvent('pointermove', opts('pointermove', x, y)));
          }
          seen.ghostDuring = !!document.querySelector('.smb-ghost');
          const over = document.querySelector('.smb-over');
          seen.highlighted = over ? over.dataset.bin : null;
          node.dispatchEvent(new PointerEvent('pointerup', opts('pointerup', tx, ty)));
          seen.ghostAfter = !!document.querySelector('.smb-ghost');
          return seen;
        }""",
        [sx, sy, tx, ty, pointer_id],
    )


def real_touch_drag(page, start, end, steps=10, hold_ms=0, end_of=None):
    """A finger drag with Chrome's own touch input (CDP ``Input.dispatchTouchEvent``).

    ``start`` and ``end`` are (x, y) viewport points. With ``end_of`` (a
    locator) the finger then rests at ``end``, for at most ``hold_ms``, until
    that element is on screen (the board scrolls while a card is held near an
    edge), and moves onto it before it lifts.
    """
    (sx, sy), (tx, ty) = start, end
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": sx, "y": sy, "id": 1}]})
        for i in range(1, steps + 1):
            point = {"x": sx + (tx - sx) * i / steps, "y": sy + (ty - sy) * i / steps, "id": 1}
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        if end_of is not None:
            vh = page.viewport_size["height"]
            waited = 0
            while waited < hold_ms:
                box = end_of.bounding_box()
                if box and 0 <= box["y"] and box["y"] + box["height"] < vh - 60:
                    break
                page.wait_for_timeout(50)
                waited += 50
            # Leave the edge first, so the board stops scrolling, and only then
            # aim at the target: aimed from the edge, the target keeps moving
            # under the finger (more so on a loaded machine).
            mx, my = tx, vh / 2
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": mx, "y": my, "id": 1}]})
            page.wait_for_timeout(300)
            box = end_of.bounding_box()
            fx, fy = box["x"] + min(box["width"] / 2, 60), box["y"] + min(box["height"] / 2, 20)
            for i in range(1, steps + 1):
                point = {"x": mx + (fx - mx) * i / steps, "y": my + (fy - my) * i / steps, "id": 1}
                cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()


# ------------------------------------------------------------ in-page measures

# Colours as the eye gets them: each element's colour composited over the
# backgrounds of all its ancestors (JupyterLab's theme colours have alpha).
_COLOUR_JS = r"""
const parse = (c) => {
  let m = c.match(/^rgba?\(([^)]+)\)/);
  if (m) {
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  m = c.match(/^color\(srgb ([^)]+)\)/);
  if (m) {
    const p = m[1].split(/[\s\/]+/).filter(Boolean).map(Number);
    return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
  }
  return null;
};
const over = (top, bottom) => {
  const a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
};
const backdrop = (node) => {
  const chain = [];
  for (let n = node; n; n = n.parentElement) chain.push(n);
  let bg = [255, 255, 255, 1];
  for (const n of chain.reverse()) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c && c[3] > 0) bg = over(c, bg);
  }
  return bg;
};
const lum = (rgb) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]);
};
const ratio = (a, b) => {
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
};
const hex = (rgb) => '#' + rgb.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
"""


def contrast_of(locator) -> dict:
    """Text colour against the background behind it: ``{"ratio", "fg", "bg"}``."""
    return locator.evaluate(
        "(node) => {"
        + _COLOUR_JS
        + """
          const bg = backdrop(node);
          const fg = over(parse(getComputedStyle(node).color), bg);
          return {ratio: ratio(fg, bg), fg: hex(fg), bg: hex(bg)};
        }"""
    )


def text_contrasts(root) -> list[dict]:
    """Every visible piece of text inside ``root`` (a locator), with its contrast ratio.

    The live region (visually hidden, read out only) is left out.
    """
    return root.evaluate(
        "(root) => {"
        + _COLOUR_JS
        + """
          const out = [];
          for (const node of root.querySelectorAll('*')) {
            if (node.closest('.smb-live, .smb-ghost')) continue;
            const text = [...node.childNodes].filter(c => c.nodeType === 3).map(c => c.textContent).join('').trim();
            if (!text) continue;
            const rect = node.getBoundingClientRect();
            if (!rect.width || !rect.height || getComputedStyle(node).visibility === 'hidden') continue;
            const cs = getComputedStyle(node);
            const bg = backdrop(node);
            const fg = over(parse(cs.color), bg);
            const kind = node.closest('button:disabled') ? 'disabled button'
              : node.className && typeof node.className === 'string' ? node.className.split(' ')[0] : node.tagName;
            out.push({kind, text: text.slice(0, 40), ratio: ratio(fg, bg), fg: hex(fg), bg: hex(bg),
                      size: parseFloat(cs.fontSize), weight: cs.fontWeight});
          }
          return out;
        }"""
    )


def focus_state(page) -> dict:
    """What the focused element looks like: its focus indicator and the indicator's contrast."""
    return page.evaluate(
        "() => {"
        + _COLOUR_JS
        + """
          const el = document.activeElement;
          if (!el || el === document.body) return {inBoard: false, tag: el ? el.tagName : null};
          const cs = getComputedStyle(el);
          const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
          const shadow = !!cs.boxShadow && cs.boxShadow !== 'none';
          const behind = backdrop(el.parentElement || el);
          const ring = parse(cs.outlineColor);
          return {
            inBoard: !!el.closest('.smb'), tag: el.tagName, cls: String(el.className),
            name: el.getAttribute('aria-label') || el.textContent.slice(0, 40),
            outline, shadow, outlineWidth: parseFloat(cs.outlineWidth), outlineColor: cs.outlineColor,
            focusVisible: el.matches(':focus-visible'),
            ringContrast: ring ? ratio(over(ring, behind), behind) : null,
          };
        }"""
    )


def overflow_report(root) -> dict:
    """Does anything stick out of the board? Widths of the board, its output area, and offenders."""
    return root.evaluate(
        """(root) => {
          const r = root.getBoundingClientRect();
          const area = root.closest('.jp-OutputArea-output') || root.parentElement;
          const a = area.getBoundingClientRect();
          const offenders = [];
          for (const n of root.querySelectorAll('*')) {
            if (n.closest('.smb-live, .smb-ghost')) continue;
            const b = n.getBoundingClientRect();
            if (!b.width && !b.height) continue;
            if (b.right > r.right + 1 || b.left < r.left - 1)
              offenders.push({cls: String(n.className), left: b.left, right: b.right});
          }
          return {boardWidth: r.width, boardLeft: r.left, boardRight: r.right, areaLeft: a.left, areaRight: a.right,
                  scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, offenders: offenders.slice(0, 10)};
        }"""
    )
