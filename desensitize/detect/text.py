"""Personal data in free text: `TextDetector.find` (presidio) and `TextDetector.find_many` (bulk).

Both paths use the same pattern definitions (`patterns.py`) and name rules (`names.py`), score a match
the same way and resolve overlaps with `resolve`, so they return the same spans (a test checks it).

`find` runs a presidio AnalyzerEngine with our recognizers: one text at a time, about a millisecond.
`find_many` is the path for a million remarks: the texts are joined into one string (separator NUL)
so each regex scans them all in one C-level pass; a cheap union of the patterns' triggers finds the
few places worth a full look; only there the full patterns run, as one alternation per family, each
match validated and scored in Python. Name rules run once over the joined string. Offsets are mapped
back to each text with a binary search.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, TextIO

from desensitize.detect.names import NameRules
from desensitize.detect.patterns import DIGIT_TRIGGER, PATTERNS, PRIORITY, REGEX_FLAGS, Family, families, score_match
from pipelines.vocab import FindingKind

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine

SEP = "\x00"
LONG_TEXT = 2048  # longer texts are searched in windows around each trigger, not whole
_BREAKS = frozenset("，。；;！!？?\n\r\t,、")  # no pattern crosses these: a window may end at one
# Characters an identifier token may contain; a number window is widened to whole tokens.
_TOKEN = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@._%+-()（）·• ")
# Around a run of digits, every number pattern's match lies within this many characters
# (+86 / (0591) / E / 闽A before, 转123 / X after), the token widening covers the rest.
_DIGIT_MARGIN = 8
_NAME_PRIORITY = len(PRIORITY)


@dataclass(frozen=True)
class Span:
    """One finding in a text: character offsets, never the value."""

    kind: FindingKind
    start: int
    end: int
    score: float
    recognizer: str


_Candidate = tuple[int, int, float, str, FindingKind]  # start, end, score, recognizer key, kind


def resolve(candidates: Iterable[_Candidate]) -> list[Span]:
    """Non-overlapping spans, sorted. Overlapping names merge; otherwise higher score, then longer, wins."""
    names: list[_Candidate] = []
    others: list[_Candidate] = []
    for c in candidates:
        (names if c[4] is FindingKind.PERSON_NAME else others).append(c)
    merged: list[_Candidate] = []
    for c in sorted(names):
        if merged and c[0] < merged[-1][1]:
            last = merged[-1]
            best = last if last[2] >= c[2] else c
            merged[-1] = (last[0], max(last[1], c[1]), best[2], best[3], best[4])
        else:
            merged.append(c)
    pool = sorted(
        merged + others,
        key=lambda c: (-c[2], -(c[1] - c[0]), PRIORITY.get(c[3], _NAME_PRIORITY), c[0]),
    )
    taken: list[_Candidate] = []
    for c in pool:
        if all(c[1] <= t[0] or t[1] <= c[0] for t in taken):
            taken.append(c)
    return [Span(c[4], c[0], c[1], c[2], c[3]) for c in sorted(taken)]


class TextDetector:
    """Finds personal data in Chinese text. Keep one per extract: compiling takes a moment."""

    def __init__(self, known_names: Iterable[str] = (), kinds: Collection[FindingKind] | None = None) -> None:
        """`known_names`: raw values of the extract's own name columns (kept in memory only).
        `kinds`: the kinds to report (default all)."""
        self.kinds = frozenset(FindingKind) if kinds is None else frozenset(kinds)
        self.patterns = tuple(p for p in PATTERNS if p.kind in self.kinds)
        self.families: dict[str, Family] = families(self.patterns)
        self.names = NameRules(known_names) if FindingKind.PERSON_NAME in self.kinds else None
        fams = list(self.families.values())
        self._family_list = fams
        # Two scans find every place worth a full look: runs of digits (a character class first) and the
        # other triggers, all literal-first, so the regex engine jumps between candidate characters.
        digit_families = [i for i, f in enumerate(fams) if any(p.trigger == DIGIT_TRIGGER for p in f.patterns)]
        self._digit_trigger = re.compile(DIGIT_TRIGGER) if digit_families else None
        self._digit_family = digit_families[0] if digit_families else -1
        literal: list[tuple[int, str]] = [
            (i, t) for i, f in enumerate(fams) for t in dict.fromkeys(p.trigger for p in f.patterns) if t != DIGIT_TRIGGER
        ]
        self._literal_trigger = re.compile("|".join(t for _, t in literal), REGEX_FLAGS) if literal else None
        self._family_of = [(i, re.compile(t, REGEX_FLAGS)) for i, t in literal]
        self._analyzer: AnalyzerEngine | None = None

    # -- presidio path ----------------------------------------------------------------------------

    @property
    def analyzer(self) -> AnalyzerEngine:
        """The presidio AnalyzerEngine with our recognizers (built on first use)."""
        if self._analyzer is None:
            from desensitize.detect.recognizers import build_analyzer

            self._analyzer = build_analyzer(self.patterns, self.names)
        return self._analyzer

    def find(self, text: str) -> list[Span]:
        """Spans in one text, found by the presidio AnalyzerEngine. Non-overlapping, sorted."""
        if not text:
            return []
        entities = sorted({p.kind.value for p in self.patterns} | ({"person_name"} if self.names else set()))
        if not entities:
            return []
        results = self.analyzer.analyze(text=text, language="zh", entities=entities)
        return resolve(
            (r.start, r.end, r.score, str(r.recognition_metadata.get("recognizer_name", "")), FindingKind(r.entity_type))
            for r in results
        )

    # -- bulk path --------------------------------------------------------------------------------

    def find_many(self, texts: Sequence[str | None]) -> list[list[Span]]:
        """Spans for each text (None counts as empty): the fast path, same results as `find`."""
        distinct = list(dict.fromkeys(t or "" for t in texts))  # remarks repeat: detect each text once
        if len(distinct) < len(texts):
            spans = self._find_distinct(distinct)
            by_text = dict(zip(distinct, spans))
            return [list(by_text[t or ""]) for t in texts]
        return self._find_distinct(distinct)

    def _find_distinct(self, texts: list[str]) -> list[list[Span]]:
        clean = texts
        joined = SEP.join(clean)
        if joined.count(SEP) != max(len(clean) - 1, 0):
            clean = [t.replace(SEP, " ") for t in clean]  # same length: offsets do not move
            joined = SEP.join(clean)
        starts = [0, *accumulate(len(t) + 1 for t in clean)]
        found: dict[int, list[_Candidate]] = defaultdict(list)
        if self._family_list:
            self._find_patterns(joined, clean, starts, found)
        if self.names is not None:
            for s, e, score, rule in self.names.find(joined):
                i = bisect_right(starts, s) - 1
                found[i].append((s - starts[i], e - starts[i], score, rule, FindingKind.PERSON_NAME))
        return [resolve(found[i]) if i in found else [] for i in range(len(clean))]

    def _triggers(self, joined: str) -> Iterable[tuple[int, int, int]]:
        """(family index, start, end) of every trigger in the joined texts."""
        if self._digit_trigger is not None:
            for m in self._digit_trigger.finditer(joined):
                yield self._digit_family, m.start(), m.end()
        if self._literal_trigger is not None:
            for m in self._literal_trigger.finditer(joined):
                hit = m.group()
                family = next(i for i, rx in self._family_of if rx.fullmatch(hit))
                yield family, m.start(), m.end()

    def _find_patterns(self, joined: str, clean: list[str], starts: list[int], found: dict[int, list[_Candidate]]) -> None:
        windows: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)  # (family, text) -> windows
        for f, ms, me in self._triggers(joined):
            i = bisect_right(starts, ms) - 1
            ts, te = starts[i], starts[i] + len(clean[i])
            family = self._family_list[f]
            if f == self._digit_family:
                margin = family.max_length if joined[ms] == "@" else _DIGIT_MARGIN
                windows[(f, i)].append(_token_window(joined, ts, te, ms - margin, me + margin))
            else:
                windows[(f, i)].append(self._window(joined, ts, te, ms, me, family.max_length))
        for (f, i), spans in windows.items():
            family = self._family_list[f]
            ts = starts[i]
            for ws, we in _merge(spans):
                for s, e, score, key, kind in self._scan(family, joined, ws, we, ts):
                    found[i].append((s - ts, e - ts, score, key, kind))

    @staticmethod
    def _window(joined: str, ts: int, te: int, s: int, e: int, margin: int) -> tuple[int, int]:
        """The whole text when short; else the trigger ± the longest match, widened to a break character."""
        if te - ts <= LONG_TEXT:
            return ts, te
        ws, we = max(ts, s - margin), min(te, e + margin)
        while ws > ts and joined[ws - 1] not in _BREAKS:
            ws -= 1
        while we < te and joined[we] not in _BREAKS:
            we += 1
        return ws, we

    @staticmethod
    def _scan(family: Family, joined: str, ws: int, we: int, floor: int) -> list[_Candidate]:
        """The family's alternation over one window; any doubtful match re-runs each pattern alone."""
        out: list[_Candidate] = []
        if len(family.patterns) == 1:
            p = family.patterns[0]
            for m in p.compiled.finditer(joined, ws, we):
                r = score_match(p, joined, m.start(), m.end(), floor)
                if r is not None:
                    out.append((r[0], r[1], r[2], p.key, p.kind))
            return out
        for m in family.combined.finditer(joined, ws, we):
            p = family.patterns[int(m.lastgroup[1:])]  # type: ignore[index]
            r = score_match(p, joined, m.start(), m.end(), floor)
            if r is None or r[2] < 1.0:
                break  # an unconfirmed match may hide another pattern's match at the same place
            out.append((r[0], r[1], r[2], p.key, p.kind))
        else:
            return out
        out = []
        for p in family.patterns:
            for m in p.compiled.finditer(joined, ws, we):
                r = score_match(p, joined, m.start(), m.end(), floor)
                if r is not None:
                    out.append((r[0], r[1], r[2], p.key, p.kind))
        return out


def _token_window(joined: str, ts: int, te: int, ws: int, we: int) -> tuple[int, int]:
    """[ws, we) clipped to the text and widened to whole identifier tokens, so that no regex sees a
    token cut in two (a look-ahead at a cut would pass where the full text has a digit)."""
    ws, we = max(ts, ws), min(te, we)
    while ws > ts and joined[ws - 1] in _TOKEN:
        ws -= 1
    while we < te and joined[we] in _TOKEN:
        we += 1
    return ws, we


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(set(spans)):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def detect_text_lines(stdin: TextIO, stdout: TextIO, known_names: Iterable[str] = ()) -> int:
    """`opendata detect-text`: one text a line in, one JSON object a line out; returns exit code 0.

    Output per line: {"findings": [{"kind": K, "start": i, "end": j}]} with character offsets in the
    line (without its line break). Values are never echoed.
    """
    detector = TextDetector(known_names=known_names)
    for line in stdin:
        text = line.rstrip("\r\n")
        findings = [{"kind": s.kind.value, "start": s.start, "end": s.end} for s in detector.find(text)]
        stdout.write(json.dumps({"findings": findings}, ensure_ascii=False) + "\n")
    stdout.flush()
    return 0
