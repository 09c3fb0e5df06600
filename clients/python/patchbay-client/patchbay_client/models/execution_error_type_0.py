from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ExecutionErrorType0")



@_attrs_define
class ExecutionErrorType0:
    """ 
        Attributes:
            code (str):
            message (str):
            retryable (bool | Unset):
            upstream_status (int | Unset):
     """

    code: str
    message: str
    retryable: bool | Unset = UNSET
    upstream_status: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        retryable = self.retryable

        upstream_status = self.upstream_status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "message": message,
        })
        if retryable is not UNSET:
            field_dict["retryable"] = retryable
        if upstream_status is not UNSET:
            field_dict["upstream_status"] = upstream_status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        retryable = d.pop("retryable", UNSET)

        upstream_status = d.pop("upstream_status", UNSET)

        execution_error_type_0 = cls(
            code=code,
            message=message,
            retryable=retryable,
            upstream_status=upstream_status,
        )

        return execution_error_type_0

