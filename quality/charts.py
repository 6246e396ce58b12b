"""Inline SVG charts for the HTML report: horizontal bars and a trend line, no script, no CDN."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR_H = 20
GAP = 6
LABEL_W = 190
VALUE_W = 90
TICK_GAP = 12  # px between y-axis labels (10 px text): closer ticks keep their line, not their label


def text_px(text: str, font_px: float = 12) -> float:
    """Rough rendered width: a CJK or full-width character is one em, other characters about 0.6 em."""
    return sum(font_px if ord(ch) > 0x2E7F else font_px * 0.6 for ch in text)


def fit(text: str, max_px: float, font_px: float = 12) -> str:
    """`text` cut with an ellipsis so that it renders within `max_px` (unchanged when it fits)."""
    if text_px(text, font_px) <= max_px:
        return text
    out = ""
    for ch in text:
        if text_px(out + ch + "…", font_px) > max_px:
            break
        out += ch
    return out + "…"


def _label(x: float, y: float, label: str, max_px: float, attrs: str = "", font_px: float = 12) -> str:
    """An SVG text cut to `max_px`; a cut label keeps the whole text in a <title> (shown on hover)."""
    shown = fit(label, max_px, font_px)
    title = f"<title>{escape(label)}</title>" if shown != label else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{attrs}>{title}{escape(shown)}</text>'


def _color(fraction: float, good_high: bool) -> str:
    """Green for good, amber, red for bad."""
    goodness = fraction if good_high else 1 - fraction
    if goodness >= 0.95:
        return "#2e7d32"
    if goodness >= 0.85:
        return "#9e9d24"
    if goodness >= 0.70:
        return "#ef6c00"
    return "#c62828"


def hbars(items: list[tuple[str, float | None, str]], *, width: int = 640, good_high: bool = True,
          scale: float = 1.0, color: str | None = None) -> Markup:
    """One bar per (label, value in 0..scale or None, text shown at the bar's end)."""
    plot_w = width - LABEL_W - VALUE_W
    height = len(items) * (BAR_H + GAP) + GAP
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" class="chart">']
    for i, (label, value, text) in enumerate(items):
        y = GAP + i * (BAR_H + GAP)
        # Long labels (a law's name, 法定代表人（负责人）…) are cut to the label column, whole on hover.
        parts.append(_label(LABEL_W - 8, y + BAR_H * 0.72, label, LABEL_W - 12, ' text-anchor="end"'))
        parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{plot_w}" height="{BAR_H}" fill="#eceff1"/>')
        if value is not None and scale > 0:
            frac = max(0.0, min(1.0, value / scale))
            fill = color or _color(frac, good_high)
            parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{plot_w * frac:.1f}" height="{BAR_H}" fill="{fill}"/>')
        parts.append(f'<text x="{LABEL_W + plot_w + 6}" y="{y + BAR_H * 0.72:.1f}">{escape(text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def trend(points: list[tuple[str, float | None]], *, width: int = 640, height: int = 220) -> Markup:
    """Overall score (0..1) per release, oldest left; None values leave a gap."""
    left, right, top, bottom = 44, 16, 14, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(points)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" class="chart">']
    labelled: list[float] = []
    # Grade boundaries first: 0.95 and 1.00 are 8 px apart, so 1.00 (the top) loses its label, not 0.95.
    for tick in (0.95, 0.85, 0.7, 0.0, 1.0):
        y = top + plot_h * (1 - tick)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#cfd8dc" stroke-dasharray="3 3"/>')
        if all(abs(y - other) >= TICK_GAP for other in labelled):
            labelled.append(y)
            parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="small">{tick:.2f}</text>')
    coords: list[tuple[float, float] | None] = []
    for i, (_, v) in enumerate(points):
        x = left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))
        coords.append(None if v is None else (x, top + plot_h * (1 - max(0.0, min(1.0, v)))))
    segment: list[str] = []
    for c in [*coords, None]:
        if c is None:
            if len(segment) > 1:
                parts.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="#1565c0" stroke-width="2"/>')
            segment = []
        else:
            segment.append(f"{c[0]:.1f},{c[1]:.1f}")
    for (label, v), c in zip(points, coords):
        if c is not None:
            parts.append(f'<circle cx="{c[0]:.1f}" cy="{c[1]:.1f}" r="4" fill="#1565c0"><title>{escape(label)}: {v:.3f}</title></circle>')
    step = max(1, n // 8)
    for i, (label, _) in enumerate(points):
        if i % step == 0 or i == n - 1:
            x = left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))
            room = plot_w / max(1, min(n, 8)) - 4  # one label every `step` points
            parts.append(_label(x, top + plot_h + 18, label, room, ' text-anchor="middle" class="small"', font_px=10))
    parts.append("</svg>")
    return Markup("".join(parts))
