"""Briefing fidelity on real pages: are the bullets whole sentences, free of furniture?

    .venv/bin/python bench/fidelity.py [../shared/eval/extraction] [--dump DIR] [--pdf]

Data: the article-extraction benchmark's 91 news pages (``html/<key>.html.gz``; see
bench/extraction.py), in sorted order. Each page is briefed as
``briefing make PAGE.html --format md`` briefs it: ``read_bytes`` (the page named
``<key>.html``), ``brief`` with the built-in settings (``load_settings(isolated=True)``:
no ``briefing.toml``, no template path; a fixed issue time, so the Markdown is the same
on every run) and the Markdown rendered by ``pipeline.render``. A page that raises a
BriefingError is counted as failed and listed, not a crash.

Bullets are the key points and every section's bullets, as the briefing shows them (the
key points are never repeated in a section). Every check is a function below, tested on
tiny strings in tests/test_fidelity_checks.py:

* per bullet: ``lacks_end_punctuation``, ``too_short``, ``bare_url``,
  ``opens_with_dateline``, ``furniture`` (the phrases of ``FURNITURE``) and
  ``hover_glued``; counted over bullets;
* per page: ``title_heading`` (the title, or a near-repeat of it, as a section heading),
  ``escaped_urls`` (``https\\:`` or ``www\\.`` in the Markdown text) and ``unprintable``
  (characters no installed font has, asked of fontconfig as ``briefing make`` asks it
  before a PDF; ``--pdf`` renders every PDF for real and uses the warnings it gives);
* informational, per shown heading: ``heading_oddity`` (what does not read as a subhead).

``--dump DIR`` writes every page's Markdown briefing to ``DIR/<key>.md`` (with ``--pdf``,
the PDF too). Regenerates bench/fidelity.md; prints the table.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from briefing.errors import BriefingError
from briefing.model import Briefing
from briefing.pipeline import brief, render, render_each
from briefing.read import read_bytes
from briefing.render.fonts import missing_scripts
from briefing.settings import Settings, load_settings
from briefing.summarize.references import lede_and_loose

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "extraction"
ISSUED = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)  # the dumps are reproducible
KEY = 8  # characters of a page's file name that name it in the report
SHOWN = 100  # characters of an offending text shown
EXAMPLES = 12  # offending texts listed per check

# --- the checks --------------------------------------------------------------------------

SENTENCE_END = ".!?…。！？।؟۔"  # the issue's, and the Arabic question mark, Urdu full stop
CLOSERS = "\"'”’»›」』）)]}*"  # may follow the sentence's own punctuation
# Scripts written without spaces between words: a word count says nothing there.
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u3040-\u30ff\u3400-\u9fff]")
URL = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
ONLY_DOMAIN = re.compile(r"^\W*[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?\W*$", re.IGNORECASE)
AGENCY = r"(?:AP|Reuters|AFP|UPI|dpa|Xinhua|PTI|IANS|ANI|EFE|ANSA|Bloomberg|CNN|BBC)"
DASH = r"(?:--|[-–—])"
DATELINES = (
    # "(Reuters) -", "(AP) —"
    re.compile(rf"^\(?{AGENCY}\)?\s*{DASH}\s"),
    # "BERLIN --", "DUBAI, United Arab Emirates —", "SANTA FE, N.M. (AP) —",
    # "LONDON, Dec 5 (Reuters) -"
    re.compile(
        rf"^[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]{{1,40}}(?:,[\w.'’ -]{{1,40}}?)?\s*(?:\([^)]{{1,30}}\))?\s*{DASH}\s"
    ),
    # "NEW DELHI:", "DEAR ABBY:" (two capitals at least, then a colon)
    re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]{1,40}:\s"),
    # "New York, NY –", "Washington, D.C. —"
    re.compile(rf"^[A-Z][a-z]+(?: [A-Z][a-z]+)*, [A-Z][A-Za-z.]{{1,6}}\s*{DASH}\s"),
    # "Dear Abby," "Dear readers:"
    re.compile(r"^Dear [A-Z][\w.' ]{0,30}[,:]\s"),
)
# Site furniture: (phrase shown in the report, pattern), matched case-insensitively.
# Narrow on purpose where the word has a news sense too ("state-sponsored", "a bill
# sponsored by", "a television advertisement", "also on Tuesday").
FURNITURE = (
    ("newsletter", r"\bnewsletters?\b"),
    ("sign up", r"\bsign(?:-| )?up\b"),
    ("subscribe", r"\bsubscribe\b|\bsubscribers? only\b"),
    ("follow us", r"\bfollow (?:us|me)\b"),
    ("click here", r"\bclick (?:here|below)\b"),
    (
        "share this",
        r"^\W*share this\b|\bshare this (?:article|story|post|page)\b"
        r"|\bshare (?:it )?on (?:facebook|twitter|whatsapp|linkedin|pinterest|reddit)\b",
    ),
    ("sponsored", r"^\W*sponsored\b|\bsponsored (?:content|post|links?|stories)\b"),
    ("brought to you by", r"\bbrought to you by\b"),
    ("all rights reserved", r"\ball rights reserved\b"),
    ("reprint", r"\breprints?\b|\breprinted (?:with|by) permission\b"),
    ("Related:", r"\brelated(?: articles?| stories| content)?:"),
    ("Read more", r"\bread more\b|\bcontinue reading\b"),
    ("Also on", r"^\W*also on\b"),
    ("Leggi anche", r"\bleggi anche\b|\blesen sie auch\b|\blire aussi\b|\bleia também\b"),
    ("advertisement", r"^\W*(?:advertisement|anzeige|publicidad|pubblicità)\b"),
    ("cookie", r"\bcookies? (?:policy|settings|consent|preferences)\b|\b(?:use|accept) cookies\b"),
    ("download the app", r"\b(?:download|get) (?:the|our) \w* ?app\b"),
    ("privacy policy", r"\bprivacy policy\b|\bterms of (?:use|service)\b"),
    ("photo credit", r"\b(?:photo|image|picture) (?:credit|courtesy)\b|\bgetty images\b"),
)
_FURNITURE = tuple((label, re.compile(p, re.IGNORECASE)) for label, p in FURNITURE)
# "NoemKristi Lynn Noem": a name card's text run into the sentence's word.
GLUED = re.compile(r"\b(\w*?[A-Z]?[a-z]{2,})([A-Z][a-z]+)\b")
READING_TIME = re.compile(
    r"\bmin(?:ute)?s? (?:read|de lecture|de leitura)\b|\btempo de leitura\b|\blesezeit\b"
    r"|\breading time\b",
    re.IGNORECASE,
)
LONG_HEADING = 12  # words


def lacks_end_punctuation(text: str) -> bool:
    """The bullet does not end as a sentence ends (closing quotes, brackets allowed)."""
    end = text.rstrip().rstrip(CLOSERS + " ")
    return not end or end[-1] not in SENTENCE_END


def too_short(text: str) -> bool:
    """Three words or fewer, in a script that puts spaces between words."""
    return not UNSPACED.search(text) and len(text.split()) <= 3


def bare_url(text: str) -> bool:
    """A web address in the bullet, or a bullet that is only a domain or path."""
    return bool(URL.search(text) or ONLY_DOMAIN.match(text.strip()))


def opens_with_dateline(text: str) -> bool:
    """The bullet opens with a dateline ("BERLIN --", "(Reuters) -") or a salutation."""
    return any(pattern.match(text.lstrip()) for pattern in DATELINES)


def furniture(text: str) -> str | None:
    """The first furniture phrase of ``FURNITURE`` in the bullet, or None."""
    return next((label for label, pattern in _FURNITURE if pattern.search(text)), None)


def hover_glued(text: str) -> str | None:
    """A word whose lower-case end runs into a capital, its first part opening one of the
    next four words ("Kristi NoemKristi Lynn Noem", "Ilhan OmarIlhan OmarHillicon"): a
    name's hover card glued into the sentence."""
    for match in GLUED.finditer(text):
        head = re.search(r"[A-Z]?[a-z]+$", match.group(1)).group(0)
        after = re.findall(r"\w+", text[match.end() :])[:4]
        if (
            len(head) >= 3
            and head[0].isupper()
            and any(w.startswith(head) and w != match.group(0) for w in after)
        ):
            return match.group(0)
    return None


def tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


def near_repeat(a: str, b: str) -> bool:
    """Equal once normalised, or sharing at least 80% of the larger set of words."""
    left, right = tokens(a), tokens(b)
    if not left or not right:
        return False
    return left == right or len(left & right) / max(len(left), len(right)) >= 0.8


def title_heading(title: str, headings: list[str]) -> str | None:
    """The first shown heading that repeats the title, or None."""
    return next((h for h in headings if near_repeat(title, h)), None)


def heading_oddity(heading: str) -> str | None:
    """Why a heading does not read as a subhead (informational), or None."""
    text = heading.strip()
    reasons = (
        ("ends in a colon", text.endswith(":")),
        ("click here", "click here" in text.casefold()),
        ("reading time", bool(READING_TIME.search(text))),
        ("caption ©", "©" in text),
        ("byline", bool(re.match(r"^By\s+[A-Z]", text))),
        ("dateline", opens_with_dateline(text + " ")),
        (f"over {LONG_HEADING} words", len(text.split()) > LONG_HEADING),
    )
    return next((reason for reason, found in reasons if found), None)


def escaped_urls(markdown: str) -> list[str]:
    """Every place of the Markdown text where a web address was escaped, with context."""
    return [
        markdown[max(0, m.start() - 30) : m.end() + 40].replace("\n", " ")
        for m in re.finditer(r"https?\\:|www\\\.", markdown)
    ]


