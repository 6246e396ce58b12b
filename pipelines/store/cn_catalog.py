"""The national data-resource catalog (政务信息资源目录, GB/T 21063.3 core metadata), as Excel and JSON.

Departments register their resources on the provincial and municipal platforms (管理办法 §12, 考核办法 §10)
by uploading a workbook with one sheet of resources (信息资源) and one of their data items (信息项). Every
column is filled from the catalog spec, except 发布日期, which is the publication date of the newest
published release in the registry. A spec without the national fields (`provider.code`,
`national_catalog`) is refused with FILE:LINE, so an export never carries blanks a platform rejects.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pipelines.core.home import Home
from pipelines.store.releases import list_releases
from pipelines.core.clock import SHANGHAI
from pipelines.core.spec.loader import SpecProblem
from pipelines.core.spec.model import CatalogSpec
from pipelines.core.spec.yaml_lines import YamlDocument
from pipelines.core.vocab import OpenType, SharingType

# The columns of the 信息资源 sheet, in the order of the 编制指南 core metadata.
RESOURCE_COLUMNS = (
    "信息资源分类", "信息资源名称", "信息资源代码", "信息资源提供方", "提供方代码", "信息资源摘要", "信息资源格式",
    "共享类型", "共享条件", "共享方式", "是否向社会开放", "开放条件", "更新周期", "发布日期", "关联资源代码",
)
# The columns of the 信息项 sheet: each row names its resource by code, as the platform's import expects.
ITEM_COLUMNS = ("信息资源代码", "信息资源名称", "序号", "信息项名称", "数据类型", "字段名")

# 信息资源格式 (编制指南: 电子文件, 电子表格, 数据库, ... each with its file type) of each release format.
_FORMAT_LABELS = {"csv": "电子表格/CSV", "parquet": "其他/Parquet（列式数据文件）"}
NONE = "无"  # written where the guide expects a value but the resource has none (e.g. 共享条件 of 无条件共享)
NOT_PUBLISHED = "未发布"
# A folded YAML scalar (`>-`) joins its lines with a space, which Chinese text does not have.
_FOLD_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def _text(value: str) -> str:
    return _FOLD_SPACE.sub("", value.strip())


def national_problems(path: Path, spec: CatalogSpec) -> list[SpecProblem]:
    """What a valid spec still lacks for the national catalog, as FILE:LINE problems."""
    doc: YamlDocument | None = None

    def line(*loc: str) -> int:
        nonlocal doc
        doc = doc or YamlDocument(path.read_text(encoding="utf-8"))
        return doc.line_of(loc)

    problems = []
    if not spec.provider.code:
        problems.append(SpecProblem(path, line("provider"), "provider.code (提供方代码) is required for the national catalog export"))
    if spec.national_catalog is None:
        problems.append(SpecProblem(path, line("id"), "national_catalog (信息资源代码, 分类, 共享方式) is required for the national catalog export"))
    return problems


def _latest_publication(home: Home, dataset_id: str) -> date | None:
    published = [r for r in list_releases(home, dataset_id) if r["status"] == "published"]
    if not published:
        return None
    at = published[-1]["published_at"]
    return at.astimezone(SHANGHAI).date() if isinstance(at, datetime) else date.fromisoformat(str(at)[:10])


def _sharing_conditions(spec: CatalogSpec) -> str:
    national = spec.national_catalog
    assert national is not None
    if spec.sharing_type is SharingType.NOT_SHARED:
        return _text(f"暂不共享依据：{spec.legal_basis}")  # the model requires legal_basis unless sharing is unconditional
    if spec.sharing_type is SharingType.CONDITIONAL:
        return _text(f"{national.sharing_conditions}（依据：{spec.legal_basis}）")
    return NONE


def _open_conditions(spec: CatalogSpec) -> str:
    if spec.open_type is OpenType.AUTHORIZED:
        return _text(f"{spec.open_type.label}：{spec.open_conditions}")
    if spec.open_type is OpenType.NOT_OPEN:
        assert spec.not_open_reason is not None
        return f"{spec.open_type.label}：{spec.not_open_reason.label}"
    return f"{spec.open_type.label}（无需申请）"


def resource_record(spec: CatalogSpec, published: date | None) -> dict[str, Any]:
    """One resource in the national catalog, keyed by the Chinese field names, with its 信息项 list."""
    national = spec.national_catalog
    if national is None or not spec.provider.code:
        raise ValueError(f"{spec.id}: national catalog fields missing (check national_problems first)")
    return {
        "信息资源分类": f"{national.resource_class.label}/{national.category}",
        "信息资源名称": spec.title,
        "信息资源代码": national.code,
        "信息资源提供方": spec.provider.department,
        "提供方代码": spec.provider.code,
        "信息资源摘要": _text(spec.summary),
        "信息资源格式": "；".join(_FORMAT_LABELS[f] for f in spec.formats),
        "共享类型": spec.sharing_type.label,
        "共享条件": _sharing_conditions(spec),
        "共享方式": national.sharing_method.label if national.sharing_method else NONE,
        "是否向社会开放": "否" if spec.open_type is OpenType.NOT_OPEN else "是",
        "开放条件": _open_conditions(spec),
        "更新周期": spec.update_frequency.label,
        "发布日期": published.isoformat() if published else NOT_PUBLISHED,
        "关联资源代码": "；".join(national.related) or NONE,
        "信息项": [
            {"序号": i, "信息项名称": f.label, "数据类型": f.type.cn_catalog_type, "字段名": f.name}
            for i, f in enumerate(spec.fields, start=1)
        ],
    }


def build_records(specs: list[tuple[Path, CatalogSpec]], home: Home) -> tuple[list[dict[str, Any]], list[SpecProblem]]:
    """Records for every spec, ordered by 信息资源代码, or the problems that keep specs out of the export."""
    problems = [p for path, spec in specs for p in national_problems(path, spec)]
    if problems:
        return [], problems
    records = [resource_record(spec, _latest_publication(home, spec.id)) for _, spec in specs]
    return sorted(records, key=lambda r: r["信息资源代码"]), []


def _replace_atomically(out: Path, write: Any) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}-", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def to_json(records: list[dict[str, Any]]) -> str:
    """The export as JSON text: {"信息资源": [record, ...]}."""
    return json.dumps({"信息资源": records}, ensure_ascii=False, indent=2) + "\n"


def write_json(records: list[dict[str, Any]], out: Path) -> Path:
    """Write the JSON export to `out` (temp file + rename)."""
    _replace_atomically(out, lambda tmp: tmp.write_text(to_json(records), encoding="utf-8"))
    return out


def write_xlsx(records: list[dict[str, Any]], out: Path) -> Path:
    """Write the upload workbook: sheet 信息资源 (one row a resource) and sheet 信息项 (one row a data item)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    resources = book.active
    assert resources is not None
    resources.title = "信息资源"
    resources.append(list(RESOURCE_COLUMNS))
    for record in records:
        resources.append([record[c] for c in RESOURCE_COLUMNS])
    items = book.create_sheet("信息项")
    items.append(list(ITEM_COLUMNS))
    for record in records:
        for item in record["信息项"]:
            items.append([record["信息资源代码"], record["信息资源名称"], item["序号"], item["信息项名称"], item["数据类型"], item["字段名"]])
    for sheet, wide in ((resources, {"信息资源摘要", "共享条件", "开放条件"}), (items, set())):
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            width = 60 if cell.value in wide else max(12, 2 * len(str(cell.value)) + 4)
            sheet.column_dimensions[cell.column_letter].width = width
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    _replace_atomically(out, lambda tmp: book.save(tmp))
    return out
