"""Personal data in free text: `TextDetector.find` (presidio) and `TextDetector.find_many` (bulk).

Both paths use the same pattern definitions (`patterns.py`) and name rules (`names.py`), score a match
the same way and resolve overlaps with `resolve`, so they return the same spans (a test checks it).

`find` runs a presidio AnalyzerEngine with our recognizers: one text at a time, about a millisecond.
`find_many` is the path for a million remarks (measured by `scripts/bench_detect.py`):

* each distinct text is detected once, and the distinct texts are joined into one string (separator
  NUL) so each regex scans them all in one C-level pass;
* a pattern runs only around a hit of its own cheap trigger (`TextPattern.trigger`): a run of digits
  for the number patterns, 闽A… for plates, @ for e-mail, 住/福州市… for addresses, 出生… for birth dates;
* a run of digits that stands alone as a token (13812345678 between Chinese characters: the common
  case) is tried against the number patterns of its length only, by `fullmatch` on the token; any other
  token (+86 138…, 0591-…, letters) gets every number pattern over a window around it;
* the name rules run once over the joined string;
* all candidates are sorted once and cut per text; a text whose candidates do not overlap needs no
  resolving; Python's cyclic garbage collector is paused meanwhile (no cycles are made, and its passes
  over the many small tuples cost a third of the time).
"""

from __future__ import annotations

import gc
import json
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, TextIO

from desensitize.detect import numerals
from desensitize.detect.fold import for_names, for_patterns
from desensitize.detect.name_model import Joined
from desensitize.detect.name_policy import DEFAULT_NAME_RECOGNIZERS, NAME_MODE, check_recognizers, combine_names, model_for
from desensitize.detect.names import NameRules
from desensitize.detect.patterns import DIGIT_TRIGGER, PATTERNS, PRIORITY, TextPattern, score_match
from desensitize.detect.spacing import Twin, twin_of, twins_in
from pipelines.core.vocab import FindingKind

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine

SEP = "\x00"
LONG_TEXT = 2048  # longer texts are searched in windows around each trigger, not whole
_BREAKS = frozenset("，。；;！!？?\n\r\t,、")  # no pattern crosses these: a window may end at one
# Characters an identifier token may contain; a number window is widened to whole tokens.
_TOKEN = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@._%+-()（）·• ")
_AROUND = frozenset("()（） ")  # what may stand around a number in its token, which no pattern takes (`_find_numbers`)
# Around a run of digits, every number pattern's match lies within this many characters
# (+86 / (0591) / E before, 转123 / X after), the token widening covers the rest.
_DIGIT_MARGIN = 8
_NAME_PRIORITY = len(PRIORITY)



@dataclass(frozen=True, slots=True)
class Span:
    """One finding in a text: character offsets, never the value."""

    kind: FindingKind
    start: int
    end: int
    score: float
    recognizer: str


_Candidate = tuple[int, int, float, str, FindingKind]  # start, end, score, recognizer key, kind
# The bulk path makes a Span per finding: the slots are filled directly, skipping the frozen class's
# __setattr__ guard (half the cost of Span(...); the instance is the same).
_SET_SLOTS = tuple(getattr(Span, f).__set__ for f in ("kind", "start", "end", "score", "recognizer"))


def _span(kind: FindingKind, start: int, end: int, score: float, recognizer: str) -> Span:
    out = object.__new__(Span)
    set_kind, set_start, set_end, set_score, set_recognizer = _SET_SLOTS
    set_kind(out, kind)
    set_start(out, start)
    set_end(out, end)
    set_score(out, score)
    set_recognizer(out, recognizer)
    return out


