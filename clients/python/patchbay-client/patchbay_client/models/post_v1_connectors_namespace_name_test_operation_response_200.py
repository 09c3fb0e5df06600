from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_connectors_namespace_name_test_operation_response_200_error import PostV1ConnectorsNamespaceNameTestOperationResponse200Error
  from ..models.post_v1_connectors_namespace_name_test_operation_response_200_exchanges_item import PostV1ConnectorsNamespaceNameTestOperationResponse200ExchangesItem





T = TypeVar("T", bound="PostV1ConnectorsNamespaceNameTestOperationResponse200")



@_attrs_define
class PostV1ConnectorsNamespaceNameTestOperationResponse200:
    """ 
        Attributes:
            duration_ms (int):
            exchanges (list[PostV1ConnectorsNamespaceNameTestOperationResponse200ExchangesItem]):
            ok (bool):
            error (PostV1ConnectorsNamespaceNameTestOperationResponse200Error | Unset):
            output (Any | Unset):
     """

    duration_ms: int
    exchanges: list[PostV1ConnectorsNamespaceNameTestOperationResponse200ExchangesItem]
    ok: bool
    error: PostV1ConnectorsNamespaceNameTestOperationResponse200Error | Unset = UNSET
    output: Any | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_connectors_namespace_name_test_operation_response_200_error import PostV1ConnectorsNamespaceNameTestOperationResponse200Error # noqa: PLC0415
        from ..models.post_v1_connectors_namespace_name_test_operation_response_200_exchanges_item import PostV1ConnectorsNamespaceNameTestOperationResponse200ExchangesItem # noqa: PLC0415
        duration_ms = self.duration_ms

        exchanges = []
        for exchanges_item_data in self.exchanges:
            exchanges_item = exchanges_item_data.to_dict()
            exchanges.append(exchanges_item)



        ok = self.ok

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        output = self.output


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "duration_ms": duration_ms,
            "exchanges": exchanges,
            "ok": ok,
        })
        if error is not UNSET:
            field_dict["error"] = error
        if output is not UNSET:
            field_dict["output"] = output

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_connectors_namespace_name_test_operation_response_200_error import PostV1ConnectorsNamespaceNameTestOperationResponse200Error # noqa: PLC0415
        from ..models.post_v1_connectors_namespace_name_test_operation_response_200_exchanges_item import PostV1ConnectorsNamespaceNameTestOperationResponse200ExchangesItem # noqa: PLC0415
        d = dict(src_dict)
        duration_ms = d.pop("duration_ms")

        exchanges = []
        _exchanges = d.pop("exchanges")
        for exchanges_item_data in (_exchanges):
            exchanges_item = PostV1ConnectorsNamespaceNameTestOperationResponse200ExchangesItem.from_dict(exchanges_item_data)



            exchanges.append(exchanges_item)


        ok = d.pop("ok")

        _error = d.pop("error", UNSET)
        error: PostV1ConnectorsNamespaceNameTestOperationResponse200Error | Unset
        if isinstance(_error,  Unset):
            error = UNSET
        else:
            error = PostV1ConnectorsNamespaceNameTestOperationResponse200Error.from_dict(_error)




        output = d.pop("output", UNSET)

        post_v1_connectors_namespace_name_test_operation_response_200 = cls(
            duration_ms=duration_ms,
            exchanges=exchanges,
            ok=ok,
            error=error,
            output=output,
        )

        return post_v1_connectors_namespace_name_test_operation_response_200

