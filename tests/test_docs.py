"""Every command and option has help, and the README's documented commands exist (sqlite-utils style)."""
from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from claims_cli.main import cli
from tests.conftest import ROOT


def commands() -> list[tuple[str, click.Command]]:
    return sorted(cli.commands.items())


@pytest.mark.parametrize("name, command", commands())
def test_docs_every_command_has_help(name, command):
    assert command.help and len(command.help) > 20, name
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_docs_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, re.S)
    assert blocks and blocks[0].strip().splitlines() == ["make install", "make run"]


def test_docs_readme_commands_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"^\s*(?:\.venv/bin/)?claims ([a-z]+)", readme, re.M))
    assert used, "the README documents no claims command"
    assert used <= set(cli.commands), used - set(cli.commands)


def test_docs_makefile_targets_in_readme_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, re.M))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(re.findall(r"\bmake ([a-z]+)", readme)) <= targets
