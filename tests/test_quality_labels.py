"""quality.html labels fit: long labels are cut to their column with the whole text on hover, and
the trend chart's y-axis labels never overlap."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from quality import charts
from pipelines.cli.quality import quality_command
from tests.conftest import ROOT

TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)"([^>]*)>(?:<title>([^<]*)</title>)?([^<]*)</text>')


def test_market_penalties_report_labels_fit(tmp_path: Path) -> None:
    out = tmp_path / "q"
    quality_command(ROOT / "sample_data" / "market-penalties.xlsx", ROOT / "catalog_specs" / "market-penalties.yaml",
                    out, None, tmp_path / "home")
    page = (out / "quality.html").read_text(encoding="utf-8")
    cut = 0
    for svg in re.findall(r"<svg.*?</svg>", page, re.S):
        for x, _, attrs, title, shown in TEXT.findall(svg):
            if 'text-anchor="end"' in attrs and "small" not in attrs:  # bar labels, right-aligned at x
                assert charts.text_px(html_lib.unescape(shown)) <= float(x), shown
                if title:
                    cut += 1
                    assert html_lib.unescape(shown).endswith("…") and html_lib.unescape(title).startswith(html_lib.unescape(shown)[:-1])
    assert cut, "the sample has labels too long for the column (law names, 法定代表人…)"


def test_trend_y_labels_do_not_overlap() -> None:
    svg = str(charts.trend([(f"2026-12-0{i}.1", 0.9 + i / 100) for i in range(1, 6)]))
    ys = sorted(float(y) for _, y, attrs, _, _ in TEXT.findall(svg) if 'text-anchor="end"' in attrs)
    assert len(ys) >= 4 and all(b - a >= charts.TICK_GAP for a, b in zip(ys, ys[1:])), ys
    assert ">0.95<" in svg and ">0.85<" in svg  # the grade boundaries keep their labels
