#!/usr/bin/env python3
"""The peer: presidio-structured on the same extract, with Chinese regex recognizers, capped in time.

    .venv/bin/python benchmarks/peer_presidio.py EXTRACT.csv --cap 120 --out DIR

What it runs is presidio-structured's documented tabular path: `PandasAnalysisBuilder` classifies
every column by running a presidio `AnalyzerEngine` over every cell, then `StructuredEngine` with a
`PandasDataProcessor` replaces the cells of the columns it classified. The analyzer has the Chinese
regex recognizers of `desensitize/detect/recognizers.py` (the same regexes, checksums and context
words the project uses; not its person-name rules) or, if they cannot be imported, the minimal set
below, over a blank spaCy `zh` pipeline (no model download, so no named-entity recognition).

The extract is read and anonymized in chunks of `CHUNK_ROWS` rows (each chunk goes through the
whole path above, so memory stays that of a chunk). The time cap: after each chunk, if `--cap`
seconds are spent, the run stops; the time for all rows is then extrapolated linearly
(set-up + measured time × all rows ÷ rows processed). The last stdout line is a JSON report:
rows_total, rows_processed, setup/run seconds, seconds (measured or extrapolated), extrapolated
(bool), recognizers (which set) and entity_mapping (column → entity, from the first chunk).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

T_START = time.monotonic()

import pandas as pd  # noqa: E402
import spacy  # noqa: E402
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerRegistry  # noqa: E402
from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: E402
from presidio_anonymizer.entities import OperatorConfig  # noqa: E402
from presidio_structured import PandasAnalysisBuilder, PandasDataProcessor, StructuredEngine  # noqa: E402

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.identifiers import luhn_valid, resident_id_valid  # noqa: E402

LANGUAGE = "zh"
# Rows per DataFrame handed to presidio-structured: the cap is checked between chunks, so a run
# overshoots it by at most one chunk's time (a few seconds).
CHUNK_ROWS = 5_000
_NB, _NA = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"  # `\b` never matches between a CJK char and a digit


class BlankChineseNlpEngine(SpacyNlpEngine):
    """presidio's spaCy engine over `spacy.blank("zh")` (character segmentation, no NER, no download)."""

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:zh"}])

    def load(self) -> None:
        """Build the blank pipeline instead of loading a packaged model."""
        self.nlp = {LANGUAGE: spacy.blank(LANGUAGE)}


class _CheckedRecognizer(PatternRecognizer):
    """A pattern recognizer whose matches must pass a checksum."""

    def __init__(self, check: Any, **kwargs: Any) -> None:
        self._check = check
        super().__init__(**kwargs)

    def validate_result(self, pattern_text: str) -> bool | None:
        """True (score 1.0) when the checksum holds, False (dropped) otherwise."""
        return bool(self._check(pattern_text.replace(" ", "").replace("-", "")))


