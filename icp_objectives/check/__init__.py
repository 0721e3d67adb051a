"""The rules the data must keep: schema and cross-file checks, locks on presented quarters."""
