from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.post_v1_mcp_connections_response_201_auth import PostV1McpConnectionsResponse201Auth
  from ..models.post_v1_mcp_connections_response_201_tools_item import PostV1McpConnectionsResponse201ToolsItem





T = TypeVar("T", bound="PostV1McpConnectionsResponse201")



@_attrs_define
class PostV1McpConnectionsResponse201:
    """ 
        Attributes:
            auth (PostV1McpConnectionsResponse201Auth):
            created_at (datetime.datetime):
            has_credentials (bool):
            id (str):
            label (str):
            provider (str):
            server_info (Any):
            skipped_tools (list[str]):
            status (str):
            tools (list[PostV1McpConnectionsResponse201ToolsItem]):
            tools_updated_at (datetime.datetime):
            url (str):
            authorize_url (str | Unset): oauth2, on creation: where to send the user to consent.
     """

    auth: PostV1McpConnectionsResponse201Auth
    created_at: datetime.datetime
    has_credentials: bool
    id: str
    label: str
    provider: str
    server_info: Any
    skipped_tools: list[str]
    status: str
    tools: list[PostV1McpConnectionsResponse201ToolsItem]
    tools_updated_at: datetime.datetime
    url: str
    authorize_url: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_mcp_connections_response_201_auth import PostV1McpConnectionsResponse201Auth # noqa: PLC0415
        from ..models.post_v1_mcp_connections_response_201_tools_item import PostV1McpConnectionsResponse201ToolsItem # noqa: PLC0415
        auth = self.auth.to_dict()

        created_at = self.created_at.isoformat()

        has_credentials = self.has_credentials

        id = self.id

        label = self.label

        provider = self.provider

        server_info = self.server_info

        skipped_tools = self.skipped_tools



        status = self.status

        tools = []
        for tools_item_data in self.tools:
            tools_item = tools_item_data.to_dict()
            tools.append(tools_item)



        tools_updated_at = self.tools_updated_at.isoformat()

        url = self.url

        authorize_url = self.authorize_url


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "auth": auth,
            "created_at": created_at,
            "has_credentials": has_credentials,
            "id": id,
            "label": label,
            "provider": provider,
            "server_info": server_info,
            "skipped_tools": skipped_tools,
            "status": status,
            "tools": tools,
            "tools_updated_at": tools_updated_at,
            "url": url,
        })
        if authorize_url is not UNSET:
            field_dict["authorize_url"] = authorize_url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_mcp_connections_response_201_auth import PostV1McpConnectionsResponse201Auth # noqa: PLC0415
        from ..models.post_v1_mcp_connections_response_201_tools_item import PostV1McpConnectionsResponse201ToolsItem # noqa: PLC0415
        d = dict(src_dict)
        auth = PostV1McpConnectionsResponse201Auth.from_dict(d.pop("auth"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        has_credentials = d.pop("has_credentials")

        id = d.pop("id")

        label = d.pop("label")

        provider = d.pop("provider")

        server_info = d.pop("server_info")

        skipped_tools = cast(list[str], d.pop("skipped_tools"))


        status = d.pop("status")

        tools = []
        _tools = d.pop("tools")
        for tools_item_data in (_tools):
            tools_item = PostV1McpConnectionsResponse201ToolsItem.from_dict(tools_item_data)



            tools.append(tools_item)


        tools_updated_at = datetime.datetime.fromisoformat(d.pop("tools_updated_at"))




        url = d.pop("url")

        authorize_url = d.pop("authorize_url", UNSET)

        post_v1_mcp_connections_response_201 = cls(
            auth=auth,
            created_at=created_at,
            has_credentials=has_credentials,
            id=id,
            label=label,
            provider=provider,
            server_info=server_info,
            skipped_tools=skipped_tools,
            status=status,
            tools=tools,
            tools_updated_at=tools_updated_at,
            url=url,
            authorize_url=authorize_url,
        )

        return post_v1_mcp_connections_response_201

