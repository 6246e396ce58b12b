"""The assessment as a workbook for the commission: one row per department, and the weights used."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from pipelines.platform.assess.scoring import Assessment
from pipelines.platform.assess.weights import DIMENSION_LABELS, DIMENSIONS


def write_xlsx(result: Assessment, path: Path) -> Path:
    """Write sheets 考核结果 (scores), 评分依据 (how each score was reached) and 指标权重."""
    wb = Workbook()
    ws = wb.active
    ws.title = "考核结果"
    ws.append(["部门", "总分", "等级", *(DIMENSION_LABELS[d] for d in DIMENSIONS)])
    for dep in result.departments:
        # An empty cell, not 0, for a dimension without evidence: 0 would read as a failing score.
        ws.append([dep.department, dep.score, dep.grade, *(dep.dimensions[d].score for d in DIMENSIONS)])
    basis = wb.create_sheet("评分依据")
    basis.append(["部门", *(DIMENSION_LABELS[d] for d in DIMENSIONS)])
    for dep in result.departments:
        basis.append([dep.department, *(dep.dimensions[d].basis for d in DIMENSIONS)])
    weights = wb.create_sheet("指标权重")
    weights.append(["指标", "权重（%）"])
    for d in DIMENSIONS:
        weights.append([DIMENSION_LABELS[d], result.weights[d]])
    weights.append([])
    weights.append(["等级", "最低分"])
    for grade, low in result.grades.items():
        weights.append([grade, low])
    weights.append([])
    weights.append(["考核年度", result.year])
    weights.append(["评价截止日", result.as_of.isoformat()])
    for sheet in (ws, basis, weights):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 28
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
