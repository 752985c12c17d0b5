"""The repository stands alone: nothing in it cites a file that lives outside it.

Code, docs and tests cite the project's own notes (``docs/twilio-api-notes.md §5.3``,
``docs/pulumi-engine-notes.md``) instead of research files that only existed next to the repository.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Names of files that were never part of the repository (case-sensitive, exact). Each is built
# from its parts, so this file never spells one out and stays clean by its own rule.
FOREIGN = tuple(
    "".join(parts)
    for parts in (
        ("flex-api", "-behaviour"),
        ("contact-center", "-behaviour"),
        ("pulumi-dynamic-provider", "-notes"),
        ("seed-flex", "-openapi"),
        ("..", "/", "shared"),
        ("DESIGN", ".md"),
    )
)

SECTION = r"§\d+(?:\.\d+)*"
# "docs/twilio-api-notes.md §1 and §5", "docs/pulumi-engine-notes.md §2, §3": every § of the list.
CITATION = re.compile(rf"docs/([\w.-]+\.md)((?:(?:\s*,\s*|\s+and\s+|\s+)(?:{SECTION}))+)")
HEADING = re.compile(rf"^#{{1,6}}\s+({SECTION})", re.MULTILINE)
FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def tracked_files() -> list[str]:
    """Paths git tracks in the repository, relative to its root."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout of the repository")
    result = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60)
    return [path for path in result.stdout.decode("utf-8").split("\0") if path]


def read_text(path: str) -> str | None:
    """The file's text, or None when it is gone from the working tree or is not UTF-8 text."""
    try:
        return (ROOT / path).read_bytes().decode("utf-8")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
        return None


def sections(doc: Path) -> set[str]:
    """The § numbers that are headings of ``doc``."""
    return {match.group(1) for match in HEADING.finditer(doc.read_text(encoding="utf-8"))}


def markdown_files(files: list[str]) -> list[str]:
    """README.md and the tracked pages under docs/."""
    return [path for path in files if path == "README.md" or re.fullmatch(r"docs/[^/]+\.md", path)]


def link_targets(markdown: str) -> list[str]:
    """The link and image targets of ``markdown``, code blocks and code spans left out."""
    prose = CODE_SPAN.sub("", FENCE.sub("", markdown))
    return [match.group(1) for pattern in (INLINE_LINK, REFERENCE_LINK) for match in pattern.finditer(prose)]


def test_no_file_cites_files_outside_the_repository() -> None:
    offenders = []
    for path in tracked_files():
        try:
            data = (ROOT / path).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            continue  # deleted in the working tree; its removal is someone's uncommitted change
        for number, line in enumerate(data.splitlines(), start=1):
            found = [name for name in FOREIGN if name.encode() in line]
            if found:
                offenders.append(f"{path}:{number}: {', '.join(found)}")
    assert not offenders, "cites files that are not in the repository:\n" + "\n".join(offenders)


def test_section_citations_name_existing_headings() -> None:
    known: dict[str, set[str] | None] = {}
    broken = []
    for path in tracked_files():
        text = read_text(path)
        if text is None or "§" not in text:
            continue
        for match in CITATION.finditer(text):
            doc = match.group(1)
            if doc not in known:
                target = ROOT / "docs" / doc
                known[doc] = sections(target) if target.is_file() else None
            headings = known[doc]
            line = text.count("\n", 0, match.start()) + 1
            for section in re.findall(SECTION, match.group(2)):
                if headings is None:
                    broken.append(f"{path}:{line}: docs/{doc} does not exist")
                elif section not in headings:
                    broken.append(f"{path}:{line}: docs/{doc} has no heading {section}")
    assert not broken, "citations of missing sections:\n" + "\n".join(broken)


def test_twilio_api_notes_keep_the_cited_numbering() -> None:
    headings = sections(ROOT / "docs" / "twilio-api-notes.md")
    # The numbering the code's citations were written against: §0-§11, plus §12 for the contact center.
    expected = {f"§{n}" for n in range(13)}
    expected |= {f"§1.{n}" for n in range(1, 8)} | {f"§5.{n}" for n in range(1, 6)}
    expected |= {f"§6.{n}" for n in range(1, 5)}
    assert expected <= headings, f"missing headings: {sorted(expected - headings)}"


def test_relative_markdown_links_point_at_existing_files() -> None:
    broken = []
    for path in markdown_files(tracked_files()):
        text = read_text(path)
        if text is None:
            continue
        base = (ROOT / path).parent
        for target in link_targets(text):
            if target.startswith("#") or SCHEME.match(target):
                continue  # an anchor on the same page, or a URL
            relative = target.split("#", 1)[0].split("?", 1)[0]
            resolved = (ROOT / relative.lstrip("/")) if relative.startswith("/") else (base / relative)
            resolved = resolved.resolve()
            if not resolved.is_relative_to(ROOT):
                broken.append(f"{path}: {target} leaves the repository")
            elif not resolved.exists():
                broken.append(f"{path}: {target} does not exist")
    assert not broken, "broken relative links:\n" + "\n".join(broken)
