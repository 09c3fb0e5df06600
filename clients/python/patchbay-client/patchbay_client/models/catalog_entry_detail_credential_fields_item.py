from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="CatalogEntryDetailCredentialFieldsItem")



@_attrs_define
class CatalogEntryDetailCredentialFieldsItem:
    """ 
        Attributes:
            description (str):
            label (str):
            name (str):
            required (bool):
     """

    description: str
    label: str
    name: str
    required: bool





    def to_dict(self) -> dict[str, Any]:
        description = self.description

        label = self.label

        name = self.name

        required = self.required


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "description": description,
            "label": label,
            "name": name,
            "required": required,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        label = d.pop("label")

        name = d.pop("name")

        required = d.pop("required")

        catalog_entry_detail_credential_fields_item = cls(
            description=description,
            label=label,
            name=name,
            required=required,
        )

        return catalog_entry_detail_credential_fields_item

