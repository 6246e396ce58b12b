"""No raw personal value in any report, log, error or audit entry (issue 13 item 2).

Planted values are searched for in every file under the home (the registry's tables read through
DuckDB, since its storage may compress strings), in the quality command's outputs, and in stdout
and stderr of every command.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.conftest import HEADER, ROWS, SPEC, run_cli

PLANTED_ID = "110101194804035643"
PLANTED_MOBILE = "15875749118"
REMARK = f"申请人身份证号{PLANTED_ID}，联系电话{PLANTED_MOBILE}"
SECRET_LINE = "root:$6$saltsalt$hashhashhash:19000:0:99999:7:::"

REMARKS_FIELD = """\
  - name: remarks
    source_column: 备注
    label: 备注
    policy: scan_text
"""


def _texts(home: Path) -> list[tuple[str, str]]:
    """(where, text) of every file under the home; DuckDB files as the text of every table."""
    out = []
    for path in sorted(p for p in home.rglob("*") if p.is_file()):
        if path.suffix == ".duckdb":
            con = duckdb.connect(str(path), read_only=True)
            for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
                out.append((f"{path}:{table}", repr(con.execute(f'SELECT * FROM "{table}"').fetchall())))
            con.close()
        elif path.suffix != ".parquet":
            out.append((str(path), path.read_bytes().decode("utf-8", "replace")))
    return out


def _assert_clean(home: Path, *outputs: str, planted: tuple[str, ...] = (PLANTED_ID, PLANTED_MOBILE)) -> None:
    for where, text in [*_texts(home), *(("output", o) for o in outputs)]:
        for value in planted:
            assert value not in text, f"{value} in {where}"


def _dataset(folder: Path, rows: list[list[str]], header: list[str] | None, extra_spec: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ([header] if header else []) + rows
    (folder / "stops.csv").write_text("\n".join(",".join(r) for r in lines) + "\n", encoding="utf-8")
    spec = folder / "spec.yaml"
    spec.write_text(SPEC.format(id="transport-stops", source="stops.csv") + extra_spec, encoding="utf-8")
    return spec


def test_quality_reports_hold_no_raw_free_text(tmp_path: Path) -> None:
    # One sentence naming an ID and a mobile, repeated in every row: frequent enough for a chart.
    rows = [[f"S{i:04d}", f"站点{i}", "鼓楼区", "2026-10-01", "100", REMARK] for i in range(1, 31)]
    spec = _dataset(tmp_path / "dept", rows, [*HEADER, "备注"], REMARKS_FIELD)
    home = tmp_path / "home"
    published = run_cli("publish", str(spec), "--home", str(home))
    assert published.returncode == 0, published.stderr
    quality = run_cli("quality", str(tmp_path / "dept" / "stops.csv"), "--spec", str(spec), "--out", str(tmp_path / "q"), "--home", str(home))
    assert quality.returncode in (0, 2), quality.stderr
    _assert_clean(home, published.stdout, published.stderr, quality.stdout, quality.stderr)
    _assert_clean(tmp_path / "q")


def test_a_missing_header_row_is_not_quoted(tmp_path: Path) -> None:
    rows = [[f"S{i:04d}", "五一广场", "鼓楼区", "2026-10-01", PLANTED_MOBILE] for i in range(1, 4)]
    rows[0][1] = PLANTED_ID
    spec = _dataset(tmp_path / "dept", rows, header=None)
    home = tmp_path / "home"
    result = run_cli("publish", str(spec), "--home", str(home))
    assert result.returncode == 1
    assert "declared columns missing" in result.stderr and "header row" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2
    _assert_clean(home, result.stdout, result.stderr)


def test_a_duplicate_name_on_a_headerless_first_line_is_not_quoted(tmp_path: Path) -> None:
    rows = [["S0001", PLANTED_MOBILE, PLANTED_MOBILE, "2026-10-01", "1"]]
    spec = _dataset(tmp_path / "dept", rows, header=None)
    result = run_cli("publish", str(spec), "--home", str(tmp_path / "home"))
    assert result.returncode == 1
    assert "columns 2 and 3" in result.stderr
    _assert_clean(tmp_path / "home", result.stdout, result.stderr)


def test_a_system_file_as_input_is_not_quoted(tmp_path: Path) -> None:
    spec = _dataset(tmp_path / "dept", [r for r in ROWS], HEADER, "source_format_placeholder")
    text = spec.read_text(encoding="utf-8").replace("source_format_placeholder", "")
    spec.write_text(text.replace("source:\n  path: stops.csv", "source:\n  path: stops.csv\n  format: csv"), encoding="utf-8")
    shadow = tmp_path / "shadow"
    shadow.write_text(SECRET_LINE + "\ndaemon:*:19000:0:99999:7:::\n", encoding="utf-8")
    home = tmp_path / "home"
    result = run_cli("publish", str(spec), "--input", str(shadow), "--home", str(home))
    assert result.returncode == 1
    _assert_clean(home, result.stdout, result.stderr, planted=("saltsalt", "hashhash", "daemon"))
