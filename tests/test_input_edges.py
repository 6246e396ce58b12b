"""Input edge cases (issue 13 item 8): each a correct one-line message and exit 1, or just works."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from tests.conftest import HEADER, ROWS, SPEC, run_cli


def _spec(folder: Path, data: bytes, name: str = "stops.csv", extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    spec = folder / "spec.yaml"
    spec.write_text(SPEC.format(id="transport-stops", source=name) + extra, encoding="utf-8")
    return spec


def _csv(header: list[str], rows: list[list[str]], end: str = "\n") -> bytes:
    return (end.join(",".join(r) for r in [header, *rows]) + end).encode("utf-8")


def _refused(spec: Path, tmp_path: Path, env: dict[str, str] | None = None) -> str:
    result = run_cli("publish", str(spec), "--home", str(tmp_path / "home"), env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_header_named_row_is_refused(tmp_path: Path) -> None:
    spec = _spec(tmp_path / "d", _csv([*HEADER, "_row"], [[*r, "1"] for r in ROWS]))
    assert "header column 6 is named '_row', a name the toolkit reserves" in _refused(spec, tmp_path)


def test_names_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    spec = _spec(tmp_path / "d", _csv([*HEADER, "ab", "AB"], [[*r, "1", "2"] for r in ROWS]))
    assert "header columns 6 and 7 have names that differ only in letter case" in _refused(spec, tmp_path)


def test_mixed_crlf_and_lf_just_works(tmp_path: Path) -> None:
    lines = [",".join(HEADER), *(",".join(r) for r in ROWS)]
    data = (lines[0] + "\r\n" + lines[1] + "\n" + lines[2] + "\r\n" + lines[3] + "\n" + lines[4] + "\r\n").encode("utf-8")
    spec = _spec(tmp_path / "d", data)
    result = run_cli("publish", str(spec), "--home", str(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    table = pq.read_table(Path(result.stdout.strip().splitlines()[-1]) / "data.parquet")
    assert table.column("stop_name").to_pylist() == [r[1] for r in ROWS]


def test_bad_gbk_bytes_are_reported_on_their_line(tmp_path: Path) -> None:
    rows = [[f"S{i:04d}", f"站点{i}", "鼓楼区", "2026-10-01", str(i)] for i in range(1, 40)]
    encoded = [",".join(r).encode("gbk") for r in [HEADER, *rows]]
    encoded[30] = encoded[30].replace("站点".encode("gbk"), b"\x81\x20\xff", 1)  # line 31
    spec = _spec(tmp_path / "d", b"\n".join(encoded) + b"\n")
    assert "line 31: bytes that are not valid" in _refused(spec, tmp_path)


def test_the_memory_limit_is_validated_not_pasted_into_sql(tmp_path: Path) -> None:
    spec = _spec(tmp_path / "d", _csv(HEADER, ROWS))
    message = _refused(spec, tmp_path, env={"OPENDATA_MEMORY_LIMIT": "1GB'; SET threads = 1; --"})
    assert "OPENDATA_MEMORY_LIMIT must be a size such as 512MB" in message


def test_formula_cells_are_inert_in_csv_and_kept_in_parquet(tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][1] = "=cmd|' /C calc'!A0"
    rows[1][1] = "@SUM(A1)"
    rows[2][1] = "-5"  # a signed number in a text column stays a number
    rows[3][1] = "+1+1"
    spec = _spec(tmp_path / "d", _csv(HEADER, rows))
    result = run_cli("publish", str(spec), "--home", str(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.strip().splitlines()[-1])
    names = pq.read_table(folder / "data.parquet").column("stop_name").to_pylist()
    assert names == ["=cmd|' /C calc'!A0", "@SUM(A1)", "-5", "+1+1"]
    csv = (folder / "data.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in csv and "'@SUM(A1)" in csv and "'+1+1" in csv
    assert '"-5"' in csv and "'-5" not in csv
    assert run_cli("audit", "verify", "--home", str(tmp_path / "home")).returncode == 0
