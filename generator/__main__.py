"""The `fazhi` command's entry (and `python -m generator`): the process settings first, then click."""

from generator.process import settle


def run() -> None:
    """Run the command line."""
    settle()
    from generator.cli import main

    main()


if __name__ == "__main__":
    run()
