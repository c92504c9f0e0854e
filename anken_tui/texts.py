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
    Rejection.PAST_COMPLETED: "案件完了の案件は、完了の直前のステージ({allowed})へ戻す訂正しかできません。",
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


# --- Modal dialogs: stage picker, confirmation, end of case, new case (案件登録), user setup ---
DIALOG_HINT_PICK = "↑↓ 選ぶ   Enter 決定   Esc やめる"
DIALOG_HINT_CLOSE = "Esc 閉じる"
DIALOG_HINT_CONFIRM = "Enter 決定   y はい   n・Esc いいえ"
DIALOG_HINT_END_CASE = "Enter 完了にする   Esc やめる"
DIALOG_HINT_NEW_CASE = "Ctrl+S 登録   Tab 次の項目   Esc やめる"
DIALOG_HINT_USER_SETUP = "一覧で Enter を押すか、名前と役割を入れて登録します"
FIELD_ERROR = "{field}: {message}"

PICK_STAGE_SKIPPED = "{stages}を飛ばす"
STAGE_SEPARATOR = "・"

END_CASE_REASON_REQUIRED = "理由(必須)"
END_CASE_REASON_OPTIONAL = "理由(任意)"

NEW_CASE_TITLE = "案件登録({line})"
NEW_CASE_LINE = "事業区分"
NEW_CASE_CUSTOMER = "顧客"
NEW_CASE_CUSTOMER_EXISTING = "登録済みの顧客"
NEW_CASE_CUSTOMER_NEW = "新しい顧客"
NEW_CASE_SEARCH = "検索"
NEW_CASE_SEARCH_PLACEHOLDER = "顧客名・フリガナの一部(ひらがなでも可)"
NEW_CASE_NO_MATCH = "該当する顧客がいません。「新しい顧客」を選んで登録してください"
NEW_CASE_PICKED = "{name}様({furigana})"
NEW_CASE_NOT_PICKED = "未選択: 検索して一覧で Enter を押します"
NEW_CASE_PICK_CUSTOMER = "顧客が選ばれていません。検索して一覧で Enter を押すか、「新しい顧客」を選んでください。"
NEW_CASE_NAME = "顧客名"
NEW_CASE_NAME_PLACEHOLDER = "例: 山田 花子"
NEW_CASE_FURIGANA = "フリガナ"
NEW_CASE_FURIGANA_PLACEHOLDER = "例: ヤマダ ハナコ(ひらがなでも可)"
NEW_CASE_CASE_TITLE = "件名"
NEW_CASE_CASE_TITLE_PLACEHOLDER = "例: ポータブルトイレ購入"
NEW_CASE_KIND = "介護保険/自費"
NEW_CASE_OWNER = "営業担当者"
NEW_CASE_SAVE = "登録"
NEW_CASE_CANCEL = "やめる"
STAFF_OPTION = "{name}({role})"
DISCARD_NEW_CASE = "入力内容を破棄しますか?"
DISCARD_YES = "破棄する"
DISCARD_NO = "入力に戻る"

USER_SETUP_TITLE = "入力者を設定してください"
USER_SETUP_EXPLAIN = "この名前は変更や詳細のたびに記録され、設定ファイルに保存されます。"
USER_SETUP_PICK = "登録済みの人から選ぶ"
USER_SETUP_NEW = "新しく登録する"
USER_SETUP_NAME = "名前"
USER_SETUP_NAME_PLACEHOLDER = "例: 山口"
USER_SETUP_ROLE = "役割"
USER_SETUP_REGISTER = "登録して始める"
USER_SETUP_REQUIRED = "入力者を設定するまで案件管理は使えません。一覧から選ぶか、名前と役割を入れて登録してください。"


# --- Board screen, stage columns and app shell ---

