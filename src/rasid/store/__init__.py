"""The SQLite store: numbered migrations, one writer, readers that rebuild Documents.

``Store(path)`` opens (and migrates) the database; ``write_documents(docs)`` upserts a batch
in one transaction; ``get_document``/``iter_documents``/``count`` read it back.
"""

from rasid.store.migrations import MIGRATIONS, SCHEMA_VERSION
from rasid.store.sqlite import Store, WriteResult

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "WriteResult"]
