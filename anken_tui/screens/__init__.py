"""Screens and modal dialogs of anken-tui; screens call the services, never the database directly."""