def unprintable(text: str) -> tuple[str, ...]:
    """The scripts of ``text`` no installed font has (the PDF would show boxes)."""
    return missing_scripts(text)


BULLET_CHECKS = {
    "no sentence punctuation at the end": lacks_end_punctuation,
    "three words or fewer": too_short,
    "bare URL": bare_url,
    "opens with a dateline or salutation": opens_with_dateline,
    "furniture phrase": furniture,
    "hover-card gluing": hover_glued,
}
PAGE_CHECKS = (
    "title as a section heading",
    "escaped URL in the Markdown",
    "characters no installed font has",
)
TARGETS = {
    "no sentence punctuation at the end": 0.01,
    "three words or fewer": 0.005,
}  # every other check: zero


# --- briefing the pages ------------------------------------------------------------------


@dataclass
class Page:
    """One page's briefing as the checks see it, or the error that stopped it."""

    key: str
    markdown: str = ""
    title: str = ""
    bullets: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    pdf: bytes = b""
    warnings: tuple[str, ...] = ()  # scripts shown as boxes (with --pdf: the PDF's own)
    error: str = ""  # why the page could not be briefed
    lede_kept: bool = False  # the article's first candidate sentence is a key point
    dangling: list[str] = field(default_factory=list)  # key points dangling alone
    key_points: int = 0
    pdf_error: str = ""  # with --pdf: why its PDF alone could not be made


def default_settings(pdf: bool = False) -> Settings:
    """The built-in settings, as `briefing make --format md` (or md and pdf) has them."""
    formats = ("md", "pdf") if pdf else ("md",)
    return load_settings({"formats": formats}, isolated=True, issued=ISSUED)


def bullets_of(briefing: Briefing) -> list[str]:
    """The key points, then every section's bullets, as the briefing shows them."""
    return [s.text for s in briefing.key_points] + [
        s.text for section in briefing.sections for s in section.bullets
    ]


def brief_page(key: str, data: bytes, settings: Settings, pdf: bool = False) -> Page:
    """Read, brief and render one page as `briefing make` does; a BriefingError is kept."""
    page = Page(key)
    try:
        article = read_bytes(data, key + ".html")
        briefing = brief(article, settings)
        if pdf:
            made = render_each(briefing, settings, ("md", "pdf"))
            page.pdf, page.warnings = made.outputs.get("pdf", b""), made.warnings
            page.pdf_error = str(made.error) if made.error else ""
            markdown = made.outputs["md"]
        else:
            markdown = render(briefing, settings, ("md",))["md"]
    except BriefingError as exc:
        page.error = str(exc)
        return page
    page.markdown = markdown.decode("utf-8")
    page.title = briefing.title
    page.bullets = bullets_of(briefing)
    page.headings = [s.heading for s in briefing.sections if s.heading]
    page.lede_kept, page.dangling = lede_and_dangling(article, briefing)
    page.key_points = len(briefing.key_points)
    if not pdf:
        page.warnings = unprintable(page.markdown)
    return page


def lede_and_dangling(article, briefing: Briefing) -> tuple[bool, list[str]]:
    """Issue 14's two reading checks on the key points: is the lede (the article's first
    sentence that passes the sentence gate) among them, and which of them open with a
    reference they do not carry ("It …", "The company …") without the sentence before
    them shown just before?"""
    texts = [s.text for s in article.sentences()]
    keys = [s.text for s in briefing.key_points]
    return lede_and_loose(texts, keys, article.metadata.language, article.title)


