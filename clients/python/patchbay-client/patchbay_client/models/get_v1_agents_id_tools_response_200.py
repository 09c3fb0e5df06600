from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.get_v1_agents_id_tools_response_200_format import GetV1AgentsIdToolsResponse200Format
from typing import cast

if TYPE_CHECKING:
  from ..models.get_v1_agents_id_tools_response_200_tools_item import GetV1AgentsIdToolsResponse200ToolsItem





T = TypeVar("T", bound="GetV1AgentsIdToolsResponse200")



@_attrs_define
class GetV1AgentsIdToolsResponse200:
    """ 
        Attributes:
            format_ (GetV1AgentsIdToolsResponse200Format):
            tools (list[GetV1AgentsIdToolsResponse200ToolsItem]):
            version (int):
     """

    format_: GetV1AgentsIdToolsResponse200Format
    tools: list[GetV1AgentsIdToolsResponse200ToolsItem]
    version: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.get_v1_agents_id_tools_response_200_tools_item import GetV1AgentsIdToolsResponse200ToolsItem # noqa: PLC0415
        format_ = self.format_.value

        tools = []
        for tools_item_data in self.tools:
            tools_item = tools_item_data.to_dict()
            tools.append(tools_item)



        version = self.version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "format": format_,
            "tools": tools,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.get_v1_agents_id_tools_response_200_tools_item import GetV1AgentsIdToolsResponse200ToolsItem # noqa: PLC0415
        d = dict(src_dict)
        format_ = GetV1AgentsIdToolsResponse200Format(d.pop("format"))




        tools = []
        _tools = d.pop("tools")
        for tools_item_data in (_tools):
            tools_item = GetV1AgentsIdToolsResponse200ToolsItem.from_dict(tools_item_data)



            tools.append(tools_item)


        version = d.pop("version")

        get_v1_agents_id_tools_response_200 = cls(
            format_=format_,
            tools=tools,
            version=version,
        )

        return get_v1_agents_id_tools_response_200

