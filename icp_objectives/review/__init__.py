"""Reviewing a change: what changed in meaning between two repositories, and how it prints."""
