"""The command line's shape: subcommands, their options and the types that check them.

Only argparse here; ``cli`` maps each subcommand to the library call that does the work.
"""

from __future__ import annotations

import argparse
import os

from . import __version__
from .flags import count, day, issued, max_bytes, setting, since


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn news articles into extractive situation reports (Markdown, HTML, PDF).\n"
        "Every bullet is a sentence of the source, quoted verbatim, with its place in it.",
        epilog="examples:\n  briefing make seeds/ --out out --format md,pdf --key-points 3 --sentences 2\n"
        "  briefing eval ../shared/eval/cnndm_val1000.jsonl --method lead --limit 500\n\n"
        "Run 'briefing make --help' or 'briefing eval --help' for every option.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show a traceback on unexpected errors"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_make(commands)
    _add_read(commands)
    _add_daily(commands)
    _add_email(commands)
    _add_audiences(commands)
    _add_eval(commands)
    _add_fetch(commands)
    _add_run(commands)
    _add_search(commands)
    return parser


def parse_command_line(argv: list[str] | None) -> argparse.Namespace:
    """The parsed command line. An unknown option is refused by its subcommand, with that
    subcommand's usage and the closest option it has (exit 2, as argparse does)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        import difflib

        command = _subcommand(parser, args)
        known = [flag for action in command._actions for flag in action.option_strings]
        close = difflib.get_close_matches(extra[0].split("=", 1)[0], known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]}?" if close else ""
        command.error(f"unrecognized arguments: {' '.join(extra)}{hint}")
    return args


def _subcommand(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and args.command in action.choices:
            return action.choices[args.command]
    return parser


def _add_daily(commands) -> None:
    daily = commands.add_parser(
        "daily",
        help="brief many articles into one dated daily briefing",
        description="One briefing for all inputs: top developments, one part per article grouped by "
        "story, each sentence shown once with every source credited. Writes "
        "OUT/YYYY-MM-DD/briefing.{md,html,pdf,json} and prints the paths.",
    )
    daily.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="article files, folders, globs or -; none: the store's articles new since the "
        "audience's previous daily (briefing fetch puts them there)",
    )
    daily.add_argument(
        "--since",
        type=since,
        metavar="WHEN",
        help="with no INPUT: the store's articles first seen or changed since 24h, 3d, "
        "2026-12-01 or an ISO time (default: the previous daily, else 24h)",
    )
    daily.add_argument(
        "--fresh",
        action="store_true",
        help="do not compare with earlier dailies: every story is new (still recorded)",
    )
    _store_option(daily)
    daily.add_argument(
        "--date",
        type=day,
        metavar="YYYY-MM-DD",
        help="the day (default: today in the configured zone)",
    )
    daily.add_argument(
        "--title", metavar="TEXT", help="the report's title (default: Daily briefing, DATE)"
    )
    _output_options(daily, formats_note="; the .json is always written")
    daily.add_argument(
        "--jobs",
        type=count,
        default=os.cpu_count() or 1,
        metavar="J",
        help="worker processes (default: the number of CPUs)",
    )
    daily.set_defaults(run="daily")


def _output_options(command: argparse.ArgumentParser, formats_note: str = "") -> None:
    """What make and daily share: where to write, which formats, for whom, how dressed."""
    command.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    command.add_argument(
        "--format",
        dest="formats",
        type=setting("formats"),
        metavar="LIST",
        help=f"comma-separated formats from md,html,pdf (default: all three{formats_note})",
    )
    command.add_argument(
        "--audience",
        metavar="NAME",
        help="who the briefing is for: base (default), executive, analyst, email, or yours",
    )
    command.add_argument(
        "--label", metavar="TEXT", help="handling label on every page, e.g. TLP:AMBER"
    )
    command.add_argument(
        "--config", metavar="FILE", help="settings file (default: ./briefing.toml if present)"
    )
    command.add_argument(
        "--templates",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder searched for templates before the built-in ones (repeatable)",
    )
    command.add_argument(
        "--max-size",
        type=setting("max_size"),
        metavar="MB",
        help="largest input accepted (default: 5 MB)",
    )
    command.add_argument(
        "--time-limit",
        type=setting("time_limit"),
        metavar="SECONDS",
        help="CPU seconds an article may take to be read and ranked (default: 5); "
        "past it the article is reported and left out",
    )
    command.add_argument(
        "--issued",
        type=issued,
        metavar="TIME",
        help="issue time, e.g. 2024-12-08T09:30+00:00 (default: now), for reproducible output",
    )
    command.add_argument(
        "--verbose",
        action="store_true",
        help="say on stderr how each input was read and where each setting came from",
    )


def _add_email(commands) -> None:
    email = commands.add_parser(
        "email",
        help="send a briefing's Markdown (and HTML, and PDF) by e-mail",
        description="An RFC 5322 message: the Markdown as text/plain, the rendered HTML (CSS inlined) "
        "as the alternative, an optional PDF attached, the handling label in the subject. SMTP login "
        "from BRIEFING_SMTP_USER / BRIEFING_SMTP_PASSWORD only.",
    )
    email.add_argument("briefing", metavar="BRIEFING.md")
    email.add_argument(
        "--to",
        action="append",
        default=[],
        metavar="ADDR",
        help="recipient (repeatable; default: [recipients] of the audience in briefing.toml)",
    )
    email.add_argument(
        "--from",
        dest="sender",
        metavar="ADDR",
        help="sender address (default: [smtp] sender in briefing.toml, else briefing@localhost)",
    )
    email.add_argument("--subject", metavar="TEXT", help="subject (default: the briefing's title)")
    email.add_argument("--attach-pdf", metavar="FILE", help="attach this PDF")
    email.add_argument(
        "--eml", metavar="FILE", help="write the message to FILE instead of sending it"
    )
    email.add_argument(
        "--smtp",
        metavar="HOST:PORT",
        help="SMTP server (default: [smtp] host and port in briefing.toml, else localhost:25)",
    )
    security = email.add_mutually_exclusive_group()
    security.add_argument("--starttls", action="store_const", dest="security", const="starttls")
    security.add_argument("--ssl", action="store_const", dest="security", const="ssl")
    email.add_argument("--audience", metavar="NAME", help="whose recipients and label to use")
    email.add_argument("--label", metavar="TEXT", help="handling label for the subject")
    email.add_argument(
        "--config", metavar="FILE", help="settings file (default: ./briefing.toml if present)"
    )
    email.set_defaults(run="email", security=None)


def _add_audiences(commands) -> None:
    audiences = commands.add_parser(
        "audiences",
        help="list the audiences found, or scaffold a new one",
        description="List every audience on the template search path (--templates, "
        "$BRIEFING_TEMPLATES, templates in briefing.toml, built-ins) and where it comes from.",
    )
    audiences.add_argument(
        "--templates",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder searched before the others (repeatable)",
    )
    audiences.set_defaults(run="audiences")
    sub = audiences.add_subparsers(dest="action", metavar="ACTION")
    new = sub.add_parser(
        "new",
        help="scaffold an audience that extends the base",
        description="Create DIR/NAME with a commented audience.toml, a briefing "
        "template extending the base, and a stylesheet.",
    )
    new.add_argument("name", metavar="NAME")
    new.add_argument(
        "--dir",
        default="templates",
        metavar="DIR",
        help="where to create it (default: ./templates)",
    )
    new.set_defaults(run="audiences_new")


def _add_read(commands) -> None:
    read = commands.add_parser(
        "read",
        help="show what the reader understood of articles",
        description="Show each input's title, metadata, sections and paragraphs as Markdown, or "
        "with --json one JSON object per input per line. For checking what make will summarize.",
    )
    read.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="article file, folder, glob or - for stdin"
    )
    read.add_argument("--json", action="store_true", help="one JSON object per input per line")
    read.add_argument(
        "--verbose", action="store_true", help="also show the lines left out as site furniture"
    )
    read.add_argument(
        "--max-size",
        type=max_bytes,
        metavar="MB",
        help="largest input accepted (default: 5 MB)",
    )
    read.set_defaults(run="read")


def _add_make(commands) -> None:
    make = commands.add_parser(
        "make",
        help="brief article files or folders",
        description="Brief each article: key points, then the key sentences of every section. "
        "Writes <input stem>.<format> (and a .json record) into --out and prints each path written.",
    )
    make.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="article file (.txt, .md, .html), folder, glob or -; "
        "default: every article in ./seeds (or the sample shipped with briefing)",
    )
    _output_options(make)
    make.add_argument(
        "--key-points",
        type=setting("key_points"),
        metavar="K",
        help="Key points: a count (default 3) or a share of the sentences (20%%)",
    )
    make.add_argument(
        "--sentences",
        type=setting("sentences"),
        metavar="N",
        help="sentences per section: a count (default 2) or a share (20%%)",
    )
    _shared_options(make)
    _store_option(make, "the article store the run is recorded in")
    make.set_defaults(run="make")


def _add_eval(commands) -> None:
    evaluate = commands.add_parser(
        "eval",
        help="score a method's key points with ROUGE on a JSONL data set",
        description="Summarize each article's key points as make does and score them against the "
        "reference with rouge-score (F1, Porter stemming, rougeLsum one sentence per line).",
    )
    evaluate.add_argument(
        "data", metavar="DATA.jsonl", help="one JSON object per line: id, article, reference"
    )
    evaluate.add_argument(
        "--sentences",
        type=setting("key_points"),
        default="3",
        metavar="K",
        help="key points: a count (3, the default) or a share (20%%)",
    )
    _shared_options(evaluate)
    evaluate.add_argument("--limit", type=count, metavar="N", help="only the first N articles")
    evaluate.add_argument(
        "--json", action="store_true", help="print one JSON object instead of a table"
    )
    evaluate.add_argument(
        "--dump", metavar="FILE", help='write {"id", "summary"} per article, one per line'
    )
    evaluate.set_defaults(run="eval")


def _shared_options(command: argparse.ArgumentParser) -> None:
    from .summarize import DEFAULT_METHOD, METHODS

    command.add_argument(
        "--words",
        type=setting("words"),
        metavar="W",
        help="word budget for the key points (whole sentences only)",
    )
    command.add_argument(
        "--method",
        type=setting("method"),
        metavar="NAME",
        help=f"ranking method: {', '.join(METHODS)} (default: {DEFAULT_METHOD})",
    )
    command.add_argument(
        "--jobs",
        type=count,
        default=os.cpu_count() or 1,
        metavar="J",
        help="worker processes (default: the number of CPUs)",
    )


def _add_fetch(commands) -> None:
    fetch = commands.add_parser(
        "fetch",
        help="fetch the [[feeds]] and [[pages]] of briefing.toml into the article store",
        description="Fetch every feed and its items' pages (robots.txt honoured, hosts paced, "
        "unchanged feeds asked with a conditional GET) into the store. One line per source on "
        "stderr; exit 1 if any source failed, the others still stored.",
    )
    _fetch_options(fetch)
    fetch.set_defaults(run="fetch")


def _add_run(commands) -> None:
    run = commands.add_parser(
        "run",
        help="fetch, make each audience's daily from the new articles, and mail it (for cron)",
        description="briefing fetch, then for each audience in [recipients] of briefing.toml "
        "the day's briefing from the store's new articles, written to OUT/AUDIENCE/YYYY-MM-DD/ "
        "and mailed to its recipients with the PDF. Exit 1 if a source, a daily or a mail failed.",
    )
    _fetch_options(run)
    run.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    run.set_defaults(run="run")


def _fetch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--config", metavar="FILE", help="settings file (default: ./briefing.toml if present)"
    )
    _store_option(command)
    command.add_argument(
        "--verbose", action="store_true", help="name each item that failed and why"
    )


def _add_search(commands) -> None:
    search = commands.add_parser(
        "search",
        help="list the stored articles whose text has every word given",
        description="Full-text search of the article store (the latest version of each "
        "article; any case, accents ignored): one line per article, best match first: "
        "date, outlet, title, URL, tab-separated.",
    )
    search.add_argument("words", nargs="+", metavar="WORD", help="words the article must have")
    search.add_argument(
        "--limit", type=count, default=20, metavar="N", help="at most N articles (default: 20)"
    )
    _store_option(search)
    search.set_defaults(run="search")


def _store_option(command: argparse.ArgumentParser, what: str = "the article store") -> None:
    command.add_argument(
        "--store", metavar="FILE", help=f"{what} (default: $BRIEFING_HOME/briefing.db)"
    )
