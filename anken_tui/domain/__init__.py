"""Domain rules of anken-tui, in pure Python: no Textual and no Peewee import here."""
