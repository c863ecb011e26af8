"""Server-drawn SVG charts (no script needed): claim values over time and a day histogram.

Every label is escaped; every mark of the claims chart is a link to the sentence it came from.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
WIDTH, HEIGHT = 860, 340
LEFT, RIGHT, TOP, BOTTOM = 78, 40, 16, 46
LOG_RATIO = 1000.0


@dataclass(frozen=True)
class ChartPoint:
    day: str | None
    low: float
    high: float
    outlet: str
    attributed: bool
    href: str
    tip: str
    bound: str = ""  # "min": "more than low" (drawn as ▲), "max": "up to high" (▼)


def _day(value: str | None) -> float | None:
    try:
        return float(_dt.date.fromisoformat((value or "")[:10]).toordinal())
    except ValueError:
        return None


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.floor(low / step) * step
    ticks, x = [round(first, 10)], first
    while ticks[-1] < high - step * 1e-9:  # the last tick covers the highest value
        x += step
        ticks.append(round(x, 10))
    return ticks


def _fmt(value: float) -> str:
    if abs(value) >= 1e6 and float(value / 1e6).is_integer():
        return f"{value / 1e6:g}M"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"


def outlet_colours(outlets: Sequence[str]) -> dict[str, str]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(set(outlets)))}


def claims_svg(points: Sequence[ChartPoint], title: str) -> Markup:
    """Values over publication date: ranges as bars, single values as dots, coloured by outlet."""
    days = [d for d in (_day(p.day) for p in points) if d is not None]
    d0, d1 = (min(days), max(days)) if days else (0.0, 1.0)
    pad = max(1.0, (d1 - d0) * 0.05)  # keep the first and last marks off the frame
    d0, d1 = d0 - pad, d1 + pad
    top = max([p.high for p in points] + [1.0])
    smallest = min([p.low for p in points if p.low > 0] + [top])
    log_scale = top / smallest >= LOG_RATIO  # values over orders of magnitude: a log axis keeps them apart
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    if log_scale:
        l0, l1 = math.floor(math.log10(smallest)), math.ceil(math.log10(top))
        ticks = [float(10 ** k) for k in range(l0, l1 + 1)]
    else:
        ticks = nice_ticks(0.0, top)

    def x(day: float) -> float:
        return LEFT + (day - d0) / (d1 - d0) * plot_w

    def y(value: float) -> float:
        if log_scale:
            share = (math.log10(max(value, ticks[0])) - math.log10(ticks[0])) / max(
                math.log10(ticks[-1]) - math.log10(ticks[0]), 1e-9)
        else:
            share = value / ticks[-1] if ticks[-1] else 0.0
        return TOP + plot_h - share * plot_h

    colours = outlet_colours([p.outlet for p in points])
    out = [Markup('<svg class="chart{}" role="img" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg" '
                  'direction="ltr"><title>{}</title>').format(" log" if log_scale else "", WIDTH, HEIGHT, title)]
    for tick in ticks:
        out.append(Markup('<line class="grid" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>'
                          '<text class="axis" x="{}" y="{:.1f}" text-anchor="end">{}</text>').format(
            LEFT, WIDTH - RIGHT, y(tick), y(tick), LEFT - 6, y(tick) + 4, _fmt(tick)))
    if log_scale:
        out.append(Markup('<text class="axis" x="{}" y="{}" text-anchor="end">log</text>').format(LEFT - 6, TOP - 4))
    span = d1 - d0
    for i in range(5):
        day = d0 + span * i / 4
        label = _dt.date.fromordinal(int(round(day))).isoformat()
        out.append(Markup('<text class="axis" x="{:.1f}" y="{}" text-anchor="middle">{}</text>').format(
            x(day), HEIGHT - BOTTOM + 18, label))
    out.append(Markup('<line class="frame" x1="{}" x2="{}" y1="{}" y2="{}"/>').format(
        LEFT, WIDTH - RIGHT, TOP + plot_h, TOP + plot_h))
    undated = LEFT - 30
    for n, p in enumerate(points):
        when = _day(p.day)
        cx = x(when) if when is not None else undated
        cx += ((n % 5) - 2) * 3  # spread marks of the same day a little
        colour = colours[p.outlet]
        fill = colour if p.attributed else "#ffffff"
        out.append(Markup('<a class="point" href="{}"><title>{}</title>').format(p.href, p.tip))
        if p.bound in ("min", "max"):
            cy, d = y(p.low if p.bound == "min" else p.high), (-7 if p.bound == "min" else 7)
            out.append(Markup('<polygon points="{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}" fill="{}" stroke="{}" '
                              'stroke-width="2"/>').format(cx - 6, cy, cx + 6, cy, cx, cy + d, fill, colour))
        elif p.high > p.low:
            out.append(Markup('<rect x="{:.1f}" y="{:.1f}" width="8" height="{:.1f}" fill="{}" stroke="{}" '
                              'stroke-width="2" fill-opacity="0.6"/>').format(
                cx - 4, y(p.high), max(y(p.low) - y(p.high), 2.0), fill, colour))
        else:
            out.append(Markup('<circle cx="{:.1f}" cy="{:.1f}" r="6" fill="{}" stroke="{}" '
                              'stroke-width="2"/>').format(cx, y(p.high), fill, colour))
        out.append(Markup("</a>"))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def histogram_svg(pairs: Sequence[tuple[str, int]], title: str) -> Markup:
    """Counts per day as bars on a date axis (an entity's timeline)."""
    dated = [(d, n) for d, n in ((_day(day), n) for day, n in pairs) if d is not None]
    width, height, left, bottom = 860, 160, 40, 30
    if not dated:
        return Markup("")
    d0, d1 = min(d for d, _ in dated), max(d for d, _ in dated)
    if d1 - d0 < 2:
        d0, d1 = d0 - 1, d1 + 1
    top = max(n for _, n in dated)
    plot_w, plot_h = width - left - 10, height - bottom - 10
    bar = max(2.0, min(12.0, plot_w / (d1 - d0 + 1)))
    out = [Markup('<svg class="chart timeline" role="img" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg" '
                  'direction="ltr"><title>{}</title>').format(width, height, title)]
    for day, n in dated:
        h = n / top * plot_h
        bx = left + (day - d0) / (d1 - d0) * plot_w - bar / 2
        label = _dt.date.fromordinal(int(day)).isoformat()
        out.append(Markup('<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}">'
                          '<title>{}: {}</title></rect>').format(bx, 10 + plot_h - h, bar, h, label, n))
    for day in (d0, d1):
        out.append(Markup('<text class="axis" x="{:.1f}" y="{}" text-anchor="middle">{}</text>').format(
            left + (day - d0) / (d1 - d0) * plot_w, height - 8, _dt.date.fromordinal(int(day)).isoformat()))
    out.append(Markup('<text class="axis" x="{}" y="20" text-anchor="end">{}</text>').format(left - 4, top))
    out.append(Markup("</svg>"))
    return Markup("").join(out)

