"""Widgets of anken-tui; they get data from their screen and post messages up, never touching the database."""