def load_pages(folder: Path) -> dict[str, bytes]:
    """Every page's decompressed bytes by its file name's key, sorted."""
    files = sorted((folder / "html").glob("*.html.gz"))
    if not files:
        raise SystemExit(f"no html/*.html.gz in {folder}")
    return {f.name.removesuffix(".html.gz"): gzip.decompress(f.read_bytes()) for f in files}


# --- the findings --------------------------------------------------------------------


def findings(page: Page) -> dict[str, list[str]]:
    """Every check's offending texts on one page (bullet checks, then page checks)."""
    found: dict[str, list[str]] = {name: [] for name in (*BULLET_CHECKS, *PAGE_CHECKS)}
    for text in page.bullets:
        for name, check in BULLET_CHECKS.items():
            hit = check(text)
            if hit:
                found[name].append(text if hit is True else f"[{hit}] {text}")
    heading = title_heading(page.title, page.headings)
    found["title as a section heading"] = [heading] if heading else []
    found["escaped URL in the Markdown"] = escaped_urls(page.markdown)
    found["characters no installed font has"] = list(page.warnings)
    found["headings that are not subheads (informational)"] = [
        f"[{reason}] {h}" for h in page.headings if (reason := heading_oddity(h))
    ]
    return found


def short(text: str) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def totals(pages: list[Page]) -> dict[str, int]:
    briefed = [p for p in pages if p.markdown]
    return {
        "pages": len(pages),
        "briefed": len(briefed),
        "failed": len(pages) - len(briefed),
        "bullets": sum(len(p.bullets) for p in briefed),
        "headings": sum(len(p.headings) for p in briefed),
    }


def target_of(name: str) -> str:
    share = TARGETS.get(name)
    return f"≤ {share:.1%}" if share is not None else "0"


INFORMATIONAL = "headings that are not subheads (informational)"


def measured(name: str, found: dict[str, dict[str, list[str]]], counts: dict[str, int]):
    """(found, counted over, unit): bullets and headings one by one, pages once each."""
    hits = [texts[name] for texts in found.values() if texts[name]]
    if name in PAGE_CHECKS:
        return len(hits), counts["briefed"], "pages"
    unit = "headings" if name == INFORMATIONAL else "bullets"
    return sum(map(len, hits)), counts[unit], unit


def table(found: dict[str, dict[str, list[str]]], counts: dict[str, int]) -> list[str]:
    """One row per check: what is counted, how many, the rate, the issue's target."""
    rows = [
        "| check | found | counted over | rate | target | met | pages |",
        "| --- | ---: | --- | ---: | --- | --- | ---: |",
    ]
    for name in (*BULLET_CHECKS, *PAGE_CHECKS, INFORMATIONAL):
        n, over, unit = measured(name, found, counts)
        pages = sum(1 for texts in found.values() if texts[name])
        rate = f"{n / over:.2%}" if over else "-"
        if name == INFORMATIONAL:
            target, ok = "-", "-"
        else:
            target, ok = target_of(name), ("yes" if n <= TARGETS.get(name, 0) * over else "no")
        rows.append(f"| {name} | {n} | {over} {unit} | {rate} | {target} | {ok} | {pages} |")
    return rows


def examples(found: dict[str, dict[str, list[str]]]) -> list[str]:
    """Per check: the pages it found something on, and the offending texts."""
    lines = []
    for name in (*BULLET_CHECKS, *PAGE_CHECKS, INFORMATIONAL):
        hits = [(key, text) for key, texts in found.items() for text in texts[name]]
        lines += [f"### {name} ({len(hits)})", ""]
        if not hits:
            lines += ["None.", ""]
            continue
        keys = sorted({key for key, _ in hits})
        lines += [f"Pages: {', '.join(f'`{k}`' for k in keys)}.", ""]
        lines += [f"- `{key}` {short(text)}" for key, text in hits[:EXAMPLES]]
        more = len(hits) - EXAMPLES
        lines += [f"- … and {more} more (`--dump DIR` to read them all)"] if more > 0 else []
        lines.append("")
    return lines


