"""Rebuild desensitize/data/never_last.txt: characters that follow names and end none of three, learnt from the training data.

    .venv/bin/python scripts/never_last.py           # write the file
    .venv/bin/python scripts/never_last.py --check   # exit 1 if the file differs from what the data gives

A name of two characters glued to the word after it is read one character too long (刘振离|馆前, 曹燕以|需要,
温馨补|证): the rules and the model take a third character where three-character names are the commoner kind. A
character is listed here when, in the annotated names of the training data (the train split of each corpus in
names_corpora.py and the remarks written for training; never the generated names, never a development or test
split) of a one-character surname, it ends none of three characters and follows one of two at least
`MIN_AFTER` times, and no list of given names holds it (`names.given_name_chars`, and the given names faker's
Chinese locale draws, 想 among them): where a name of three does end in it after all, cutting it off would publish
that character. The name policy ends such a name of three before it (`name_policy._never_last`).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from faker.providers.person.zh_CN import Provider  # noqa: E402

from desensitize.detect.names import NEVER_LAST_PATH, given_name_chars, surnames  # noqa: E402
from name_words import training_data, write_or_check  # noqa: E402
from names_corpora import Sentence  # noqa: E402

# Set before the list was measured on the development splits: a character seen once or twice after a short name
# may be chance; on round 23's training data 251 characters followed names of two at least three times and ended none
# of three, 245 of them in no list of given names (251 on round 25's, with batches 34 to 37, and on round 26's, with 38
# and 39; 258 on round 27's, with 40 and 41; 263 on round 28's, with 42 to 44; 267 on round 29's, with 45 to 47).
MIN_AFTER = 3


def never_last(data: list[Sentence], single: frozenset[str], compound: frozenset[str], given: frozenset[str]) -> list[str]:
    """The Chinese characters that end none of the names of three characters in `data` (a surname of `single`, not
    of `compound`), follow a name of two at least `MIN_AFTER` times and are none of `given`, in code-point order."""
    ends: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for text, spans in data:
        for a, b in spans:
            if text[a] not in single or text[a:a + 2] in compound:
                continue
            if b - a == 3:
                ends[text[b - 1]] += 1
            elif b - a == 2 and "\u4e00" <= text[b:b + 1] <= "\u9fff":
                after[text[b]] += 1
    return sorted(c for c, n in after.items() if n >= MIN_AFTER and not ends[c] and c not in given)


def main() -> int:
    """Write the file, or with --check compare it."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    args = ap.parse_args()
    single, compound = surnames()
    given = given_name_chars() | frozenset("".join(Provider.first_names))
    found = never_last(training_data(), single, frozenset(compound), given)
    title = "Characters that follow names and end none of three"
    return write_or_check(NEVER_LAST_PATH, title, __doc__, "never_last.py", found, args.check)


if __name__ == "__main__":
    raise SystemExit(main())
