"""briefing: news articles in, extractive situation reports out.

The pipeline, one module per stage:
read (text -> Article) -> summarize (Article -> Ranking) -> compose (Briefing)
-> render (Markdown, HTML, PDF) -> publish (files). ``briefing.api`` ties them together.
"""

__version__ = "0.1.0"
