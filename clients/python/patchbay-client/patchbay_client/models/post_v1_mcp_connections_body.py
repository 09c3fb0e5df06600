from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_mcp_connections_body_auth import PostV1McpConnectionsBodyAuth





T = TypeVar("T", bound="PostV1McpConnectionsBody")



@_attrs_define
class PostV1McpConnectionsBody:
    """ 
        Attributes:
            url (str): The server's Streamable HTTP endpoint (http or https).
            auth (PostV1McpConnectionsBodyAuth | Unset):
            label (str | Unset): Defaults to the server's name.
     """

    url: str
    auth: PostV1McpConnectionsBodyAuth | Unset = UNSET
    label: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_mcp_connections_body_auth import PostV1McpConnectionsBodyAuth # noqa: PLC0415
        url = self.url

        auth: dict[str, Any] | Unset = UNSET
        if not isinstance(self.auth, Unset):
            auth = self.auth.to_dict()

        label = self.label


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "url": url,
        })
        if auth is not UNSET:
            field_dict["auth"] = auth
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_mcp_connections_body_auth import PostV1McpConnectionsBodyAuth # noqa: PLC0415
        d = dict(src_dict)
        url = d.pop("url")

        _auth = d.pop("auth", UNSET)
        auth: PostV1McpConnectionsBodyAuth | Unset
        if isinstance(_auth,  Unset):
            auth = UNSET
        else:
            auth = PostV1McpConnectionsBodyAuth.from_dict(_auth)




        label = d.pop("label", UNSET)

        post_v1_mcp_connections_body = cls(
            url=url,
            auth=auth,
            label=label,
        )

        return post_v1_mcp_connections_body