KEY_COLUMN_LEFT = "左の列"
KEY_COLUMN_RIGHT = "右の列"
KEY_CARD_UP = "上の案件"
KEY_CARD_DOWN = "下の案件"
KEY_CARD_FIRST = "先頭の案件"
KEY_CARD_LAST = "末尾の案件"
KEY_PAGE_UP = "前のページ"
KEY_PAGE_DOWN = "次のページ"
KEY_CLEAR_FILTER = "解除"
KEY_PALETTE = "コマンド"
KEY_LINE_GROUP = "ボード"
HELP_CLEAR_FILTER = "絞り込みを解除して、すべての案件を表示します"
HELP_COLUMN_LEFT = "左のステージへ移ります"
HELP_COLUMN_RIGHT = "右のステージへ移ります"

COMMAND_THEME = "配色を変える"
HELP_THEME = "画面の配色(テーマ)を選びます"
COMMAND_KEYS = "キー一覧"
HELP_KEYS = "今使えるキーの一覧を表示・非表示にします"
PALETTE_PLACEHOLDER = "コマンドを検索…"

HEADER_USER = "入力者 {name}"
NO_OWNER = "担当未定"
FILTER_NO_MATCH = "(該当なし)"
SETTINGS_SAVE_FAILED = "入力者を設定ファイルに保存できませんでした"


# --- Command line (cli.py, paths.py): help, usage errors, database paths, `anken-tui paths` ---
CLI_USAGE_PREFIX = "使い方: "
CLI_DESCRIPTION = (
    "案件管理(anken-tui): 福祉用具のレンタル・販売、住宅改修、設備の案件を、"
    "事業区分ごとのボードでキーボードだけで管理します。"
)
CLI_EXAMPLES_TITLE = "例:"
CLI_EXAMPLES = (
    ("anken-tui --demo", "デモデータで試す"),
    ("anken-tui --user 山口", "入力者を「山口」にして開く"),
    ("anken-tui --db ~/anken.db", "別のデータベースファイルを開く"),
    ("anken-tui paths", "データや設定ファイルの場所を確かめる"),
)
CLI_GROUP_COMMANDS = "コマンド"
CLI_GROUP_OPTIONS = "オプション"
CLI_HELP_COMMAND = "データベース、デモ用データベース、設定ファイル、ログファイルの場所を表示して終了します"
CLI_HELP_HELP = "このヘルプを表示して終了します"
CLI_HELP_VERSION = "バージョンを表示して終了します"
CLI_HELP_DB = (
    "開くデータベース(SQLite)ファイルのパス。ファイルがなければ作ります。"
    "省略時は環境変数 ANKEN_TUI_DB、それもなければ既定の場所({default})"
)
CLI_HELP_DEMO = (
    "デモ用のデータベース({demo})を開きます。空ならデモデータ(架空の案件 約60件)を入れます。"
    "本番のデータベースには触れません"
)
CLI_HELP_RESET = "--demo と一緒に指定し、デモ用のデータベースを消してデモデータを入れ直します"
CLI_HELP_USER = (
    "入力者(詳細やステージの変更に記録される名前)。"
    "省略時は設定ファイル({settings})の user、それもなければ起動時に尋ねます"
)
CLI_HELP_LINE = (
    "最初に開くボード: rental(レンタル)、sales(福祉用具販売)、renovation(住宅改修)、"
    "equipment(設備)。既定は rental"
)

