"""Getting briefings to people: files now, email later."""
