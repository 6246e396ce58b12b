"""The keyed, anchored audit chain (issue 13 item 6): forged, appended, deleted (the newest too),
reordered and rewritten entries are caught; an old unkeyed chain is named as such."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.core.home import Home
from pipelines.platform.obtain import obtain as obtain_granted
from pipelines.lifecycle.verify import verify
from pipelines.store import audit
from tests.conftest import run_cli
from tests.test_lifecycle_fixtures import grant_token, person_dataset, publish, query


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    publish(person_dataset(tmp_path / "dept"), home)
    obtain_granted(Home(home), "relief-payments", None, "alice", None, grant_token(home))
    assert verify(Home(home)).ok
    return home


def _rows(home: Path) -> list[tuple]:  # type: ignore[type-arg]
    return query(home, "SELECT seq, recorded_at, event, actor, dataset_id, version, details, prev_hash, hash FROM audit_log ORDER BY seq")


def _problems(home: Path) -> list[str]:
    return verify(Home(home)).problems


def test_a_forged_entry_with_a_correct_plain_sha256_hash_is_caught(home: Path) -> None:
    seq, at, _, _, _, _, _, _, head = _rows(home)[-1]
    forged = audit._entry(seq + 1, at, "access", "mallory", "relief-payments", None, {"user": "mallory"})
    query(home, "INSERT INTO audit_log VALUES (?, ?, 'access', 'mallory', 'relief-payments', NULL, ?, ?, ?)",
          [seq + 1, at, audit.canonical_json({"user": "mallory"}), head, audit.entry_hash(head, forged)])
    problems = _problems(home)
    assert any(p.startswith(f"audit seq {seq + 1}: hash mismatch") for p in problems), problems


def test_deleting_the_newest_entry_is_caught(home: Path) -> None:
    newest = _rows(home)[-1][0]
    query(home, "DELETE FROM access_log WHERE audit_seq = ?", [newest])  # the cross-check cannot see it then
    query(home, "DELETE FROM audit_log WHERE seq = ?", [newest])
    problems = _problems(home)
    assert any(p.startswith(f"audit seq {newest}: missing: the anchor") for p in problems), problems


def test_reordered_entries_are_caught(home: Path) -> None:
    rows = _rows(home)
    a, b = rows[1][0], rows[2][0]
    query(home, "UPDATE audit_log SET seq = -1 WHERE seq = ?", [a])
    query(home, "UPDATE audit_log SET seq = ? WHERE seq = ?", [a, b])
    query(home, "UPDATE audit_log SET seq = ? WHERE seq = -1", [b])
    assert any(p.startswith(f"audit seq {a}:") for p in _problems(home))


def test_a_chain_rewritten_as_an_old_unkeyed_one_is_caught(home: Path) -> None:
    # The attacker recomputes every row as the old sha256 chain and removes the keyed-chain marker.
    prev = audit.GENESIS
    for seq, at, event, actor, dataset_id, version, details, _, _ in _rows(home):
        value = audit.entry_hash(prev, audit._entry(seq, at, event, actor, dataset_id, version, json.loads(details)))
        query(home, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", [prev, value, seq])
        prev = value
    query(home, "DELETE FROM audit_chain")
    problems = _problems(home)
    assert any("the keyed chain starts at seq 1 per the anchor" in p for p in problems), problems
    assert any("differs from the anchor" in p for p in problems), problems


def test_an_old_unkeyed_home_is_named_as_such(home: Path, tmp_path: Path) -> None:
    prev = audit.GENESIS
    for seq, at, event, actor, dataset_id, version, details, _, _ in _rows(home):
        value = audit.entry_hash(prev, audit._entry(seq, at, event, actor, dataset_id, version, json.loads(details)))
        query(home, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", [prev, value, seq])
        prev = value
    query(home, "DROP TABLE audit_chain")
    (tmp_path / ".home.audit-anchor.json").unlink()  # a home from before the key had no anchor
    result = run_cli("audit", "verify", "--home", str(home))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "written before the audit key (plain sha256 chain)" in result.stdout


def test_verify_prints_the_head_for_the_operator_and_needs_the_key(home: Path) -> None:
    ok = run_cli("audit", "verify", "--home", str(home))
    assert ok.returncode == 0 and "audit head: seq " in ok.stdout, ok.stdout + ok.stderr
    missing = run_cli("audit", "verify", "--home", str(home), env={"OPENDATA_INSECURE_DEV_AUDIT_KEY": ""})
    assert missing.returncode == 1
    assert "no audit key is configured" in missing.stderr and "Traceback" not in missing.stderr


def test_a_wrong_key_fails_every_keyed_entry(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.key"
    other.write_text("a-different-secret-of-enough-bytes")
    result = run_cli("audit", "verify", "--home", str(home), env={"OPENDATA_AUDIT_KEY_FILE": str(other), "OPENDATA_AUDIT_ANCHOR": str(tmp_path / ".home.audit-anchor.json")})
    assert result.returncode == 1 and "hash mismatch" in result.stdout


def test_the_default_key_under_xdg_config_home_is_found_without_a_variable(tmp_path: Path) -> None:
    # The same rule as the pseudonym key: $XDG_CONFIG_HOME/opendata/audit.key, the anchor beside it.
    config = tmp_path / "xdg"
    (config / "opendata").mkdir(parents=True)
    key_file = config / "opendata" / "audit.key"
    key_file.write_text("a-default-audit-key-of-enough-bytes")
    env = {"XDG_CONFIG_HOME": str(config), "OPENDATA_INSECURE_DEV_AUDIT_KEY": ""}
    home = tmp_path / "home"
    spec = person_dataset(tmp_path / "dept")
    published = run_cli("publish", str(spec), "--home", str(home), env=env | {"OPENDATA_INSECURE_DEV_KEY": "1"})
    assert published.returncode == 0, published.stdout + published.stderr
    anchor = config / "opendata" / "audit.key.anchor.json"
    assert anchor.is_file() and str(home.resolve()) in json.loads(anchor.read_text(encoding="utf-8"))["homes"]
    ok = run_cli("audit", "verify", "--home", str(home), env=env)
    assert ok.returncode == 0 and f"anchor: {anchor}" in ok.stdout, ok.stdout + ok.stderr
    # Another key (here the public development one) does not verify what the default key wrote.
    other = run_cli("audit", "verify", "--home", str(home), env={"XDG_CONFIG_HOME": str(tmp_path / "empty"), "OPENDATA_INSECURE_DEV_AUDIT_KEY": "1"})
    assert other.returncode == 1 and "hash mismatch" in other.stdout
