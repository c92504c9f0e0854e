"""Provides looking up and registering staff (営業 and 事務)."""

from anken_tui.clock import Clock, to_storage
from anken_tui.db.models import Staff
from anken_tui.db.transactions import write_transaction
from anken_tui.errors import ValidationError
from anken_tui.services.summaries import StaffRef

ROLES = ("sales", "office")
MAX_NAME_CELLS = 50


def _ref(staff: Staff) -> StaffRef:
    return StaffRef(id=staff.id, name=staff.name, role=staff.role)


def _normalize_name(name: str) -> str:
    # str.split() also splits at the full-width space U+3000, which Japanese input often types.
    return " ".join(name.split())


def find_staff(name: str) -> StaffRef | None:
    """Return the staff member called `name`, or None if nobody has that name.

    `name` is compared with its spaces normalised as register_staff stores them.
    """
    staff = Staff.get_or_none(Staff.name == _normalize_name(name))
    return _ref(staff) if staff is not None else None


def list_staff(active_only: bool = True) -> list[StaffRef]:
    """Return the staff ordered by name; only active staff unless `active_only` is False."""
    query = Staff.select().order_by(Staff.name)
    if active_only:
        query = query.where(Staff.active == True)  # noqa: E712 (Peewee builds SQL from ==)
    return [_ref(staff) for staff in query]


def register_staff(name: str, role: str, clock: Clock) -> StaffRef:
    """Register a member of staff and return them; return the existing row if the name is taken.

    Raises ValidationError for an empty or too long name or an unknown role.
    """
    name = _normalize_name(name)
    if not name:
        raise ValidationError("名前", "名前を入力してください。")
    if len(name) > MAX_NAME_CELLS:
        raise ValidationError("名前", f"名前は{MAX_NAME_CELLS}文字以内で入力してください。")
    if role not in ROLES:
        raise ValidationError("役割", "役割は「営業」か「事務」を選んでください。")

    with write_transaction():
        staff, _created = Staff.get_or_create(
            name=name, defaults={"role": role, "active": True, "created_at": to_storage(clock.now())}
        )
    return _ref(staff)
