"""The ``rasid`` command: a thin skin over the Python API.

Areas plug their commands in through :data:`PLUGIN_MODULES`: each such module defines
``register_cli(app, train, eval_, bench)`` and adds its commands to the groups it needs.
Errors that a user can fix are :class:`rasid.errors.UserError`; they become one line on stderr and
exit code 1, never a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from typing import Any

import typer

from rasid.errors import UserError

app = typer.Typer(help="Rasid (راصد): Arabic news intelligence.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
train_app = typer.Typer(help="Train the shipped models from ../shared/data.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure quality on data nobody here wrote.", no_args_is_help=True)
bench_app = typer.Typer(help="Throughput and memory, as ratios to a baseline run alongside.",
                        no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")
app.add_typer(bench_app, name="bench")

# Modules that add commands; a module that is not there yet is skipped.
PLUGIN_MODULES = (
    "rasid.commands.core",
    "rasid.entities.commands",
    "rasid.kb.commands",
    "rasid.time.commands",
    "rasid.numbers.commands",
    "rasid.events.commands",
    "rasid.corpus.commands",
    "rasid.web.commands",
)


def _load_plugins() -> None:
    for name in PLUGIN_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue
            raise
        register: Callable[..., Any] = module.register_cli
        register(app, train_app, eval_app, bench_app)


_load_plugins()


def main(argv: list[str] | None = None) -> None:
    try:
        app(args=argv, standalone_mode=True)
    except UserError as exc:
        typer.echo(f"rasid: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("rasid: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("RASID_DEBUG"):
            raise
        typer.echo(f"rasid: internal error: {type(exc).__name__}: {exc} "
                   "(set RASID_DEBUG=1 for the traceback, and please report it)", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
