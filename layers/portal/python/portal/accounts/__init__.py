"""Client accounts: invitations, passwords, sessions, 2-step verification, details, company accounts."""