def fallback_recognizers() -> list[EntityRecognizer]:
    """The Chinese identifiers of DESIGN.md §4 as presidio PatternRecognizers (used until the project's land)."""
    common = {"supported_language": LANGUAGE, "global_regex_flags": 0}
    return [
        _CheckedRecognizer(
            resident_id_valid, supported_entity="RESIDENT_ID", name="cn_resident_id", context=["身份证", "证件", "公民身份号码"],
            patterns=[Pattern("resident_id", _NB + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]" + _NA, 0.4)],
            **common,
        ),
        PatternRecognizer(
            supported_entity="MOBILE_PHONE", name="cn_mobile", context=["电话", "手机", "联系"],
            patterns=[Pattern("mobile", _NB + r"(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + _NA, 0.7)],
            **common,
        ),
        _CheckedRecognizer(
            luhn_valid, supported_entity="BANK_CARD", name="cn_bank_card", context=["卡号", "账号"],
            patterns=[Pattern("unionpay", _NB + r"62\d{14,17}" + _NA, 0.5)],
            **common,
        ),
        PatternRecognizer(
            supported_entity="EMAIL", name="cn_email",
            patterns=[Pattern("email", r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", 0.9)],
            **common,
        ),
    ]


def build_engine() -> tuple[AnalyzerEngine, str]:
    """An AnalyzerEngine for `zh` with only Chinese regex recognizers, over a blank pipeline; and which set.

    The project's regex recognizers (`desensitize.detect.recognizers`, one per `TextPattern`) when
    they import; not its name rules, which are the project's own detector rather than presidio's.
    """
    try:
        from desensitize.detect.patterns import PATTERNS  # noqa: PLC0415
        from desensitize.detect.recognizers import build_analyzer  # noqa: PLC0415
    except ImportError:
        pass
    else:
        return build_analyzer(PATTERNS, None), f"project ({len(PATTERNS)} patterns of desensitize.detect.patterns)"
    registry = RecognizerRegistry(recognizers=fallback_recognizers(), supported_languages=[LANGUAGE])
    nlp = BlankChineseNlpEngine()
    nlp.load()
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=[LANGUAGE]), "fallback (benchmarks/peer_presidio.py)"


def anonymize_chunk(analyzer: AnalyzerEngine, df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """presidio-structured's tabular path on one frame: classify every column, replace its cells."""
    analysis = PandasAnalysisBuilder(analyzer=analyzer).generate_analysis(df, language=LANGUAGE)
    # Replace each classified cell by its entity tag (presidio-structured's default would write `<None>`).
    operators = {entity: OperatorConfig("replace", {"new_value": f"<{entity}>"}) for entity in set(analysis.entity_mapping.values())}
    masked = StructuredEngine(data_processor=PandasDataProcessor()).anonymize(df, analysis, operators)
    return masked, dict(analysis.entity_mapping)


def count_rows(csv_path: Path) -> int:
    """Data rows of a CSV whose values hold no newline (the generator's extracts)."""
    with csv_path.open("rb") as fh:
        return sum(block.count(b"\n") for block in iter(lambda: fh.read(8 << 20), b"")) - 1


def run(csv_path: Path, cap: float, out_dir: Path | None, rows_total: int | None = None, chunk_rows: int = CHUNK_ROWS) -> dict[str, Any]:
    """Anonymize chunk after chunk until the extract ends or `cap` seconds are spent; return the report."""
    analyzer, which = build_engine()
    setup = time.monotonic() - T_START
    total = rows_total if rows_total is not None else count_rows(csv_path)
    out = (out_dir / "peer.csv") if out_dir is not None else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    rows, mappings = 0, []
    reader = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8", chunksize=chunk_rows)
    for chunk in reader:
        masked, mapping = anonymize_chunk(analyzer, chunk)
        if out is not None:
            masked.to_csv(out, mode="a" if rows else "w", header=not rows, index=False)
        rows += len(chunk)
        mappings.append(mapping)
        if time.monotonic() - started >= cap:
            break
    reader.close()
    seconds = time.monotonic() - started
    return {
        "rows_total": total,
        "rows_processed": rows,
        "chunk_rows": chunk_rows,
        "cap_seconds": cap,
        "setup_seconds": round(setup, 3),
        "run_seconds": round(seconds, 3),
        "seconds": round(setup + seconds * total / max(rows, 1), 3),
        "extrapolated": rows < total,
        "recognizers": which,
        "entity_mapping": mappings[0] if mappings else {},
        "chunks_with_other_mapping": sum(1 for m in mappings[1:] if m != mappings[0]),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line; prints the JSON report as the last line."""
    parser = argparse.ArgumentParser(description="presidio-structured on an extract, capped in time")
    parser.add_argument("csv", type=Path)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds the measured run may take (default 120)")
    parser.add_argument("--rows", type=int, default=None, help="rows in the extract (default: count them)")
    parser.add_argument("--out", type=Path, default=None, help="folder for peer.csv (default: not written)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.csv, args.cap, args.out, args.rows), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
