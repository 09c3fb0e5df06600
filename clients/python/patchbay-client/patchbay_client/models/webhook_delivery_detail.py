from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.webhook_delivery_detail_status import WebhookDeliveryDetailStatus
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.webhook_delivery_detail_attempts_detail_item import WebhookDeliveryDetailAttemptsDetailItem





T = TypeVar("T", bound="WebhookDeliveryDetail")



@_attrs_define
class WebhookDeliveryDetail:
    """ 
        Attributes:
            attempts (int):
            attempts_detail (list[WebhookDeliveryDetailAttemptsDetailItem]):
            created_at (datetime.datetime):
            event_id (str):
            id (str):
            last_error (None | str):
            last_status_code (int | None):
            next_attempt_at (datetime.datetime | None):
            status (WebhookDeliveryDetailStatus):
            subscription_id (str):
            updated_at (datetime.datetime):
     """

    attempts: int
    attempts_detail: list[WebhookDeliveryDetailAttemptsDetailItem]
    created_at: datetime.datetime
    event_id: str
    id: str
    last_error: None | str
    last_status_code: int | None
    next_attempt_at: datetime.datetime | None
    status: WebhookDeliveryDetailStatus
    subscription_id: str
    updated_at: datetime.datetime





    def to_dict(self) -> dict[str, Any]:
        from ..models.webhook_delivery_detail_attempts_detail_item import WebhookDeliveryDetailAttemptsDetailItem # noqa: PLC0415
        attempts = self.attempts

        attempts_detail = []
        for attempts_detail_item_data in self.attempts_detail:
            attempts_detail_item = attempts_detail_item_data.to_dict()
            attempts_detail.append(attempts_detail_item)



        created_at = self.created_at.isoformat()

        event_id = self.event_id

        id = self.id

        last_error: None | str
        last_error = self.last_error

        last_status_code: int | None
        last_status_code = self.last_status_code

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        status = self.status.value

        subscription_id = self.subscription_id

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attempts": attempts,
            "attempts_detail": attempts_detail,
            "created_at": created_at,
            "event_id": event_id,
            "id": id,
            "last_error": last_error,
            "last_status_code": last_status_code,
            "next_attempt_at": next_attempt_at,
            "status": status,
            "subscription_id": subscription_id,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_delivery_detail_attempts_detail_item import WebhookDeliveryDetailAttemptsDetailItem # noqa: PLC0415
        d = dict(src_dict)
        attempts = d.pop("attempts")

        attempts_detail = []
        _attempts_detail = d.pop("attempts_detail")
        for attempts_detail_item_data in (_attempts_detail):
            attempts_detail_item = WebhookDeliveryDetailAttemptsDetailItem.from_dict(attempts_detail_item_data)



            attempts_detail.append(attempts_detail_item)


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        event_id = d.pop("event_id")

        id = d.pop("id")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))


        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))


        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))


        status = WebhookDeliveryDetailStatus(d.pop("status"))




        subscription_id = d.pop("subscription_id")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        webhook_delivery_detail = cls(
            attempts=attempts,
            attempts_detail=attempts_detail,
            created_at=created_at,
            event_id=event_id,
            id=id,
            last_error=last_error,
            last_status_code=last_status_code,
            next_attempt_at=next_attempt_at,
            status=status,
            subscription_id=subscription_id,
            updated_at=updated_at,
        )

        return webhook_delivery_detail