def commit() -> str:
    """The worktree's commit, marked when files differ from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + (" with uncommitted changes" if dirty else "")


def report(pages: list[Page], seconds: float, command: str) -> str:
    """The whole of bench/fidelity.md."""
    counts = totals(pages)
    found = {page.key[:KEY]: findings(page) for page in pages if page.markdown}
    failed = [f"- `{p.key[:KEY]}` {short(p.error)}" for p in pages if p.error]
    failed += [f"- `{p.key[:KEY]}` PDF only: {short(p.pdf_error)}" for p in pages if p.pdf_error]
    fonts = (
        "the warnings of the PDFs rendered for real (`--pdf`)"
        if any(p.pdf for p in pages)
        else "fontconfig's coverage of the Markdown's characters, as `briefing make` asks it "
        "before a PDF (no PDF rendered; `--pdf` renders them)"
    )
    lines = [
        "# Briefing fidelity: whole sentences, no site furniture",
        "",
        f"Made on {date.today().isoformat()} at commit {commit()} by `{command}` "
        f"({seconds:.1f} s for all pages, {seconds / max(1, len(pages)):.2f} s a page).",
        "",
        f"Data: {counts['pages']} news pages (the folder's `html/*.html.gz`; by default the "
        "article-extraction benchmark's, as in bench/extraction.md), sorted, each briefed as "
        "`briefing make PAGE --format md` briefs it (built-in settings). "
        f"Briefed: {counts['briefed']}; failed: {counts['failed']}; bullets (key points and "
        f"section bullets): {counts['bullets']}; section headings shown: {counts['headings']}.",
        "",
        "Bullet checks count bullets; page checks count pages with at least one finding; the "
        "informational row counts shown section headings. Targets are issue 13's: at most 1% "
        "of bullets without sentence punctuation, at most 0.5% of three words or fewer, zero "
        "of every other check. What each check matches is documented in `bench/fidelity.py`. "
        f"Characters no installed font has: {fonts}.",
        "",
        *table(found, counts),
        "",
        *reading(pages),
        "## Pages that could not be briefed",
        "",
        *(failed or ["None."]),
        "",
        "## What each check found (page key: first 8 characters of its file name)",
        "",
        *examples(found),
    ]
    return "\n".join(lines).rstrip() + "\n"


def reading(pages: list[Page]) -> list[str]:
    """Issue 14's lede and dangling-opener rates on these pages, with the pages named."""
    briefed = [p for p in pages if p.markdown]
    missing = [p.key[:KEY] for p in briefed if not p.lede_kept]
    dangling = [(p.key[:KEY], t) for p in briefed for t in p.dangling]
    shown = sum(p.key_points for p in briefed)
    kept = len(briefed) - len(missing)
    return [
        "## The lede and dangling openers (issue 14)",
        "",
        f"The lede among the key points: {kept} of {len(briefed)} briefings "
        f"({100 * kept / max(len(briefed), 1):.1f}%, target at least 90%); key points opening "
        f"with a reference they do not carry, shown without the sentence before: "
        f"{len(dangling)} of {shown} ({100 * len(dangling) / max(shown, 1):.1f}%, target under "
        "3%).",
        "",
        f"Lede not a key point: {', '.join(f'`{k}`' for k in missing) or 'none'}.",
        "",
        *[f"- `{key}` {short(text)}" for key, text in dangling] + ([""] if dangling else []),
    ]


def run(folder: Path, pdf: bool = False, dump: Path | None = None) -> tuple[list[Page], float]:
    """Brief every page in sorted order; the pages and the seconds it took."""
    data = load_pages(folder)
    settings = default_settings(pdf)
    started = time.perf_counter()
    pages = [brief_page(key, raw, settings, pdf) for key, raw in data.items()]
    seconds = time.perf_counter() - started
    if dump:
        dump.mkdir(parents=True, exist_ok=True)
        for page in pages:
            if page.markdown:
                (dump / f"{page.key}.md").write_text(page.markdown, encoding="utf-8")
            if page.pdf:
                (dump / f"{page.key}.pdf").write_bytes(page.pdf)
    return pages, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data", nargs="?", type=Path, default=DEFAULT_DATA, help="folder with html/*.html.gz"
    )
    parser.add_argument("--dump", type=Path, help="write every page's briefing to DIR/<key>.md")
    parser.add_argument("--pdf", action="store_true", help="render every PDF for real (slow)")
    args = parser.parse_args()
    pages, seconds = run(args.data, args.pdf, args.dump)
    shown = f" {args.data}" if args.data != DEFAULT_DATA else ""
    shown += " --pdf" if args.pdf else ""
    text = report(pages, seconds, f".venv/bin/python bench/fidelity.py{shown}")
    counts = totals(pages)
    found = {page.key[:KEY]: findings(page) for page in pages if page.markdown}
    print("\n".join(table(found, counts)))
    (ROOT / "bench" / "fidelity.md").write_text(text, encoding="utf-8")
    print(f"wrote bench/fidelity.md ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
