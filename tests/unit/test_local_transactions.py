"""The embedded moto's transactions (infra/local/moto_transactions): a cancelled one undoes exactly
what it wrote, and the table, with its stream, stays the one the stream pump reads."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from portal.platform.aws import client
from portal.platform.settings import get_settings
from portal_local.activity_events import StreamPump


def item(pk: str, **attributes: str) -> dict:
    return {"pk": {"S": pk}, "sk": {"S": "X"}, **{k: {"S": v} for k, v in attributes.items()}}


def stream_iterator(streams, table: str) -> str:
    [stream] = streams.list_streams(TableName=table)["Streams"]
    [shard] = streams.describe_stream(StreamArn=stream["StreamArn"])["StreamDescription"]["Shards"]
    return streams.get_shard_iterator(StreamArn=stream["StreamArn"], ShardId=shard["ShardId"],
                                      ShardIteratorType="LATEST")["ShardIterator"]


def test_a_cancelled_transaction_undoes_its_writes_and_the_stream_goes_on(aws) -> None:
    dynamodb, streams, table = client("dynamodb"), StreamPump._new_client(), get_settings().table_name
    dynamodb.put_item(TableName=table, Item=item("T#kept", state="before"))
    iterator = stream_iterator(streams, table)

    with pytest.raises(ClientError) as cancelled:
        dynamodb.transact_write_items(TransactItems=[
            {"Update": {"TableName": table, "Key": {"pk": {"S": "T#kept"}, "sk": {"S": "X"}},
                        "UpdateExpression": "SET #s = :s", "ExpressionAttributeNames": {"#s": "state"},
                        "ExpressionAttributeValues": {":s": {"S": "during"}}}},
            {"Put": {"TableName": table, "Item": item("T#new")}},
            {"Put": {"TableName": table, "Item": item("T#taken"), "ConditionExpression": "attribute_exists(pk)"}},
        ])
    assert cancelled.value.response["Error"]["Code"] == "TransactionCanceledException"

    def read(pk: str):
        return dynamodb.get_item(TableName=table, Key={"pk": {"S": pk}, "sk": {"S": "X"}}).get("Item")

    assert read("T#kept")["state"] == {"S": "before"}
    assert read("T#new") is None
    # The stream has nothing of the cancelled writes, and an iterator taken before it reads on.
    dynamodb.put_item(TableName=table, Item=item("T#after"))
    answer = streams.get_records(ShardIterator=iterator)
    assert [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in answer["Records"]] == [("INSERT", "T#after")]


def test_a_transaction_that_goes_through_is_written_whole(aws) -> None:
    dynamodb, table = client("dynamodb"), get_settings().table_name
    dynamodb.transact_write_items(TransactItems=[
        {"Put": {"TableName": table, "Item": item("T#one")}},
        {"Put": {"TableName": table, "Item": item("T#two"), "ConditionExpression": "attribute_not_exists(pk)"}},
    ])
    keys = [{"pk": {"S": pk}, "sk": {"S": "X"}} for pk in ("T#one", "T#two")]
    found = dynamodb.batch_get_item(RequestItems={table: {"Keys": keys}})["Responses"][table]
    assert sorted(i["pk"]["S"] for i in found) == ["T#one", "T#two"]
