"""The public annotated corpora the name model is trained and tested on, read by repository and path.

Each corpus is pinned to a commit of a public GitHub repository. The files are read with `git show
COMMIT:PATH` from a checkout found in this order:

1. `$NAMES_CORPORA/<owner>+<name>` (a clone, bare or not; `git clone https://github.com/<owner>/<name>
   $NAMES_CORPORA/<owner>+<name>`), or `$NAMES_CORPORA_<KEY>` naming that checkout for one corpus;
2. `/work/.mirror/<owner>+<name>/repo` (the snapshots of the development machine);
3. otherwise the repository is cloned into `~/.cache/opendata/corpora/<owner>+<name>` (not when
   `NAMES_CORPORA_OFFLINE=1`: the tests set it, and skip what they cannot read).

Only person names are kept: PER (MSRA, People's Daily), PER.NAM (Weibo: named mentions, not nominal
ones such as 男友) and NAME (Resume). Three splits:

* "train": the only part used for training (less the sentences held out for "dev");
* "dev": the corpus' own development file where it has one (Weibo, Resume), and every `holdout`-th
  sentence of the train files where it has none (MSRA, People's Daily). Never trained on; the choices
  made after training (how the model meets the rules, the decision threshold) are made on it;
* "test": only ever evaluated, after the choices are made.

CLUENER2020 is not here on purpose: it must not be trained or tuned on.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

Sentence = tuple[str, list[tuple[int, int]]]  # text, person-name spans
_MARKED = re.compile(r"⟦([^⟦⟧]+)⟧")


def read_marked(path: Path) -> list[Sentence]:
    """Sentences written one a line with every person name marked ⟦…⟧ (the remark sets of
    desensitize/data/); blank lines and lines starting with # are skipped."""
    return [s for _, s in marked_lines(path)]


def marked_lines(path: Path) -> list[tuple[int, Sentence]]:
    """`read_marked`, each sentence with its line number (1-based)."""
    out: list[tuple[int, Sentence]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, names, pos = "", [], 0
        for m in _MARKED.finditer(line):
            text += line[pos:m.start()]
            names.append((len(text), len(text) + len(m.group(1))))
            text += m.group(1)
            pos = m.end()
        out.append((n, (text + line[pos:], names)))
    return out


@dataclass(frozen=True)
class Corpus:
    """One public corpus: where it lives and how its files read."""

    key: str
    repo: str  # owner/name on GitHub
    commit: str
    train: tuple[str, ...]  # paths inside the repository
    test: str  # "" when only a part of a corpus' training set is used (its test split is elsewhere)
    reader: str  # "conll" (char TAB|SPACE tag, blank line between sentences), "lines" (chars / tags files)
    # or "json" (one {"text", "entity_list": [{"entity_index": {"begin", "end"}, "entity_type"}]} a line)
    person: tuple[str, ...]  # entity labels that are person names
    licence: str  # as stated by the source
    note: str = ""
    dev: str = ""  # the corpus' development file (evaluated only), if it has one
    archive: str = ""  # a zip file of the repository holding the paths above, if they are inside one
    holdout: int = 0  # without one: every holdout-th train sentence is kept out of training for "dev"


CORPORA = (
    Corpus(
        "msra", "zhooufeng/Data", "5336c7962aa05bb4ee356707a8f44cb087baaa01",
        ("msra_train_bio",), "msra_test_bio", "conll", ("PER",),
        "SIGHAN 2006 bakeoff 3 (MSRA) data, distributed for research by the bakeoff; the repository is "
        "Apache-2.0 and states no separate data licence",
        "the full MSRA training set (45,000 sentences) and the official test set (3,442), inside the "
        "repository's MSRA.zip (the unzipped files are too large for the mirror this was built on); "
        "dev = every 20th training sentence",
        holdout=20, archive="MSRA.zip",
    ),
    Corpus(
        "peoples_daily", "zjy-ucas/ChineseNER", "48e1007e60194c13377f8ce612c505d484b18c7d",
        ("data/example.dev",), "data/example.test", "conll", ("PER",),
        "People's Daily 1998 NER (BIO); the repository states no licence (research use as published)",
        "train = example.dev (2,318 sentences; example.train is too large for the mirror); test = example.test; "
        "dev = every 5th of example.dev",
        holdout=5,
    ),
    Corpus(
        "weibo", "hltcoe/golden-horse", "7a73c08e45ed94312af4ef2d97cc35a47d029e99",
        ("data/weiboNER_2nd_conll.train",), "data/weiboNER_2nd_conll.test", "conll", ("PER.NAM",),
        "annotations CC BY-SA 3.0 (README 'Data License'); the messages follow Weibo's terms of service",
        "the revised (2nd) release; named mentions only", dev="data/weiboNER_2nd_conll.dev",
    ),
    Corpus(
        "peoples_daily_1998", "GuocaiL/nlp_corpus", "f924a9e1117d14572cd1ea13e2e62538101328b4",
        ("open_ner_data/people_daily/people_daily_ner_1000.txt",), "", "json", ("PERSON",),
        "People's Daily January 1998 (Peking University annotation), as converted by the repository; no licence stated",
        "1,000 sentences; dev = every 10th", holdout=10,
    ),
    Corpus(
        "resume", "jiesutd/LatticeLSTM", "24d17f4270f11d2f75046789d8b67eaa2b907dce",
        ("ResumeNER/train.char.bmes",), "ResumeNER/test.char.bmes", "conll", ("NAME",),
        "Resume NER (Zhang & Yang, ACL 2018), crawled from Sina Finance; the repository states no licence "
        "(research use as published, cite the paper)", dev="ResumeNER/dev.char.bmes",
    ),
)


def _checkout(corpus: Corpus) -> Path:
    owner_name = corpus.repo.replace("/", "+")
    candidates: list[Path] = []
    if os.environ.get(f"NAMES_CORPORA_{corpus.key.upper()}"):
        candidates.append(Path(os.environ[f"NAMES_CORPORA_{corpus.key.upper()}"]))
    if os.environ.get("NAMES_CORPORA"):
        candidates.append(Path(os.environ["NAMES_CORPORA"]) / owner_name)
    candidates.append(Path("/work/.mirror") / owner_name / "repo")
    cache = Path.home() / ".cache" / "opendata" / "corpora" / owner_name
    candidates.append(cache)
    for base in candidates:
        for git_dir in (base, base / ".git"):
            if (git_dir / "HEAD").exists() and (git_dir / "objects").exists():
                return git_dir
    if os.environ.get("NAMES_CORPORA_OFFLINE") == "1":
        raise FileNotFoundError(f"no checkout of {corpus.repo} (NAMES_CORPORA_OFFLINE=1: not cloning)")
    subprocess.run(["git", "clone", "--bare", f"https://github.com/{corpus.repo}", str(cache)], check=True, timeout=600)
    return cache


def read_file(corpus: Corpus, path: str) -> str:
    """One file of the corpus at its pinned commit (a member of `corpus.archive` when it has one)."""
    git_dir = _checkout(corpus)
    out = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{corpus.commit}:{corpus.archive or path}"], check=True, capture_output=True
    ).stdout
    if corpus.archive:
        with zipfile.ZipFile(io.BytesIO(out)) as archive:
            out = archive.read(path)
    if out.startswith(b"version https://git-lfs"):
        raise RuntimeError(f"{corpus.repo}:{path} is a Git LFS pointer; fetch the LFS object first")
    return out.decode("utf-8")


