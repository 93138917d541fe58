"""The ``briefing`` command: parse arguments, call the library, print paths, map errors.

Nothing here knows how briefings are made; each command is a short shim over
``briefing.api``. stdout carries only the paths written; problems go to stderr as one
line each. Exit codes: 0 done, 1 some input failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import BriefingError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _formats(text: str) -> tuple[str, ...]:
    from .api import FORMATS

    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise argparse.ArgumentTypeError(f"choose from {','.join(FORMATS)} (got {text!r})")
    return formats


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn news articles into extractive situation reports (Markdown, HTML, PDF).\n"
        "Every bullet is a sentence of the source, quoted verbatim, with its place in it.",
        epilog="example:\n  briefing make seeds/ --out out --format md,pdf --key-points 3 --sentences 2 "
        "--method lexrank\n\nRun 'briefing make --help' for every option of make.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    make = commands.add_parser(
        "make",
        help="brief article files or folders",
        description="Brief each article: key points, then the key sentences of every section. "
        "Writes <input stem>.<format> into --out and prints each path written.",
    )
    make.add_argument("inputs", nargs="*", metavar="INPUT", help="article file (.txt/.md) or folder; "
                      "default: every article in ./seeds (or the sample shipped with briefing)")
    make.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    make.add_argument("--format", dest="formats", type=_formats, default=("md", "html", "pdf"),
                      metavar="LIST", help="comma-separated formats from md,html,pdf (default: all three)")
    make.add_argument("--key-points", type=_positive, default=3, metavar="K",
                      help="sentences in Key points (default: 3)")
    make.add_argument("--sentences", type=_positive, default=2, metavar="N",
                      help="sentences per section (default: 2)")
    make.add_argument("--method", default="lexrank", metavar="NAME",
                      help="ranking method: lexrank (default), textrank, lsa, luhn, sumbasic, kl, "
                      "reduction, lead, random")
    make.add_argument("--templates", action="append", default=[], metavar="DIR",
                      help="a folder searched for templates before the built-in ones (repeatable)")
    make.set_defaults(run=run_make)
    return parser


def run_make(args: argparse.Namespace) -> int:
    from .api import Options, make_many

    options = Options(
        key_points=args.key_points,
        sentences=args.sentences,
        method=args.method,
        formats=args.formats,
        template_dirs=tuple(Path(d) for d in args.templates),
    )
    from .summarize import method_label

    method_label(options.method)  # an unknown method is a usage error, before any work
    failed = 0
    for result in make_many(args.inputs, args.out, options):
        if result.error:
            failed += 1
            print(f"briefing: {result.error}", file=sys.stderr)
        for path in result.written:
            print(path, flush=True)
    return EXIT_FAILED if failed else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line, unless --debug
        if args.debug:
            raise
        print(f"briefing: internal error: {type(exc).__name__}: {exc} (rerun with --debug)", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
