"""Messages between a dossier's clients and the office, with attachments (manual 2.1.1.4, 2.1.1.5)."""