CLI_ERROR = "{prog}: エラー: {message}"
CLI_SEE_HELP = "使い方は anken-tui --help で確認できます。"
CLI_UNKNOWN_OPTION = "{option} というオプションはありません。"
CLI_DID_YOU_MEAN = "{candidate} のことですか?"
CLI_UNKNOWN_COMMAND = "{command} というコマンドはありません。使えるコマンドは paths です(例: anken-tui paths)。"
CLI_EXTRA_ARGUMENTS = "余分な引数 {values} があります。値に空白を含むときは \"\" で囲んでください。"
CLI_MISSING_VALUE = "{option} のあとに{what}を指定してください(例: {example})。"
CLI_DASH_VALUE_HINT = "- で始まる値は {option}=値 の形で書いてください。"
CLI_FLAG_TAKES_NO_VALUE = "{option} には値を付けません。{option} だけを指定してください。"
CLI_USAGE_GENERIC = "コマンドラインの指定が正しくありません(詳細: {detail})。"
CLI_VALUE_WHAT = {
    "--db": "データベースファイルのパス",
    "--user": "入力者の名前",
    "--line": "最初に開く事業区分",
}
CLI_VALUE_EXAMPLE = {
    "--db": "anken-tui --db ~/anken.db",
    "--user": "anken-tui --user 山口",
    "--line": "anken-tui --line sales",
}
CLI_RESET_NEEDS_DEMO = (
    "--reset はデモ用のデータベースを作り直すオプションです。--demo と一緒に指定してください"
    "(例: anken-tui --demo --reset)。本番のデータベースは --reset では消せません。"
)
CLI_DEMO_WITH_DB = (
    "--demo と --db は同時に指定できません。デモを開くなら --demo だけを、"
    "ほかのデータベースを開くなら --db だけを指定してください。"
)
CLI_BAD_LINE = (
    "--line に {value} は指定できません。rental(レンタル)、sales(福祉用具販売)、"
    "renovation(住宅改修)、equipment(設備)のどれかを指定してください。"
)
CLI_USER_INVALID = (
    "--user の名前が空か、改行などの制御文字を含んでいます。"
    "anken-tui --user 山口 のように入力者の名前を指定してください。"
)

CLI_DB_EMPTY = "{origin} にデータベースファイルのパスが入っていません。ファイルのパスを指定してください。"
CLI_DB_POSTGRESQL_NOT_YET = (
    "{origin} に PostgreSQL の URL が指定されましたが、PostgreSQL にはまだ対応していません。"
    "今は SQLite のファイルのパス(例: ~/anken.db)を指定してください。"
)
CLI_DB_URL_NOT_SUPPORTED = (
    "{origin} に {scheme}:// で始まる URL が指定されましたが、URL での指定には対応していません。"
    "SQLite のファイルのパス(例: ~/anken.db)を指定してください。"
)
CLI_DB_FOLDER_FAILED = (
    "データベースのフォルダー {folder} を作成できません({reason})。"
    "{path} を置けるフォルダーを --db か環境変数 ANKEN_TUI_DB で指定し直してください。"
)
CLI_DB_IS_FOLDER = (
    "{path} はフォルダーです。データベースにはファイルのパスを指定してください(例: {path}/anken.db)。"
)
CLI_DB_UNREADABLE = "データベースファイル {path} を読み込めません({reason})。ファイルの読み取り権限を確認してください。"
CLI_DB_NOT_SQLITE = (
    "{path} は SQLite のデータベースファイルではありません。ファイルには手を付けていません。"
    "パスが正しいか確認し、新しく始めるなら存在しないファイル名を指定してください。"
)
CLI_DB_OPEN_FAILED = (
    "データベースファイル {path} を開けませんでした(詳細: {detail})。"
    "ファイルとフォルダーの書き込み権限を確認してください。ファイルが壊れているときはバックアップから戻してください。"
)
CLI_LOG_UNAVAILABLE = "ログファイル {path} を作成できません({reason})。ログを残さずに起動します。"

# Causes of common file errors, by errno name; others show the system's own words.
OS_ERROR_REASONS = {
    "EACCES": "権限がありません",
    "EPERM": "権限がありません",
    "ENOTDIR": "途中のパスがフォルダーではなくファイルです",
    "EEXIST": "同じ名前のファイルがあります",
    "EROFS": "読み取り専用の場所です",
    "ENOSPC": "ディスクの空きがありません",
    "ENAMETOOLONG": "パスが長すぎます",
}

