"""Column mappings shared by the tabular formats (CSV, Arrow, Parquet, pandas, Hugging Face).

A mapping names, for some Article fields, the column that holds them:
``{"text": "body", "title": "headline"}``, or on the command line
``--columns text=body,title=headline``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from corpuskit.errors import ConfigError

__all__ = ["ARTICLE_FIELDS", "column_map", "split_authors"]

ARTICLE_FIELDS = (
    "id",
    "title",
    "date",
    "date_raw",
    "url",
    "authors",
    "language",
    "text",
    "meta",
    "source",
)
"""The Article fields a column can fill, in the order tabular writers put them."""


def column_map(columns: str | Mapping[str, str] | None) -> dict[str, str]:
    """Read a ``FIELD=COLUMN,...`` string (or a mapping) into ``{field: column}``.

    Raises :class:`ConfigError` for a malformed string or a field that is not an Article field.
    """
    if not columns:
        return {}
    if isinstance(columns, str):
        pairs = [item.split("=", 1) for item in columns.split(",") if item.strip()]
        if any(len(pair) != 2 for pair in pairs):  # noqa: PLR2004
            raise ConfigError(
                f"--columns takes FIELD=COLUMN pairs separated by commas, got {columns!r}"
            )
        columns = {field.strip(): column.strip() for field, column in pairs}
    unknown = sorted(set(columns) - set(ARTICLE_FIELDS))
    if unknown:
        raise ConfigError(
            f"--columns names unknown fields {unknown}; fields are {', '.join(ARTICLE_FIELDS)}"
        )
    return dict(columns)


def split_authors(cell: str) -> list[str]:
    """Authors from one text cell: a JSON list, or names separated by ``;``."""
    if cell.startswith("["):
        loaded = json.loads(cell)
        if not isinstance(loaded, list):
            raise ValueError("the authors cell must hold a JSON list")
        return [str(author) for author in loaded]
    return [author.strip() for author in cell.split(";") if author.strip()]
