"""The domain: models, periods, problems, wording and errors. Pure: no disk, no git."""
