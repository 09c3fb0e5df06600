from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.get_readyz_response_200_status import GetReadyzResponse200Status
from typing import cast

if TYPE_CHECKING:
  from ..models.get_readyz_response_200_checks import GetReadyzResponse200Checks





T = TypeVar("T", bound="GetReadyzResponse200")



@_attrs_define
class GetReadyzResponse200:
    """ 
        Attributes:
            checks (GetReadyzResponse200Checks):
            failing (list[str]):
            status (GetReadyzResponse200Status):
     """

    checks: GetReadyzResponse200Checks
    failing: list[str]
    status: GetReadyzResponse200Status





    def to_dict(self) -> dict[str, Any]:
        from ..models.get_readyz_response_200_checks import GetReadyzResponse200Checks # noqa: PLC0415
        checks = self.checks.to_dict()

        failing = self.failing



        status = self.status.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "checks": checks,
            "failing": failing,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.get_readyz_response_200_checks import GetReadyzResponse200Checks # noqa: PLC0415
        d = dict(src_dict)
        checks = GetReadyzResponse200Checks.from_dict(d.pop("checks"))




        failing = cast(list[str], d.pop("failing"))


        status = GetReadyzResponse200Status(d.pop("status"))




        get_readyz_response_200 = cls(
            checks=checks,
            failing=failing,
            status=status,
        )

        return get_readyz_response_200

