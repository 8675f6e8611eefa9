"""Readers that turn one source file into Precedent ``Document`` objects; they never touch the store."""
