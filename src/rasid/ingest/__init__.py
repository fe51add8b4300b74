"""Read inputs into Documents: text, HTML, JSON and JSON Lines files, directories and stdin.

``read_inputs`` yields a :class:`~rasid.doc.Document` per article or, for an input that
cannot be read, the typed :class:`~rasid.errors.InputError` naming its path; one bad input
never stops the others.  The decoded text is kept exactly as it is (only a BOM dropped).
"""

from rasid.ingest.decode import decode_bytes
from rasid.ingest.readers import DEFAULT_MAX_BYTES, TEXT_SUFFIXES, iter_paths, read_inputs

__all__ = ["DEFAULT_MAX_BYTES", "TEXT_SUFFIXES", "decode_bytes", "iter_paths", "read_inputs"]
