"""The tamper-evident audit log and `opendata audit verify`."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pipelines.core.home import Home
from pipelines.lifecycle.access import obtain
from pipelines.platform.obtain import obtain as obtain_granted
from pipelines.lifecycle.verify import verify
from pipelines.lifecycle.withdraw import withdraw
from pipelines.store import audit
from pipelines.store.db import connect
from tests.conftest import ROOT, run_cli
from tests.test_lifecycle_fixtures import PERSON_ROWS, company_dataset, grant_token, person_dataset, publish, query


@pytest.fixture
def busy_home(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Two releases, one withdrawn, a few accesses."""
    home = tmp_path / "home"
    person = publish(person_dataset(tmp_path / "dept"), home)
    company = publish(company_dataset(tmp_path / "dept"), home)
    obtain_granted(Home(home), "relief-payments", None, "alice", None, grant_token(home))
    obtain(Home(home), "food-permits", None, "bob", None)
    withdraw(Home(home), "relief-payments", person.name, "泄露", "household_size")
    return home, home / "quarantine" / "relief-payments" / person.name, company


def _problems(home: Path) -> list[str]:
    return verify(Home(home)).problems


def test_a_clean_home_verifies(busy_home: tuple[Path, Path, Path]) -> None:
    home, _, _ = busy_home
    report = verify(Home(home))
    assert report.ok, report.problems
    assert report.releases == 2 and report.files == 16 and report.entries == 2 * 5 + 2 + 3  # (ingest quality mask tag publish) x2, grant apply+approve, 2 access, 1 withdraw


def test_every_event_is_chained(busy_home: tuple[Path, Path, Path]) -> None:
    home, quarantined, _ = busy_home
    with connect(Home(home)) as con:
        log = audit.read_log(con)
    events = [e["event"] for e in log]
    for kind in ("ingest", "quality", "mask", "tag", "publish", "access", "withdraw"):
        assert kind in events, kind
    assert [e["seq"] for e in log] == list(range(1, len(log) + 1))
    assert log[0]["prev_hash"] == audit.GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(log, log[1:]))
    ingest = json.loads(next(e for e in log if e["event"] == "ingest" and e["dataset_id"] == "relief-payments")["details"])
    assert ingest["rows"] == len(PERSON_ROWS) and len(ingest["source_sha256"]) == 64
    publish_entry = next(e for e in log if e["event"] == "publish" and e["dataset_id"] == "relief-payments")
    files = json.loads(publish_entry["details"])["files"]
    assert files["data.csv"]["sha256"] == audit.hashlib.sha256((quarantined / "data.csv").read_bytes()).hexdigest()
    assert publish_entry["version"] == quarantined.name


def test_no_raw_value_reaches_the_audit_log(busy_home: tuple[Path, Path, Path]) -> None:
    home, _, _ = busy_home
    text = "\n".join(str(r) for r in query(home, "SELECT * FROM audit_log"))
    for row in PERSON_ROWS:
        assert row[1] not in text and row[2] not in text


def test_an_altered_release_file_is_caught(busy_home: tuple[Path, Path, Path]) -> None:
    home, quarantined, company = busy_home
    csv = company / "data.csv"
    csv.write_bytes(csv.read_bytes().replace("鼓楼区".encode(), "晋安区".encode(), 1))
    (quarantined / "README.md").write_text("edited\n", encoding="utf-8")
    problems = _problems(home)
    assert any(p.startswith(f"releases/food-permits/{company.name}/data.csv: sha256 mismatch: expected ") for p in problems)
    assert any(p.startswith(f"quarantine/relief-payments/{quarantined.name}/README.md: sha256 mismatch") for p in problems)
    assert len(problems) == 2, problems


def test_a_missing_or_added_file_is_caught(busy_home: tuple[Path, Path, Path]) -> None:
    home, _, company = busy_home
    (company / "quality.html").unlink()
    (company / "extra.csv").write_text("x\n", encoding="utf-8")
    problems = _problems(home)
    assert any("quality.html: file missing" in p for p in problems)
    assert any("extra.csv: not a registered file" in p for p in problems)


def test_an_altered_audit_row_is_caught(busy_home: tuple[Path, Path, Path]) -> None:
    home, _, _ = busy_home
    seq = query(home, "SELECT seq FROM audit_log WHERE event = 'withdraw'")[0][0]
    query(home, "UPDATE audit_log SET details = replace(details, '泄露', '例行更新') WHERE seq = ?", [seq])
    problems = _problems(home)
    assert problems == [f"audit seq {seq}: hash mismatch: " + problems[0].split("hash mismatch: ", 1)[1]]
    assert "altered" in problems[0]


def test_an_altered_actor_is_caught_even_with_a_recomputed_hash(busy_home: tuple[Path, Path, Path]) -> None:
    home, _, _ = busy_home
    row = query(home, "SELECT * FROM audit_log WHERE seq = 3")[0]
    seq, at, event, _actor, dataset_id, version, details, prev, _hash = row
    forged = audit._entry(seq, at, event, "someone-else", dataset_id, version, json.loads(details))
    query(home, "UPDATE audit_log SET actor = 'someone-else', hash = ? WHERE seq = 3", [audit.entry_hash(prev, forged)])
    assert [p for p in _problems(home) if p.startswith("audit seq 4:")], "the next entry no longer links to it"


def test_a_deleted_audit_row_is_caught(busy_home: tuple[Path, Path, Path]) -> None:
    home, _, _ = busy_home
    query(home, "DELETE FROM audit_log WHERE seq = 5")
    problems = _problems(home)
    assert any(p.startswith("audit seq 6: entries missing before it (seq 5)") for p in problems), problems
    assert any(p.startswith("audit seq 6: prev_hash") for p in problems)


