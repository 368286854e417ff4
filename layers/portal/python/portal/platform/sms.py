"""Text messages through SNS (transactional: verification codes)."""

from __future__ import annotations

from portal.platform.aws import client
from portal.platform.settings import get_settings


def send_sms(phone: str, text: str) -> str:
    response = client("sns").publish(
        PhoneNumber=phone,
        Message=text,
        MessageAttributes={
            "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
            "AWS.SNS.SMS.SenderID": {
                "DataType": "String",
                "StringValue": "".join(c for c in get_settings().office_name if c.isalnum())[:11] or "Portal",
            },
        },
    )
    return response["MessageId"]
