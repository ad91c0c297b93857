"""Docs are checked by tests: every command and setting is documented, references are current."""

from __future__ import annotations

from pathlib import Path

from leaktrace.cli import app
from leaktrace.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    for group in app.registered_groups:
        sub = group.typer_instance
        assert sub is not None
        names += [f"{group.name} {c.name}" for c in sub.registered_commands]
    return names


def test_every_command_is_in_the_cli_reference() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in _commands():
        assert f"## `leaktrace {name}`" in reference, f"run python tools/cli_reference.py ({name})"


def test_every_setting_is_documented() -> None:
    documented = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert setting.env_var in documented
        assert setting.env_var in readme


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```")[1]
    assert block.strip().splitlines()[0].startswith("make demo")
    assert block.strip().splitlines()[1].startswith("make test")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
