"""The ``briefing`` command: parse arguments, call the library, print paths, map errors.

Nothing here knows how briefings are made; each command is a short shim over
``briefing.api``. stdout carries only the paths written; problems go to stderr as one
line each. Exit codes: 0 done, 1 some input failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .arguments import build_parser, key_length
from .errors import BriefingError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def run_make(args: argparse.Namespace) -> int:
    from .api import Options, make_many
    from .config import load_config

    options = Options(
        key_points=args.key_points,
        sentences=args.sentences,
        words=args.words,
        method=args.method,
        formats=args.formats,
        audience=args.audience,
        label=args.label,
        template_dirs=tuple(Path(d) for d in args.templates),
        config=load_config(args.config),
        max_bytes=args.max_size,
    )
    failed = 0
    for result in make_many(args.inputs, args.out, options, jobs=args.jobs):
        if result.error:
            failed += 1
            print(f"briefing: {result.error}", file=sys.stderr, flush=True)
        elif args.verbose:
            print(f"briefing: {result.source}: {result.note}", file=sys.stderr, flush=True)
        for path in result.written:
            print(path, flush=True)
    return EXIT_FAILED if failed else EXIT_OK


def run_daily(args: argparse.Namespace) -> int:
    from .api import daily
    from .config import load_config
    from .settings import Options

    options = Options(
        formats=args.formats,
        audience=args.audience,
        label=args.label,
        template_dirs=tuple(Path(d) for d in args.templates),
        config=load_config(args.config),
        max_bytes=args.max_size,
    )
    written, errors = daily(
        args.inputs,
        args.out,
        options,
        day=args.date,
        title=args.title,
        jobs=args.jobs,
        progress=_progress_bar() if sys.stderr.isatty() else None,
    )
    for error in errors:
        print(f"briefing: {error}", file=sys.stderr)
    for path in written:
        print(path)
    return EXIT_FAILED if errors else EXIT_OK


def _progress_bar():
    """A one-line progress display on stderr (only used when stderr is a terminal)."""

    def show(done: int, source: str) -> None:
        name = Path(source).name[:40]
        print(
            f"\rbriefing: {done} articles briefed ({name})\x1b[K",
            end="",
            file=sys.stderr,
            flush=True,
        )

    import atexit

    atexit.register(lambda: print(file=sys.stderr))
    return show


def run_email(args: argparse.Namespace) -> int:
    from .config import load_config
    from .publish.outbox import email_briefing
    from .settings import Options

    options = Options(audience=args.audience, label=args.label, config=load_config(args.config))
    result = email_briefing(
        Path(args.briefing),
        options,
        to=tuple(args.to),
        sender=args.sender,
        subject=args.subject,
        pdf=Path(args.attach_pdf) if args.attach_pdf else None,
        eml=Path(args.eml) if args.eml else None,
        server=args.smtp,
        security=args.security,
    )
    print(result)
    return EXIT_OK


def run_audiences(args: argparse.Namespace) -> int:
    from . import audiences

    path = audiences.search_path(tuple(Path(d) for d in args.templates))
    for name, description, folder in audiences.describe_all(path):
        print(f"{name}\t{folder}\t{description}")
    return EXIT_OK


def run_audiences_new(args: argparse.Namespace) -> int:
    from . import audiences

    for path in audiences.scaffold(args.name, Path(args.dir)):
        print(path)
    return EXIT_OK


def run_read(args: argparse.Namespace) -> int:
    import json

    from .api import read_many
    from .render.article import article_dict, article_markdown

    failed = 0
    from .read import MAX_BYTES

    for item in read_many(args.inputs, args.max_size or MAX_BYTES):
        if isinstance(item, BriefingError):
            failed += 1
            print(f"briefing: {item}", file=sys.stderr, flush=True)
        elif args.json:
            print(json.dumps(article_dict(item), ensure_ascii=False), flush=True)
        else:
            print(article_markdown(item, dropped=args.verbose), flush=True)
    return EXIT_FAILED if failed else EXIT_OK


def run_eval(args: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate, load
    from .publish.files import write_atomic
    from .summarize import DEFAULT_METHOD, method_label

    method = args.method or DEFAULT_METHOD
    method_label(method)
    examples = load(args.data, args.limit)
    lines: list[str] = []
    dump = (
        (lambda ident, summary: lines.append(json.dumps({"id": ident, "summary": summary})))
        if args.dump
        else None
    )
    result = evaluate(
        examples, method, key_length(args.sentences, args.words), jobs=args.jobs, dump=dump
    )
    if args.dump:
        write_atomic(Path(args.dump), ("\n".join(lines) + "\n").encode("utf-8"))
    if args.json:
        print(json.dumps(result.as_dict()))
    else:
        print("| method | n | key points | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | s/article |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        print(
            f"| {method_label(result.method)} | {result.n} | {result.sentences} | {result.rouge1:.2f} | "
            f"{result.rouge2:.2f} | {result.rougeLsum:.2f} | {result.seconds_per_article:.4f} |"
        )
    return EXIT_OK


RUNNERS = {
    "make": run_make,
    "read": run_read,
    "daily": run_daily,
    "email": run_email,
    "audiences": run_audiences,
    "audiences_new": run_audiences_new,
    "eval": run_eval,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return RUNNERS[args.run](args)
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as exc:  # a bug: still one line, unless --debug
        if args.debug:
            raise
        print(
            f"briefing: internal error: {type(exc).__name__}: {exc} (rerun with --debug)",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
