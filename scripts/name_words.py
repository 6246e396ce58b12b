"""Rebuild desensitize/data/name_words.txt: dictionary words that people are named, learnt from the training data.

    .venv/bin/python scripts/name_words.py           # write the file
    .venv/bin/python scripts/name_words.py --check   # exit 1 if the file differs from what the data gives

The name model's gate opens no candidate on a surname that starts a dictionary word (黄|金, 万|国), and
reads a given name alone only if it is no word (问了|晓红, not 问了|建设). But people are named 马力, 万国庆
and 建新, and where nothing else in a short text opens a candidate the model never reads them. A word of
two characters is listed here when the annotated names of the training data (the train split of each
corpus in names_corpora.py, and the remarks written for training, `train_names.TRAIN_REMARKS`; never
the generated names, never a development or test split) are that word, begin with it (a surname and the
first given-name character: 万国|庆) or end with it (the given name: 陈|建新), at least `MIN_NAMES` times,
and at least `MIN_SHARE` of the word's occurrences anywhere in that text stand in such a name. The gate
reads those words as it reads any two characters (`name_model.gate`); the model decides.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from desensitize.detect.names import NAME_WORDS_PATH, common_words, dictionary_words  # noqa: E402
from names_corpora import CORPORA, Sentence, load, read_marked  # noqa: E402
from train_names import TRAIN_REMARKS  # noqa: E402

MIN_NAMES = 2
MIN_SHARE = 0.3  # chosen before measuring: 和平 (13 % of its occurrences a name) is not listed, 建新 (78 %) is


def name_words(data: list[Sentence], words: frozenset[str]) -> list[str]:
    """The words of `words` that the names of `data` are, begin or end with, as often as the module says."""
    named: Counter[str] = Counter()
    for text, spans in data:
        for a, b in spans:
            name = text[a:b]
            parts = {name} if len(name) == 2 else {name[:2], name[1:]} if len(name) == 3 else set()
            named.update(w for w in parts if w in words)
    seen: Counter[str] = Counter()
    for text, _ in data:
        seen.update(text[i:i + 2] for i in range(len(text) - 1) if text[i:i + 2] in named)
    return sorted(w for w, n in named.items() if n >= MIN_NAMES and n >= MIN_SHARE * seen[w])


def training_data() -> list[Sentence]:
    """The annotated sentences the lists of this kind are learnt from: the train split of each corpus and the
    remarks written for training (never the generated names, never a development or test split)."""
    data: list[Sentence] = []
    for corpus in CORPORA:
        data += load(corpus, "train")
    for path in TRAIN_REMARKS:
        data += read_marked(path)
    return data


def write_or_check(path: Path, title: str, doc: str, script: str, items: list[str], check: bool) -> int:
    """Write `items` one a line under a header (`title`, then the paragraph of `doc` from its sixth line on,
    which says what is listed), or with `check` compare that with the shipped file: exit status 0 or 1."""
    about = doc.splitlines()[5:]
    head = f"# {title}. Built by scripts/{script}; do not edit by hand.\n#\n"
    head += "".join(f"# {line}\n" for line in about if line)
    body = head + "".join(f"{w}\n" for w in items)
    if check:
        same = path.read_text(encoding="utf-8") == body
        print(f"{len(items)} {title.lower()}; {'same as' if same else 'DIFFERENT from'} {path.name}")
        return 0 if same else 1
    path.write_text(body, encoding="utf-8")
    print(f"{len(items)} {title.lower()} written to {path}")
    return 0


def main() -> int:
    """Write the file, or with --check compare it."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    args = ap.parse_args()
    found = name_words(training_data(), common_words() | dictionary_words())
    title = "Dictionary words that people are named"
    return write_or_check(NAME_WORDS_PATH, title, __doc__, "name_words.py", found, args.check)


if __name__ == "__main__":
    raise SystemExit(main())
