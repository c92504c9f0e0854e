"""Provides pausing a case's stale flag until a date, with a reason (保留)."""

import logging
from datetime import date

from anken_tui import texts
from anken_tui.clock import Clock, to_storage
from anken_tui.db.models import Case, Note
from anken_tui.db.transactions import write_transaction
from anken_tui.errors import ConflictError, NotFoundError, ValidationError
from anken_tui.services.summaries import StaffRef

log = logging.getLogger(__name__)

MAX_REASON_LENGTH = 200


def snooze_stale(
    case_id: int, until: date, reason: str, *, expected_version: int, user: StaffRef, clock: Clock
) -> None:
    """Pause the stale flag of a case until `until` and write the reason to its notes (詳細).

    The case comes back to the stale view on `until`. Raises ValidationError
    for a date not after today or an empty reason, and ConflictError when the
    case changed since it was read; nothing is written then.
    """
    today = clock.today()
    reason = " ".join(reason.split())
    if until <= today:
        raise ValidationError(texts.SNOOZE_UNTIL, texts.SNOOZE_UNTIL_PAST.format(today=_short(today)))
    if not reason:
        raise ValidationError(texts.SNOOZE_REASON, texts.SNOOZE_REASON_REQUIRED)
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(texts.SNOOZE_REASON, texts.SNOOZE_REASON_TOO_LONG.format(limit=MAX_REASON_LENGTH))

    now = to_storage(clock.now())
    with write_transaction():
        written = (
            Case.update(
                stale_snoozed_until=until,
                stale_snooze_reason=reason,
                updated_at=now,
                updated_by=user.id,
                version=Case.version + 1,
            )
            .where((Case.id == case_id) & (Case.version == expected_version))
            .execute()
        )
        if written != 1:
            if Case.get_or_none(Case.id == case_id) is None:
                raise NotFoundError(texts.CASE_NOT_FOUND.format(case_id=case_id))
            raise ConflictError(texts.CONFLICT_UNKNOWN)
        Note.create(
            case=case_id,
            written_on=today,
            author=user.id,
            text=texts.SNOOZE_NOTE.format(until=_short(until), reason=reason),
            created_at=now,
        )

    log.info("snoozed stale flag of case %s until %s by staff %s", case_id, until.isoformat(), user.id)


def _short(day: date) -> str:
    return f"{day.year}/{day.month}/{day.day}"
