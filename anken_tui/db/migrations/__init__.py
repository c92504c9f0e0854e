"""Numbered schema migrations, applied in order by `anken_tui.db.schema`.

Each file defines `up(migrator, db)` with frozen copies of the tables it
creates, so that a migration keeps working when the models change later.
"""