PATHS_DATABASE = "データベース"
PATHS_DEMO_DATABASE = "デモ用データベース"
PATHS_SETTINGS = "設定ファイル"
PATHS_LOG = "ログファイル"
PATHS_NOT_CREATED = "(まだありません)"
PATHS_SOURCES = {
    "option": "(--db で指定)",
    "environment": "(環境変数 ANKEN_TUI_DB で指定)",
}

# --- Stale view (滞留案件), snooze (保留) and office follow-ups (事務残) ---
SNOOZE_UNTIL = "保留期限"
SNOOZE_REASON = "保留の理由"
SNOOZE_UNTIL_PAST = "保留期限は今日({today})より後の日付にしてください。"
SNOOZE_REASON_REQUIRED = "保留の理由を入力してください(例: ケアマネの返答待ち)。"
SNOOZE_REASON_TOO_LONG = "保留の理由は{limit}文字以内で入力してください。"
SNOOZE_NOTE = "滞留を保留({until}まで): {reason}"
FOLLOW_UP_LABELS = {
    "work_before_approval": "市の承認前に着工(承認日なし・承認日が着工日より後)",
    "no_payment_method": "支払方法が未登録",
    "no_kaipoke_registration": "口座振替(カイポケ)の口座登録日なし",
    "post_application_late": "事後申請中のまま期限超過",
}


# --- Stale view screen (滞留案件・事務残), snooze dialog (保留), settings screen (設定), stale marks on the board ---
STALE_TITLE = "滞留案件"
STALE_TAB = "滞留案件 {count}"
FOLLOW_UP_TAB = "事務残 {count}"
STALE_ALL_LINES = "全事業区分"
STALE_MINE = "自分の案件"
STALE_COUNT = "{count}件"
STALE_COUNT_FILTERED = "{count}件(全{total}件中)"
STALE_EMPTY = "滞留している案件はありません"
STALE_EMPTY_FILTERED = "絞り込みの条件に合う滞留案件はありません(0 で全事業区分、o で全員の案件を表示)"
FOLLOW_UP_EMPTY = "事務残はありません"
FOLLOW_UP_EMPTY_FILTERED = "絞り込みの条件に合う事務残はありません(0 で全事業区分、o で全員の案件を表示)"

STALE_COLUMN_LINE = "事業区分"
STALE_COLUMN_STAGE = "ステージ"
STALE_COLUMN_CUSTOMER = "顧客"
STALE_COLUMN_TITLE = "件名"
STALE_COLUMN_OWNER = "営業担当"
STALE_COLUMN_DAYS_IN_STAGE = "滞留日数"
STALE_COLUMN_THRESHOLD = "基準"
STALE_COLUMN_DAYS_OVER = "超過"
STALE_COLUMN_LAST_TOUCHED = "最終活動"
STALE_COLUMN_FOLLOW_UP = "内容"
BUSINESS_DAYS = "{days}営業日"
DAYS_OVER = "+{days}"
NEVER_TOUCHED = "なし"
LIST_DATE = "{year:04d}/{month:02d}/{day:02d}"

KEY_STALE_VIEW = "滞留"
KEY_OPEN_CASE = "開く"
KEY_SNOOZE = "保留"
KEY_MINE = "自分"
KEY_ALL_LINES = "全区分"
KEY_LINE_FILTER_GROUP = "区分"
KEY_SWITCH_TAB = "切替"
KEY_RELOAD = "更新"
KEY_BACK_TO_BOARD = "ボード"
HELP_STALE_VIEW = "全事業区分の滞留案件と事務残の一覧を開きます"
HELP_OPEN_CASE = "選んだ案件の事業区分のボードに戻り、その案件のカードを選びます"
HELP_SNOOZE = "選んだ案件を指定の日まで滞留の一覧から外し、理由を詳細に残します"
HELP_MINE = "自分が営業担当の案件だけを表示します(もう一度押すと全員の案件)"
HELP_ALL_LINES = "事業区分の絞り込みを解除して、全事業区分を表示します"
HELP_LINE_FILTER = "{label}の案件を表示に加える・外す"
HELP_SWITCH_TAB = "滞留案件と事務残の一覧を切り替えます"
HELP_RELOAD = "一覧をデータベースから読み込み直します"
HELP_BACK_TO_BOARD = "ボードに戻ります"

