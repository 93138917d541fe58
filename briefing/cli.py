"""The ``briefing`` command: parse arguments, call the library, print paths, map errors.

Nothing here knows how briefings are made; each command is a short shim over the
library. stdout carries only the paths written; problems go to stderr as one line each.
Exit codes: 0 all done; 1 an input or a step of the run failed (the others done);
2 bad usage or settings.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from functools import partial
from pathlib import Path

from .arguments import build_parser, parse_command_line
from .console import FetchProgress, Progress, report_skipped, say, show, show_fields
from .errors import BriefingError, UsageError, shown

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FLAGS = (
    "key_points",
    "sentences",
    "words",
    "method",
    "formats",
    "audience",
    "label",
    "max_size",
    "time_limit",
)

__all__ = ["build_parser", "main"]


def settings_from(args: argparse.Namespace, renders: tuple[str, ...] | None = None, **given):
    """The run's Settings from the flags given (and ``given``), checked once, here;
    ``renders``: the entry templates the command renders (None: all of them)."""
    from .audiences import ENTRY_TEMPLATES
    from .settings import load_settings

    flags = {name: getattr(args, name, None) for name in FLAGS} | given
    settings = load_settings(
        flags,
        config=getattr(args, "config", None),
        templates=getattr(args, "templates", ()),
        issued=getattr(args, "issued", None),
        renders=renders or ENTRY_TEMPLATES,
    )
    if getattr(args, "verbose", False):
        for line in settings.explain():
            say(f"setting {line}")
    return settings


def run_make(args: argparse.Namespace) -> int:
    from .api import make_many
    from .audiences import BRIEFING_TEMPLATES

    settings = settings_from(args, BRIEFING_TEMPLATES)
    failed, skipped, progress = 0, [], Progress()
    try:
        for result in make_many(
            args.inputs,
            args.out,
            settings,
            jobs=args.jobs,
            progress=progress,
            store_path=args.store,
        ):
            if result.error:
                failed += 1
                say(str(result.error))
            elif not result.written and not result.warnings:
                skipped.append(result.source)
            elif args.verbose:
                say(f"{result.source}: {result.note}")
            for warning in result.warnings:
                say(f"warning: {warning}")
            for path in result.written:
                show(path)
    finally:
        progress.close()
    report_skipped(skipped, args.verbose)
    return EXIT_FAILED if failed else EXIT_OK


def run_daily(args: argparse.Namespace) -> int:
    from .api import daily
    from .audiences import DAILY_TEMPLATES

    settings = settings_from(args, DAILY_TEMPLATES)
    progress = Progress()
    try:
        result = daily(
            args.inputs,
            args.out,
            settings,
            day=args.date,
            title=args.title,
            jobs=args.jobs,
            progress=progress,
            store_path=args.store,
            since=args.since,
            fresh=args.fresh,
        )
    finally:
        progress.close()
    for error in result.errors:
        say(str(error))
    for warning in result.warnings:
        say(f"warning: {warning}")
    report_skipped(result.skipped, args.verbose)
    for path in result.written:
        show(path)
    return EXIT_FAILED if result.errors else EXIT_OK


def run_email(args: argparse.Namespace) -> int:
    from .api import email
    from .outbox import record_beside

    record = record_beside(Path(args.briefing))
    given = {
        "audience": args.audience or record.get("audience"),
        "label": args.label or record.get("label"),
        "smtp.sender": args.sender,
        "smtp.security": args.security,
    }
    if args.smtp:
        from .publish.mail import parse_server

        given["smtp.host"], given["smtp.port"] = parse_server(args.smtp)
    settings = settings_from(args, **given)
    show(
        email(
            args.briefing,
            settings,
            to=tuple(args.to),
            subject=args.subject,
            pdf=args.attach_pdf,
            eml=args.eml,
        )
    )
    return EXIT_OK


def run_audiences(args: argparse.Namespace) -> int:
    from . import audiences

    path = audiences.search_path(tuple(Path(d) for d in args.templates))
    for name, description, folder in audiences.describe_all(path):
        show_fields(name, folder, description)
    return EXIT_OK


def run_audiences_new(args: argparse.Namespace) -> int:
    from . import audiences

    for path in audiences.scaffold(args.name, Path(args.dir)):
        show(path)
    # a folder is searched only when named: say how, or the new audience is never found
    say(
        f"use it with --templates {args.dir} --audience {args.name}, or set "
        f'templates = ["{args.dir}"] in briefing.toml'
    )
    return EXIT_OK


def run_read(args: argparse.Namespace) -> int:
    import json
    from dataclasses import replace

    from .api import read_many
    from .render.article import article_dict, article_markdown
    from .schema import DEFAULTS

    failed = 0
    for item in read_many(args.inputs, args.max_size or DEFAULTS["max_size"]):
        if isinstance(item, BriefingError):
            failed += 1
            say(str(item))
            continue
        item = replace(item, source=shown(item.source))  # the name fit for stdout
        if args.json:
            print(json.dumps(article_dict(item), ensure_ascii=False), flush=True)
        else:
            print(article_markdown(item, dropped=args.verbose), flush=True)
    return EXIT_FAILED if failed else EXIT_OK


def run_eval(args: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate, load
    from .publish.files import write_atomic
    from .summarize import method_label

    examples = load(args.data, args.limit)
    lines: list[str] = []
    dump = (
        (lambda ident, summary: lines.append(json.dumps({"id": ident, "summary": summary})))
        if args.dump
        else None
    )
    progress = Progress()
    try:
        result = evaluate(
            examples,
            args.method or "default",
            args.sentences,
            words=args.words,
            jobs=args.jobs,
            dump=dump,
            progress=progress,
        )
    finally:
        progress.close()
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


def run_fetch(args: argparse.Namespace) -> int:
    from .api import fetch

    progress = FetchProgress()
    try:
        report = fetch(
            settings_from(args),
            store_path=args.store,
            progress=progress,
            reported=partial(_source_lines, progress, args.verbose),
        )
    finally:
        progress.close()
    return EXIT_OK if report.ok else EXIT_FAILED


def run_search(args: argparse.Namespace) -> int:
    from .api import search

    hits = search(" ".join(args.words), store_path=args.store, limit=args.limit)
    for when, outlet, title, url in hits:
        show_fields(when[:10], outlet or "", title, url or "")
    if not hits:
        say("no stored article has every word given")
    return EXIT_OK if hits else EXIT_FAILED


def run_run(args: argparse.Namespace) -> int:
    from .api import run

    progress = FetchProgress()
    try:
        result = run(
            args.out,
            config=args.config,
            store_path=args.store,
            progress=progress,
            reported=partial(_source_lines, progress, args.verbose),
        )
    finally:
        progress.close()
    for _, made in result.dailies:
        for warning in made.warnings:
            say(f"warning: {warning}")
        for path in made.written:
            show(path)
    for line in result.mailed:
        say(line)
    for error in result.errors:
        say(str(error))
    return EXIT_OK if result.ok else EXIT_FAILED


def _source_lines(progress: FetchProgress, verbose: bool, report) -> None:
    """A source's line ("Reuters World: 12 new, 3 updated, 1 failed: timeout"), and with
    --verbose one line per item that failed."""
    progress.say(report.line())
    for url, cause in report.causes if verbose else ():
        progress.say(f"{report.name}: {url}: {cause}")


RUNNERS = {
    "make": run_make,
    "read": run_read,
    "daily": run_daily,
    "email": run_email,
    "audiences": run_audiences,
    "audiences_new": run_audiences_new,
    "eval": run_eval,
    "fetch": run_fetch,
    "run": run_run,
    "search": run_search,
}


def main(argv: list[str] | None = None) -> int:
    args = parse_command_line(argv)
    if not getattr(args, "run", None):
        build_parser().print_help(sys.stderr)
        return EXIT_USAGE
    previous = _on_sigterm(_terminated)  # SIGTERM ends a run as Ctrl-C does
    try:
        return RUNNERS[args.run](args)
    except UsageError as exc:
        say(str(exc))
        return EXIT_USAGE
    except BriefingError as exc:
        say(str(exc))
        return EXIT_FAILED
    except Terminated:
        say("terminated")
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except BrokenPipeError:  # the reader of our output went away (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as exc:  # a bug: still one line, unless --debug
        if args.debug:
            raise
        say(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug)")
        return EXIT_FAILED
    finally:
        _on_sigterm(previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the main process is, so a run unwinds as on Ctrl-C: workers
    ended, temporary files removed, nothing half-replaced."""


def _on_sigterm(handler):
    """Set the SIGTERM handler and return the one before; off the main thread (a caller
    running ``main`` in a thread) signals cannot be handled, and nothing changes."""
    try:
        return signal.signal(signal.SIGTERM, handler) if handler is not None else None
    except ValueError:
        return None


def _terminated(signum, frame) -> None:
    raise Terminated


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
