"""The HTTP edge of the client and admin APIs, above the domain packages.

It turns a request into who is calling (:mod:`.callers`) and a domain answer into a response with the
portal's cookies (:mod:`.responses`), and records forged requests (:mod:`.csrf_audit`). It imports the
domain (accounts for sessions and trusted devices, audit for the trail); no domain package and not
:mod:`portal.platform` imports it, so the package graph stays acyclic (tests/unit/test_package_dependencies.py).
"""
