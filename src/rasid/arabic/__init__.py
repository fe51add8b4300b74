"""Arabic text handling: normalised views with offset maps, numerals, tokenisation."""
