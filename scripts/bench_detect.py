"""Speed of free-text detection: texts/s of the bulk path and ms/sentence of the presidio path.

    .venv/bin/python scripts/bench_detect.py [--texts 100000] [--presidio 1000] [--people 0.33]

Remarks are generated (seeded) from allowance-record templates of about 30 characters; seven of the
ten templates carry a name, phone, ID, card, plate or address, and by default every template is drawn
equally often (the figures of earlier rounds are measured so). `--people 0.33` draws a personal
template for a third of the remarks only and a plain one otherwise, as real remarks are. Known names
come from a simulated name column of 20,000 people. Report the CPU time: wall time suffers when the
machine is shared.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TEMPLATES = [
    "户主{name}因病致贫，家庭人均月收入低于当地低保标准。",
    "经核查，该户家庭成员均无固定收入，同意纳入保障。",
    "其子{name}在福州读大学，联系电话{mobile}，学费负担较重。",
    "申请人于2023年3月提交材料，经办人{name}入户核查属实。",
    "住福州市鼓楼区五四路{n}号，房屋年久失修，申请危房改造。",
    "身份证{rid}信息已核验，银行卡号{card}用于发放保障金。",
    "家庭困难，子女就学，老人长期卧床需要护理。",
    "车牌{plate}的车辆登记在户主名下，已按规定核减。",
    "{name}反映，白天施工噪音过大，影响休息。",
    "因残致贫，无劳动能力，由村委会定期上门照料。",
]


def make_texts(n: int, seed: int = 7, people: float | None = None) -> tuple[list[str], list[str]]:
    """n generated remarks and the simulated name column; `people`: share of personal remarks (None:
    every template equally often)."""
    from faker import Faker

    from tests.test_detect_rules import make_card, make_id

    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    known = [fake.name() for _ in range(20000)]
    personal = [t for t in TEMPLATES if "{" in t]
    plain = [t for t in TEMPLATES if "{" not in t]
    texts = []
    for _ in range(n):
        t = rng.choice(TEMPLATES) if people is None else rng.choice(personal if rng.random() < people else plain)
        texts.append(
            t.format(
                name=rng.choice(known) if rng.random() < 0.7 else fake.name(),
                mobile=f"1{rng.randint(3, 9)}{rng.randint(0, 999999999):09d}",
                n=rng.randint(1, 300),
                rid=make_id(f"350102{rng.randint(1950, 2005)}0{rng.randint(1, 9)}1{rng.randint(0, 9)}{rng.randint(0, 999):03d}"),
                card=make_card("6217" + f"{rng.randint(0, 99):02d}", 19),
                plate=f"闽A{rng.randint(10000, 99999)}",
            )
        )
    return texts, known


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--presidio", type=int, default=1000)
    parser.add_argument("--people", type=float, default=None, help="share of remarks mentioning people")
    args = parser.parse_args()
    from desensitize.detect.text import TextDetector

    texts, known = make_texts(args.texts, people=args.people)
    chars = sum(map(len, texts))
    t0 = time.perf_counter()
    detector = TextDetector(known_names=known)
    setup = time.perf_counter() - t0
    detector.find_many(texts[:100])  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    spans = detector.find_many(texts)
    bulk, cpu = time.perf_counter() - t0, time.process_time() - c0
    found = sum(map(len, spans))
    print(f"setup (compile rules, {len(known)} known names): {setup:.2f} s")
    print(f"find_many: {len(texts)} texts ({chars / len(texts):.0f} chars avg), {found} spans in {bulk:.2f} s "
          f"= {len(texts) / bulk:,.0f} texts/s ({bulk / len(texts) * 1e6:.1f} µs/text; 1M texts ≈ {bulk / len(texts) * 1e6:.1f} s); "
          f"CPU time {cpu:.2f} s = {len(texts) / cpu:,.0f} texts/s (wall time suffers on a loaded machine)")
    sample = texts[: args.presidio]
    detector.find(sample[0])  # build the AnalyzerEngine
    t0 = time.perf_counter()
    same = sum(detector.find(t) == s for t, s in zip(sample, spans))
    presidio = time.perf_counter() - t0
    print(f"find (presidio AnalyzerEngine): {presidio / len(sample) * 1000:.3f} ms/sentence over {len(sample)} texts; "
          f"same spans as find_many on {same}/{len(sample)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
