from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="WebhookDeliveryDetailAttemptsDetailItem")



@_attrs_define
class WebhookDeliveryDetailAttemptsDetailItem:
    """ 
        Attributes:
            attempted_at (datetime.datetime):
            duration_ms (int):
            error (None | str):
            id (str):
            status_code (int | None):
     """

    attempted_at: datetime.datetime
    duration_ms: int
    error: None | str
    id: str
    status_code: int | None





    def to_dict(self) -> dict[str, Any]:
        attempted_at = self.attempted_at.isoformat()

        duration_ms = self.duration_ms

        error: None | str
        error = self.error

        id = self.id

        status_code: int | None
        status_code = self.status_code


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attempted_at": attempted_at,
            "duration_ms": duration_ms,
            "error": error,
            "id": id,
            "status_code": status_code,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempted_at = datetime.datetime.fromisoformat(d.pop("attempted_at"))




        duration_ms = d.pop("duration_ms")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))


        id = d.pop("id")

        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))


        webhook_delivery_detail_attempts_detail_item = cls(
            attempted_at=attempted_at,
            duration_ms=duration_ms,
            error=error,
            id=id,
            status_code=status_code,
        )

        return webhook_delivery_detail_attempts_detail_item

