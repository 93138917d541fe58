"""briefing: news articles in, extractive situation reports out.

The pipeline, one module per stage: read (bytes -> Article) -> summarize (Ranking) ->
compose (Briefing) -> render (Markdown, HTML, PDF, JSON) -> publish (files, mail).
``settings`` builds the one checked Settings of a run, ``pipeline`` runs the stages for
one article, ``batch`` runs many, ``api`` holds the calls that read and write files.

The public names below are imported on first use, so ``import briefing`` stays light.
``render`` lives in ``briefing.pipeline`` (``briefing.render`` is the renderers' package).
"""

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Briefing",
    "BriefingError",
    "DailyResult",
    "MarkdownText",
    "Result",
    "Settings",
    "UsageError",
    "brief",
    "daily",
    "email",
    "load_settings",
    "make",
    "make_many",
    "read_bytes",
    "read_many",
    "read_path",
    "read_text",
    "render",
]

_HOME = {
    "Article": "model",
    "Briefing": "model",
    "BriefingError": "errors",
    "UsageError": "errors",
    "Settings": "settings",
    "load_settings": "settings",
    "brief": "pipeline",
    "render": "pipeline",
    "MarkdownText": "pipeline",
    "read_path": "read",
    "read_bytes": "read",
    "read_text": "read",
    "make": "api",
    "make_many": "api",
    "daily": "api",
    "email": "api",
    "read_many": "api",
    "Result": "api",
    "DailyResult": "api",
}


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_HOME[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
