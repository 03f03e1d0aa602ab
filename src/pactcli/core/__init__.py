"""The domain: the record model, its field table and vocabularies, and pure queries over records.

Nothing here reads files, writes output or imports a module outside :mod:`pactcli.core`.
"""
