from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PostV1ConnectorsNamespaceNameTestOperationResponse200Error")



@_attrs_define
class PostV1ConnectorsNamespaceNameTestOperationResponse200Error:
    """ 
        Attributes:
            code (str):
            message (str):
            upstream_status (int | Unset):
     """

    code: str
    message: str
    upstream_status: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        upstream_status = self.upstream_status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "message": message,
        })
        if upstream_status is not UNSET:
            field_dict["upstream_status"] = upstream_status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        upstream_status = d.pop("upstream_status", UNSET)

        post_v1_connectors_namespace_name_test_operation_response_200_error = cls(
            code=code,
            message=message,
            upstream_status=upstream_status,
        )

        return post_v1_connectors_namespace_name_test_operation_response_200_error

