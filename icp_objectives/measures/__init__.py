"""Measures the Making Data Count way: series, SPC statistics and charts. Pure: no disk, no git."""
