"""The README's links resolve inside a clone: nothing points outside the repository."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_readme_links_stay_inside_the_repository() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)\)", text)
    assert targets and "docs/contract.md" in targets
    for target in targets:
        if target.startswith("http"):
            continue
        assert not target.startswith(".."), target
        assert (ROOT / target).exists(), target
    assert "../shared" not in text
