"""How fast the name model tags: numpy (`name_crf.py`, what ships) against crfsuite from the same weights.

    .venv/bin/python benchmarks/name_model_speed.py [--texts N]

Tags the remarks written for training (desensitize/data/names_train_remarks*.txt, their marks removed)
and prints microseconds a character for each way, with the parts of the numpy one (the streams and the
segmentation, the weights of the features, the passes), and checks that both give the same labels.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from desensitize.detect.name_batch import streams  # noqa: E402
from desensitize.detect.name_crf import Crf, decode  # noqa: E402
from desensitize.detect.name_features import features, lexicon  # noqa: E402
from desensitize.detect.name_model import MODEL_PATH  # noqa: E402


def _texts(limit: int) -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "desensitize" / "data").glob("names_train_remarks*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.append(line.replace("⟦", "").replace("⟧", ""))
    return out[:limit]


def main() -> int:
    """Print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=int, default=5_000)
    args = ap.parse_args()
    import pycrfsuite

    lex = lexicon()
    texts = _texts(args.texts)
    chars = sum(map(len, texts))
    crf = Crf(MODEL_PATH, lex)
    crf.tag(texts[:20])  # tables and segmentation dictionary loaded before timing
    features("王", lex)

    t0 = time.perf_counter()
    st = streams(texts, lex)
    t1 = time.perf_counter()
    scores = crf.emission(st)
    t2 = time.perf_counter()
    labels, _ = decode(scores, st.lengths, crf.transitions)
    t3 = time.perf_counter()

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    theirs: list[str] = []
    t4 = time.perf_counter()
    for text in texts:
        if text:
            theirs += tagger.tag(pycrfsuite.ItemSequence(features(text, lex)))
            [tagger.marginal("O", i) for i in range(len(text))]
    t5 = time.perf_counter()

    def per_char(seconds: float) -> str:
        return f"{seconds / chars * 1e6:.2f} µs/char"

    print(f"{len(texts):,} texts, {chars:,} characters")
    print(f"numpy:    {per_char(t3 - t0)}  (streams and segmentation {per_char(t1 - t0)}, "
          f"feature weights {per_char(t2 - t1)}, passes {per_char(t3 - t2)})")
    print(f"crfsuite: {per_char(t5 - t4)}  (feature strings in Python, tagging and marginals in C)")
    same = list(np.array(crf.labels)[labels]) == theirs
    print(f"same labels: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
