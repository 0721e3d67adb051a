"""The board paper: what it shows for a quarter, and its text in each format."""
