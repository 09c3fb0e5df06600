from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="GetV1McpConnectionsResponse200DataItemAuth")



@_attrs_define
class GetV1McpConnectionsResponse200DataItemAuth:
    """ 
        Attributes:
            type_ (str):
            client_registered (bool | Unset):
            issuer (str | Unset):
            scopes (list[str] | Unset):
     """

    type_: str
    client_registered: bool | Unset = UNSET
    issuer: str | Unset = UNSET
    scopes: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        client_registered = self.client_registered

        issuer = self.issuer

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "type": type_,
        })
        if client_registered is not UNSET:
            field_dict["client_registered"] = client_registered
        if issuer is not UNSET:
            field_dict["issuer"] = issuer
        if scopes is not UNSET:
            field_dict["scopes"] = scopes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        client_registered = d.pop("client_registered", UNSET)

        issuer = d.pop("issuer", UNSET)

        scopes = cast(list[str], d.pop("scopes", UNSET))


        get_v1_mcp_connections_response_200_data_item_auth = cls(
            type_=type_,
            client_registered=client_registered,
            issuer=issuer,
            scopes=scopes,
        )

        return get_v1_mcp_connections_response_200_data_item_auth

