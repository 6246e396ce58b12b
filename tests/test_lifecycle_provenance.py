"""provenance.json as DESIGN.md §5, and the attribution line in datapackage.json and README.md."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipelines.release import files
from tests.test_lifecycle_fixtures import company_dataset, person_dataset, publish

ATTRIBUTION = "数据来源：福州市民政局；获取日期：2026-11-20"


def test_provenance_names_everything_design_asks_for(tmp_path: Path) -> None:
    spec = person_dataset(tmp_path / "dept")
    folder = publish(spec, tmp_path / "home")
    prov = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    extract = spec.parent / "relief.csv"
    # The source file and its sha256, the provider, when the data was obtained.
    assert prov["source"]["file"] == "relief.csv"
    assert prov["source"]["sha256"] == hashlib.sha256(extract.read_bytes()).hexdigest()
    assert prov["source"]["provider"] == "福州市民政局"
    assert prov["source"]["obtained_at"].startswith("2026-11-20T09:00:00")
    assert prov["source"]["rows"] == 30
    # The spec and code versions.
    assert prov["spec"]["sha256"] == hashlib.sha256(spec.read_bytes()).hexdigest()
    assert prov["code_version"].startswith("0.")
    # Masking per column, the quality summary, the run, what it replaces, the open type.
    masked = {m["column"]: m["operator"] for m in prov["masking"]}
    assert masked.get("phone") == "drop" and "person_name" in masked
    assert "dimensions" in prov["quality"] and isinstance(prov["quality"]["checks_failed"], dict)
    assert "flow_run_id" in prov and prov["replaces"] is None
    assert prov["open_type"]["open_type"] == "authorized"
    assert prov["attribution"] == ATTRIBUTION
    # Every file but provenance.json itself, with its sha256.
    for name, info in prov["files"].items():
        assert info["sha256"] == files.file_digest(folder / name)["sha256"]
    assert set(prov["files"]) == {p.name for p in folder.iterdir()} - {"provenance.json"}


def test_attribution_is_in_datapackage_and_readme(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for folder, line in (
        (publish(person_dataset(tmp_path / "dept"), home), ATTRIBUTION),
        (publish(company_dataset(tmp_path / "dept"), home), "数据来源：福州市市场监督管理局；获取日期：2026-11-20"),
    ):
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        assert package["attribution"] == line
        readme = (folder / "README.md").read_text(encoding="utf-8")
        assert line in readme and "## 引用" in readme
