"""`fazhi serve`: the web application on this computer."""

from __future__ import annotations

import sys

import click

from generator.cli import _handle_errors, main


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), help="端口（默认 8765，被占用时自动另选）")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址；非本机地址须同时加 --allow-lan")
@click.option("--allow-lan", is_flag=True, help="允许局域网中的其他电脑访问（会显示安全警告）")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器")
@_handle_errors
def serve(port: int | None, host: str, allow_lan: bool, no_browser: bool) -> None:
    """在浏览器中写报告、审稿、汇总：启动本机网页服务，第一行输出带令牌的地址。"""
    from generator.errors import FazhiError, Problem

    if host not in ("127.0.0.1", "localhost", "::1") and not allow_lan:
        raise FazhiError(Problem(f"监听地址「{host}」不是本机地址：如确需让局域网访问，请加 --allow-lan"))
    if allow_lan:
        click.secho(
            "警告：--allow-lan 使局域网中的其他电脑也能连接本服务；令牌是唯一的保护，"
            "请只在可信的内部网络中使用，并不要把带令牌的地址发给他人。",
            fg="yellow",
            err=True,
        )
        if host in ("127.0.0.1", "localhost"):
            host = "0.0.0.0"
    from generator.serve import serve as run

    def echo(line: str) -> None:
        click.echo(line)
        sys.stdout.flush()

    try:
        run("127.0.0.1" if host == "localhost" else host, port, not no_browser, echo)
    except OSError as exc:
        import errno

        reasons = {
            errno.EADDRINUSE: "端口已被占用，请换一个端口（--port）或不指定端口",
            errno.EADDRNOTAVAIL: "本机没有这个地址",
            errno.EACCES: "没有权限使用这个端口",
        }
        why = reasons.get(exc.errno) if exc.errno is not None else None
        raise FazhiError(
            Problem(f"无法在 {host}:{port if port is not None else 8765} 启动服务：{why or exc.strerror or exc}")
        ) from None
    click.echo("已停止", err=True)
