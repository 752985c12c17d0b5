"""Every fenced code block of README.md and docs/*.md runs as written, or says why it does not.

A block is run according to the HTML comment on the line just before it:

- ``<!-- snippet: preview -->``: a Pulumi program; ``pulumi preview`` must succeed against the emulator.
- ``<!-- snippet: up -->``: a whole Pulumi program; ``pulumi up``, then ``pulumi preview
  --expect-no-changes`` (it converged), then ``pulumi destroy``.
- ``<!-- snippet: run -->``: Python run with this interpreter, with ``TWILIO_ACCOUNT_SID``,
  ``TWILIO_AUTH_TOKEN`` and ``FLEX_BASE_URL`` pointing at the emulator (``FlexClient.from_env()``).
- ``<!-- snippet: shell -->``: bash (``-e -o pipefail``) in an empty directory that holds a
  ``.venv`` link to this interpreter's environment, with the same variables and an offline pulumi.
- ``<!-- snippet: skip (REASON) -->``: not run; the reason is required.

Clauses follow the mode, separated by ``;``:

- ``continues``: a program that goes on from the page's previous Python block (and that one from
  its own predecessor, if it continues too), which the reader has just read;
- ``config KEY=VALUE`` / ``secret KEY=VALUE``: stack config the program reads; a VALUE of
  ``<FlexFlow>``, ``<Plugin>`` or ``<PluginVersion>`` is the SID of such an object made in the
  emulator first (for ``adopt_sid`` and ``.get()`` examples);
- ``account SID:TOKEN``: another account the emulator serves (for ``FlexAccount`` examples).

A Python block without a marker is run anyway, by what it contains: a program that imports
pulumi_flex is previewed, a ``# conftest.py`` / ``# test_….py`` pair of a page runs under pytest,
anything else runs as a script. Any other block without a marker fails the test, except on the
pages in ``PAGES_WITHOUT_MARKERS``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pulumi_flex import FlexClient, FlexCredentials
from tests.e2e.conftest import ProjectFactory, isolated
from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import REPO

pytestmark = pytest.mark.e2e

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
# Pages whose text is not kept by the docs: their non-Python blocks carry no markers and are not
# run (their Python blocks still are).
PAGES_WITHOUT_MARKERS = {
    "docs/performance.md": "written by `make bench` (bench/report.py), which would drop markers",
    "docs/architecture.md": "contributors' page: its blocks are diagrams and layouts, not commands",
    "docs/emulator.md": "the emulator's page: its shell blocks talk to an emulator on port 8080",
    "docs/twilio-api-notes.md": "notes on Twilio's API: its blocks are response bodies",
    "docs/pulumi-engine-notes.md": "notes on the engine",
}
MODES = ("preview", "up", "run", "shell", "skip")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<lang>[^\n`]*)$")
MARKER = re.compile(r"^\s*<!--\s*snippet:\s*(?P<body>.*?)\s*-->\s*$")
FILE_HEADER = re.compile(r"^#\s*(?P<name>(?:conftest|test_\w+)\.py)\s*$")
SEEDED = re.compile(r"^<(?P<kind>FlexFlow|Plugin|PluginVersion)>$")


@dataclass
class Snippet:
    """One fenced block: where it is, its language and text, and its marker."""

    page: str
    line: int
    lang: str
    text: str
    marker: str | None
    mode: str = ""
    reason: str = ""
    continues: bool = False
    config: list[tuple[str, str, bool]] = field(default_factory=list)  # (key, value, secret)
    accounts: list[tuple[str, str]] = field(default_factory=list)
    program: str = ""  # with the blocks it continues from
    files: dict[str, str] = field(default_factory=dict)  # a pytest pair: file name -> text

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def is_python(self) -> bool:
        return self.lang in ("python", "py")


def fenced_blocks(page: Path) -> Iterator[tuple[int, str, str, str | None]]:
    """(line of the opening fence, language, dedented text, marker body or None) of each block."""
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = opening.group("indent"), opening.group("fence")
        body = []
        end = index + 1
        while end < len(lines) and not re.match(rf"^[ \t]*{re.escape(fence)}\s*$", lines[end]):
            line = lines[end]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            end += 1
        previous = index - 1
        while previous >= 0 and not lines[previous].strip():
            previous -= 1
        found = MARKER.match(lines[previous]) if previous >= 0 else None
        marker = found.group("body") if found else None
        yield index + 1, opening.group("lang").strip().lower(), "\n".join(body) + "\n", marker
        index = end + 1


def parse_marker(snippet: Snippet) -> None:
    """Fill ``mode``, ``reason`` and the clauses from the marker (``ValueError`` when malformed)."""
    assert snippet.marker is not None
    skip = re.fullmatch(r"skip\s*\((?P<reason>.*)\)", snippet.marker, re.S)
    if skip:
        snippet.mode, snippet.reason = "skip", skip.group("reason").strip()
        if not snippet.reason:
            raise ValueError("a skip needs a reason: skip (why it is not run)")
        return
    head, *clauses = [part.strip() for part in snippet.marker.split(";")]
    if head not in MODES or head == "skip":
        raise ValueError(f"unknown mode {head!r}: use one of {', '.join(MODES)}; skip needs (a reason)")
    snippet.mode = head
    for clause in clauses:
        word, _, rest = clause.partition(" ")
        rest = rest.strip()
        if word == "continues" and not rest:
            snippet.continues = True
        elif word in ("config", "secret") and "=" in rest:
            key, value = rest.split("=", 1)
            snippet.config.append((key.strip(), value.strip(), word == "secret"))
        elif word == "account" and re.fullmatch(r"AC[0-9a-f]{32}:\S+", rest):
            sid, token = rest.split(":", 1)
            snippet.accounts.append((sid, token))
        else:
            raise ValueError(f"unknown clause {clause!r} in {snippet.marker!r}")


def guess_mode(snippet: Snippet) -> None:
    """The mode of an unmarked Python block, from what it contains."""
    if FILE_HEADER.match(snippet.text.splitlines()[0]):
        snippet.mode = "pytest"
    elif re.search(r"^\s*import pulumi_flex as flex\b", snippet.text, re.M):
        snippet.mode = "preview"
    else:
        snippet.mode = "run"


def collect() -> list[Snippet]:
    """Every fenced block of the pages, with its mode and, for programs, its whole program."""
    snippets: list[Snippet] = []
    for page in PAGES:
        name = page.relative_to(REPO).as_posix()
        previous_python: Snippet | None = None
        files: dict[str, str] = {}
        for line, lang, text, marker in fenced_blocks(page):
            snippet = Snippet(name, line, lang, text, marker)
            snippets.append(snippet)
            if marker is not None:
                try:
                    parse_marker(snippet)
                except ValueError as exc:
                    snippet.mode, snippet.reason = "invalid", str(exc)
                    continue
            elif snippet.is_python:
                guess_mode(snippet)
            elif name in PAGES_WITHOUT_MARKERS:
                snippet.mode, snippet.reason = "skip", f"no marker on {name}: {PAGES_WITHOUT_MARKERS[name]}"
            else:
                snippet.mode = "unmarked"
            if not snippet.is_python:
                continue
            snippet.program = snippet.text
            if snippet.continues:
                if previous_python is None:
                    snippet.mode, snippet.reason = "invalid", "`continues`, but no Python block precedes it"
                else:
                    snippet.program = previous_python.program + "\n" + snippet.text
            header = FILE_HEADER.match(snippet.text.splitlines()[0]) if snippet.mode == "pytest" else None
            if header:
                files[header.group("name")] = snippet.text
                snippet.files = dict(files)
            previous_python = snippet
    return snippets


SNIPPETS = collect()


def test_the_pages_have_snippets() -> None:
    """The extraction itself works: the pages that teach the API have programs and scripts to run."""
    assert sum(s.is_python for s in SNIPPETS if s.page == "README.md") >= 3
    assert sum(s.mode in ("preview", "up") for s in SNIPPETS if s.page == "docs/resources.md") >= 10
    assert any(s.mode == "shell" for s in SNIPPETS)


# --- running ---------------------------------------------------------------------------------


def client_env(flex: EmulatorProcess) -> dict[str, str]:
    """The environment ``FlexClient.from_env()`` and ``pulumi-flex discover`` read."""
    return {
        "TWILIO_ACCOUNT_SID": flex.account_sid,
        "TWILIO_AUTH_TOKEN": flex.auth_token,
        "FLEX_BASE_URL": flex.base_url,
    }


def seed(flex: EmulatorProcess, kind: str, made: dict[str, str]) -> str:
    """The SID of an object of ``kind`` made in the emulator for this snippet (made once)."""
    if kind in made:
        return made[kind]
    credentials = FlexCredentials(flex.account_sid, auth_token=flex.auth_token, base_url=flex.base_url)
    with FlexClient(credentials) as client:
        if kind == "FlexFlow":
            record = client.flex_flows.create(
                {"friendly_name": "Support", "chat_service_sid": "IS" + "0" * 32, "channel_type": "web"}
            )
        elif kind == "Plugin":
            record = client.plugins.create({"unique_name": "plugin-from-the-docs"})
        else:
            plugin = seed(flex, "Plugin", made)
            record = client.plugin_versions.create(
                {
                    "plugin_sid": plugin,
                    "version": "1.0.0",
                    "plugin_url": "https://assets.example.com/plugin-from-the-docs/1.0.0/bundle.js",
                }
            )
    made[kind] = str(record["sid"])
    return made[kind]


def run_program(snippet: Snippet, project: ProjectFactory, flex: EmulatorProcess) -> None:
    for sid, token in snippet.accounts:
        flex.add_account(sid, token)
    stack = project(snippet.program)
    made: dict[str, str] = {}
    for key, value, secret in snippet.config:
        seeded = SEEDED.match(value)
        stack.config(key, seed(flex, seeded.group("kind"), made) if seeded else value, secret=secret)
    if snippet.mode == "preview":
        stack.preview()
        return
    stack.up()
    stack.preview("--expect-no-changes")
    stack.destroy()


def run_script(snippet: Snippet, tmp_path: Path, flex: EmulatorProcess) -> None:
    script = tmp_path / "snippet.py"
    script.write_text(snippet.program)
    env = {**os.environ, **client_env(flex)}
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"exited {result.returncode}\n{result.stdout}\n{result.stderr}"


def run_pytest(snippet: Snippet, tmp_path: Path) -> None:
    for name, text in snippet.files.items():
        (tmp_path / name).write_text(text)
    tests = [name for name in snippet.files if name.startswith("test_")]
    if not tests:
        return  # a conftest.py alone: it runs with the page's test file
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), *tests],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)])},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"pytest exited {result.returncode}\n{result.stdout}\n{result.stderr}"


def run_shell(snippet: Snippet, tmp_path: Path, pulumi_env: dict[str, str], flex: EmulatorProcess) -> None:
    workdir = tmp_path / "shell"
    workdir.mkdir()
    (workdir / ".venv").symlink_to(sys.prefix)
    env = {**isolated(pulumi_env, tmp_path), **client_env(flex)}
    result = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", snippet.text],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"exited {result.returncode}\n{result.stdout}\n{result.stderr}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.id for s in SNIPPETS])
def test_snippet(
    snippet: Snippet,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    pulumi_env: dict[str, str],
) -> None:
    if snippet.mode == "invalid":
        pytest.fail(f"{snippet.id}: bad marker: {snippet.reason}")
    if snippet.mode == "unmarked":
        pytest.fail(
            f"{snippet.id}: a ```{snippet.lang or 'text'} block with no marker: precede it with "
            "<!-- snippet: shell --> or <!-- snippet: skip (why it is not run) -->"
        )
    if snippet.mode == "skip":
        assert snippet.reason, snippet.id
        pytest.skip(snippet.reason)
    if snippet.mode in ("preview", "up", "run") and not snippet.is_python:
        pytest.fail(f"{snippet.id}: only a Python block can be a {snippet.mode} snippet")
    flex: EmulatorProcess = request.getfixturevalue("flex")
    if snippet.mode in ("preview", "up"):
        run_program(snippet, request.getfixturevalue("project"), flex)
    elif snippet.mode == "pytest":
        run_pytest(snippet, tmp_path)
    elif snippet.mode == "run":
        run_script(snippet, tmp_path, flex)
    elif snippet.mode == "shell":
        run_shell(snippet, tmp_path, pulumi_env, flex)
    else:  # pragma: no cover - parse_marker admits no other mode
        pytest.fail(f"{snippet.id}: mode {snippet.mode!r}")


def test_markers_are_where_they_belong() -> None:
    """A marker belongs to the block right after it: none is left dangling before prose."""
    for page in PAGES:
        lines = page.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if not MARKER.match(line):
                continue
            after = next((later for later in lines[number + 1 :] if later.strip()), "")
            assert FENCE.match(after), f"{page.relative_to(REPO)}:{number + 1}: marker not before a block"


def test_python_blocks_compile() -> None:
    """Even a skipped Python block is valid Python."""
    for snippet in SNIPPETS:
        if snippet.is_python:
            compile(snippet.text, snippet.id, "exec")
