"""Reading the data in: the disk walk, each file parsed, git history. Only this layer runs git."""
