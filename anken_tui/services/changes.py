"""Provides what changed since a screen last looked: the ids of the cases written since a change token.

A token is the id of the newest change-log row a screen has seen. Asking with
it costs one index lookup when nothing changed, so screens can ask every
second. The rows are written by database triggers for every write, whichever
process or computer made it.
"""

import logging
from dataclasses import dataclass

from peewee import fn

from anken_tui.db.changes import CaseChange
from anken_tui.db.transactions import write_transaction

log = logging.getLogger(__name__)

# More changed cases than this at once (a restore, a bulk import) reload the whole screen instead.
MAX_CHANGED_CASES = 200

# Change-log rows kept when the log is pruned; a screen whose token is older reloads everything.
KEEP_ROWS = 20_000


@dataclass(frozen=True)
class Changes:
    """The result of changes_since: the token to ask with next time, and what changed."""

    token: int
    case_ids: frozenset[int]
    """The cases written since the token that was asked with."""
    reload_all: bool = False
    """True when the changes cannot be listed (the log was pruned or restored past the token, or too many
    cases changed): the screen should load everything again."""


def current_token() -> int:
    """Return the token of the newest change, to ask changes_since with after loading a screen."""
    return CaseChange.select(fn.MAX(CaseChange.id)).scalar() or 0


def changes_since(token: int) -> Changes:
    """Return the cases written after `token`, and the token to ask with next time."""
    oldest, newest = CaseChange.select(fn.MIN(CaseChange.id), fn.MAX(CaseChange.id)).tuples().get()
    newest = newest or 0
    if newest == token:
        return Changes(token, frozenset())
    if newest < token or (oldest or 0) > token + 1:
        log.info("change log does not reach back to token %s (ids %s to %s); reloading", token, oldest, newest)
        return Changes(newest, frozenset(), reload_all=True)

    rows = (
        CaseChange.select(CaseChange.case_id)
        .where((CaseChange.id > token) & (CaseChange.id <= newest))
        .distinct()
        .limit(MAX_CHANGED_CASES + 1)
        .tuples()
    )
    case_ids = frozenset(case_id for (case_id,) in rows)
    if len(case_ids) > MAX_CHANGED_CASES:
        return Changes(newest, frozenset(), reload_all=True)
    return Changes(newest, case_ids)


def prune_change_log(keep: int = KEEP_ROWS) -> int:
    """Delete all but the newest `keep` change-log rows and return how many were deleted.

    The newest row always stays: it is the current token, and on PostgreSQL the
    next id would not follow on from an empty table's token of 0. A screen whose
    token is older than the rows kept gets reload_all from changes_since.
    """
    keep = max(keep, 1)
    with write_transaction():
        newest = current_token()
        deleted = CaseChange.delete().where(CaseChange.id <= newest - keep).execute()
    if deleted:
        log.info("pruned %s change-log rows", deleted)
    return deleted
