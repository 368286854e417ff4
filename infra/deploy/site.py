"""``python -m portal_deploy.site``: put static_site/ in the stack's site bucket, then invalidate CloudFront.

Run by ``make deploy`` right after ``sam deploy``. The bucket and the distribution come from the
stack's outputs (``SiteBucketName``, ``DistributionId``), the stack and region from samconfig.toml.
Each object carries the sha256 of its content in its metadata, so a later run uploads only what
changed (or whose headers the plan now sets differently) and invalidates only those paths.
``--dry-run`` prints the plan against an empty bucket and calls no AWS API at all.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from portal_deploy import samconfig
from portal_deploy.site_plan import SitePlan, SitePlanError, describe, local_files, plan

SITE = samconfig.ROOT / "static_site"
SHA256_METADATA = "sha256"
# Stack outputs first; the logical ids are the fallback for a stack deployed before the outputs.
BUCKET_OUTPUT, BUCKET_RESOURCE = "SiteBucketName", "SiteBucket"
DISTRIBUTION_OUTPUT, DISTRIBUTION_RESOURCE = "DistributionId", "SiteDistribution"


class DeployError(Exception):
    """The stack does not say where the site goes."""


def stack_outputs(cloudformation: Any, stack_name: str) -> dict[str, str]:
    stacks = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    return {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}


def site_targets(outputs: Mapping[str, str], physical_id: Callable[[str], str | None]) -> tuple[str, str]:
    """(bucket, distribution id) from the outputs, else from the stack's resources by logical id."""
    bucket = outputs.get(BUCKET_OUTPUT) or physical_id(BUCKET_RESOURCE)
    distribution = outputs.get(DISTRIBUTION_OUTPUT) or physical_id(DISTRIBUTION_RESOURCE)
    if not bucket or not distribution:
        raise DeployError(f"the stack has no {BUCKET_OUTPUT} / {DISTRIBUTION_OUTPUT} output: deploy it first")
    return bucket, distribution


def remote_objects(s3: Any, bucket: str) -> dict[str, tuple[str, str, str] | None]:
    """key -> (sha256, content type, cache control) as the bucket holds them."""
    found: dict[str, tuple[str, str, str] | None] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            head = s3.head_object(Bucket=bucket, Key=item["Key"])
            digest = head.get("Metadata", {}).get(SHA256_METADATA)
            found[item["Key"]] = (digest, head.get("ContentType", ""), head.get("CacheControl", "")) if digest else None
    return found


def apply(site_plan: SitePlan, s3: Any, cloudfront: Any, bucket: str, distribution: str) -> str | None:
    """Upload, then delete, then invalidate; returns the invalidation's id (None when nothing changed)."""
    for file in site_plan.uploads:
        if file.path is None:
            raise DeployError(f"{file.key}: no local file to upload")
        s3.put_object(Bucket=bucket, Key=file.key, Body=file.path.read_bytes(), ContentType=file.content_type,
                      CacheControl=file.cache_control, Metadata={SHA256_METADATA: file.sha256})
    deletions = list(site_plan.deletions)
    for start in range(0, len(deletions), 1000):  # DeleteObjects takes at most 1,000 keys
        batch = [{"Key": key} for key in deletions[start:start + 1000]]
        s3.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
    if not site_plan.invalidation:
        return None
    answer = cloudfront.create_invalidation(DistributionId=distribution, InvalidationBatch={
        "Paths": {"Quantity": len(site_plan.invalidation), "Items": list(site_plan.invalidation)},
        "CallerReference": f"portal-deploy-{uuid.uuid4()}",
    })
    return answer["Invalidation"]["Id"]


def deploy_site(session: Any, stack_name: str, site: Path = SITE) -> SitePlan:
    """The whole step against AWS, with a boto3 session for the stack's region."""
    cloudformation = session.client("cloudformation")

    def physical_id(logical_id: str) -> str | None:
        try:
            detail = cloudformation.describe_stack_resource(StackName=stack_name, LogicalResourceId=logical_id)
        except cloudformation.exceptions.ClientError:
            return None
        return detail["StackResourceDetail"].get("PhysicalResourceId")

    bucket, distribution = site_targets(stack_outputs(cloudformation, stack_name), physical_id)
    s3 = session.client("s3")
    site_plan = plan(local_files(site), remote_objects(s3, bucket))
    print(describe(site_plan, bucket, distribution))
    invalidation = apply(site_plan, s3, session.client("cloudfront"), bucket, distribution)
    print(f"invalidation {invalidation} started" if invalidation else "no invalidation needed")
    return site_plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal_deploy.site", description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the plan against an empty bucket; no AWS call")
    parser.add_argument("--stack-name", help="default: stack_name in samconfig.toml")
    parser.add_argument("--region", help="default: region in samconfig.toml")
    parser.add_argument("--site", type=Path, default=SITE, help="the site folder (default: static_site/)")
    args = parser.parse_args(argv)
    try:
        if args.dry_run:
            print(describe(plan(local_files(args.site), {}), "<SiteBucket output>", "<DistributionId output>"))
            return 0
        settings = None if args.region and args.stack_name else samconfig.settings()
        import boto3

        session = boto3.session.Session(region_name=args.region or settings.region,
                                        profile_name=settings.profile if settings else None)
        deploy_site(session, args.stack_name or settings.stack_name, args.site)
    except (samconfig.SamConfigError, SitePlanError, DeployError) as error:
        print(f"portal_deploy.site: {error}", file=sys.stderr)
        return 1
    except (BotoCoreError, ClientError) as error:  # no credentials, no stack, access denied: say which
        print(f"portal_deploy.site: AWS refused or could not be reached: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
