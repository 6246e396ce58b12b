"""Republication: the stored extract, unchanged, desensitized again under the current spec, replacing the withdrawn version."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef

from pipelines.store.dcat import dataset_iri
from pipelines.core.errors import GateBlocked, InputError
from pipelines.core.home import Home
from pipelines.lifecycle.access import obtain
from pipelines.platform.obtain import obtain as obtain_granted
from pipelines.cli.lifecycle import republish_command
from pipelines.lifecycle.republish import republish
from pipelines.lifecycle.verify import verify
from pipelines.lifecycle.withdraw import withdraw
from pipelines.runner.publish import run_plain
from pipelines.store.audit import read_log
from pipelines.store.db import connect
from pipelines.store.releases import get_release
from tests.test_lifecycle_fixtures import PERSON_ROWS, grant_token, person_dataset, person_spec_text, publish

DCT = Namespace("http://purl.org/dc/terms/")
ADMS = Namespace("http://www.w3.org/ns/adms#")


@pytest.fixture
def withdrawn(tmp_path: Path) -> tuple[Path, Path, str]:
    """A person-level release withdrawn for its `household_size` column (which the spec published as is)."""
    home = tmp_path / "home"
    spec = person_dataset(tmp_path / "dept")
    folder = publish(spec, home)
    withdraw(Home(home), "relief-payments", folder.name, "家庭人口数可与发放日期组合识别个人", "household_size")
    return home, spec, folder.name


def _fix_spec(spec: Path) -> None:
    spec.write_text(person_spec_text(household_policy="drop"), encoding="utf-8")


def test_republish_refused_while_the_named_field_is_still_let_through(withdrawn: tuple[Path, Path, str]) -> None:
    home, spec, old = withdrawn
    with pytest.raises(GateBlocked) as err:
        republish(Home(home), "relief-payments")
    assert "household_size" in err.value.message and "no masking policy" in err.value.message
    assert str(spec) in err.value.render(), "says which spec to change"
    # `publish` with a reason also lets the column through unchanged: still refused.
    spec.write_text(person_spec_text(household_policy="{operator: publish, reason: 人口数不可识别个人}"), encoding="utf-8")
    with pytest.raises(GateBlocked, match="publish"):
        republish(Home(home), "relief-payments")
    assert [p.name for p in (home / "releases" / "relief-payments").iterdir()] == []
    with connect(Home(home)) as con:
        refusals = [json.loads(e["details"]) for e in read_log(con) if e["event"] == "refusal"]
    assert [r["command"] for r in refusals] == ["republish", "republish"]


def test_withdraw_then_republish_replaces_the_old_version(withdrawn: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    home, spec, old = withdrawn
    _fix_spec(spec)
    assert republish_command("relief-payments", home) == 0
    new_folder = Path(capsys.readouterr().out.strip().splitlines()[-1])
    new = new_folder.name
    assert new_folder.parent == home / "releases" / "relief-payments" and new != old
    header = (new_folder / "data.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "household_size" not in header, "masked under the current spec"
    provenance = json.loads((new_folder / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["replaces"] == old
    with connect(Home(home)) as con:
        row = get_release(con, "relief-payments", new)
        events = [(e["event"], e["version"]) for e in read_log(con)]
    assert row is not None and row["replaces"] == old and row["status"] == "published"
    assert ("republish", new) in events and ("publish", new) in events
    # The catalog: the new version dct:replaces the withdrawn one, which dct:isReplacedBy it.
    g = Graph()
    g.parse(str(home / "catalog.jsonld"), format="json-ld")
    old_iri, new_iri = URIRef(dataset_iri("relief-payments", old)), URIRef(dataset_iri("relief-payments", new))
    assert list(g.query("SELECT ?n ?o WHERE { ?n dct:replaces ?o }", initNs={"dct": DCT})) == [(new_iri, old_iri)]
    assert (old_iri, DCT.isReplacedBy, new_iri) in g
    assert g.value(old_iri, ADMS.status) == URIRef("http://publications.europa.eu/resource/authority/dataset-status/WITHDRAWN")
    assert g.value(new_iri, ADMS.status) == URIRef("http://publications.europa.eu/resource/authority/dataset-status/COMPLETED")
    # Users asking for the old version are told of the new one; the default is the new one.
    with pytest.raises(InputError, match=f"replaced by {new}"):
        obtain(Home(home), "relief-payments", old, "alice", "研究")
    assert obtain_granted(Home(home), "relief-payments", None, "alice", None, grant_token(home)).version == new
    with pytest.raises(InputError, match="already republished"):
        republish(Home(home), "relief-payments")
    assert verify(Home(home)).ok


def test_republish_refuses_a_changed_or_missing_extract(withdrawn: tuple[Path, Path, str]) -> None:
    home, spec, _ = withdrawn
    _fix_spec(spec)
    extract = spec.parent / "relief.csv"
    original = extract.read_bytes()
    extract.write_bytes(original.replace(b"R0001", b"R9999"))
    with pytest.raises(InputError, match="changed since"):
        republish(Home(home), "relief-payments")
    extract.unlink()
    with pytest.raises(InputError, match="gone"):
        republish(Home(home), "relief-payments")
    assert [p.name for p in (home / "releases" / "relief-payments").iterdir()] == []


def test_release_step_rechecks_the_bytes_it_loaded(withdrawn: tuple[Path, Path, str]) -> None:
    """A file changed after `republish` checked it (and its manifest rewritten to match) is still caught."""
    home, spec, old = withdrawn
    _fix_spec(spec)
    extract = spec.parent / "relief.csv"
    extract.write_bytes(extract.read_bytes().replace(b"R0001", b"R9999"))
    manifest = extract.with_name("relief.csv.manifest.json")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["sha256"] = hashlib.sha256(extract.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="changed since"):
        run_plain(spec, home=home, replaces=old)
    assert [p.name for p in (home / "releases" / "relief-payments").iterdir()] == []


def test_nothing_to_republish(tmp_path: Path) -> None:
    home = tmp_path / "home"
    publish(person_dataset(tmp_path / "dept"), home)
    with pytest.raises(InputError, match="withdraw a version first"):
        republish(Home(home), "relief-payments")
    with pytest.raises(InputError, match="no such dataset"):
        republish(Home(home), "nobody")


def test_the_home_keeps_no_raw_personal_data(withdrawn: tuple[Path, Path, str]) -> None:
    home, spec, old = withdrawn
    _fix_spec(spec)
    republish(Home(home), "relief-payments")
    with connect(Home(home)) as con:
        row = get_release(con, "relief-payments", old)
    assert row is not None and Path(row["source_path"]) == (spec.parent / "relief.csv").resolve()
    assert not Path(row["source_path"]).is_relative_to(home)
    raw_names = [r[1] for r in PERSON_ROWS]
    raw_phones = [r[2] for r in PERSON_ROWS]
    for path in home.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="ignore")
            assert not any(v in text for v in raw_names + raw_phones), f"raw value under the home: {path}"


def test_cli_republish_exit_codes(withdrawn: tuple[Path, Path, str]) -> None:
    from tests.conftest import run_cli

    home, spec, old = withdrawn
    blocked = run_cli("republish", "relief-payments", "--home", str(home))
    assert blocked.returncode == 2 and "household_size" in blocked.stderr, blocked.stderr
    _fix_spec(spec)
    done = run_cli("republish", "relief-payments", "--home", str(home))
    assert done.returncode == 0, done.stderr
    new_folder = Path(done.stdout.strip().splitlines()[-1])
    assert json.loads((new_folder / "provenance.json").read_text(encoding="utf-8"))["replaces"] == old
    again = run_cli("republish", "relief-payments", "--home", str(home))
    assert again.returncode == 1 and "already republished" in again.stderr
