from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PostV1McpConnectionsIdRefreshResponse200ToolsItem")



@_attrs_define
class PostV1McpConnectionsIdRefreshResponse200ToolsItem:
    """ 
        Attributes:
            description (Any):
            input_schema (Any):
            name (Any):
            output_schema (Any | Unset):
     """

    description: Any
    input_schema: Any
    name: Any
    output_schema: Any | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        description = self.description

        input_schema = self.input_schema

        name = self.name

        output_schema = self.output_schema


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "description": description,
            "input_schema": input_schema,
            "name": name,
        })
        if output_schema is not UNSET:
            field_dict["output_schema"] = output_schema

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        input_schema = d.pop("input_schema")

        name = d.pop("name")

        output_schema = d.pop("output_schema", UNSET)

        post_v1_mcp_connections_id_refresh_response_200_tools_item = cls(
            description=description,
            input_schema=input_schema,
            name=name,
            output_schema=output_schema,
        )

        return post_v1_mcp_connections_id_refresh_response_200_tools_item

