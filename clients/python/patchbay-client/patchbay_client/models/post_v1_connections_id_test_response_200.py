from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PostV1ConnectionsIdTestResponse200")



@_attrs_define
class PostV1ConnectionsIdTestResponse200:
    """ 
        Attributes:
            latency_ms (int):
            message (str):
            success (bool):
     """

    latency_ms: int
    message: str
    success: bool





    def to_dict(self) -> dict[str, Any]:
        latency_ms = self.latency_ms

        message = self.message

        success = self.success


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "latency_ms": latency_ms,
            "message": message,
            "success": success,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        latency_ms = d.pop("latency_ms")

        message = d.pop("message")

        success = d.pop("success")

        post_v1_connections_id_test_response_200 = cls(
            latency_ms=latency_ms,
            message=message,
            success=success,
        )

        return post_v1_connections_id_test_response_200

