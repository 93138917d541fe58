"""What a desk runs unattended: fetch the sources into the store, search it, and ``run``
(fetch, then each mailed audience's daily from the store, mailed). Part of ``api``'s calls."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import BriefingError
from .settings import Settings


def fetch(
    settings: Settings,
    *,
    store_path: str | Path | None = None,
    progress=None,
    reported=None,
):
    """Fetch every ``[[feeds]]`` and ``[[pages]]`` source into the store (its lock held:
    a second fetch at the same time is a BriefingError); a ``fetch.run.FetchReport``.
    ``progress(name, done, total)`` as items are stored; ``reported(SourceReport)`` as
    each source is done."""
    from .errors import UsageError

    if not settings.sources:
        raise UsageError("nothing to fetch: list [[feeds]] or [[pages]] in briefing.toml")
    from .fetch.run import fetch_sources
    from .store import default_store_path, open_store

    with open_store(store_path or default_store_path()) as store, store.fetch_lock():
        return fetch_sources(
            settings.sources, settings.fetching, store, progress=progress, reported=reported
        )


def search(
    query: str, *, store_path: str | Path | None = None, limit: int = 20
) -> list[tuple[str, str | None, str, str | None]]:
    """(date, outlet, title, URL) of the stored articles whose latest text has every
    word of ``query``, best match first."""
    from .store import default_store_path, open_store

    path = Path(store_path) if store_path else default_store_path()
    if not path.is_file():
        raise BriefingError("no article store here yet: briefing fetch makes it", str(path))
    with open_store(path) as store:
        return store.search(query, limit)


@dataclass(frozen=True)
class RunResult:
    fetched: object  # fetch.run.FetchReport
    dailies: tuple[
        tuple[str, object], ...
    ]  # (audience, its api.DailyResult)  # (audience, what its daily wrote)
    mailed: tuple[str, ...]  # what each mail did ("sent to ...")
    errors: tuple[BriefingError, ...]  # dailies or mails that failed

    @property
    def ok(self) -> bool:
        return self.fetched.ok and not self.errors


def run(
    out_dir: str | Path,
    *,
    config: str | Path | None = None,
    store_path: str | Path | None = None,
    progress=None,
    reported=None,
) -> RunResult:
    """What cron runs: ``fetch``, then for each audience with ``[recipients]`` in the
    config (else the default audience, unmailed) the day's briefing from the store's new
    articles, written to ``out_dir/<audience>/`` and mailed with its PDF."""
    from . import api
    from .settings import load_settings, mailing_list

    settings = load_settings(config=config)
    fetched = fetch(settings, store_path=store_path, progress=progress, reported=reported)
    audiences = mailing_list(config) or {settings.audience: ()}
    dailies, mailed, errors = [], [], []
    for name, recipients in audiences.items():
        mine = load_settings({"audience": name}, config=config)
        try:
            made = api.daily([], Path(out_dir) / name, mine, store_path=store_path)
            dailies.append((name, made))
            errors.extend(made.errors)
            if recipients:
                mailed.append(_mail_daily(made, mine))
        except BriefingError as exc:
            errors.append(exc.for_source(name))
    return RunResult(fetched, tuple(dailies), tuple(mailed), tuple(errors))


def _mail_daily(made, settings: Settings) -> str:
    by_suffix = {path.suffix: path for path in made.written}
    if ".md" not in by_suffix:
        raise BriefingError("the daily wrote no Markdown to mail; add md to formats")
    from .api import email

    return email(by_suffix[".md"], settings, pdf=by_suffix.get(".pdf"))