SNOOZE_TITLE = "「{title}」の滞留を保留"
SNOOZE_EXPLAIN = "保留期限の日に一覧へ戻ります。理由は詳細に残ります。"
SNOOZE_UNTIL_LABEL = "保留期限"
SNOOZE_UNTIL_PLACEHOLDER = "例: 12/11、2026/12/11"
SNOOZE_REASON_LABEL = "理由(必須)"
SNOOZE_REASON_PLACEHOLDER = "例: ケアマネの返答待ち"
SNOOZE_COMMON_LABEL = "よくある理由(Enter で理由に入れます)"
SNOOZE_COMMON_REASONS = ("ケアマネの返答待ち", "認定結果待ち", "市役所の審査待ち", "ご家族の検討待ち")
SNOOZE_SAVE = "保留する"
SNOOZE_CANCEL = "やめる"
DIALOG_HINT_SNOOZE = "Ctrl+S 保留する   Tab 次の項目   Esc やめる"
SNOOZE_DATE_REQUIRED = "保留期限を入力してください(例: 12/11)。"
SNOOZE_DATE_INVALID = "{value} は日付として読めません。12/11、2026/12/11、2026-12-11 のように入力してください。"
SNOOZE_DATE_MISSING_DAY = "{value} という日付はありません。"
SNOOZED = "「{title}」の滞留を{until}まで保留しました"

COMMAND_SETTINGS = "設定"
HELP_SETTINGS = "滞留日数の基準、営業日、設定ファイルの場所と問題を表示します"
SETTINGS_TITLE = "設定"
SETTINGS_FILE = "設定ファイル"
SETTINGS_FILE_NONE = "(指定なし: すべて既定値を使っています)"
SETTINGS_FILE_MISSING = "{path}(まだありません: すべて既定値を使っています)"
SETTINGS_PROBLEMS = "設定ファイルの問題"
SETTINGS_NO_PROBLEMS = "問題はありません"
SETTINGS_PROBLEM_TITLE = "設定ファイルに問題があります"
SETTINGS_THRESHOLDS = "滞留日数の基準(営業日)"
SETTINGS_STAGE = "ステージ"
SETTINGS_NO_THRESHOLD = "–"
SETTINGS_CHANGED_MARK = "*"
SETTINGS_THRESHOLDS_NOTE = "* は設定ファイルで既定値から変えた値、– は基準なし(滞留にしない)、空欄はその事業区分にないステージです。"
SETTINGS_CALENDAR = "営業日"
SETTINGS_SATURDAY_WORKDAY = "土曜日は営業日です。"
SETTINGS_SATURDAY_CLOSED = "土曜日は休みです。"
SETTINGS_ALWAYS_CLOSED = "日曜日、祝日(振替休日・国民の休日を含む)、年末年始(12/29〜1/3)は休みです。"
SETTINGS_CLOSED_DAYS = "会社の休業日: {days}"
SETTINGS_NO_CLOSED_DAYS = "会社の休業日: なし"
SETTINGS_HOW_TO_CHANGE = "変えるときは設定ファイルを編集し、案件管理を起動し直してください。"
KEY_CLOSE = "閉じる"
HELP_CLOSE_SETTINGS = "設定の画面を閉じます"

COLUMN_TITLE_STALE = "{stage} {count} (滞留{stale})"
CARD_STALE_MARK = "滞+{days}"
CASE_NOT_ON_BOARD = "この案件は{line}のボードに表示されていません(案件完了から30日より前の案件は表示しません)。"
