"""Notification e-mails: pending notifications recorded with their items, sent as digests."""
