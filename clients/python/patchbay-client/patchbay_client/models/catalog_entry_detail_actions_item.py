from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="CatalogEntryDetailActionsItem")



@_attrs_define
class CatalogEntryDetailActionsItem:
    """ 
        Attributes:
            description (str):
            important (bool):
            input_schema (Any):
            mutating (bool):
            name (str):
            output_schema (Any):
            title (str):
     """

    description: str
    important: bool
    input_schema: Any
    mutating: bool
    name: str
    output_schema: Any
    title: str





    def to_dict(self) -> dict[str, Any]:
        description = self.description

        important = self.important

        input_schema = self.input_schema

        mutating = self.mutating

        name = self.name

        output_schema = self.output_schema

        title = self.title


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "description": description,
            "important": important,
            "input_schema": input_schema,
            "mutating": mutating,
            "name": name,
            "output_schema": output_schema,
            "title": title,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        important = d.pop("important")

        input_schema = d.pop("input_schema")

        mutating = d.pop("mutating")

        name = d.pop("name")

        output_schema = d.pop("output_schema")

        title = d.pop("title")

        catalog_entry_detail_actions_item = cls(
            description=description,
            important=important,
            input_schema=input_schema,
            mutating=mutating,
            name=name,
            output_schema=output_schema,
            title=title,
        )

        return catalog_entry_detail_actions_item

