"""The notary client portal's shared domain package (shipped as a Lambda layer)."""
