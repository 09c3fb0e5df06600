from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ProviderErrorError")



@_attrs_define
class ProviderErrorError:
    """ 
        Attributes:
            code (str): One of ErrorCode, or the provider's own code for a failed call.
            message (str): For people; never holds a secret.
            execution_id (str | Unset): The recorded run, when the call got that far.
            field (str | Unset): The request field at fault: `name`, `scopes[0]`, `input.channel`.
            record_incomplete (bool | Unset):
            retryable (bool | Unset):
            warning (str | Unset):
     """

    code: str
    message: str
    execution_id: str | Unset = UNSET
    field: str | Unset = UNSET
    record_incomplete: bool | Unset = UNSET
    retryable: bool | Unset = UNSET
    warning: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        execution_id = self.execution_id

        field = self.field

        record_incomplete = self.record_incomplete

        retryable = self.retryable

        warning = self.warning


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "message": message,
        })
        if execution_id is not UNSET:
            field_dict["execution_id"] = execution_id
        if field is not UNSET:
            field_dict["field"] = field
        if record_incomplete is not UNSET:
            field_dict["record_incomplete"] = record_incomplete
        if retryable is not UNSET:
            field_dict["retryable"] = retryable
        if warning is not UNSET:
            field_dict["warning"] = warning

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        execution_id = d.pop("execution_id", UNSET)

        field = d.pop("field", UNSET)

        record_incomplete = d.pop("record_incomplete", UNSET)

        retryable = d.pop("retryable", UNSET)

        warning = d.pop("warning", UNSET)

        provider_error_error = cls(
            code=code,
            message=message,
            execution_id=execution_id,
            field=field,
            record_incomplete=record_incomplete,
            retryable=retryable,
            warning=warning,
        )

        return provider_error_error

