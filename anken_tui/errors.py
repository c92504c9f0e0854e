"""Provides the exceptions that carry a Japanese message for the user."""


class AnkenError(Exception):
    """An error the user should read: `message` is Japanese and says what to do."""

    title = "エラー"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MoveRejectedError(AnkenError):
    """A stage change that the rules do not allow."""

    title = "移動できません"


class ValidationError(AnkenError):
    """Invalid input; `field` names the form field (in Japanese) that needs fixing."""

    title = "入力を確認してください"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ConflictError(AnkenError):
    """Someone else changed the record after it was read, so nothing was written."""

    title = "ほかの人が先に変更しました"


class NotFoundError(AnkenError):
    """The record no longer exists."""

    title = "見つかりません"


class DatabaseBusyError(AnkenError):
    """The database stayed locked by another writer longer than the busy timeout."""

    title = "データベースが使用中です"
