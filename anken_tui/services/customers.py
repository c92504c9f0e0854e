"""Provides searching customers by name or フリガナ for the new case form."""

from anken_tui.db.models import Customer
from anken_tui.domain.kana import search_key
from anken_tui.services.summaries import CustomerRef

DEFAULT_LIMIT = 20


def search_customers(query: str, limit: int = DEFAULT_LIMIT) -> list[CustomerRef]:
    """Return up to `limit` customers whose name or フリガナ contains `query`, by フリガナ.

    The query is normalised like the stored key (NFKC, katakana, no spaces), so
    kanji, hiragana, katakana and half-width kana all match. A `%` or `_` in the
    query is matched literally. An empty query returns no customers.
    """
    key = search_key(query)
    if not key:
        return []

    # Peewee 4.5's contains() escapes %, _ and \ in the value and adds ESCAPE '\'
    # to the LIKE, so a typed % stays literal. The search tests check this.
    rows = (
        Customer.select(Customer.id, Customer.name, Customer.furigana)
        .where(Customer.search_key.contains(key))
        .order_by(Customer.furigana, Customer.id)
        .limit(limit)
        .tuples()
    )
    return [CustomerRef(id=row[0], name=row[1], furigana=row[2]) for row in rows]
