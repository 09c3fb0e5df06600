from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.webhook_stats_status import WebhookStatsStatus
from typing import cast
import datetime






T = TypeVar("T", bound="WebhookStats")



@_attrs_define
class WebhookStats:
    """ 
        Attributes:
            duplicates (int):
            endpoint_id (str):
            last_event_at (datetime.datetime | None):
            received (int):
            rejected (int):
            status (WebhookStatsStatus):
            verified (int):
     """

    duplicates: int
    endpoint_id: str
    last_event_at: datetime.datetime | None
    received: int
    rejected: int
    status: WebhookStatsStatus
    verified: int





    def to_dict(self) -> dict[str, Any]:
        duplicates = self.duplicates

        endpoint_id = self.endpoint_id

        last_event_at: None | str
        if isinstance(self.last_event_at, datetime.datetime):
            last_event_at = self.last_event_at.isoformat()
        else:
            last_event_at = self.last_event_at

        received = self.received

        rejected = self.rejected

        status = self.status.value

        verified = self.verified


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "duplicates": duplicates,
            "endpoint_id": endpoint_id,
            "last_event_at": last_event_at,
            "received": received,
            "rejected": rejected,
            "status": status,
            "verified": verified,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        duplicates = d.pop("duplicates")

        endpoint_id = d.pop("endpoint_id")

        def _parse_last_event_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_event_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_event_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_event_at = _parse_last_event_at(d.pop("last_event_at"))


        received = d.pop("received")

        rejected = d.pop("rejected")

        status = WebhookStatsStatus(d.pop("status"))




        verified = d.pop("verified")

        webhook_stats = cls(
            duplicates=duplicates,
            endpoint_id=endpoint_id,
            last_event_at=last_event_at,
            received=received,
            rejected=rejected,
            status=status,
            verified=verified,
        )

        return webhook_stats

