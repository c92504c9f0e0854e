"""Database access: the only package of anken-tui that imports Peewee."""
