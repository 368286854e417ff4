"""The extra-accounts daily limit holds under concurrency: 40 threads, exactly the limit counted.

Each DynamoDB call is made atomic (as DynamoDB applies it; see test_concurrency.py for why moto
needs the lock), everything between calls races freely. The count is one conditional UpdateItem,
so there is no "between": exactly ``limit`` of the 40 succeed, the rest are refused with 429.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from portal.accounts import company
from portal.platform.errors import Throttled
from portal.platform.settings import reset_settings

from tests.security.faults import Faults

THREADS = 40
LIMIT = 7


@pytest.fixture
def atomic(monkeypatch, aws, fake_clock) -> Faults:
    monkeypatch.setenv("COMPANY_EXTRA_ACCOUNTS_PER_DAY", str(LIMIT))
    reset_settings()
    faults = Faults(atomic=threading.RLock())
    return faults.install(monkeypatch)


def test_forty_concurrent_additions_count_exactly_the_daily_limit(atomic: Faults) -> None:
    barrier = threading.Barrier(THREADS)

    def one(_: int) -> str:
        barrier.wait()
        try:
            company._count_against_today("01JPARTY0000000000000000000")
        except Throttled as refused:
            return refused.code
        return "counted"

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(one, range(THREADS)))
    assert outcomes.count("counted") == LIMIT
    assert outcomes.count("extra_accounts_daily_limit") == THREADS - LIMIT
    quota = company.ExtraAccountQuota.get("QUOTA#01JPARTY0000000000000000000", "EXTRA_ACCOUNTS#2026-11-26")
    assert quota.added == LIMIT