def resolve(candidates: Iterable[_Candidate]) -> list[Span]:
    """Non-overlapping spans, sorted. Overlapping names merge; otherwise higher score, then longer, wins."""
    taken: list[_Candidate] = []
    # The taken spans by start, with their ends: disjoint and not empty, so the ends rise with the starts and
    # the only one that may overlap a candidate is the last starting before it ends (bisection, not a scan of
    # every span taken: a line of 25,000 names took minutes). An empty span is checked against all, as before.
    firsts: list[int] = []
    lasts: list[int] = []
    empty = False
    for c in ranked(candidates):
        if empty or c[1] <= c[0]:
            if not all(c[1] <= t[0] or t[1] <= c[0] for t in taken):
                continue
            empty = empty or c[1] <= c[0]
        else:
            j = bisect_left(firsts, c[1]) - 1
            if j >= 0 and lasts[j] > c[0]:
                continue
        k = bisect_right(firsts, c[0])
        firsts.insert(k, c[0])
        lasts.insert(k, c[1])
        taken.append(c)
    return [Span(c[4], c[0], c[1], c[2], c[3]) for c in sorted(taken)]


def ranked(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """The candidates `resolve` takes from, best first: overlapping names merged into one, then by score, length,
    the pattern's priority and position."""
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
    return sorted(
        merged + others,
        key=lambda c: (-c[2], -(c[1] - c[0]), PRIORITY.get(c[3], _NAME_PRIORITY), c[0]),
    )


class TextDetector:
    """Finds personal data in Chinese text. Keep one per extract: compiling takes a moment."""

    def __init__(
        self,
        known_names: Iterable[str] = (),
        kinds: Collection[FindingKind] | None = None,
        name_recognizers: Collection[str] = DEFAULT_NAME_RECOGNIZERS,
    ) -> None:
        """`known_names`: raw values of the extract's own name columns (kept in memory only).
        `kinds`: the kinds to report (default all). `name_recognizers`: keys of `name_policy.NAME_RECOGNIZERS`
        (default all: the rules with the known names, and the model; the evaluation measures them apart)."""
        self.kinds = frozenset(FindingKind) if kinds is None else frozenset(kinds)
        self.patterns = tuple(p for p in PATTERNS if p.kind in self.kinds)
        wants_names = FindingKind.PERSON_NAME in self.kinds
        keys = check_recognizers(name_recognizers)
        self.names = NameRules(known_names) if wants_names and "name_rules" in keys else None
        self.name_model = model_for(keys) if wants_names else None
        self._reads_names = self.names is not None or self.name_model is not None  # spaced texts get a twin
        self.name_mode = NAME_MODE
        # Number patterns run around runs of digits; a lone digit token only meets the patterns that can
        # match its length.
        self._digit_patterns = tuple(p for p in self.patterns if p.trigger == DIGIT_TRIGGER)
        self._digit_trigger = re.compile(DIGIT_TRIGGER) if self._digit_patterns else None
        # A number pattern's match lies inside the token around its digits (only a 转123 extension of a
        # landline goes beyond, after the match's required part): a shorter token holds none.
        self._digit_min_width = min((p.widths[0] for p in self._digit_patterns), default=0)
        self._by_length: dict[int, tuple[TextPattern, ...]] = {
            n: tuple(p for p in self._digit_patterns if p.widths[0] <= n <= p.widths[1]) for n in range(1, 41)
        }
        # The other patterns run around hits of their own literal-first triggers, scanned as one union.
        self._literal_patterns = tuple(p for p in self.patterns if p.trigger != DIGIT_TRIGGER)
        self._literal_trigger = (
            re.compile("|".join(p.trigger for p in self._literal_patterns)) if self._literal_patterns else None
        )
        # Which patterns a hit may belong to, by its first character (a trigger that does not say where
        # it starts is tried at every hit).
        anywhere = tuple(k for k, p in enumerate(self._literal_patterns) if p.trigger_starts is None)
        self._literal_by_char: dict[str, tuple[int, ...]] = defaultdict(lambda: anywhere)
        for k, p in enumerate(self._literal_patterns):
            for c in p.trigger_starts or ():
                self._literal_by_char[c] = tuple(sorted({*self._literal_by_char[c], k}))
        self._analyzer: AnalyzerEngine | None = None

    # -- presidio path ----------------------------------------------------------------------------

    @property
    def analyzer(self) -> AnalyzerEngine:
        """The presidio AnalyzerEngine with our recognizers (built on first use)."""
        if self._analyzer is None:
            from desensitize.detect.recognizers import build_analyzer  # in-function: presidio and spaCy take seconds to import

            self._analyzer = build_analyzer(self.patterns, self.names)
        return self._analyzer

    def find(self, text: str) -> list[Span]:
        """Spans in one text, found by the presidio AnalyzerEngine. Non-overlapping, sorted."""
        if not text:
            return []
        entities = sorted({p.kind.value for p in self.patterns} | ({"person_name"} if self.names else set()))
        found: list[_Candidate] = []
        folded = for_patterns()(text)  # the same folds as the bulk path (fold.py): one character for one
        if entities:
            results = self.analyzer.analyze(text=folded, language="zh", entities=entities)
            found = [
                (r.start, r.end, r.score, str(r.recognition_metadata.get("recognizer_name", "")), FindingKind(r.entity_type))
                for r in results
            ]
        if self._digit_trigger is not None:  # numbers spelt in Chinese numerals, as the bulk path reads them
            spelt: list[_Candidate] = []
            self._find_spelt_numbers(SEP + folded, [1, len(text) + 2], spelt)
            found.extend((a - 1, b - 1, score, rule, kind) for a, b, score, rule, kind in spelt)
        if self.name_model is not None:
            # The same policy as the bulk path (name_policy.combine_names).
            names = [c for c in found if c[4] is FindingKind.PERSON_NAME]
            found = [c for c in found if c[4] is not FindingKind.PERSON_NAME]
            as_typed = Joined.of([for_names()(text)])
            found.extend(combine_names(self.name_model, as_typed, [0, len(text) + 1], names, self.name_mode))
        spans = resolve(found)
        twin = twin_of(text) if self._reads_names else None
        return spans if twin is None else _with_twin_back(spans, twin, self.find(twin.text))

    # -- bulk path --------------------------------------------------------------------------------

    def find_many(self, texts: Sequence[str | None]) -> list[list[Span]]:
        """Spans for each text (None counts as empty): the fast path, same results as `find`.

        Texts that repeat are detected once and share one list of spans: treat the lists as read-only.
        """
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            distinct = list(dict.fromkeys(t or "" for t in texts))  # remarks repeat: detect each text once
            spans = self._find_distinct(distinct)
            if len(distinct) == len(texts):
                return spans
            by_text = dict(zip(distinct, spans))
            return [by_text[t or ""] for t in texts]
        finally:
            if paused:
                gc.enable()

    def _find_distinct(self, texts: list[str]) -> list[list[Span]]:
        """Spans of each of `texts` (all distinct); a text with spaces between its Chinese characters also
        gets the names found in it closed up (spacing.py), read in the same batch."""
        joined = SEP + SEP.join(texts)
        twins = twins_in(texts, joined) if self._reads_names else []
        if not twins:
            return self._find_joined(texts, joined)
        spans = self._find_joined(texts + [twin.text for _, twin in twins])
        out = spans[: len(texts)]
        for (i, twin), found in zip(twins, spans[len(texts):]):
            out[i] = _with_twin_back(out[i], twin, found)
        return out

    def _find_joined(self, texts: list[str], joined: str | None = None) -> list[list[Span]]:
        """Spans of each of `texts` (all distinct), found in one pass over them joined (`joined`, if the
        caller joined them already: SEP before each)."""
        clean = texts
        if joined is None:
            joined = SEP + SEP.join(clean)
        if joined.count(SEP) != len(clean):
            clean = [t.replace(SEP, " ") for t in clean]  # same length: offsets do not move
            joined = SEP + SEP.join(clean)
        starts = _starts(clean)
        # What each reader reads (fold.py): one character for one, so every offset fits the original. The
        # name policy's gate reads the texts joined as they are typed, with traditional characters folded:
        # that string is built here once and handed on.
        by_model = for_names()(joined)
        if by_model is not joined:  # traditional characters: the model and its gate read them simplified
            clean = by_model[1:].split(SEP)
        as_typed = Joined(clean, by_model, starts[:-1])
        joined = for_patterns()(joined)
        found: list[_Candidate] = []
        if self._digit_trigger is not None:
            self._find_numbers(joined, starts, found)
            self._find_spelt_numbers(joined, starts, found)
        if self._literal_trigger is not None:
            self._find_literal(joined, starts, found)
        person = FindingKind.PERSON_NAME
        names: list[_Candidate] = []
        if self.names is not None:
            names = [(s, e, score, rule, person) for s, e, score, rule in self.names.find_joined(joined)]
        if self.name_model is not None:
            names = combine_names(self.name_model, as_typed, starts, names, self.name_mode)
        found.extend(names)
        return _per_text(found, starts, len(clean))

    def _find_spelt_numbers(self, joined: str, starts: list[int], found: list[_Candidate]) -> None:
        """Numbers spelt out in Chinese numerals (numerals.py): the texts holding a run of them, written in digits,
        through `_find_numbers`; what it finds that holds a numeral (a number written in digits is found already)."""
        texts = list(dict.fromkeys(bisect_right(starts, m.start()) - 1 for m in numerals.RUN.finditer(joined)))
        if not texts:
            return
        spelt = [joined[starts[i]:starts[i + 1] - 1] for i in texts]
        digits = [numerals.as_digits(t) for t in spelt]
        sub_starts = _starts(digits)
        extra: list[_Candidate] = []
        self._find_numbers(SEP + SEP.join(digits), sub_starts, extra)
        for a, b, score, rule, kind in extra:
            k = bisect_right(sub_starts, a) - 1
            at = sub_starts[k]
            if spelt[k][a - at:b - at] != digits[k][a - at:b - at]:
                shift = starts[texts[k]] - at
                found.append((a + shift, b + shift, score, rule, kind))

    def _find_numbers(self, joined: str, starts: list[int], found: list[_Candidate]) -> None:
        """Number patterns around every run of digits: by token length for a lone digit token, else
        every number pattern over a window around the run (widened to whole tokens)."""
        assert self._digit_trigger is not None
        by_length = self._by_length
        windows: dict[int, list[tuple[int, int]]] = defaultdict(list)  # text -> windows
        last_token = -1
        i = 0
        for m in self._digit_trigger.finditer(joined):
            ms, me = m.span()
            if ms < last_token:
                continue  # a second run inside a token already handled
            if ms >= starts[i + 1]:
                i = bisect_right(starts, ms, i) - 1
            ts, te = starts[i], starts[i + 1] - 1
            a, b = ms, me
            while a > ts and joined[a - 1] in _TOKEN:
                a -= 1
            while b < te and joined[b] in _TOKEN:
                b += 1
            last_token = b
            # A number in brackets or after a space (（350102198503120034）, 电话 13812345678) is read as the number
            # alone: no pattern takes a bracket or a space around digits alone (a landline's area code in brackets has
            # its number after the bracket, in the token).
            ca, cb = a, b
            while ca < cb and joined[ca] in _AROUND:
                ca += 1
            while cb > ca and joined[cb - 1] in _AROUND:
                cb -= 1
            token = joined[ca:cb]
            digits = token[:-1] if token[-1:] in ("X", "x") else token
            if digits and digits.isdigit() and digits.isascii() and joined[b:b + 1] != "转":
                # Patterns in priority order: once one confirms the token (score 1.0), a later one could
                # only tie with it on the same span and lose on priority in `resolve`.
                for p in by_length.get(cb - ca, ()):
                    if p.compiled.fullmatch(joined, ca, cb):  # its look-behind sees the bracket (no landline after one)
                        r = score_match(p, joined, ca, cb, ts)
                        if r is not None:
                            found.append((r[0], r[1], r[2], p.key, p.kind))
                            if r[2] >= 1.0 and r[0] == ca and r[1] == cb:
                                break
            elif b - a >= self._digit_min_width:  # A12345 of 闽A12345 is too short for any number pattern
                windows[i].append(_token_window(joined, ts, te, ms - _DIGIT_MARGIN, me + _DIGIT_MARGIN))
        for i, spans in windows.items():
            ts = starts[i]
            for ws, we in _merge(spans):
                for p in self._digit_patterns:
                    for m in p.compiled.finditer(joined, ws, we):
                        r = score_match(p, joined, m.start(), m.end(), ts)
                        if r is not None:
                            found.append((r[0], r[1], r[2], p.key, p.kind))

    def _find_literal(self, joined: str, starts: list[int], found: list[_Candidate]) -> None:
        """Each other pattern over the text (or a window of a long text) around a hit of its trigger."""
        assert self._literal_trigger is not None
        windows: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)  # (pattern, text) -> windows
        by_char = self._literal_by_char
        i = 0
        for m in self._literal_trigger.finditer(joined):
            ms, me = m.span()
            if ms >= starts[i + 1]:
                i = bisect_right(starts, ms, i) - 1
            ts, te = starts[i], starts[i + 1] - 1
            for k in by_char[joined[ms]]:
                p = self._literal_patterns[k]
                hit = p.compiled_trigger.match(joined, ms, te)
                if hit is None:
                    continue
                if p.trigger == "@":  # an e-mail address is one token
                    held = windows[(k, i)]
                    if held and held[-1][0] <= ms and hit.end() <= held[-1][1]:
                        continue  # in the token of an @ before it: the same window (50,000 of them in a line stay linear)
                    held.append(_token_window(joined, ts, te, ms, hit.end()))
                else:
                    windows[(k, i)].append(self._window(joined, ts, te, ms, hit.end(), p.max_length))
        for (k, i), spans in windows.items():
            p = self._literal_patterns[k]
            ts = starts[i]
            for ws, we in _merge(spans):
                for m in p.compiled.finditer(joined, ws, we):
                    r = score_match(p, joined, m.start(), m.end(), ts)
                    if r is not None:
                        found.append((r[0], r[1], r[2], p.key, p.kind))

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


