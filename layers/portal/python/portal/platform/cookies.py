"""The names of the portal's cookies: a contract between the site, the gateway and the API (the
OpenAPI document names the session cookie too), so they live in the platform. What a cookie holds
and how it is checked belongs to its owner, accounts.sessions and accounts.trusted_devices."""

# __Host-: Secure, Path=/, no Domain, so no sibling host can set or read them.
SESSION_COOKIE = "__Host-portal_session"
LOGIN_COOKIE = "__Host-portal_login"  # a login waiting for its second step
DEVICE_COOKIE = "__Host-portal_device"  # a browser that signed in before (accounts/trusted_devices.py)
