from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PostV1McpConnectionsIdRefreshResponse200Auth")



@_attrs_define
class PostV1McpConnectionsIdRefreshResponse200Auth:
    """ 
        Attributes:
            type_ (str):
     """

    type_: str





    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        post_v1_mcp_connections_id_refresh_response_200_auth = cls(
            type_=type_,
        )

        return post_v1_mcp_connections_id_refresh_response_200_auth

