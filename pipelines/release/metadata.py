"""The metadata files of a release: datapackage.json (Frictionless), provenance.json, README.md."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines.core.clock import SHANGHAI
from pipelines.core.context import PublishContext
from pipelines.core.results import failed_checks
from pipelines.core.versions import code_version
from pipelines.core.vocab import FieldType

MEDIA_TYPES = {
    "data.csv": "text/csv",
    "data.parquet": "application/vnd.apache.parquet",
    "data.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def attribution(ctx: PublishContext) -> str:
    """The line users must cite (管理办法 §26; 开放办法 §15)."""
    obtained = (ctx.obtained_at or datetime.now(SHANGHAI)).astimezone(SHANGHAI).date().isoformat()
    return f"数据来源：{ctx.spec.provider.department}；获取日期：{obtained}"


def datapackage(ctx: PublishContext, schema_fields: list[dict[str, Any]], created: datetime) -> dict[str, Any]:
    """A Frictionless Tabular Data Package whose field titles are the Chinese labels."""
    spec = ctx.spec
    resources: list[dict[str, Any]] = []
    for name in ("data.csv", "data.parquet", "data.xlsx"):
        info = ctx.release_files.get(name)
        if info is None:
            continue
        resource: dict[str, Any] = {
            "name": name.replace(".", "-"),
            "path": name,
            "format": name.rsplit(".", 1)[1],
            "mediatype": MEDIA_TYPES[name],
        }
        if name == "data.csv":
            # Only the CSV carries bytes/hash here: frictionless cannot count a Parquet file's bytes
            # and would fail validation. Every file's sha256 is in provenance.json and the registry.
            resource |= {
                "bytes": info["bytes"],
                "hash": f"sha256:{info['sha256']}",
                "profile": "tabular-data-resource",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "doubleQuote": True, "header": True},
                "schema": {"fields": schema_fields},
            }
        resources.append(resource)
    return {
        # data-package, not tabular-data-package: the Parquet copy is a plain file resource.
        "profile": "data-package",
        "name": spec.id,
        "title": spec.title,
        "description": spec.summary,
        "version": ctx.version,
        "created": created.isoformat(),
        "keywords": spec.keywords,
        "licenses": [{"name": spec.license, "title": spec.license}],
        "sources": [{"title": spec.provider.department}],
        "attribution": attribution(ctx),
        "open_type": ctx.tag.as_json() if ctx.tag else {"open_type": ctx.open_type.value if ctx.open_type else None},
        "update_frequency": spec.update_frequency.value,
        "domain": spec.domain,
        "resources": resources,
    }


def schema_field(name: str, label: str, ftype: FieldType, description: str | None) -> dict[str, Any]:
    """One Table Schema field."""
    out: dict[str, Any] = {"name": name, "title": label, "type": ftype.value}
    if ftype is FieldType.DATETIME:
        out["format"] = "any"
    if description:
        out["description"] = description
    return out


def provenance(ctx: PublishContext, created: datetime) -> dict[str, Any]:
    """Where the data came from, what was done to it, by which code and run (开放办法 §3, §15)."""
    quality = ctx.quality.report if ctx.quality else {}
    return {
        "dataset_id": ctx.spec.id,
        "version": ctx.version,
        "created_at": created.isoformat(),
        "source": {
            "file": ctx.extract.name,
            "sha256": ctx.source_sha256,
            "bytes": ctx.source_bytes,
            "rows": ctx.source_rows,
            "encoding": ctx.source_encoding,
            "provider": ctx.spec.provider.department,
            "contact": ctx.spec.provider.contact,
            "obtained_at": ctx.obtained_at.isoformat() if ctx.obtained_at else None,
            "manifest": {k: ctx.manifest.get(k) for k in ("sha256", "rows", "provider", "extracted_at")}
            if ctx.manifest
            else None,
            "undeclared_columns_dropped": ctx.undeclared_columns,
        },
        "spec": {"path": ctx.spec_path.name, "sha256": ctx.spec_sha256},
        "code_version": code_version(),
        "flow_run_id": ctx.flow_run_id,
        "replaces": ctx.replaces,
        "open_type": ctx.tag.as_json() if ctx.tag else {},
        "masking": [m.as_json() for m in ctx.masking],
        "privacy": ctx.privacy,
        "quality": {k: quality.get(k) for k in ("dimensions", "overall", "grade") if k in quality}
        | {"checks_failed": failed_checks(quality)},
        "rows_published": None,
        "files": ctx.release_files,
        "attribution": attribution(ctx),
        "warnings": ctx.warnings,
    }


def readme(ctx: PublishContext, rows: int) -> str:
    """A short human README for the release folder."""
    tag = ctx.tag.as_json() if ctx.tag else {}
    lines = [
        f"# {ctx.spec.title}",
        "",
        ctx.spec.summary,
        "",
        f"- 数据集：`{ctx.spec.id}`  版本：`{ctx.version}`",
        f"- 开放类型：{tag.get('label', '')}（{tag.get('open_type', '')}）",
    ]
    if tag.get("conditions"):
        lines.append(f"- 开放条件：{tag['conditions']}")
    lines += [
        f"- 更新频度：{ctx.spec.update_frequency.label}",
        f"- 记录数：{rows}",
        f"- 提供部门：{ctx.spec.provider.department}（{ctx.spec.provider.contact}）",
        "",
        "## 引用",
        "",
        attribution(ctx),
        "",
        "Files: `data.csv` (UTF-8 with BOM; headers are the field names in datapackage.json), `data.parquet`, "
        + ("`data.xlsx` (for Excel: Chinese headers, identifiers kept as text), " if "data.xlsx" in ctx.release_files else "")
        + "`datapackage.json`, `provenance.json`, `quality.json`, `quality.html`.",
        "",
    ]
    return "\n".join(lines)


def dump_json(path: Path, data: Any) -> None:
    """Write JSON as UTF-8, Chinese kept readable."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
