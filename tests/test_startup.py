"""Each command imports only what it uses (start-up time): checked in a fresh interpreter per command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import KAIFU, MAOJIAN, ROOT

HEAVY = ("pydantic", "jinja2", "docx", "rich", "lxml", "yaml")
PROBE = """
import json, sys
from generator.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def imported(*args, env: dict | None = None) -> set[str]:
    """The heavy packages a fresh `fazhi ARGS` process imported."""
    code = PROBE.format(heavy=HEAVY)
    environment = None if env is None else {**os.environ, **env}
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=environment
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    from generator.api import render_file

    return render_file(KAIFU, tmp_path_factory.mktemp("startup") / "kaifu.docx")


def test_help_imports_nothing_heavy():
    assert imported("--help") == set()
    assert imported("render", "--help") == set()


def test_check_on_a_docx_needs_neither_pydantic_nor_jinja(draft):
    assert imported("check", draft) <= {"lxml", "yaml"}


def test_check_on_a_docx_with_an_empty_cache_needs_no_yaml_parser(draft, tmp_path):
    """The built-in data files come from generator/data/parsed.py (generator.snapshot)."""
    assert imported("check", draft, env={"FAZHI_CACHE_DIR": str(tmp_path / "empty")}) == set()


def test_check_on_a_docx_with_a_warm_cache_needs_no_yaml_parser(draft):
    imported("check", draft)  # stores the built-in data files (profiles, noise, parts) as marshal data
    assert imported("check", draft) == set()


def test_render_to_text_needs_no_python_docx(tmp_path):
    assert imported("render", KAIFU, "--format", "txt", "-o", tmp_path / "k.txt") == {"pydantic", "jinja2", "yaml"}


def test_render_with_a_warm_cache_needs_no_python_docx(tmp_path):
    imported("render", KAIFU, "-o", tmp_path / "first.docx")  # builds the base package once
    assert imported("render", KAIFU, "-o", tmp_path / "k.docx") == {"pydantic", "jinja2", "yaml"}


def test_tasks_table_is_the_one_that_needs_rich(tmp_path):
    assert "rich" in imported("tasks", MAOJIAN)
    assert "rich" not in imported("tasks", MAOJIAN, "--csv", tmp_path / "tasks.csv")


def test_every_command_is_listed_with_its_module():
    """Commands load lazily from cli.COMMANDS: one missing there would vanish from `fazhi`."""
    import importlib
    import pkgutil

    from generator import cli

    for module in pkgutil.iter_modules(cli.__path__):  # every module of the package, listed or not
        importlib.import_module(f"generator.cli.{module.name}")
    assert {name: command.callback.__module__ for name, command in cli.main.commands.items()} == {
        name: f"generator.cli.{module}" for name, module in cli.COMMANDS.items()
    }


def test_check_loads_no_render_commands(draft):
    code = (
        "import sys\nfrom generator.cli import main\ntry: main(sys.argv[1:])\nexcept SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('generator.cli.')))"
    )
    result = subprocess.run([sys.executable, "-c", code, "check", str(draft)], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "['generator.cli.check', 'generator.cli.messages']"


CLICK_SPY = """
import gc, sys
class Spy:
    @staticmethod
    def find_spec(name, *args):
        if name == "click":
            print("click loads at", gc.get_threshold()[0])
sys.meta_path.insert(0, Spy)
sys.argv = ["fazhi", "--version"]
from generator.__main__ import run
try:
    run()
except SystemExit:
    pass
"""


def test_the_entry_settles_the_process_before_click_loads():
    """`fazhi` (and `python -m generator`) collect cyclic garbage less often before click's modules
    load; a process that merely imports the package keeps its own settings."""
    result = subprocess.run([sys.executable, "-c", CLICK_SPY], capture_output=True, text=True, cwd=ROOT)
    assert "click loads at 100000" in result.stdout, result.stdout + result.stderr
    untouched = "import gc; before = gc.get_threshold(); import generator.cli; assert gc.get_threshold() == before"
    assert subprocess.run([sys.executable, "-c", untouched], cwd=ROOT).returncode == 0
    assert 'fazhi = "generator.__main__:run"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
