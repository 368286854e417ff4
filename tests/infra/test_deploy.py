"""`make deploy` is the whole deployment, checked without AWS: samconfig.toml, the Makefile's order
(build from the locks, sam deploy, the site), the site upload's plan and its run against moto.
The lock files themselves: test_lock_files.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import boto3
import pytest
from moto import mock_aws
from portal_deploy import samconfig, site, site_plan

ROOT = Path(__file__).resolve().parents[2]
LAYER = ROOT / "layers" / "portal" / "python"
LOCK_FOLDERS = [LAYER, *sorted(p.parent for p in (ROOT / "functions").glob("*/*/requirements.in"))]
REGION = "eu-west-1"


def make_dry_run(target: str, *args: str) -> str:
    result = subprocess.run(["make", "-n", *args, target], cwd=ROOT, capture_output=True,  # noqa: S603, S607
                            text=True, check=True)
    return result.stdout


# ---------------------------------------------------------------- samconfig.toml


def test_samconfig_deploys_without_questions_once_the_office_has_answered() -> None:
    config = tomllib.loads((ROOT / "samconfig.toml").read_text())
    parameters = samconfig.deploy_parameters(config)
    assert config["version"] == 0.1
    assert parameters["stack_name"] and parameters["region"]
    assert set(parameters["capabilities"].split()) == {
        "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"}
    assert parameters["resolve_s3"] is True
    assert parameters["confirm_changeset"] is False
    assert parameters["fail_on_empty_changeset"] is False
    assert samconfig.settings() == samconfig.DeploySettings(parameters["stack_name"], parameters["region"])
    assert "profile" not in parameters  # the shell's AWS credentials, unless the office saves one


def test_samconfig_documents_the_parameters_guided_asks() -> None:
    text = (ROOT / "samconfig.toml").read_text()
    assert "# parameter_overrides = " in text
    for name in ("OfficeName", "SenderEmail", "MailDomain", "SiteUrl", "AlarmEmail"):
        assert re.search(rf"^#\s+{name}\s+\S", text, re.MULTILINE), f"{name} is not explained"


def test_the_first_deploy_is_guided_and_every_later_one_is_not(tmp_path) -> None:
    assert samconfig.needs_guided()  # as committed: the office has not answered yet
    answered = tmp_path / "samconfig.toml"
    answered.write_text((ROOT / "samconfig.toml").read_text().replace(
        "[default.deploy.parameters]\n",
        '[default.deploy.parameters]\nparameter_overrides = "OfficeName=\\"Notariskantoor De Vries\\""\n'))
    assert not samconfig.needs_guided(answered)
    assert samconfig.needs_guided(tmp_path / "missing.toml")
    mode = subprocess.run([sys.executable, "-m", "portal_deploy.samconfig", "mode"], cwd=ROOT,  # noqa: S603
                          capture_output=True, text=True, check=True)
    assert mode.stdout.strip() == "guided"
    with pytest.raises(samconfig.SamConfigError):
        samconfig.settings(tmp_path / "missing.toml")


# ---------------------------------------------------------------- the Makefile


def test_make_deploy_builds_then_deploys_then_uploads_the_site() -> None:
    commands = make_dry_run("deploy", "SAM=/opt/sam/bin/sam")
    build = commands.index("/opt/sam/bin/sam build")
    guided = commands.index("/opt/sam/bin/sam deploy --guided")
    unattended = commands.index("/opt/sam/bin/sam deploy --no-confirm-changeset --no-fail-on-empty-changeset")
    upload = commands.index("-m portal_deploy.site")
    assert build < guided < unattended < upload
    assert "mode=$(.venv/bin/python -m portal_deploy.samconfig mode) || exit 1" in commands[build:guided]
    assert "--dry-run" not in commands[upload:]


def test_no_deployment_step_is_left_to_a_manual_sync() -> None:
    for path in [ROOT / "Makefile", ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        assert "s3 sync" not in path.read_text(), f"{path.name} still tells a person to sync the site by hand"


def test_make_build_gives_sam_only_wheels_checked_against_the_locks() -> None:
    commands = make_dry_run("build", "SAM=/opt/sam/bin/sam").splitlines()
    downloads = next(line for line in commands if "pip download" in line)
    for folder in LOCK_FOLDERS:
        assert str((folder / "requirements.txt").relative_to(ROOT)) in downloads
    fetches = downloads.split(" && ")
    assert len(fetches) == 2 and all("--require-hashes" in fetch for fetch in fetches)
    assert "--platform manylinux2014_aarch64" in fetches[1] and "--python-version 3.12" in fetches[1]
    build = next(line for line in commands if "/opt/sam/bin/sam build" in line)
    assert "PIP_NO_INDEX=1" in build and "PIP_FIND_LINKS=" in build


def test_the_dev_environment_installs_the_locked_pins() -> None:
    commands = make_dry_run(".venv/.installed", "-B")
    for folder in LOCK_FOLDERS:
        assert str((folder / "requirements.txt").relative_to(ROOT)) in commands
    assert re.search(r"pip install -q -c \S+ -e \"\.\[dev\]\"", commands)


# ---------------------------------------------------------------- the site's plan


def test_the_real_site_plan_revalidates_html_and_keeps_assets_five_minutes() -> None:
    files = site_plan.local_files(ROOT / "static_site")
    by_key = {f.key: f for f in files}
    assert "index.html" in by_key and "js/app.js" in by_key and "css/portal.css" in by_key
    for file in files:
        if file.key.endswith(".html"):
            assert file.cache_control == "no-cache", file.key
        else:
            assert file.cache_control == "public, max-age=300", file.key
    expected = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml; charset=utf-8",
                ".json": "application/json"}  # the server's error catalogs, linked (js/i18n/errors/)
    for file in files:
        assert file.content_type == expected[Path(file.key).suffix], file.key
    plan = site_plan.plan(files, {})
    assert len(plan.uploads) == len(files) and plan.deletions == ()
    assert plan.invalidation == ("/*",)
    html = [i for i, f in enumerate(plan.uploads) if f.key.endswith(".html")]
    assert html and min(html) > max(i for i, f in enumerate(plan.uploads) if not f.key.endswith(".html"))


def test_a_file_without_a_known_content_type_stops_the_plan(tmp_path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html>")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / ".DS_Store").write_bytes(b"\0")  # dot-files are never uploaded
    with pytest.raises(site_plan.SitePlanError, match="notes.docx"):
        site_plan.local_files(tmp_path)
    (tmp_path / "notes.docx").unlink()
    assert [f.key for f in site_plan.local_files(tmp_path)] == ["index.html"]


def test_a_later_plan_uploads_what_changed_deletes_what_is_gone_and_invalidates_only_those(tmp_path) -> None:
    (tmp_path / "js").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><p>new</p>")
    (tmp_path / "js" / "app.js").write_text("export {};")
    (tmp_path / "js" / "same.js").write_text("export const same = 1;")
    local = {f.key: f for f in site_plan.local_files(tmp_path)}
    remote = {
        "index.html": ("old-digest", "text/html; charset=utf-8", "no-cache"),
        "js/app.js": (local["js/app.js"].sha256, "text/javascript; charset=utf-8", "max-age=86400"),  # old policy
        "js/same.js": local["js/same.js"].headers,
        "js/removed.js": local["js/same.js"].headers,
        "uploaded-by-hand.txt": None,
    }
    plan = site_plan.plan(local.values(), remote)
    assert [f.key for f in plan.uploads] == ["js/app.js", "index.html"]
    assert plan.deletions == ("js/removed.js", "uploaded-by-hand.txt")
    # "/" is what CloudFront caches the root object under, not "/index.html".
    assert plan.invalidation == ("/", "/index.html", "/js/app.js", "/js/removed.js", "/uploaded-by-hand.txt")
    assert plan.unchanged == 1
    assert site_plan.plan(local.values(), {k: f.headers for k, f in local.items()}).invalidation == ()
    many = [f"js/m{i}.js" for i in range(site_plan.MAX_INVALIDATION_PATHS + 1)]
    assert site_plan.invalidation_paths(many) == ("/*",)


def test_dry_run_prints_the_plan_and_calls_no_aws() -> None:
    env = {**os.environ, "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "none",
           "AWS_SECRET_ACCESS_KEY": "none"}  # any AWS call would fail on the closed port
    result = subprocess.run([sys.executable, "-m", "portal_deploy.site", "--dry-run"], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "upload      index.html  Content-Type: text/html; charset=utf-8  Cache-Control: no-cache" in result.stdout
    assert "upload      js/app.js  Content-Type: text/javascript; charset=utf-8  Cache-Control: public, max-age=300" \
        in result.stdout
    assert "invalidate  /*" in result.stdout


# ---------------------------------------------------------------- the upload, against moto


def test_site_targets_come_from_the_stack_outputs_or_its_resources() -> None:
    outputs = {"SiteBucketName": "portal-site-abc", "DistributionId": "E2EXAMPLE", "AdminApiUrl": "https://x"}
    assert site.site_targets(outputs, lambda logical_id: None) == ("portal-site-abc", "E2EXAMPLE")
    resources = {"SiteBucket": "from-resource", "SiteDistribution": "EFROMRESOURCE"}
    assert site.site_targets({}, resources.get) == ("from-resource", "EFROMRESOURCE")
    with pytest.raises(site.DeployError):
        site.site_targets({}, lambda logical_id: None)


def test_the_uploader_reads_outputs_and_resources_the_template_really_has() -> None:
    from portal_local.template import load

    template = load()
    assert {site.BUCKET_OUTPUT, site.DISTRIBUTION_OUTPUT} <= set(template["Outputs"])
    assert {site.BUCKET_RESOURCE, site.DISTRIBUTION_RESOURCE} <= set(template["Resources"])


def _distribution(cloudfront) -> str:  # noqa: ANN001
    config = {
        "CallerReference": "test", "Comment": "", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": "site", "DomainName": "site.s3.amazonaws.com",
                                              "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https",
                                 "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
    }
    return cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]


def _invalidated_paths(cloudfront, distribution: str) -> list[list[str]]:  # noqa: ANN001
    found = []
    for item in cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"].get("Items", []):
        detail = cloudfront.get_invalidation(DistributionId=distribution, Id=item["Id"])
        found.append(detail["Invalidation"]["InvalidationBatch"]["Paths"]["Items"])
    return found


@mock_aws
def test_deploy_puts_the_site_with_its_headers_removes_stale_objects_and_invalidates(tmp_path, capsys) -> None:
    session = boto3.session.Session(region_name=REGION)
    s3, cloudfront = session.client("s3"), session.client("cloudfront")
    s3.create_bucket(Bucket="portal-site", CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_object(Bucket="portal-site", Key="js/old.js", Body=b"export {};")  # from an earlier release
    distribution = _distribution(cloudfront)
    session.client("cloudformation").create_stack(StackName="notary-portal", TemplateBody=json.dumps({
        "Resources": {"Alarms": {"Type": "AWS::SNS::Topic"}},
        "Outputs": {"SiteBucketName": {"Value": "portal-site"}, "DistributionId": {"Value": distribution}},
    }))
    (tmp_path / "js").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><script type=module src=/js/app.js></script>")
    (tmp_path / "js" / "app.js").write_text("export const version = 1;")

    site.deploy_site(session, "notary-portal", tmp_path)

    keys = {o["Key"] for o in s3.list_objects_v2(Bucket="portal-site")["Contents"]}
    assert keys == {"index.html", "js/app.js"}
    page = s3.get_object(Bucket="portal-site", Key="index.html")
    assert (page["ContentType"], page["CacheControl"]) == ("text/html; charset=utf-8", "no-cache")
    module = s3.get_object(Bucket="portal-site", Key="js/app.js")
    assert (module["ContentType"], module["CacheControl"]) == ("text/javascript; charset=utf-8", "public, max-age=300")
    assert module["Body"].read() == b"export const version = 1;"
    assert _invalidated_paths(cloudfront, distribution) == [["/", "/index.html", "/js/app.js", "/js/old.js"]]

    second = site.deploy_site(session, "notary-portal", tmp_path)  # nothing changed: nothing to do
    assert second.uploads == () and second.deletions == () and second.invalidation == ()
    assert len(_invalidated_paths(cloudfront, distribution)) == 1

    (tmp_path / "js" / "app.js").write_text("export const version = 2;")
    site.deploy_site(session, "notary-portal", tmp_path)
    assert _invalidated_paths(cloudfront, distribution)[-1] == ["/js/app.js"]
    assert "invalidation" in capsys.readouterr().out
