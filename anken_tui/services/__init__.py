"""Use cases that screens call: each one checks the domain rules and writes in one transaction."""
