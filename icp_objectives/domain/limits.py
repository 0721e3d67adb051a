"""How large a data file may be: one figure, read by the reader and by what reads the disk.

Light to import: a run answered from the cache reads every file, and imports little else.
"""

MAX_BYTES = 5_000_000  # a data file is far smaller; past this, a file is refused unread
