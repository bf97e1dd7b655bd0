"""One module per use case; each takes typed input, returns a typed report, and never prints."""
