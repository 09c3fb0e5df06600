from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.get_readyz_response_503_status import GetReadyzResponse503Status
from typing import cast

if TYPE_CHECKING:
  from ..models.get_readyz_response_503_checks import GetReadyzResponse503Checks





T = TypeVar("T", bound="GetReadyzResponse503")



@_attrs_define
class GetReadyzResponse503:
    """ 
        Attributes:
            checks (GetReadyzResponse503Checks):
            failing (list[str]):
            status (GetReadyzResponse503Status):
     """

    checks: GetReadyzResponse503Checks
    failing: list[str]
    status: GetReadyzResponse503Status





    def to_dict(self) -> dict[str, Any]:
        from ..models.get_readyz_response_503_checks import GetReadyzResponse503Checks # noqa: PLC0415
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
        from ..models.get_readyz_response_503_checks import GetReadyzResponse503Checks # noqa: PLC0415
        d = dict(src_dict)
        checks = GetReadyzResponse503Checks.from_dict(d.pop("checks"))




        failing = cast(list[str], d.pop("failing"))


        status = GetReadyzResponse503Status(d.pop("status"))




        get_readyz_response_503 = cls(
            checks=checks,
            failing=failing,
            status=status,
        )

        return get_readyz_response_503

