"""Changing the data: entries spliced into files, quarters scaffolded, files written safely."""
