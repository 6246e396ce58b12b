"""Values derived from installed files are built once, then read from the cache folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.core.cache import derived


def test_built_once_then_read_back_and_rebuilt_when_the_source_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENDATA_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "words.txt"
    source.write_text("高度 黄金\n", encoding="utf-8")
    calls: list[int] = []

    def build() -> dict[str, list[str]]:
        calls.append(1)
        return {"words": source.read_text(encoding="utf-8").split()}

    assert derived("words", source, build) == {"words": ["高度", "黄金"]}
    assert derived("words", source, build) == {"words": ["高度", "黄金"]}
    assert len(calls) == 1  # the second call read the cache
    source.write_text("白天\n", encoding="utf-8")
    os.utime(source, ns=(1, 1))
    assert derived("words", source, build) == {"words": ["白天"]}
    assert len(calls) == 2


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("OPENDATA_CACHE", str(blocker))
    source = tmp_path / "words.txt"
    source.write_text("x", encoding="utf-8")
    assert derived("words", source, lambda: [1, 2]) == [1, 2]
    assert derived("words", source, lambda: [1, 2, 3]) == [1, 2, 3]  # nothing cached, built again


def test_the_name_dictionary_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desensitize.detect import names

    monkeypatch.setenv("OPENDATA_CACHE", str(tmp_path))
    names._dictionary.cache_clear()
    try:
        common, every, pos, with_names = names._dictionary()
        assert "高度" in common and pos["高度"] and "温泉" in with_names
        assert len(list((tmp_path / "derived").glob("jieba-words-*.marshal"))) == 1
    finally:
        names._dictionary.cache_clear()
