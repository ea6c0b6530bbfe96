"""Numbers in text as people write them: the reader, number words, units. Below every stage."""
