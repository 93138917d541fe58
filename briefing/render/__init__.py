"""Briefing -> Markdown, HTML and PDF. Returns text or bytes; never writes files."""
