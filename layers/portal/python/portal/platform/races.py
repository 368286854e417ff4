"""The one retry for lost optimistic races.

A read-modify-write guards its write with a condition on what it read (a version, an item that
must or must not exist, a counter's value); when another request changed it in between, DynamoDB
refuses the write and the whole attempt runs again from the reads, which then see the winner's
change. Anything else (throttling, an outage) propagates at once: that is not a "changed
meanwhile" the client could fix by asking again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pynamodb.exceptions import PutError, TransactWriteError, UpdateError

from portal.platform.errors import Conflict

T = TypeVar("T")

LOST_RACE_ATTEMPTS = 3
# A failed condition on one write, or a transaction cancelled for one of its conditions.
LOST_RACE = ("ConditionalCheckFailedException", "TransactionCanceledException")


def lost_race(error: PutError | UpdateError | TransactWriteError) -> bool:
    return error.cause_response_code in LOST_RACE


def retry_lost_races(attempt: Callable[[], T], *, attempts: int = LOST_RACE_ATTEMPTS) -> T:
    """Run ``attempt`` (reads, then conditional writes) until it wins; after ``attempts`` lost
    races, 409 conflict: the item is too busy, the client may try again."""
    for _ in range(attempts):
        try:
            return attempt()
        except (TransactWriteError, UpdateError, PutError) as error:
            if not lost_race(error):
                raise
    raise Conflict()
