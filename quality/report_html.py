"""`quality.html`: one self-contained page (inline CSS and SVG, no script, no CDN) from quality.json."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from quality import charts
from quality.profile import MIN_COUNT


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("quality", "templates"),
        autoescape=True,  # every value is escaped; only the SVG built by quality.charts is Markup
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("quality.html.j2")


def _pct(v: float | None) -> str:
    return "未评估 n/a" if v is None else f"{v * 100:.2f}%"


def _charts(q: dict[str, Any]) -> dict[str, Any]:
    dims = [(f"{d['label']} {name}", d["score"], _pct(d["score"])) for name, d in q["dimensions"].items()]
    nulls = [(f"{c['label']} {c['column']}", c["null_rate"], f"{c['null_rate'] * 100:.1f}% ({c['nulls']:,})") for c in q["columns"]]
    distributions = []
    for c in q["columns"]:
        if "top_values" not in c:
            continue
        items = [(t["value"], t["rows"], f"{t['rows']:,}") for t in c["top_values"]]
        if c.get("other_rows"):
            items.append(("其他 other", c["other_rows"], f"{c['other_rows']:,}"))
        if not items:
            continue
        peak = max(float(n) for _, n, _ in items)
        distributions.append(
            {"column": c["column"], "label": c["label"],
             "svg": charts.hbars([(v, float(n), t) for v, n, t in items], width=460, scale=peak, color="#5c6bc0")}
        )
    points = [(t["version"], t["overall"]) for t in q["trend"]] + [("本次 this", q["overall"]["score"])]
    return {
        "dimensions": charts.hbars(dims),
        "nulls": charts.hbars(nulls, good_high=False, width=720),
        "distributions": distributions,
        "trend": charts.trend(points),
    }


def render_html(q: dict[str, Any]) -> str:
    """The HTML page for a quality.json dict."""
    return _template().render(q=q, charts=_charts(q), min_count=MIN_COUNT)
