"""Rasid (راصد): Arabic-first news intelligence."""

from rasid.document import Document, Span

__version__ = "0.1.0"
__all__ = ["Document", "Span", "__version__", "analyze"]


def analyze(text: str, published: str | None = None, **meta: object) -> Document:
    """Analyse one article with the default pipeline and return its Document."""
    from rasid.pipeline import default_pipeline

    doc = Document(text=text, published=published, **meta)  # type: ignore[arg-type]
    return default_pipeline()(doc)
