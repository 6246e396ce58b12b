"""The sample extracts: generated reproducibly, and each manifest matches its extract."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from stdnum import luhn
from stdnum.cn import ric, uscc

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
CATALOG_SPECS = ROOT / "catalog_specs"
MANIFESTS = sorted(SAMPLE_DATA.glob("*.manifest.json"))


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_sample_data", ROOT / "scripts" / "generate_sample_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _count_rows(path: Path) -> int:
    """Data rows of an extract, counted without the generator's help."""
    data = path.read_bytes()
    if path.suffix == ".csv":
        text = data[3:].decode("utf-8") if data.startswith(b"\xef\xbb\xbf") else data.decode("gbk")
        return sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1
    if path.suffix == ".json":
        return len(json.loads(data.decode("utf-8")))
    if path.suffix == ".jsonl":
        return sum(1 for line in data.decode("utf-8").splitlines() if line.strip())
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
        return sum(1 for row in ws.iter_rows(values_only=True) if any(v is not None for v in row)) - 1
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    raise AssertionError(f"unexpected extract type {path.name}")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    gen.main(first, scale=0.02)
    gen.main(second, scale=0.02)
    a, b = _tree(first), _tree(second)
    assert len(a) == 2 * len(gen.DATASETS)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], f"{name} differs between two runs"


def test_committed_sample_data_is_what_the_generator_writes(tmp_path: Path) -> None:
    gen.main(tmp_path, scale=1.0)
    written = _tree(tmp_path)
    committed = {name: body for name, body in _tree(SAMPLE_DATA).items() if name in written}
    assert written.keys() == committed.keys(), "run scripts/generate_sample_data.py and commit sample_data/"
    for name, body in written.items():
        assert body == committed[name], f"sample_data/{name} is stale: rerun scripts/generate_sample_data.py"


def test_there_is_a_manifest_for_every_extract() -> None:
    extracts = {p.name for p in SAMPLE_DATA.iterdir() if not p.name.endswith(".manifest.json") and not p.name.startswith(".")}
    assert {m.name.removesuffix(".manifest.json") for m in MANIFESTS} == extracts
    assert len(MANIFESTS) >= 6


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.name)
def test_manifest_matches_its_extract(manifest: Path) -> None:
    body = json.loads(manifest.read_text(encoding="utf-8"))
    assert list(body) == ["sha256", "rows", "provider", "extracted_at"]
    extract = manifest.with_name(manifest.name.removesuffix(".manifest.json"))
    assert body["sha256"] == hashlib.sha256(extract.read_bytes()).hexdigest()
    assert body["rows"] == _count_rows(extract)
    extracted_at = dt.datetime.fromisoformat(body["extracted_at"])
    assert extracted_at.utcoffset() == dt.timedelta(hours=8)


def test_each_spec_points_at_an_extract_whose_manifest_names_its_provider() -> None:
    specs = sorted(CATALOG_SPECS.glob("*.yaml"))
    assert len(specs) >= 6
    for path in specs:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        extract = (path.parent / spec["source"]["path"]).resolve()
        manifest = json.loads(extract.with_name(extract.name + ".manifest.json").read_text(encoding="utf-8"))
        assert manifest["provider"] == spec["provider"]["department"], path.name
        assert extract.name.startswith(spec["id"]), path.name


def test_identifier_helpers_produce_valid_numbers() -> None:
    g = gen.Gen(seed=1)
    for _ in range(300):
        district = g.district()
        gender = g.rng.choice("男女")
        birth = g.birth_date(g.rng.randint(0, 95))
        rid = g.resident_id(birth, gender, g.birth_area(district, birth))
        # GB 11643 checksum and birth date; python-stdnum's birth-place era check is stricter than
        # the standard (see AREA_HISTORY in the generator), so only the checksum is asserted here.
        assert ric.calc_check_digit(rid) == rid[-1]
        assert ric.get_birth_date(rid) == birth
        assert int(rid[16]) % 2 == (1 if gender == "男" else 0)
        assert uscc.is_valid(g.uscc(district.code))
        code = g.uscc(district.code)
        assert gen.org_code_check_char(code[8:16]) == code[16]
        card = g.bank_card()
        assert card.startswith("62") and 16 <= len(card) <= 19 and luhn.is_valid(card)
        assert g.mobile()[:2] in {f"1{d}" for d in "3456789"} and len(g.mobile()) == 11
        assert g.landline().startswith("0591-") and len(g.landline()) == 13
        assert g.plate().startswith("闽A") and len(g.plate()) in (7, 8)
        assert any(name in g.address(district) for name in gen.DISTRICT_NAMES)


def test_known_check_characters() -> None:
    # Worked examples: the GB 11643 example ID and a USCC validated by python-stdnum.
    assert gen.ric_check_char("11010519491231002") == "X"
    assert gen.uscc_check_char("91110000600037341") == "L"
    assert gen.luhn_check_digit("7992739871") == "3"


def test_penalties_carry_exactly_the_planted_imperfections() -> None:
    from openpyxl import load_workbook

    ws = load_workbook(SAMPLE_DATA / "market-penalties.xlsx", read_only=True).worksheets[0]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert sum(1 for r in rows if not r[7]) == 3  # blank 处罚内容
    numbers = [r[0] for r in rows]
    assert len(numbers) - len(set(numbers)) == 1  # one re-used 处罚决定书文号
    assert sum(1 for r in rows if not uscc.is_valid(r[2])) == 2  # two transposed credit codes
