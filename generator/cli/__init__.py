"""The `fazhi` command: parses arguments, calls the library, maps errors to exit codes here only."""

from __future__ import annotations

import functools
import importlib
import sys
from pathlib import Path

import click

from generator.process import settle


# Each command's module; a command registers itself on `main` when its module is imported.
COMMANDS = {
    "render": "render",
    "import": "render",
    "check": "check",
    "rules": "check",
    "tasks": "tables",
    "figures": "tables",
    "schema": "tables",
    "template": "tables",
    "serve": "serve",
}

EXIT_FINDINGS = 1
EXIT_INPUT = 2
# Paths are checked by the library, in Chinese, one file at a time: click checks none of them
# (its checks are English, and one unreadable draft would stop a whole `check` run).
PATH = click.Path(path_type=Path, readable=False)


def _kind_names() -> list[str]:
    from generator.kinds import KINDS

    return list(KINDS)


def _handle_errors(func):
    """Turn library errors into Chinese messages and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from generator.errors import FazhiError

        try:
            return func(*args, **kwargs)
        except FazhiError as exc:
            for problem in exc.problems:
                click.secho(f"错误：{problem}", fg="red", err=True)
            sys.exit(EXIT_INPUT)
        except KeyboardInterrupt:
            click.echo("已中断", err=True)
            sys.exit(130)

    return wrapper


class FazhiGroup(click.Group):
    """The command group; click's own errors, interrupts and a closed pipe are handled here."""

    def list_commands(self, ctx) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx, name: str):
        """A command, its module imported on first use: `fazhi check` loads no render code."""
        if name not in self.commands and name in COMMANDS:
            importlib.import_module(f"generator.cli.{COMMANDS[name]}")
        return super().get_command(ctx, name)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        settle()
        from generator.cli import messages
        from generator.errors import Interrupted
        from generator.signals import unwinding

        try:
            with unwinding():
                code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # plain `fazhi`: the help (click ≥ 8.2)
                exc.show()
                sys.exit(EXIT_INPUT)
            messages.show(exc)
            sys.exit(EXIT_INPUT if isinstance(exc, click.UsageError) else exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("已中断", err=True)
            sys.exit(130)
        except Interrupted as exc:
            click.echo("已中断（收到终止信号）", err=True)
            sys.exit(128 + exc.signum)
        except BrokenPipeError:
            messages.silence_closed_pipe()
            sys.exit(EXIT_FINDINGS)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=FazhiGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fazhi")
def main() -> None:
    """fazhi：法治政府建设年度报告、工作要点的生成与检查工具。"""


if __name__ == "__main__":  # pragma: no cover
    main()