def _with_twin_back(spans: list[Span], twin: Twin, found: Iterable[Span]) -> list[Span]:
    """A text's spans with the names found in its closed-up twin (and every other kind found there, where the
    twin closed up invisible characters: 138\u200b0013\u200b8000 is a phone). Where a name of the twin overlaps
    one found in the text as written, the twin's reading wins: it read the characters as a run (蒋 振 华家: the
    text as written has 华家, the twin 蒋振华); the text's other names stay (a space the twin closed up in error
    hides nothing the text's own reading found)."""
    person = FindingKind.PERSON_NAME
    back = [
        (*twin.span_back(s.start, s.end), s.score, s.recognizer, s.kind) for s in found if s.kind is person or twin.hidden
    ]
    if not back:
        return spans
    # Whether a span overlaps a name of the twin: the furthest end of those starting before it ends, by bisection
    # (a spaced line of 25,000 names compared each span with every name).
    ordered = sorted((a, b) for a, b, *_ in back)
    firsts = [a for a, _ in ordered]
    furthest = list(accumulate((b for _, b in ordered), max))
    kept = [
        (s.start, s.end, s.score, s.recognizer, s.kind)
        for s in spans
        if (s.kind is not person and not twin.hidden) or not _reaches(firsts, furthest, s.start, s.end)
    ]
    return resolve(kept + back)


