from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.get_readyz_response_200_checks_additional_property_status import GetReadyzResponse200ChecksAdditionalPropertyStatus
from ..types import UNSET, Unset






T = TypeVar("T", bound="GetReadyzResponse200ChecksAdditionalProperty")



@_attrs_define
class GetReadyzResponse200ChecksAdditionalProperty:
    """ 
        Attributes:
            status (GetReadyzResponse200ChecksAdditionalPropertyStatus):
            detail (str | Unset):
     """

    status: GetReadyzResponse200ChecksAdditionalPropertyStatus
    detail: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        detail = self.detail


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "status": status,
        })
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = GetReadyzResponse200ChecksAdditionalPropertyStatus(d.pop("status"))




        detail = d.pop("detail", UNSET)

        get_readyz_response_200_checks_additional_property = cls(
            status=status,
            detail=detail,
        )

        return get_readyz_response_200_checks_additional_property

