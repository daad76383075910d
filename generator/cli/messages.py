"""The command line's own errors in Chinese: click's usage errors, and a closed pipe.

click writes its errors in English («Missing argument 'SPEC'.», «'x' is not one of …»); the
group in cli.py runs click without its standalone handling and hands every click exception
here, so there is one place where they become Chinese, always with exit code 2.
"""

from __future__ import annotations

import os
import re
import sys

import click

from generator.errors import close_matches


class Choice(click.Choice):
    """click.Choice whose refusal is Chinese, with a did-you-mean."""

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            choices = [str(c) for c in self.choices]
            close = close_matches(str(value), choices)
            hint = f"，是否想写「{close[0]}」？" if close else ""
            self.fail(f"「{value}」不是可选的值，应为 {'、'.join(choices)} 之一{hint}", param, ctx)


def show(exc: click.ClickException) -> None:
    """Print a click exception in Chinese: usage line, help hint, message."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
        click.echo(f"用法：{ctx.command_path} {pieces}\n运行「{ctx.command_path} -h」查看帮助。", err=True)
    click.secho(f"错误：{message(exc)}", fg="red", err=True)


def message(exc: click.ClickException) -> str:
    """One click exception's message in Chinese."""
    if isinstance(exc, click.MissingParameter):
        return f"缺少{_kind(exc.param)}「{_hint(exc.param)}」{_missing_help(exc.param)}"
    if isinstance(exc, click.NoSuchOption):
        close = getattr(exc, "possibilities", None)
        hint = f"，是否想写「{'」或「'.join(close)}」？" if close else "；运行 -h 查看可用的选项"
        return f"没有选项「{exc.option_name}」{hint}"
    if isinstance(exc, click.BadOptionUsage):
        if "does not take" in exc.message:
            return f"选项「{exc.option_name}」后面不能带值"
        return f"选项「{exc.option_name}」后面缺少值"
    if isinstance(exc, click.BadParameter):
        return f"{_kind(exc.param)}「{_hint(exc.param)}」的值无效：{exc.message}"
    return _usage_message(exc)


def _usage_message(exc: click.ClickException) -> str:
    text = exc.message
    commands = _commands(getattr(exc, "ctx", None))
    found = re.match(r"No such command '(.*)'", text)
    if found:
        close = close_matches(found.group(1), commands)
        hint = f"，是否想写「{close[0]}」？" if close else ""
        return f"没有命令「{found.group(1)}」{hint}；可用的命令：{'、'.join(commands)}"
    found = re.match(r"Got unexpected extra arguments? \((.*)\)", text)
    if found:
        return f"多余的参数：{found.group(1)}（文件名含空格时请加引号）"
    if text.startswith("Missing command"):
        return f"缺少命令：可用的命令有 {'、'.join(commands)}"
    return f"命令行有误：{text}"


def _kind(param) -> str:
    return "参数" if param is None or param.param_type_name == "argument" else "选项"


def _hint(param) -> str:
    if param is None:
        return "?"
    if param.param_type_name == "argument":
        return param.human_readable_name
    return max(param.opts, key=len)


def _missing_help(param) -> str:
    help_text = getattr(param, "help", None)
    return f"：{help_text}" if help_text else ""


def _commands(ctx) -> list[str]:
    while ctx is not None and not isinstance(ctx.command, click.Group):
        ctx = ctx.parent
    return list(ctx.command.list_commands(ctx)) if ctx is not None else []


def silence_closed_pipe() -> None:
    """stdout went away (`fazhi rules | head`): point it at /dev/null so exiting prints nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
