"""The notary client portal's shared domain package (shipped as a Lambda layer)."""

# The portal's version, shown on the login page (as the manual's screen does); kept with pyproject's.
__version__ = "0.1.0"
