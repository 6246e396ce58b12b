"""The Chinese recognizers as presidio plug-ins, and an AnalyzerEngine over a blank spaCy Chinese pipeline.

Every `TextPattern` becomes a `PatternRecognizer` (its regex as a presidio `Pattern`, its validator as
`validate_result`); the name rules become an `EntityRecognizer`. The NLP engine is `spacy.blank("zh")`:
tokenization only, no model to download (presidio's own SpacyNlpEngine would try to download one).
Entity types are the `FindingKind` values (person_name, resident_id, …).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.recognizer_registry import RecognizerRegistry

from desensitize.detect.names import NameRules
from desensitize.detect.patterns import REGEX_FLAGS, TextPattern, finish_match

LANGUAGE = "zh"


class BlankChineseNlpEngine(SpacyNlpEngine):
    """presidio's spaCy engine over `spacy.blank("zh")`: no model, no download, no entities of its own."""

    def __init__(self) -> None:
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": "blank:zh"}],
            ner_model_configuration=NerModelConfiguration(),
        )

    def load(self) -> None:
        """Create the blank pipeline instead of loading a trained model."""
        import spacy  # in-function: spaCy takes seconds to import

        self.nlp = {LANGUAGE: spacy.blank(LANGUAGE)}  # type: ignore[assignment]  # presidio declares it None until loaded


class ChinesePatternRecognizer(PatternRecognizer):
    """One `TextPattern` as a presidio PatternRecognizer; scoring after validation is `finish_match`."""

    def __init__(self, pattern: TextPattern) -> None:
        self.text_pattern = pattern
        super().__init__(
            supported_entity=pattern.kind.value,
            name=pattern.key,
            supported_language=LANGUAGE,
            patterns=[Pattern(name=pattern.key, regex=pattern.regex, score=pattern.score)],
            global_regex_flags=REGEX_FLAGS,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """The pattern's checksum or format rule: True confirms, False drops, None keeps the base score."""
        return self.text_pattern.validate(pattern_text)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """presidio's regex and validation, then our context words, threshold and trim (shared with the bulk path)."""
        out: list[RecognizerResult] = []
        for r in super().analyze(text, entities, nlp_artifacts, regex_flags):
            done = finish_match(self.text_pattern, text, r.start, r.end, r.score)
            if done is not None:
                r.start, r.end, r.score = done
                out.append(r)
        return out


class ChineseNameRecognizer(EntityRecognizer):
    """Person names found by `NameRules` (context rules, surname list, the extract's own names)."""

    def __init__(self, rules: NameRules) -> None:
        self.rules = rules
        super().__init__(supported_entities=["person_name"], name="cn_person_name", supported_language=LANGUAGE)

    def load(self) -> None:
        """Nothing to load: the rules are compiled already."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """One result per name span, its rule key in the recognition metadata."""
        return [
            RecognizerResult(
                entity_type="person_name",
                start=s,
                end=e,
                score=score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: rule,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for s, e, score, rule in self.rules.find(text)
        ]


def build_analyzer(patterns: Iterable[TextPattern], names: NameRules | None) -> AnalyzerEngine:
    """An AnalyzerEngine holding only our Chinese recognizers, over the blank Chinese pipeline."""
    recognizers: list[Any] = [ChinesePatternRecognizer(p) for p in patterns]
    if names is not None:
        recognizers.append(ChineseNameRecognizer(names))
    registry = RecognizerRegistry(
        recognizers=recognizers, global_regex_flags=REGEX_FLAGS, supported_languages=[LANGUAGE]
    )
    return AnalyzerEngine(registry=registry, nlp_engine=BlankChineseNlpEngine(), supported_languages=[LANGUAGE])
