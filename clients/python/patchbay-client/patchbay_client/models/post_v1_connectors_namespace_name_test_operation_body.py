from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_connectors_namespace_name_test_operation_body_input import PostV1ConnectorsNamespaceNameTestOperationBodyInput





T = TypeVar("T", bound="PostV1ConnectorsNamespaceNameTestOperationBody")



@_attrs_define
class PostV1ConnectorsNamespaceNameTestOperationBody:
    """ 
        Attributes:
            connection_id (str | Unset): Whose credentials to use; defaults to the account's shared connection to this
                connector.
            input_ (PostV1ConnectorsNamespaceNameTestOperationBodyInput | Unset): The operation's parameters, checked
                against its schema.
     """

    connection_id: str | Unset = UNSET
    input_: PostV1ConnectorsNamespaceNameTestOperationBodyInput | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_connectors_namespace_name_test_operation_body_input import PostV1ConnectorsNamespaceNameTestOperationBodyInput # noqa: PLC0415
        connection_id = self.connection_id

        input_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id
        if input_ is not UNSET:
            field_dict["input"] = input_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_connectors_namespace_name_test_operation_body_input import PostV1ConnectorsNamespaceNameTestOperationBodyInput # noqa: PLC0415
        d = dict(src_dict)
        connection_id = d.pop("connection_id", UNSET)

        _input_ = d.pop("input", UNSET)
        input_: PostV1ConnectorsNamespaceNameTestOperationBodyInput | Unset
        if isinstance(_input_,  Unset):
            input_ = UNSET
        else:
            input_ = PostV1ConnectorsNamespaceNameTestOperationBodyInput.from_dict(_input_)




        post_v1_connectors_namespace_name_test_operation_body = cls(
            connection_id=connection_id,
            input_=input_,
        )

        return post_v1_connectors_namespace_name_test_operation_body

