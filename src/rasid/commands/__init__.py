"""Subcommands of the ``rasid`` CLI, one module each (see rasid.cli)."""
