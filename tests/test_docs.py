"""The project stands alone: every docs/ path it cites exists, and no citation leaves the tree.

The criteria packs, the README and the code cite the domain reference by path
(``docs/domain/frameworks.md §4``); a clone holds nothing outside this repository, so a
citation that points elsewhere, or at a file that was renamed, is a broken source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import CRITERIA, REFERENCE, ROOT

DOCS = ROOT / "docs"
# A cited path ends at whitespace, a quote or a bracket; trailing sentence punctuation is not
# part of it ("see docs/reference/lke-10-2019.yaml.").
CITED = re.compile(r"docs/[A-Za-z0-9_./-]*")
MD_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _citing_files() -> list[Path]:
    files = [ROOT / "README.md", *sorted(CRITERIA.glob("*.yaml"))]
    files += sorted((ROOT / "src").rglob("*.py"))
    return files


def _citations() -> dict[str, list[str]]:
    """Every ``docs/...`` path cited, mapped to the files that cite it."""
    found: dict[str, list[str]] = {}
    for path in _citing_files():
        for match in CITED.finditer(path.read_text(encoding="utf-8")):
            cited = match.group(0).rstrip(".,:;")
            found.setdefault(cited, []).append(str(path.relative_to(ROOT)))
    return found


def test_packs_readme_and_code_cite_the_docs() -> None:
    cited = _citations()
    # The citations this test exists for: a sanity check that the pattern still finds them.
    assert "docs/domain/scoring-rules.md" in cited
    assert "docs/domain/frameworks.md" in cited
    assert "docs/domain/lke-10-2019.md" in cited
    assert any(c.startswith("docs/reference/") for c in cited)
    for pack in CRITERIA.glob("*.yaml"):
        assert any(str(pack.relative_to(ROOT)) in files for files in cited.values()), pack.name


@pytest.mark.parametrize("cited", sorted(_citations()))
def test_every_cited_docs_path_exists(cited: str) -> None:
    assert (ROOT / cited).exists(), f"{cited} is cited by {_citations()[cited]} but missing"


@pytest.mark.parametrize("path", _citing_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_citation_leaves_the_repository(path: Path) -> None:
    # A clone has nothing beside it: a path that climbs out of the tree cannot be followed.
    text = path.read_text(encoding="utf-8")
    assert "../" not in text, f"{path.relative_to(ROOT)} points outside the repository"


def test_every_markdown_link_in_the_docs_resolves() -> None:
    pages = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
    assert len(pages) >= 7
    for page in pages:
        for target in MD_LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue  # a web address or an anchor on the same page
            resolved = (page.parent / target.split("#")[0]).resolve()
            assert resolved.is_relative_to(ROOT), (page.name, target)
            assert resolved.exists(), f"{page.relative_to(ROOT)} links to missing {target}"


def test_reference_trees_are_in_the_repository() -> None:
    # tests/test_packs.py compares the packs with these; they must not need anything outside.
    for name in ("lke-90-2021.yaml", "lke-10-2019.yaml"):
        head = (REFERENCE / name).read_text(encoding="utf-8")[:2000]
        assert head.startswith(f"# docs/reference/{name}: reference data"), name
        assert "docs/domain/" in head, name
