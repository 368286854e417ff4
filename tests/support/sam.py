"""template.yaml translated offline into plain CloudFormation, as `sam package` + the SAM transform would.

The translation itself lives in portal_local.policies: the local stack reads the functions' and the
buckets' policies from the same translated template that these tests check.
"""

from __future__ import annotations

from portal_local.policies import translated_template

__all__ = ["translated_template"]