def test_deleting_the_newest_rows_is_caught_by_the_cross_checks(busy_home: tuple[Path, Path, Path]) -> None:
    home, _, _ = busy_home
    # The newest entry is the withdrawal; dropping it leaves a valid but shorter chain.
    query(home, "DELETE FROM audit_log WHERE event = 'withdraw'")
    assert any("no `withdraw` entry" in p for p in _problems(home))


def test_a_deleted_access_row_is_caught(busy_home: tuple[Path, Path, Path]) -> None:
    home, _, _ = busy_home
    query(home, "DELETE FROM access_log WHERE user_name = 'alice'")
    assert any("has no access log row" in p for p in _problems(home))


def test_a_rewritten_registry_hash_is_caught(busy_home: tuple[Path, Path, Path]) -> None:
    """Changing a file AND its release_files row does not hide it: the publish entry is chained."""
    home, _, company = busy_home
    csv = company / "data.csv"
    csv.write_bytes(csv.read_bytes() + b"extra,row\n")
    sha = audit.hashlib.sha256(csv.read_bytes()).hexdigest()
    query(home, "UPDATE release_files SET sha256 = ? WHERE dataset_id = 'food-permits' AND file = 'data.csv'", [sha])
    problems = _problems(home)
    assert any("release_files row for data.csv" in p and "differs from audit seq" in p for p in problems), problems


def test_unknown_and_missing_release_folders_are_flagged(busy_home: tuple[Path, Path, Path]) -> None:
    home, quarantined, company = busy_home
    (home / "releases" / "food-permits" / "2020-01-01.1").mkdir()
    company.rename(home / "elsewhere")
    problems = _problems(home)
    assert "releases/food-permits/2020-01-01.1: release folder the registry does not know" in problems
    assert any(f"release food-permits {company.name}: registered (published) but its folder is missing" in p for p in problems)
    quarantined.rename(home / "releases" / "relief-payments" / quarantined.name)
    assert any("withdrawn but still under releases/" in p for p in _problems(home))


def test_cli_audit_verify_exit_codes(busy_home: tuple[Path, Path, Path]) -> None:
    home, _, company = busy_home
    ok = run_cli("audit", "verify", "--home", str(home))
    assert ok.returncode == 0 and "audit verify: OK" in ok.stdout, ok.stdout + ok.stderr
    (company / "data.parquet").write_bytes(b"not parquet")
    bad = run_cli("audit", "verify", "--home", str(home))
    assert bad.returncode == 1
    assert f"releases/food-permits/{company.name}/data.parquet: sha256 mismatch" in bad.stdout


def test_refusals_are_audited(tmp_path: Path) -> None:
    home = tmp_path / "home"
    spec = person_dataset(tmp_path / "dept", open_type="general")
    with pytest.raises(Exception):
        publish(spec, home)
    with connect(Home(home)) as con:
        log = audit.read_log(con)
    assert log[-1]["event"] == "refusal"
    assert {e["event"] for e in log[:-1]} <= {"ingest", "quality", "mask"}
    assert verify(Home(home)).ok


def test_threads_appending_keep_one_chain(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    audit.record_event(home, "access", details={"warm": True})

    def work(i: int) -> None:
        for j in range(5):
            audit.record_event(home, "access", dataset_id=f"d{i}", details={"j": j})

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with connect(home) as con:
        log = audit.read_log(con)
    assert len(log) == 21 and audit.verify_chain(log) == []


_PUBLISH_IN_A_PROCESS = """
import sys
sys.path.insert(0, {root!r})
from pipelines.runner.publish import run_plain
for _ in range(2):
    run_plain({spec!r}, home={home!r}, force=True)  # the same bytes twice: a new version only when forced
"""


def test_parallel_processes_publishing_into_one_home_keep_the_chain_valid(tmp_path: Path) -> None:
    home = tmp_path / "home"
    specs = [company_dataset(tmp_path / f"dept{i}", dataset_id=f"food-permits-{i}") for i in range(3)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _PUBLISH_IN_A_PROCESS.format(root=str(ROOT), spec=str(s), home=str(home))],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for s in specs
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    report = verify(Home(home))
    assert report.ok, report.problems
    assert report.releases == 6
    assert query(home, "SELECT count(*) FROM audit_log WHERE event = 'publish'")[0][0] == 6


def test_step_summaries_hold_counts_not_values(busy_home: tuple[Path, Path, Path]) -> None:
    home, _, _ = busy_home
    with connect(Home(home)) as con:
        log = audit.read_log(con)
    person = {e["event"]: json.loads(e["details"]) for e in log if e["dataset_id"] == "relief-payments"}
    masked = {c["column"]: c for c in person["mask"]["columns"]}
    assert masked["phone"]["operator"] == "drop"
    assert all(set(c) <= {"column", "operator", "kind", "rule", "recognizer", "type"} | {k for k, v in c.items() if isinstance(v, (int, float))} for c in masked.values())
    assert "grade" in person["quality"] and "scores" in person["quality"]
    assert person["tag"]["open_type"] == "authorized" and person["tag"]["individual_level"] is True


def test_registry_schema_comes_from_the_migrations_once(tmp_path: Path) -> None:
    """Opening the home for writing applies every migration once, recorded in schema_version; importing creates nothing."""
    from pipelines.core.home import Home
    from pipelines.store.db import connect
    from pipelines.store.migrations import MIGRATIONS, migrate

    home = Home(tmp_path / "home")
    assert not home.db_path.exists(), "importing the store created no registry"
    with connect(home) as con:
        versions = [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
        assert versions == [m.version for m in MIGRATIONS] == sorted({m.version for m in MIGRATIONS})
        assert migrate(con) == [], "a second run applies nothing"
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"releases", "release_files", "audit_log", "release_meta", "withdrawals", "access_log"} <= tables
