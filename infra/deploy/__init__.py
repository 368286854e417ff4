"""``make deploy``'s own steps after ``sam deploy``: the site to its bucket, then CloudFront.

``portal_deploy.samconfig`` reads the answers the first (guided) deployment saved in
samconfig.toml; ``portal_deploy.site_plan`` decides, without AWS, what to upload with which
headers, what to delete and what to invalidate; ``portal_deploy.site`` carries that plan out with
boto3 (``python -m portal_deploy.site``, ``--dry-run`` to print it only).
"""
