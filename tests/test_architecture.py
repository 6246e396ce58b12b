"""The layers of docs/architecture.md hold where import-linter cannot look, and no module imports in a cycle.

import-linter analyses packages; flows.py is a single module, so its own imports are checked here:
it may use the layers below it (services, runner, stages, store, foundation), never an interface.
The cycle check counts imports inside functions too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
INTERFACES = ("pipelines.cli", "pipelines.portal")


def _imported_modules(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_flows_imports_no_interface() -> None:
    bad = sorted(m for m in _imported_modules(ROOT / "flows.py") if m.startswith(INTERFACES))
    assert bad == [], f"flows.py must not import the CLI or the portal: {bad}"


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("pipelines", "desensitize", "quality", include_external_packages=False)
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append(f"{module} -> {imported} -> ... -> {module}")
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)
