"""portal-admin: the staff command line, a signed client of the admin API."""
