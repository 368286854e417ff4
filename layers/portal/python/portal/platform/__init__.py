"""Cross-cutting foundations: settings, AWS clients, HTTP, errors, clock, ids, logging."""
