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
CLI_HELP_COMMAND = "実行するコマンド(下の「コマンド一覧」を参照)。省略するとボードを開きます"
CLI_HELP_HELP = "このヘルプを表示して終了します"
CLI_HELP_VERSION = "バージョンを表示して終了します"
CLI_HELP_DB = (
    "開くデータベース: SQLite のファイルのパス(なければ作ります)か、"
    "PostgreSQL の URL(postgresql://ユーザー名@ホスト:ポート/データベース名)。"
    "省略時は環境変数 ANKEN_TUI_DB、次に DATABASE_URL(PostgreSQL の URL のときだけ)、"
    "それもなければ既定の場所({default})"
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
CLI_UNKNOWN_COMMAND = (
    "{command} というコマンドはありません。使えるコマンドは paths、backup、restore、migrate です"
    "(例: anken-tui paths)。"
)
CLI_EXTRA_ARGUMENTS = "余分な引数 {values} があります。値に空白を含むときは \"\" で囲んでください。"
CLI_MISSING_VALUE = "{option} のあとに{what}を指定してください(例: {example})。"
CLI_DASH_VALUE_HINT = "- で始まる値は {option}=値 の形で書いてください。"
CLI_FLAG_TAKES_NO_VALUE = "{option} には値を付けません。{option} だけを指定してください。"
CLI_USAGE_GENERIC = "コマンドラインの指定が正しくありません(詳細: {detail})。"
CLI_VALUE_WHAT = {
    "--db": "データベースファイルのパス(または PostgreSQL の URL)",
    "--user": "入力者の名前",
    "--line": "最初に開く事業区分",
    "--from-sqlite": "移す元の SQLite ファイルのパス",
}
CLI_VALUE_EXAMPLE = {
    "--db": "anken-tui --db ~/anken.db",
    "--user": "anken-tui --user 山口",
    "--line": "anken-tui --line sales",
    "--from-sqlite": "anken-tui migrate --from-sqlite ~/anken.db",
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
    "database_url": "(環境変数 DATABASE_URL で指定)",
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
HELP_OPEN_CASE = "選んだ案件の事業区分のボードに戻り、その案件のカードを選んで詳細を開きます"
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
SETTINGS_THRESHOLDS_NOTE = "* は設定ファイルで既定値から変えた値です。\n– は基準なし(滞留にしない)、空欄はその事業区分にないステージです。"
SETTINGS_CALENDAR = "営業日"
SETTINGS_SATURDAY_WORKDAY = "土曜日は営業日です。"
SETTINGS_SATURDAY_CLOSED = "土曜日は休みです。"
SETTINGS_ALWAYS_CLOSED = "日曜日、祝日(振替休日・国民の休日を含む)、年末年始(12/29〜1/3)は休みです。"
SETTINGS_CLOSED_DAYS = "会社の休業日: {days}"
SETTINGS_NO_CLOSED_DAYS = "会社の休業日: なし"
SETTINGS_HOW_TO_CHANGE = "変えるときは設定ファイルを編集し、案件管理を起動し直してください。"
KEY_CLOSE = "閉じる"
HELP_CLOSE_SETTINGS = "設定の画面を閉じます"

COLUMN_TITLE_STALE = "{stage} {count} 滞{stale}"
CARD_STALE_MARK = "滞+{days}"
CASE_NOT_ON_BOARD = "この案件は{line}のボードに表示されていません(案件完了から30日より前の案件は表示しません)。"


# --- Notes (詳細), activities (活動), case fields, customers and care managers (ケアマネ): data and services ---
# Dates and amounts typed by the user; {value} is the text as typed.
DATE_REQUIRED = "日付を入力してください(例: 12/4、2026/12/4、2026-12-04)。"
DATE_UNREADABLE = "{value} は日付として読めません。12/4、2026/12/4、2026-12-04 のように入力してください。"
DATE_MISSING_DAY = "{value} は存在しない日付です。"
DATE_YEAR_OUT_OF_RANGE = "{value} の年は扱えません。{first}年から{last}年までの日付を入力してください。"
WEEKDAY_NAMES = ("月", "火", "水", "木", "金", "土", "日")
AMOUNT_REQUIRED = "金額を入力してください(例: 12,000)。"
AMOUNT_UNREADABLE = "{value} は金額として読めません。12000、12,000円 のように円単位の数字で入力してください。"
AMOUNT_NEGATIVE = "{value}: マイナスの金額は入力できません。"
AMOUNT_FRACTION = "{value}: 1円未満の端数は入力できません。円単位の整数で入力してください。"
AMOUNT_TOO_LARGE = "{value}: 金額が大きすぎます。{limit}円以下で入力してください。"
YEN = "{amount:,}円"

ACTIVITY_KIND_LABELS = {
    "visit": "訪問",
    "call": "電話",
    "fax": "FAX",
    "email": "メール",
    "check": "確認",
    "other": "その他",
}

# Notes (詳細).
FIELD_NOTE = "詳細"
NOTE_STAMP = "{day}({author})"
NOTE_EMPTY = "詳細が空です。書き残す内容を入力してください。"
NOTE_TOO_LONG = "詳細は{limit}文字以内で入力してください(今は{length}文字です)。"
NOTE_NUL = "詳細に使えない文字(NUL)が含まれています。その文字を消してから保存してください。"
NOTE_NOT_FOUND = "詳細(ID {note_id})が見つかりません。画面を読み込み直してください。"
NOTE_CONFLICT = (
    "{who}さんが{when}にこの詳細を編集していました。最新の内容を表示しました。"
    "入力中の文章は消えていません。確かめてからもう一度保存してください。"
)
NOTE_EDITED = "{when} {who}が編集"

# Activities (活動).
FIELD_ACTIVITY_KIND = "種類"
FIELD_ACTIVITY_DATE = "活動日"
FIELD_ACTIVITY_STAFF = "担当者"
FIELD_ACTIVITY_TEXT = "内容"
FIELD_FOLLOW_UP = "次回予定"
ACTIVITY_KIND_UNKNOWN = "活動の種類を一覧から選んでください。"
ACTIVITY_DATE_FUTURE = "活動日に今日({today})より後の日付は入れられません。予定は「次回予定」に入力してください。"
ACTIVITY_STAFF_NOT_FOUND = "担当者が見つかりません。一覧から選び直してください。"
ACTIVITY_TEXT_TOO_LONG = "活動の内容は{limit}文字以内で入力してください(今は{length}文字です)。"
FOLLOW_UP_BEFORE_ACTIVITY = "次回予定({follow_up})は活動日({done})以降の日付にしてください。"
FOLLOW_UP_DUE_LABELS = {"overdue": "期限切れ", "today": "今日", "upcoming": ""}

# Case fields (打合せ日, payment, applications, work dates, amounts).
CASE_FIELD_LABELS = {
    "meeting_date": "打合せ予定日",
    "sales_kind": "介護保険/自費",
    "payment_method": "支払方法",
    "kaipoke_registered_on": "カイポケ口座登録日",
    "purchase_amount": "購入金額",
    "quote_amount": "見積金額",
    "invoice_amount": "請求金額",
    "pre_application_on": "事前申請日",
    "city_approved_on": "市の承認日",
    "work_start_on": "着工日",
    "work_end_on": "完工日",
}
PAYMENT_METHOD_LABELS = {"kaipoke_debit": "口座振替(カイポケ)", "cash": "現金支払い"}
CASE_FIELD_NOT_IN_LINE = "{field}は{line}の案件にはありません。"
PAYMENT_METHOD_UNKNOWN = "支払方法は「口座振替(カイポケ)」か「現金支払い」を選んでください。"
KAIPOKE_DATE_NEEDS_DEBIT = "カイポケ口座登録日は、支払方法が「口座振替(カイポケ)」のときだけ入力できます。"
CASE_FIELD_DATE_FUTURE = "{field}に今日({today})より後の日付は入れられません。"
CASE_FIELD_DATE_ORDER = "{later}({later_day})は{earlier}({earlier_day})以降の日付にしてください。"
SALES_KIND_REQUIRED = "介護保険/自費を選んでください。"
SELF_PAY_IN_POST_APPLICATION = (
    "自費の販売には事後申請がないため、事後申請中の案件は自費にできません。先にステージを移動してください。"
)

# Customers (顧客) and care managers (ケアマネ, 居宅介護支援事業所).
CUSTOMER_NOT_FOUND = "顧客(ID {customer_id})が見つかりません。一覧を読み込み直してください。"
FIELD_CARE_MANAGER = "ケアマネ"
FIELD_CARE_MANAGER_NAME = "ケアマネ氏名"
FIELD_CARE_MANAGER_FURIGANA = "フリガナ"
FIELD_CARE_OFFICE = "居宅介護支援事業所"
FIELD_CARE_OFFICE_NAME = "事業所名"
FIELD_PHONE = "電話番号"
CARE_MANAGER_NOT_FOUND = "ケアマネ(ID {care_manager_id})が見つかりません。一覧から選び直してください。"
CARE_OFFICE_NOT_FOUND = "居宅介護支援事業所(ID {office_id})が見つかりません。一覧から選び直してください。"
CARE_MANAGER_NAME_REQUIRED = "ケアマネの氏名を入力してください。"
CARE_OFFICE_NAME_REQUIRED = "事業所名を入力してください。"
NAME_TOO_LONG = "{field}は{limit}文字以内で入力してください。"
CARE_MANAGER_FURIGANA_INVALID = "フリガナはカタカナで入力してください(ひらがな・半角カナは自動でカタカナにします)。"
CARE_MANAGER_DUPLICATE = "{office}にはもう「{name}」さんが登録されています。一覧から選んでください。"
CARE_OFFICE_DUPLICATE = "「{name}」はもう登録されています。一覧から選んでください。"
PHONE_INVALID = "電話番号は数字とハイフンで入力してください(例: 0745-00-0000)。"
CASE_FIELDS_CONFLICT = (
    "{who}さんが{when}にこの案件を変更していました。最新の内容を表示しました。"
    "入力中の内容は消えていません。確かめてからもう一度保存してください。"
)
CASE_FIELDS_CONFLICT_UNKNOWN = (
    "ほかの人がこの案件を変更していました。最新の内容を表示しました。"
    "入力中の内容は消えていません。確かめてからもう一度保存してください。"
)


# --- Case detail pane, note editor (詳細), activity and case field dialogs, customers (顧客), care managers (ケアマネ) ---
KEY_OPEN_DETAIL = "開く"
KEY_CLOSE_DETAIL = "閉じる"
KEY_NEW_NOTE = "追記"
KEY_WRITE_NOTE = "詳細"
KEY_LOG_ACTIVITY = "活動"
KEY_EDIT_FIELDS = "項目"
KEY_SAVE_NOTE = "保存"
KEY_CLOSE_EDITOR = "閉じる"
KEY_EDIT_NOTE = "編集"
KEY_NOTE_HISTORY = "履歴"
KEY_CUSTOMERS = "顧客"
KEY_CARE_MANAGERS = "ケアマネ"
KEY_BACK = "戻る"
KEY_SEARCH = "検索"
KEY_SET_CARE_MANAGER = "ケアマネ"
KEY_NEW_CARE_MANAGER = "新規"
HELP_OPEN_DETAIL = "選んだ案件の詳細をボードの横に開きます(開いているときは詳細へ移ります)"
HELP_CLOSE_DETAIL = "案件の詳細を閉じて、ボードに戻ります"
HELP_NEW_NOTE = "この案件に新しい詳細を書きます(日付と入力者は保存時に自動で付きます)"
HELP_WRITE_NOTE = "選んだ詳細を編集します。詳細を選んでいないときは新しい詳細を書きます"
HELP_LOG_ACTIVITY = "訪問・電話・確認などの活動を記録します(ステージは変わりません)"
HELP_EDIT_FIELDS = "打合せ予定日・支払方法・金額など、この案件の項目を編集します"
HELP_NOTE_HISTORY = "選んだ詳細の編集前の文面を表示します"
HELP_CUSTOMERS = "顧客の一覧を開き、名前やフリガナで検索します"
HELP_CARE_MANAGERS = "ケアマネの一覧と、担当の進行中の案件を開きます"
HELP_BACK = "前の画面に戻ります"
HELP_SET_CARE_MANAGER = "この顧客のケアマネを一覧から選びます"
HELP_NEW_CARE_MANAGER = "ケアマネを新しく登録します"

# The case detail pane.
DETAIL_HINT = "a 追記  e 詳細  v 活動  f 項目  Esc 閉じる"
DETAIL_SECTION_HISTORY = "ステージ履歴"
DETAIL_SECTION_NOTES = "詳細"
DETAIL_SECTION_ACTIVITIES = "活動"
DETAIL_FURIGANA = "フリガナ"
DETAIL_PHONE = "電話"
DETAIL_CITY = "市町村"
DETAIL_CARE_MANAGER = "ケアマネ"
DETAIL_CARE_OFFICE = "事業所"
DETAIL_LINE = "事業区分"
DETAIL_KIND = "介護保険/自費"
DETAIL_TITLE = "件名"
DETAIL_STAGE = "ステージ"
DETAIL_OWNER = "営業担当"
DETAIL_OUTCOME = "結果"
DETAIL_FOLLOW_UP = "次回予定"
DETAIL_STAGE_DAYS = "{stage}({days}日目)"
DETAIL_NOT_SET = "未入力"
DETAIL_PERSON = "{name}さん"
DETAIL_HISTORY_REGISTERED = "{when}  案件登録 → {to}  {who}"
DETAIL_HISTORY_MOVE = "{when}  {source} → {to}  {who}  {source}に{days}日"
DETAIL_HISTORY_UNDO = "(取消)"
DETAIL_HISTORY_OUTCOME = "結果: {outcome} {reason}"
DETAIL_NO_NOTES = "詳細はまだありません。a で書けます。"
DETAIL_NO_ACTIVITIES = "活動はまだありません。v で記録できます。"
DETAIL_NOTE_EDITED = "({mark}、編集前の文面 {count}件)"
DETAIL_ACTIVITY = "{day}  {kind}  {staff}"
DETAIL_ACTIVITY_FOLLOW_UP = "次回予定 {day}"
DETAIL_FOLLOW_UP_DUE = "{day} {due}"
CARD_FOLLOW_UP = "次{day}"
CARD_FOLLOW_UP_TODAY = "次今日"
CARD_FOLLOW_UP_OVERDUE = "次{day}!"
DETAIL_CASE_GONE = "この案件は見つかりません。削除されたか、ほかの人が変更した可能性があります。"

# The note editor.
NOTE_EDITOR_NEW = "新しい詳細(保存すると {stamp} が付きます)"
NOTE_EDITOR_EDIT = "{stamp} の詳細を編集(日付と入力者はそのまま、編集前の文面は履歴に残ります)"
NOTE_EDITOR_SAVE = "保存"
NOTE_EDITOR_CANCEL = "閉じる"
NOTE_SAVED = "詳細を保存しました: {stamp}"
NOTE_UPDATED = "詳細を更新しました: {stamp}"
NOTE_EDITOR_OPEN = "書きかけの詳細があります。先に保存するか閉じてください。"
NOTE_HISTORY_TITLE = "{stamp} の詳細の編集前の文面"
NOTE_HISTORY_ENTRY = "{when} {who}が編集する前:"
NOTE_HISTORY_NONE = "この詳細は編集されていません。"

# Drafts (下書き): note text kept while it is typed, so a closed window loses none of it.
DRAFT_RESTORED = "{when} に保存していなかった下書きを開きました。Ctrl+S で保存、Esc で閉じます。"
DRAFT_WAITING = "✎ 保存していない下書きがあります({when})。a で開きます。"
DRAFT_NOT_DROPPED = "下書きを消せませんでした。次にこの案件の詳細を開くと、もう一度表示されます。"
DRAFTS_AT_START_TITLE = "保存していない下書き"
DRAFTS_AT_START = "前回保存していない詳細の下書きが{count}件あります: {cases}。案件を開いて a で続きを書けます。"
DRAFTS_AT_START_CASE = "{customer}様「{title}」"
DRAFTS_AT_START_MORE = "ほか{count}件"

# The question asked before unsaved note text would be lost.
UNSAVED_ON_CLOSE = "保存していない詳細があります。保存しますか?"
UNSAVED_ON_SWITCH = "保存していない詳細があります。ほかの案件やボードに移る前に保存しますか?"
UNSAVED_ON_QUIT = "保存していない詳細があります。終了する前に保存しますか?"
UNSAVED_SAVE = "保存する"
UNSAVED_DISCARD = "破棄する"
UNSAVED_KEEP = "編集に戻る"
DIALOG_HINT_UNSAVED = "s 保存する   d 破棄する   Esc 編集に戻る"

# The activity dialog.
ACTIVITY_TITLE = "活動を記録: {title}"
ACTIVITY_DATE_PLACEHOLDER = "例: 12/4、2026/12/4、2026-12-04"
ACTIVITY_FOLLOW_UP_PLACEHOLDER = "任意。例: 12/11"
ACTIVITY_TEXT_PLACEHOLDER = "例: ケアマネに打合せ日を確認"
ACTIVITY_SAVE = "記録する"
ACTIVITY_CANCEL = "やめる"
DIALOG_HINT_ACTIVITY = "Ctrl+S 記録する   Tab 次の項目   Esc やめる"
ACTIVITY_LOGGED = "{kind}の活動を記録しました"
ACTIVITY_LOGGED_FOLLOW_UP = "{kind}の活動を記録しました(次回予定 {day})"

# The case fields dialog.
CASE_FIELDS_TITLE = "案件の項目: {title}"
CASE_FIELDS_SAVE = "保存"
CASE_FIELDS_CANCEL = "やめる"
CASE_FIELDS_DATE_PLACEHOLDER = "例: 12/4(空欄で未入力)"
CASE_FIELDS_AMOUNT_PLACEHOLDER = "例: 12,000(空欄で未入力)"
CASE_FIELDS_NO_PAYMENT = "未登録"
DIALOG_HINT_CASE_FIELDS = "Ctrl+S 保存   Tab 次の項目   Esc やめる"
CASE_FIELDS_SAVED = "案件の項目を保存しました"
CASE_FIELDS_UNCHANGED = "変更はありません"
CASE_FIELDS_DISCARD = "入力した項目を保存せずに閉じますか?"
CASE_FIELDS_NEWER = "最新の値: {value}(ほかの人が変更しました)"

# Customers (顧客) and care managers (ケアマネ).
CUSTOMERS_TITLE = "顧客"
CUSTOMERS_SEARCH_PLACEHOLDER = "名前・フリガナで検索(ひらがな・カタカナ、全角・半角どちらでも)"
CUSTOMERS_COUNT = "{count}人"
CUSTOMERS_COUNT_LIMITED = "先頭の{count}人(検索で絞り込めます)"
CUSTOMERS_EMPTY = "該当する顧客がいません"
CUSTOMERS_COLUMN_NAME = "顧客名"
CUSTOMERS_COLUMN_FURIGANA = "フリガナ"
CUSTOMERS_COLUMN_PHONE = "電話"
CUSTOMERS_COLUMN_CITY = "市町村"
CUSTOMERS_COLUMN_CARE_MANAGER = "ケアマネ"
CUSTOMERS_COLUMN_OPEN = "進行中"
CUSTOMER_PAGE_CASES = "案件 {count}件(進行中 {open}件)"
CUSTOMER_PAGE_NO_CASES = "この顧客の案件はありません"
CASES_COLUMN_LINE = "事業区分"
CASES_COLUMN_STAGE = "ステージ"
CASES_COLUMN_TITLE = "件名"
CASES_COLUMN_OWNER = "営業担当"
CASES_COLUMN_DAYS = "日数"
CASES_COLUMN_OUTCOME = "結果"
CARE_MANAGERS_TITLE = "ケアマネ"
CARE_MANAGERS_SEARCH_PLACEHOLDER = "ケアマネ名・フリガナ・事業所名で検索"
CARE_MANAGERS_EMPTY = "該当するケアマネがいません"
CARE_MANAGERS_COLUMN_NAME = "ケアマネ"
CARE_MANAGERS_COLUMN_FURIGANA = "フリガナ"
CARE_MANAGERS_COLUMN_OFFICE = "事業所"
CARE_MANAGERS_COLUMN_PHONE = "電話"
CARE_MANAGER_CASES_TITLE = "{name}さんの進行中の案件 {count}件"
CARE_MANAGER_NO_CASES = "進行中の案件はありません"
CARE_MANAGER_PICK_TITLE = "「{name}」様のケアマネを選ぶ"
CARE_MANAGER_PICK_NONE = "(ケアマネなし)"
CARE_MANAGER_SET = "{customer}様のケアマネを{name}さんにしました"
CARE_MANAGER_CLEARED = "{customer}様のケアマネを外しました"
DIALOG_HINT_CARE_MANAGER_PICK = "文字を入れて検索   ↓ 一覧へ   Enter 決定   Ctrl+N 新規登録   Esc やめる"
NEW_CARE_MANAGER_TITLE = "ケアマネを登録"
NEW_CARE_MANAGER_NAME_PLACEHOLDER = "例: 森 美香"
NEW_CARE_MANAGER_FURIGANA_PLACEHOLDER = "例: モリ ミカ(ひらがなでも可、任意)"
NEW_CARE_MANAGER_OFFICE_NEW = "(新しい事業所を登録)"
NEW_CARE_MANAGER_OFFICE_NONE = "(事業所なし)"
NEW_CARE_MANAGER_OFFICE_NAME_PLACEHOLDER = "新しい事業所のときだけ入力"
NEW_CARE_MANAGER_PHONE_PLACEHOLDER = "例: 0745-00-0000(任意)"
NEW_CARE_MANAGER_SAVE = "登録"
NEW_CARE_MANAGER_CANCEL = "やめる"
DIALOG_HINT_NEW_CARE_MANAGER = "Ctrl+S 登録   Tab 次の項目   Esc やめる"
CARE_MANAGER_CREATED = "ケアマネ {name}さんを登録しました"


# --- Several people on one database: PostgreSQL, backup and restore, copying from SQLite (cli.py, db/) ---
CLI_COMMANDS_TITLE = "コマンド一覧:"
CLI_COMMAND_LIST = (
    ("paths", "データや設定ファイルの場所を表示します"),
    ("backup PATH", "バックアップを作ります(使用中でも作れます)"),
    ("restore PATH [--force]", "バックアップからデータベースを復元します"),
    ("migrate --from-sqlite FILE", "SQLite から空の PostgreSQL へ移します"),
)
CLI_HELP_FILE = "backup と restore で使うバックアップファイルのパス(backup ではフォルダーも指定できます)"
CLI_HELP_FROM_SQLITE = "migrate で、PostgreSQL へ移す元の SQLite ファイル"
CLI_HELP_FORCE = (
    "restore で、データの入っているデータベースを上書きします。"
    "上書きする前のデータは別のファイルにバックアップします"
)
CLI_COMMAND_NEEDS_FILE = "{command} のあとにファイルのパスを指定してください(例: anken-tui {command} ~/anken-backup.db)。"
CLI_MIGRATE_NEEDS_SOURCE = (
    "migrate には移す元の SQLite ファイルを --from-sqlite で指定してください"
    "(例: anken-tui migrate --from-sqlite ~/anken.db --db postgresql://yamaguchi@127.0.0.1/anken)。"
)
CLI_FROM_SQLITE_ONLY_MIGRATE = "--from-sqlite は migrate コマンドと一緒に指定します(例: anken-tui migrate --from-sqlite ~/anken.db)。"
CLI_FORCE_ONLY_RESTORE = "--force は restore コマンドと一緒に指定します(例: anken-tui restore ~/anken-backup.db --force)。"
CLI_COMMAND_FAILED = "{command} が途中で失敗しました(詳細: {detail})。ログファイルに詳しい記録があります。"
CLI_DEMO_WITH_COMMAND = "{command} は --demo と一緒には使えません。本番のデータベースを --db で指定してください。"
CLI_MIGRATE_NEEDS_POSTGRES = (
    "移し先の PostgreSQL データベースが指定されていません。"
    "--db postgresql://ユーザー名@ホスト:ポート/データベース名 か、環境変数 DATABASE_URL で指定してください。"
)
DATABASE_URL_NOT_POSTGRESQL = (
    "環境変数 DATABASE_URL に {kind} が入っていますが、案件管理が読むのは postgresql:// で始まる URL だけです。"
    "ほかのプログラム用の値なら、--db か環境変数 ANKEN_TUI_DB で案件管理のデータベースを指定してください。"
)
DATABASE_URL_NOT_A_URL = "URL ではない値"

# Reading a PostgreSQL URL and connecting; {url} never contains the password.
DB_URL_NOT_POSTGRESQL = "{url} は PostgreSQL の URL ではありません。postgresql:// で始めてください。"
DB_URL_BAD_PORT = "{url} のポート番号が数字ではありません(例: postgresql://yamaguchi@127.0.0.1:5432/anken)。"
DB_URL_NO_DATABASE = (
    "{url} にデータベース名がありません。URL の最後に /データベース名 を付けてください"
    "(例: postgresql://yamaguchi@127.0.0.1:5432/anken)。"
)
DB_PG_CONNECT_FAILED = "PostgreSQL のデータベース {url} に接続できませんでした。{cause}(詳細: {detail})"
# (a phrase in libpq's English message, its likely cause in Japanese), first match wins.
DB_PG_CAUSES = (
    ("password authentication failed", "ユーザー名かパスワードが違います。"),
    ("no password supplied", "パスワードがありません。URL、環境変数 PGPASSWORD、~/.pgpass のどれかで渡してください。"),
    ("does not exist", "そのデータベースかユーザーがサーバーにありません。名前を確かめてください。"),
    ("Connection refused", "サーバーが動いていないか、ホスト名かポート番号が違います。"),
    ("timeout expired", "サーバーから応答がありません。ネットワークとホスト名を確かめてください。"),
    ("could not translate host name", "ホスト名が見つかりません。URL のホスト名を確かめてください。"),
    ("No such file or directory", "指定のフォルダーに PostgreSQL のソケットがありません。サーバーが動いているか確かめてください。"),
    ("no pg_hba.conf entry", "サーバーがこのパソコンからの接続を許可していません。サーバーの pg_hba.conf を確かめてください。"),
)
DB_PG_DRIVER_MISSING = (
    "PostgreSQL 用のドライバー psycopg2 がインストールされていません。"
    "pip install psycopg2-binary でインストールしてから、もう一度起動してください。"
)
DB_PG_NOT_UTF8 = (
    "PostgreSQL のデータベース {url} の文字コードが {encoding} です。日本語を保存するには UTF8 が必要です。"
    "createdb --encoding=UTF8 --template=template0 で作り直してください。"
)
DB_PG_FOREIGN_TABLES = (
    "この PostgreSQL データベースには、案件管理のものではないテーブルが {count} 個あります。"
    "ほかのプログラムのデータを壊さないよう、開かずに終了します。案件管理用の空のデータベースを指定してください。"
)

# Backups (anken-tui backup) and restores (anken-tui restore).
BACKUP_DONE = "{database} のバックアップを作成しました: {path}"
BACKUP_EXISTS = "{path} はすでにあります。上書きはしません。別のファイル名かフォルダーを指定してください。"
BACKUP_CANNOT_WRITE = "バックアップファイル {path} を作成できません({reason})。書き込めるフォルダーを指定してください。"
BACKUP_CANNOT_OPEN = "データベースファイル {path} を開けません(詳細: {reason})。"
BACKUP_SQLITE_FAILED = "データベースファイル {path} の読み書きに失敗しました(詳細: {reason})。何も置き換えていません。"
BACKUP_DAMAGED = "{path} は壊れています(SQLite の整合性チェックで問題が見つかりました)。何も置き換えていません。"
BACKUP_NO_DATABASE = "データベースファイル {path} がまだないか、SQLite のファイルではありません。バックアップするものがありません。"
PG_PROGRAM_MISSING = (
    "{program} が見つかりません。PostgreSQL のクライアント(Debian・Ubuntu では postgresql-client)を"
    "インストールしてから、もう一度実行してください。"
)
PG_PROGRAM_FAILED = "{program} が失敗しました。何も置き換えていません(詳細: {detail})"
RESTORE_DONE = "{database} を {path} から復元しました。"
RESTORE_PREVIOUS_KEPT = "復元する前のデータは {path} に残してあります。"
RESTORE_NOT_BACKUP = "{path} は案件管理のバックアップではありません(SQLite のファイルでも pg_dump の出力でもありません)。"
RESTORE_NOT_ANKEN = "{path} は SQLite のファイルですが、案件管理のデータベースではありません。"
RESTORE_TOO_NEW = "{path} はこれより新しい版の案件管理で作られています。案件管理を新しくしてから復元してください。"
RESTORE_NEEDS_FORCE = (
    "{database} にはデータ({tables})が入っているため、復元しませんでした。"
    "上書きするときは --force を付けてください。上書きする前のデータは別のファイルにバックアップします。"
)
RESTORE_TARGET_BUSY = "{path} がほかの人の書き込みで使用中のため、復元できませんでした(詳細: {reason})。少し待ってからもう一度実行してください。"
RESTORE_SQLITE_INTO_POSTGRES = (
    "{path} は SQLite のファイルです。PostgreSQL へ移すときは "
    "anken-tui migrate --from-sqlite {path} を使ってください。"
)
RESTORE_DUMP_INTO_SQLITE = (
    "{path} は PostgreSQL のバックアップ(pg_dump)です。復元先に PostgreSQL の URL を "
    "--db か環境変数 DATABASE_URL で指定してください。"
)

# Copying an SQLite file into PostgreSQL (anken-tui migrate --from-sqlite).
COPY_DONE = "{source} の内容を {database} へ移しました。件数は元のファイルと一致しています。"
COPY_TABLE_ROW = "  {table}  {rows}件"
COPY_SOURCE_NOT_SQLITE = "{path} がないか、SQLite のファイルではありません。移す元のファイルのパスを確かめてください。"
COPY_SOURCE_NOT_ANKEN = "{path} は SQLite のファイルですが、案件管理のデータベースではありません。"
COPY_SOURCE_TOO_NEW = "{path} はこれより新しい版の案件管理で作られています。案件管理を新しくしてから移してください。"
COPY_SOURCE_UNKNOWN_TABLES = "{path} には、この版の案件管理が知らないテーブル({tables})があります。案件管理を新しくしてから移してください。"
COPY_TARGET_FOREIGN = "移し先の PostgreSQL データベースに、案件管理のものではないテーブル({tables})があります。空のデータベースを指定してください。"
COPY_TARGET_NOT_EMPTY = "移し先の PostgreSQL データベースにはすでにデータ({tables})があるため、何も書き込みませんでした。空のデータベースを指定してください。"
COPY_ROW_REJECTED = "{table} の行を PostgreSQL に書き込めませんでした。何も書き込んでいません(詳細: {detail})"
COPY_COUNT_MISMATCH = "{table} の件数が合いません(元 {source}件、移した先 {copied}件)。何も書き込んでいません。"

# --- New case form: the care manager of a new customer ---
NEW_CASE_CARE_MANAGER = "ケアマネ"
NEW_CASE_CARE_MANAGER_NONE = "(未定・あとで顧客画面で選ぶ)"
NEW_CASE_CARE_MANAGER_OPTION = "{name}({office})"
