"""What of a shopper's search query goes to the search backend: words, never syntax.

Wagtail's database backends put each word into the engine's own query language (SQLite FTS5
MATCH, PostgreSQL tsquery) and do not escape everything: a double quote ends FTS5's quoted
term, and PostgreSQL refuses a NUL byte. So only words go in: runs of letters, digits and
their combining marks. Everything else (quotes, NUL and other control characters, `*`, `-`,
`:`, parentheses, ...) separates words, as the backends' tokenizers do anyway, and FTS
operators such as AND/OR/NOT/NEAR are searched as ordinary words.
"""

import re
import unicodedata

# Longest query searched; a longer one is refused with a message (the header box has this maxlength).
QUERY_MAX = 100

_SPACES = re.compile(r"\s+")


def _category(char: str) -> str:
    return unicodedata.category(char)[0]


def visible_query(text: str) -> str:
    """The query as the shopper means it, for showing back: control and other invisible
    characters (NUL included) become spaces, runs of spaces one space, no spaces at the ends."""
    text = "".join(" " if _category(char) in "CZ" else char for char in text)
    return _SPACES.sub(" ", text).strip()


def searchable_words(text: str) -> list[str]:
    """The words of ``text`` the search backend may see, in order (NFKC-normalised)."""
    text = unicodedata.normalize("NFKC", text)
    separated = "".join(char if _category(char) in "LNM" else " " for char in text)
    # A word is a run of letters/digits with their marks; a lone combining mark is no word.
    return [word for word in separated.split() if any(_category(char) in "LN" for char in word)]
