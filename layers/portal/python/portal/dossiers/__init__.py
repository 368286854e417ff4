"""Dossiers: what a client's matters are, their progress, and what the office published in them."""
