"""Handing out release files over the portal: who may have which file, logged before any byte goes out.

General-open files go to anyone; the data files of an authorized-open release go only to a
grantee presenting its token, and what they receive is their own fingerprinted copy
(`pipelines.platform.fingerprint`), never the release file. The file name must be one of the
release's known names and the dataset and version must be registered, so no part of a URL is ever
joined into a path unchecked. The access row and its audit entry are committed first; a download
whose log cannot be written is not served.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.core.home import Home
from pipelines.platform import grants, tokens
from pipelines.platform.catalog import DATA_FILES, GRANTEE_FILES, RELEASE_FILES, Catalog, DatasetView, VersionView, local_time
from pipelines.platform.errors import Forbidden, Gone, NotFound, Unauthorized
from pipelines.store import audit
from pipelines.platform.group_commit import committer
from pipelines.store.access import log_access
from pipelines.store.grants import Application

ANONYMOUS = "匿名用户"
MEDIA_TYPES = {
    "data.csv": "text/csv; charset=utf-8",
    "data.parquet": "application/vnd.apache.parquet",
    "data.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "datapackage.json": "application/json",
    "provenance.json": "application/json",
    "quality.json": "application/json",
    "quality.html": "text/html; charset=utf-8",
    "README.md": "text/markdown; charset=utf-8",
}


@dataclass(frozen=True)
class Download:
    """A file cleared for handing out, and the access-log entry written for it."""

    path: Path
    filename: str
    media_type: str
    audit_seq: int
    grant_id: str | None


def withdrawal_notice(dataset: DatasetView, version: VersionView) -> str:
    """The 410 text: when and why the version was withdrawn, and what replaces it."""
    newer = [v.version for v in dataset.versions if v.replaces == version.version and v.available]
    if version.status != "withdrawn":
        head = f"{dataset.title} {version.version} 正在撤回，已停止提供下载"
    else:
        head = f"{dataset.title} {version.version} 已于 {local_time(version.withdrawn_at)} 撤回（开放办法第十七条）"
    reason = f"；撤回原因：{version.withdraw_reason}" if version.withdraw_reason else ""
    then = f"；替代版本：{newer[-1]}" if newer else "；替代版本尚未发布"
    return head + reason + then + "。"


def _locate(catalog: Catalog, dataset_id: str, version: str, file: str) -> tuple[DatasetView, VersionView]:
    if file not in RELEASE_FILES:
        raise NotFound(f"{file!r} is not a release file; the files are {', '.join(RELEASE_FILES)}", zh="没有这个文件")
    dataset = catalog.get(dataset_id)
    found = dataset.version(version) if dataset else None
    if dataset is None or found is None:
        raise NotFound(f"no release {dataset_id} {version}; see the catalog at /", zh="没有这个数据集或版本，请从数据目录查找")
    if file not in found.files:
        if found.authorized:  # see GRANTEE_FILES: the release workbook carries no grant marks
            raise NotFound(
                f"{file} is not offered for authorized-open data; download your fingerprinted "
                f"{' or '.join(GRANTEE_FILES)} with your token",
                zh=f"授权开放数据不提供 {file}：请凭授权令牌下载您的专属副本 {'、'.join(GRANTEE_FILES)}",
            )
        raise NotFound(f"{dataset_id} {version} has no {file}; the files are {', '.join(found.files)}", zh="该版本没有这个文件")
    return dataset, found


def _still_published(con: duckdb.DuckDBPyConnection, dataset_id: str, version: str) -> bool:
    """Re-read the status inside the logging transaction: a withdrawal may have landed since the cache."""
    row = con.execute(
        "SELECT r.status, w.requested_at FROM releases r LEFT JOIN withdrawals w USING (dataset_id, version) "
        "WHERE r.dataset_id = ? AND r.version = ?",
        [dataset_id, version],
    ).fetchone()
    return row is not None and row[0] == "published" and row[1] is None


def _log_one(con: duckdb.DuckDBPyConnection, dataset: DatasetView, version: str, file: str, token: str | None) -> tuple[Application | None, int]:
    """Inside the (shared) transaction: re-check, then log the access or audit the refusal.

    A refusal is written before it is raised: the audit entry must survive even though this
    request fails, so the unit appends it and returns the error instead of rolling back.
    """
    if not _still_published(con, dataset.id, version):
        raise Gone(f"{dataset.title} {version} 已撤回或正在撤回，已停止提供下载。")
    if token is None:
        return None, log_access(con, dataset.id, version, ANONYMOUS, None, [file], "portal")
    try:
        grant = grants.check_token(con, token, dataset.id)
    except Forbidden as exc:
        # Audited with the grant id the token names, never the token itself.
        audit.append(con, "refusal", dataset_id=dataset.id, version=version, details={
            "command": "download", "file": file, "channel": "portal", "message": exc.message,
            "grant": tokens.grant_id_of(token),
        })
        raise
    seq = log_access(
        con, dataset.id, version, grant.applicant, grant.purpose, [file], "portal",
        grant_id=grant.id, applicant=grant.applicant,
        audit_user=f"个人申请人（{grant.id}）" if grant.is_person else grant.applicant,
    )
    return grant, seq


def authorize(home: Home, catalog: Catalog, dataset_id: str, version: str, file: str, token: str | None) -> Download:
    """Decide, log and locate one download, or raise NotFound / Gone / Unauthorized / Forbidden."""
    dataset, ver = _locate(catalog, dataset_id, version, file)
    if not ver.available:
        raise Gone(withdrawal_notice(dataset, ver))
    # The version's own open type decides: a dataset re-tagged later does not open its older data.
    needs_grant = ver.authorized and file in DATA_FILES
    if needs_grant and not token:
        raise Unauthorized(
            f"{dataset.title} 为授权开放数据：请在数据集页面提交申请，获批后以 Authorization: Bearer <令牌> 下载"
        )

    def unit(con: duckdb.DuckDBPyConnection) -> tuple[Application | None, int]:
        return _log_one(con, dataset, version, file, token if needs_grant else None)

    try:
        grant, seq = committer(home).run(unit)
    except Gone:
        catalog.refresh()
        raise
    path = ver.folder / file
    if grant is not None:
        from pipelines.platform.fingerprint import ensure_copy

        path = ensure_copy(home, grant, dataset_id, ver).file(file)
    return Download(path, f"{dataset_id}-{version}-{file}", MEDIA_TYPES[file], seq, grant.id if grant else None)