def _reaches(firsts: list[int], furthest: list[int], start: int, end: int) -> bool:
    """Some interval of those starting at `firsts` (sorted), whose ends' running maximum is `furthest`, overlaps
    [start, end): one starts before `end` and ends after `start`."""
    j = bisect_left(firsts, end) - 1
    return j >= 0 and furthest[j] > start


def _starts(texts: Sequence[str]) -> list[int]:
    """Where each of `texts` starts in `SEP + SEP.join(texts)`, and where one more would: its offsets there."""
    return list(accumulate((len(t) + 1 for t in texts), initial=1))


def _per_text(found: list[_Candidate], starts: list[int], n: int) -> list[list[Span]]:
    """Candidates (offsets into the joined string) cut into each text's resolved spans."""
    out: list[list[Span]] = [[] for _ in range(n)]
    if not found:
        return out
    found.sort()
    i = 0
    end = starts[1]
    group: list[_Candidate] = []
    for c in found:
        if c[0] >= end:
            if group:
                out[i] = _resolve_group(group, starts[i])
                group = []
            i = bisect_right(starts, c[0], i) - 1
            end = starts[i + 1]
        group.append(c)
    out[i] = _resolve_group(group, starts[i])
    return out


def _resolve_group(group: list[_Candidate], ts: int) -> list[Span]:
    """`resolve` for one text's sorted candidates (offsets into the joined string, the text at `ts`).

    Overlapping names are merged as `resolve` merges them; when nothing overlaps after that (the
    common case: a name found by two rules, a phone, an ID) the spans are taken as they are, which is
    what `resolve` returns then. Otherwise `resolve` decides.
    """
    if len(group) == 1:
        c = group[0]
        return [_span(c[4], c[0] - ts, c[1] - ts, c[2], c[3])]
    person = FindingKind.PERSON_NAME
    pool: list[_Candidate] = []
    others = False
    last_name = -1
    for c in group:
        if c[4] is person:
            if last_name >= 0 and c[0] < pool[last_name][1]:
                last = pool[last_name]
                best = last if last[2] >= c[2] else c
                pool[last_name] = (last[0], max(last[1], c[1]), best[2], best[3], best[4])
                continue
            last_name = len(pool)
        else:
            others = True
        pool.append(c)
    if others:
        pool.sort()
        if any(a[1] > b[0] for a, b in zip(pool, pool[1:])):
            return resolve((c[0] - ts, c[1] - ts, c[2], c[3], c[4]) for c in group)
    return [_span(c[4], c[0] - ts, c[1] - ts, c[2], c[3]) for c in pool]


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
    """`opendata detect-text`: one text a line in, one JSON object a line out; returns the exit code.

    Output per line: {"findings": [{"kind": K, "start": i, "end": j}]} with character offsets in the
    line (without its line break). Values are never echoed.

    Any input gets one answer a line: empty, digit-only or Latin-only lines find nothing; a very long
    line is searched like a short one (the bulk path windows long texts); bytes that are not UTF-8 are
    read as U+FFFD, one character each, so offsets count them so. A line whose detection fails answers
    {"findings": [], "error": "detection failed"} (never the text) and the exit code becomes 1.

    Lines piped in are detected `_BATCH_LINES` at a time (the name model tags a batch for about what one
    text costs alone); a terminal's are answered one by one, as they are typed.
    """
    detector = TextDetector(known_names=known_names)
    failed = False
    size = 1 if stdin.isatty() else _BATCH_LINES
    for batch in _batches(_lines(stdin), size):
        for answer in _answers(detector, batch):
            failed |= "error" in answer
            stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        if size == 1:
            stdout.flush()
    stdout.flush()
    return 1 if failed else 0


