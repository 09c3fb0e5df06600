from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.post_v1_mcp_connections_body_auth_type import PostV1McpConnectionsBodyAuthType
from ..types import UNSET, Unset






T = TypeVar("T", bound="PostV1McpConnectionsBodyAuth")



@_attrs_define
class PostV1McpConnectionsBodyAuth:
    """ 
        Attributes:
            token (str | Unset): The bearer token: write-only, sealed in the vault.
            type_ (PostV1McpConnectionsBodyAuthType | Unset): Defaults to bearer with a token, none without.
     """

    token: str | Unset = UNSET
    type_: PostV1McpConnectionsBodyAuthType | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        token = self.token

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if token is not UNSET:
            field_dict["token"] = token
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: PostV1McpConnectionsBodyAuthType | Unset
        if isinstance(_type_,  Unset):
            type_ = UNSET
        else:
            type_ = PostV1McpConnectionsBodyAuthType(_type_)




        post_v1_mcp_connections_body_auth = cls(
            token=token,
            type_=type_,
        )

        return post_v1_mcp_connections_body_auth

