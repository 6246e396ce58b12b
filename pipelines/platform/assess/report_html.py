"""The assessment as one HTML page for the commission and the public: a table and one chart per
dimension, in Chinese, charts as inline SVG (no script, no network), readable offline."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from pipelines.platform.assess.scoring import Assessment
from pipelines.platform.assess.weights import DIMENSION_LABELS, DIMENSIONS
from quality.charts import hbars


def render_html(result: Assessment) -> str:
    """The report page."""
    env = Environment(loader=PackageLoader("pipelines.platform.assess", "templates"), autoescape=select_autoescape(["j2", "html"]))
    charts = {
        d: hbars([(dep.department, dep.dimensions[d].score, _text(dep.dimensions[d].score)) for dep in result.departments], scale=100)
        for d in DIMENSIONS
    }
    total = hbars([(dep.department, dep.score, f"{dep.score:.1f} {dep.grade}") for dep in result.departments], scale=100)
    return env.get_template("assessment.html.j2").render(
        year=result.year, as_of=result.as_of.isoformat(), grades=result.grades, weights=result.weights,
        departments=result.departments, dimensions=DIMENSIONS, labels=DIMENSION_LABELS, charts=charts, total_chart=total,
    )


def _text(score: float | None) -> str:
    return "不适用" if score is None else f"{score:.1f}"


def write_html(result: Assessment, path: Path) -> Path:
    """Write the report page to `path`."""
    path.write_text(render_html(result), encoding="utf-8")
    return path
