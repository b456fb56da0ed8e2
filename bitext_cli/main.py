"""The `bitext` command group; the one place that turns domain errors into one-line messages.

Subcommands are loaded lazily (click's LazyGroup pattern): `bitext --help` and `bitext --version`
import no subcommand module, hence no numpy, and a command imports only its own module. The
listing in `--help` comes from COMMANDS' one-line summaries (tests/test_cli_lazy.py checks that
each is the first paragraph of its command's help, so they cannot drift apart).
"""

from __future__ import annotations

import errno
import importlib
import io
import logging
import os
import sys
from typing import Any, TextIO

import click

from corpora import limits
from corpora.errors import BitextError
from corpora.version import __version__

# name -> ("module:attribute", the first paragraph of the command's help)
COMMANDS: dict[str, tuple[str, str]] = {
    "align": ("bitext_cli.align_cmd:align", "Align SRC with its translation TGT sentence by sentence."),
    "apply-review": ("bitext_cli.review_cmd:apply_review",
                     "Fold the decisions downloaded from the review page into ALIGNED, writing corrected TEI."),
    "batch": ("bitext_cli.batch_cmd:batch", "Align every pair listed in MANIFEST (.csv, .tsv or .jsonl) into OUTDIR."),
    "eval": ("bitext_cli.eval_cmd:eval_", "Align every document of each DIR and score it against its gold beads."),
    "export": ("bitext_cli.export_cmd:export", "Export the links of an aligned TEI FILE as TMX, TSV, ... (see --to)."),
    "extract-abstracts": ("bitext_cli.extract_cmd:extract_abstracts_cmd",
                          "Pull the title, abstract and keywords in two languages out of a bilingual article FILE."),
    "glossary": ("bitext_cli.glossary_cmd:glossary",
                 "Names and terms across romanizations: look up, check and regularize translations."),
    "realign": ("bitext_cli.realign_cmd:realign",
                "Align ALIGNED (a bitext TEI file) again, keeping every link checked by hand exactly."),
    "review": ("bitext_cli.review_cmd:review",
               "Write the correction editor of ALIGNED (a bitext TEI file) for a translator to review."),
    "segment": ("bitext_cli.segment_cmd:segment", "Split FILE ('-' for standard input) into sentences, one per line."),
    "validate": ("bitext_cli.validate_cmd:validate", "Check TEI FILES against a schema and bitext's structural checks."),
}


class BitextGroup(click.Group):
    """A click group whose subcommands are imported on first use, and that reports any
    BitextError as `Error: <message>` with exit status 1, and so, as a last resort, a system
    error no command turned into one (naming its file)."""

    def __init__(self, *args, lazy: dict[str, tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, attr = self.lazy[cmd_name][0].split(":")
            command = getattr(importlib.import_module(module), attr)
            if not isinstance(command, click.Command):
                raise TypeError(f"{module}:{attr} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, from the summaries of the commands not loaded yet (no import)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name) or click.Command(name, help=self.lazy[name][1])
            if not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in rows])

    def invoke(self, ctx: click.Context):
        keep_freed_memory()
        if sys.stdout is None:  # the shell closed it (`>&-`)
            sys.stdout = io.TextIOWrapper(_ClosedOutput(), write_through=True)
        stdout, sys.stdout = sys.stdout, _NamedOutput(sys.stdout)
        try:
            return super().invoke(ctx)
        except BitextError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from exc
        except KeyboardInterrupt:
            die_of_sigint()
        finally:
            sys.stdout = stdout


class _ClosedOutput(io.RawIOBase):
    """Standard output when the shell closed it: writing it is an OSError naming it, which
    BitextGroup reports in one line, where sys.stdout being None gave AttributeError tracebacks
    (atomic writes to '-') or output dropped without a word (click.echo). A command writing
    only to its -o file runs as usual."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        raise OSError(errno.EBADF, "standard output is closed; give -o FILE", "-")


class _NamedOutput:
    """Standard output whose write errors name it, as align's and export's do (corpora.atomic):
    "-: cannot be written (No space left on device)", where what click.echo prints (segment,
    glossary check/lookup, eval) failed naming no file. Anything else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise _named(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise _named(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _named(exc: OSError) -> OSError:
    """A failed write to standard output as an error naming it ("-"); one naming a file as it is."""
    return exc if exc.filename else OSError(exc.errno, f"cannot be written ({exc.strerror or exc})", "-")


def die_of_sigint() -> None:
    """End as Ctrl-C ends a program, by SIGINT itself (status 130 in a shell), so a shell loop that
    runs bitext stops too; click would print "Aborted!" and exit with status 1, and the loop would
    go on. Outputs are written atomically, so nothing half-written is left."""
    import signal

    click.echo("bitext: interrupted", err=True)
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # a closed pipe: nothing more to say there
        pass
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)
    sys.exit(130)  # where the signal does not end the process at once


def keep_freed_memory() -> None:
    """Let glibc's malloc keep memory the process frees, up to 128 MB at the top of its heap, and
    serve arrays of up to 4 MB from the heap, instead of handing each large temporary array back
    to the system and taking fresh pages (every one a page fault) for the next. glibc's default
    adapts the two limits to the first arrays freed, so a run kept faulting: 68,000 page faults
    and 0.15-0.2 s of system time on a 2,000-sentence alignment against 24,000 and 0.07 s
    (issue 23); peak memory is the same. Arrays over 4 MB are still returned on free. Nothing
    happens where the C library has no mallopt (not glibc)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # numpy imports it anyway

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, 4 << 20)  # setting both keeps glibc from adapting either (see above)
    mallopt(_M_TRIM_THRESHOLD, 128 << 20)


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h


def _max_input_size(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Set the input size limit for this command and the processes it starts (batch workers)."""
    if value is None:
        return
    try:
        limits.parse_size(value)
    except BitextError as exc:
        raise click.BadParameter(str(exc)) from None
    previous = os.environ.get(limits.ENV_VAR)
    os.environ[limits.ENV_VAR] = value

    def restore() -> None:  # for a caller that runs several commands in one process (tests)
        if previous is None:
            os.environ.pop(limits.ENV_VAR, None)
        else:
            os.environ[limits.ENV_VAR] = previous

    ctx.call_on_close(restore)


@click.group(cls=BitextGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bitext")
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
@click.option("--max-input-size", metavar="SIZE", expose_value=False, callback=_max_input_size,
              help=f"Largest input file read, e.g. 1G [default: {limits.format_size(limits.MAX_INPUT_DEFAULT)}, "
                   f"or ${limits.ENV_VAR}].")
def cli(quiet: bool) -> None:
    """Align a text with its translation sentence by sentence and publish the result as TEI."""
    logging.basicConfig(format="bitext: %(message)s", level=logging.ERROR if quiet else logging.INFO)
