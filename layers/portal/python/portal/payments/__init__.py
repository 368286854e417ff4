"""Payment instructions (issue 18): the office's escrow accounts and what each dossier party must pay."""
