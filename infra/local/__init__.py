"""The local stack: embedded moto, an API Gateway emulator, the dev mailbox and demo data."""
