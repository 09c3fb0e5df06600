from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="AutoMapProposalSuggestedPresetsItem")



@_attrs_define
class AutoMapProposalSuggestedPresetsItem:
    """ 
        Attributes:
            field (str):
            reason (str):
            value (str):
     """

    field: str
    reason: str
    value: str





    def to_dict(self) -> dict[str, Any]:
        field = self.field

        reason = self.reason

        value = self.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "field": field,
            "reason": reason,
            "value": value,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        reason = d.pop("reason")

        value = d.pop("value")

        auto_map_proposal_suggested_presets_item = cls(
            field=field,
            reason=reason,
            value=value,
        )

        return auto_map_proposal_suggested_presets_item