_BATCH_LINES = 1_000  # lines detected at once by `detect_text_lines` (up to `_BATCH_CHARS` characters)
_BATCH_CHARS = 1_000_000


def _batches(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    """`lines` in lists of at most `size` lines and, past the first line, `_BATCH_CHARS` characters."""
    batch: list[str] = []
    chars = 0
    for line in lines:
        if batch and (len(batch) >= size or chars + len(line) > _BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(line)
        chars += len(line)
    if batch:
        yield batch


def _answers(detector: TextDetector, texts: list[str]) -> list[dict[str, object]]:
    """One answer a text. Where the batch fails, each text is detected alone, so that only the line that
    fails answers an error."""
    try:
        # The bulk path: the same spans as `find` (a test holds them equal), and windows for long texts.
        found = detector.find_many(texts)
    except Exception:  # noqa: BLE001  one bad line must not stop the others, and no text may leak in a trace
        if len(texts) == 1:
            return [{"findings": [], "error": "detection failed"}]
        return [answer for text in texts for answer in _answers(detector, [text])]
    return [{"findings": [{"kind": s.kind.value, "start": s.start, "end": s.end} for s in spans]} for spans in found]


def _lines(stdin: TextIO) -> Iterable[str]:
    """The lines of stdin without their line breaks; invalid UTF-8 decoded as U+FFFD, never an exception."""
    raw = getattr(stdin, "buffer", None)
    if raw is None:  # a StringIO (tests): already text
        for line in stdin:
            yield line.rstrip("\r\n")
        return
    for chunk in raw:
        yield chunk.decode("utf-8", errors="replace").rstrip("\r\n")