def _label(tag: str) -> tuple[str, str]:
    """("B"|"I"|"E"|"S"|"M"|"O", entity type) of a BIO or BMES tag."""
    if tag == "O" or "-" not in tag:
        return "O", ""
    prefix, _, kind = tag.partition("-")
    return prefix, kind


def _spans(chars: list[str], tags: list[str], person: tuple[str, ...]) -> Sentence:
    spans: list[tuple[int, int]] = []
    start = -1
    for i, tag in enumerate(tags + ["O"]):
        prefix, kind = _label(tag)
        is_person = kind in person
        if start >= 0 and (not is_person or prefix in ("B", "S")):
            spans.append((start, i))
            start = -1
        if is_person and prefix in ("B", "S"):
            start = i
        elif is_person and start < 0:  # an I- without its B- (rare annotation slips): start here
            start = i
        if is_person and prefix in ("E", "S") and start >= 0:
            spans.append((start, i + 1))
            start = -1
    return "".join(chars), spans


def _conll(text: str, person: tuple[str, ...]) -> list[Sentence]:
    out: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []
    for line in text.splitlines() + [""]:
        parts = line.split()
        if len(parts) < 2:
            if chars:
                out.append(_spans(chars, tags, person))
            chars, tags = [], []
            continue
        char = parts[0]
        if len(char) == 2 and char[1].isdigit():  # Weibo: the character and its word position (科0)
            char = char[0]
        chars.append(char[0])
        tags.append(parts[-1])
    return out


def _lines(chars_text: str, tags_text: str, person: tuple[str, ...]) -> list[Sentence]:
    out: list[Sentence] = []
    for chars, tags in zip(chars_text.splitlines(), tags_text.splitlines()):
        c, t = chars.split(), tags.split()
        if c and len(c) == len(t):
            out.append(_spans([x[0] for x in c], t, person))
    return out


def _json(text: str, person: tuple[str, ...]) -> list[Sentence]:
    out: list[Sentence] = []
    for line in text.splitlines():
        if line.strip():
            obj = json.loads(line)
            spans = sorted(
                (e["entity_index"]["begin"], e["entity_index"]["end"]) for e in obj["entity_list"] if e["entity_type"] in person
            )
            out.append((obj["text"], spans))
    return out


def _read(corpus: Corpus, path: str) -> list[Sentence]:
    text = read_file(corpus, path)
    if corpus.reader == "json":
        return _json(text, corpus.person)
    if corpus.reader == "lines":
        return _lines(text, read_file(corpus, corpus.train[1]), corpus.person)
    return _conll(text, corpus.person)


def load(corpus: Corpus, split: str) -> list[Sentence]:
    """The sentences of one split ("train", "dev" or "test") with their person-name spans."""
    if split == "test":  # the test files are CoNLL (or JSON for a JSON corpus)
        if not corpus.test:
            return []
        text = read_file(corpus, corpus.test)
        return _json(text, corpus.person) if corpus.reader == "json" else _conll(text, corpus.person)
    paths = corpus.train[:1] if corpus.reader == "lines" else corpus.train
    pooled = [s for path in paths for s in _read(corpus, path)]
    n = corpus.holdout
    if split == "train":
        return [s for i, s in enumerate(pooled) if not n or i % n != n - 1]
    if split == "dev":
        held = [s for i, s in enumerate(pooled) if n and i % n == n - 1]
        return held + (_read(corpus, corpus.dev) if corpus.dev else [])
    raise ValueError(f"unknown split {split!r}")


BY_KEY: dict[str, Corpus] = {c.key: c for c in CORPORA}
