#!/usr/bin/env python3
"""How many of the names the benchmark plants in its remarks the name detector leaves visible.

    .venv/bin/python benchmarks/name_leaks.py                 # 100,000 rows
    .venv/bin/python benchmarks/name_leaks.py --rows 300000 --show 20

The generator (generate.py) writes a third of its remarks from the templates of
`pools.PERSONAL_REMARKS` (户主{head}因病…，其子{son}在读, 代办人{other}（{id}）代为领取…): each slot of a
person is a planted name. The remarks are read as `opendata publish` reads them, with the extract's own
name column known (`TextDetector(known_names=…)`), and a planted name counts as left when any of its
characters is outside every person-name span: a partial leak (代办人杨慧|柳, where the extract holds
another 杨慧) counts as much as a whole one. Prints the totals per slot; `--show N` prints N of the
remarks with what was left visible, for a developer's eyes only (the names are generated, not real).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyarrow as pa  # noqa: E402

from benchmarks import generate, pools  # noqa: E402
from desensitize.detect.text import TextDetector  # noqa: E402
from pipelines.core.vocab import FindingKind  # noqa: E402

PERSON_SLOTS = frozenset({"head", "kin", "son", "daughter", "spouse", "other"})


def templates() -> list[tuple[re.Pattern[str], list[str]]]:
    """Each personal template as a pattern whose groups are its slots, and the slots' names in order."""
    out = []
    for template in pools.PERSONAL_REMARKS:
        pattern, slots = "", []
        for literal, slot in generate._template(template):
            pattern += re.escape(literal or "")
            if slot:
                pattern += "(.+?)"
                slots.append(slot)
        out.append((re.compile(pattern + "$"), slots))
    return out


def main() -> int:
    """Print the planted names left visible in the remarks of `--rows` generated rows."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N remarks with what was left")
    args = parser.parse_args()
    table = pa.Table.from_batches(list(generate.batches(args.rows)))
    remarks = [t or "" for t in table.column("备注").to_pylist()]
    detector = TextDetector(known_names=table.column("姓名").to_pylist(), kinds={FindingKind.PERSON_NAME})
    found = detector.find_many(remarks)
    planted: Counter[str] = Counter()
    left: Counter[str] = Counter()
    shown = 0
    personal = templates()
    for text, spans in zip(remarks, found):
        for pattern, slots in personal:
            m = pattern.match(text)
            if m is None:
                continue
            masked = bytearray(len(text))
            for s in spans:
                masked[s.start:s.end] = b"\1" * (s.end - s.start)
            for k, slot in enumerate(slots, 1):
                if slot in PERSON_SLOTS:
                    planted[slot] += 1
                    a, b = m.span(k)
                    if not all(masked[a:b]):
                        left[slot] += 1
                        if shown < args.show:
                            shown += 1
                            print(f"{slot:8} {''.join('□' if masked[i] else text[i] for i in range(a, b))}  | {text}")
            break
    total, leaked = sum(planted.values()), sum(left.values())
    print(f"{args.rows:,} rows: {total:,} planted names in remarks, {leaked:,} not wholly masked ({leaked / max(total, 1):.3%})")
    for slot in sorted(planted):
        print(f"  {slot:8} {left[slot]:6,} of {planted[slot]:7,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
