"""Open-type tagging: general / authorized (with conditions) / not-open, and the individual-level gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.core.context import PublishContext
from pipelines.core.errors import GateBlocked
from pipelines.core.home import Home
from pipelines.store.audit import read_log
from pipelines.store.db import connect
from pipelines.core.spec.loader import load_spec
from desensitize.individual import individual_level_fields
from pipelines.tag.step import tag_step
from pipelines.core.vocab import OpenType
from tests.test_lifecycle_fixtures import company_dataset, person_dataset, publish


def _ctx(spec_path: Path, home: Path, privacy: dict[str, object] | None = None) -> PublishContext:
    spec = load_spec(spec_path)
    ctx = PublishContext(
        spec=spec, spec_path=spec_path, extract=spec.source_path(spec_path), home=Home(home), con=None,  # type: ignore[arg-type]
        individual_by_spec=individual_level_fields(spec),  # as the runner hands it in
    )
    ctx.privacy = dict(privacy or {})
    return ctx


def test_general_non_personal_is_tagged_general(tmp_path: Path) -> None:
    ctx = _ctx(company_dataset(tmp_path / "dept"), tmp_path / "home")
    tag_step(ctx)
    assert ctx.open_type is OpenType.GENERAL
    assert ctx.tag is not None
    assert ctx.tag.as_json()["open_type"] == "general" and ctx.tag.as_json()["label"] == "普遍开放"
    assert ctx.tag.individual_level is False and ctx.tag.conditions is None


def test_authorized_keeps_its_conditions(tmp_path: Path) -> None:
    ctx = _ctx(person_dataset(tmp_path / "dept"), tmp_path / "home")
    tag_step(ctx)
    assert ctx.open_type is OpenType.AUTHORIZED
    assert ctx.tag is not None
    assert ctx.tag.conditions == "仅限科研机构用于公益研究，须签署数据使用协议"
    assert ctx.tag.individual_level is True and ctx.tag.basis == "spec"
    assert ctx.tag.individual_columns == ["person_name"]


def test_general_against_masking_finding_is_blocked_with_advice(tmp_path: Path) -> None:
    # The spec's own policies would pass (name dropped), but masking reports individual-level data.
    spec = person_dataset(tmp_path / "dept", open_type="general", name_policy="drop")
    ctx = _ctx(spec, tmp_path / "home", {"individual_level": True, "individual_columns": ["record_id"]})
    with pytest.raises(GateBlocked) as err:
        tag_step(ctx)
    text = err.value.render()
    assert "general" in text and "individual" in text and "record_id" in text
    assert "authorized" in text and "open_conditions" in text, "the message says what to change"
    assert ctx.open_type is None


def test_masking_finding_overrides_the_conservative_spec_rule(tmp_path: Path) -> None:
    # Masking ran and found nothing individual: its word is taken over the spec's guess.
    spec = person_dataset(tmp_path / "dept", open_type="general", name_policy="partial_mask")
    ctx = _ctx(spec, tmp_path / "home", {"individual_level": False})
    tag_step(ctx)
    assert ctx.open_type is OpenType.GENERAL and ctx.tag is not None and ctx.tag.basis == "masking"


@pytest.mark.parametrize(
    ("policy", "individual"),
    [("drop", False), ("redact", False), ("generalize", False), ("{operator: publish, reason: 公开的执业医师姓名}", False),
     ("partial_mask", True), ("pseudonymize", True), ("fake", True), ("scan_text", True)],
)
def test_conservative_rule_from_the_spec(tmp_path: Path, policy: str, individual: bool) -> None:
    spec = load_spec(person_dataset(tmp_path / "dept", name_policy=policy))
    assert (individual_level_fields(spec) == ["person_name"]) is individual


def test_company_credit_code_without_policy_is_not_personal(tmp_path: Path) -> None:
    assert individual_level_fields(load_spec(company_dataset(tmp_path / "dept"))) == []


def test_general_with_individual_level_data_is_never_published(tmp_path: Path) -> None:
    home = tmp_path / "home"
    spec = person_dataset(tmp_path / "dept", open_type="general", name_policy="partial_mask")
    with pytest.raises(GateBlocked, match="individual level"):
        publish(spec, home)
    assert not any((home / "releases").glob("relief-payments/*")), "nothing reaches releases/"


def test_not_open_is_never_written_and_the_refusal_is_audited(tmp_path: Path) -> None:
    home = tmp_path / "home"
    spec = person_dataset(tmp_path / "dept", open_type="not-open")
    with pytest.raises(GateBlocked) as err:
        publish(spec, home)
    assert "not-open" in err.value.message and "third_party_rights" in err.value.message
    assert "第三方合法权益" in err.value.message
    assert not (home / "releases" / "relief-payments").exists() or not any((home / "releases" / "relief-payments").iterdir())
    with connect(Home(home)) as con:
        log = read_log(con)
        assert con.execute("SELECT count(*) FROM releases").fetchone()[0] == 0  # type: ignore[index]
    refusal = [e for e in log if e["event"] == "refusal"]
    assert len(refusal) == 1 and refusal[0]["dataset_id"] == "relief-payments"
    details = json.loads(refusal[0]["details"])
    assert details["stopped_at"] == "tag" and details["exit_code"] == 2


def test_tag_is_in_datapackage_provenance_and_readme(tmp_path: Path) -> None:
    folder = publish(person_dataset(tmp_path / "dept"), tmp_path / "home")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    for tag in (package["open_type"], provenance["open_type"]):
        assert tag["open_type"] == "authorized" and tag["label"] == "授权开放"
        assert tag["conditions"].startswith("仅限科研机构") and tag["access_rights"] == "restricted"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "授权开放" in readme and "开放条件：仅限科研机构" in readme
