"""Provides the Japanese text of the screens, keys and messages, kept in one place for review."""

from anken_tui.domain.moves import MoveCheck, Rejection

APP_TITLE = "案件管理"

ROLE_LABELS = {"sales": "営業", "office": "事務"}

# Footer and command palette descriptions: short, in the office's own words.
KEY_NEXT_STAGE = "次へ"
KEY_PREVIOUS_STAGE = "戻す"
KEY_PICK_STAGE = "移動"
KEY_END_CASE = "完了"
KEY_UNDO = "取消"
KEY_NEW_CASE = "新規"
KEY_FILTER = "絞込"
KEY_QUIT = "終了"
KEY_LINE = "{label}"

HELP_NEXT_STAGE = "選んだ案件を次のステージへ進めます"
HELP_PREVIOUS_STAGE = "選んだ案件を一つ前のステージへ戻します(訂正)"
HELP_PICK_STAGE = "移動先のステージを一覧から選びます"
HELP_END_CASE = "案件を結果と理由を付けて案件完了にします"
HELP_UNDO = "この起動中に行った最後の移動を取り消します"
HELP_NEW_CASE = "このボードに新しい案件を登録します"
HELP_FILTER = "顧客名・フリガナ・件名でカードを絞り込みます"
HELP_QUIT = "案件管理を終了します"
HELP_LINE = "{label}のボードを開きます"

HEADER_BOARD = "{label}  進行中 {count}件"
COLUMN_TITLE = "{stage} {count}"
COMPLETED_HIDDEN = "ほか {count}件(30日より前)"
EMPTY_COLUMN = "(案件なし)"
CUSTOMER_HONORIFIC = "{name}様"
DAYS_IN_STAGE = "{days}日"
FILTER_PLACEHOLDER = "顧客名・フリガナ・件名で絞り込み(Esc で解除)"
FILTER_ACTIVE = "絞り込み中: {query}"

MOVED = "「{title}」を{stage}へ移動しました"
UNDONE = "「{title}」の移動を取り消し、{stage}へ戻しました"
NOTHING_TO_UNDO = "取り消せる移動はありません"
NO_CARD_SELECTED = "案件が選ばれていません"
CASE_CREATED = "案件「{title}」を登録しました"
NO_NEXT_STAGE = "案件完了の先にはステージがありません"
NO_PREVIOUS_STAGE = "案件受付より前のステージはありません"

MOVE_REJECTIONS = {
    Rejection.SAME_STAGE: "すでに{target}にあります。",
    Rejection.UNKNOWN_STAGE: "{target}はこの事業区分のステージではありません。",
    Rejection.NOT_IN_FLOW: "自費の販売には事後申請がないため、{target}へは移動できません。",
    Rejection.PAST_COMPLETED: "案件完了の案件は、一つ前のステージへ戻す訂正しかできません。",
    Rejection.BEFORE_RECEIVED: "案件受付より前のステージはありません。",
    Rejection.BACK_TOO_FAR: "戻せるのは一つ前のステージ({allowed})までです。",
    Rejection.SKIP_NOT_ALLOWED: "{blocking}は飛ばせません。先に{blocking}へ移動してください。",
}

CONFLICT = "{who}さんが{when}にこの案件を変更していました。最新の内容を表示しました。もう一度操作してください。"
CONFLICT_UNKNOWN = "ほかの人がこの案件を変更していました。最新の内容を表示しました。もう一度操作してください。"
UNDO_CONFLICT = "この案件は移動のあとに変更されたため、取り消せません。ステージを選び直してください。"
CASE_NOT_FOUND = "案件(ID {case_id})が見つかりません。一覧を読み込み直してください。"
DATABASE_BUSY = "ほかの人がデータベースに書き込み中のため、保存できませんでした。何も保存されていません。少し待ってからもう一度操作してください。"

# Stage picker and end-of-case dialogs.
PICK_STAGE_TITLE = "「{title}」の移動先"
PICK_STAGE_NONE = "移動できるステージがありません"
MOVE_KIND_LABELS = {"next": "次へ", "back": "戻す(訂正)", "skip": "飛ばして進む", "end_early": "途中で終了"}
CONFIRM_SKIP = "{skipped}を飛ばして{target}へ移動します。よろしいですか?"
CONFIRM_YES = "移動する"
CONFIRM_NO = "やめる"
END_CASE_TITLE = "「{title}」を案件完了にする"
END_CASE_OUTCOME = "結果"
END_CASE_REASON = "理由"
END_CASE_REASON_PLACEHOLDER = "例: ご家族と相談の結果、見送りとなった"
END_CASE_SAVE = "完了にする"
END_CASE_CANCEL = "やめる"
REASON_REQUIRED = "結果が「{outcome}」のときは理由を入力してください。"
OUTCOME_NOT_ALLOWED = "途中で終了する案件は「成約」にできません。結果を選び直してください。"
OUTCOME_REQUIRED = "結果を選んでください。"


def move_rejection(check: MoveCheck, allowed_back: str | None = None) -> str:
    """Return the Japanese message for a rejected move."""
    template = MOVE_REJECTIONS[check.rejection]
    return template.format(target=check.target, blocking=check.blocking_stage, allowed=allowed_back or "")
