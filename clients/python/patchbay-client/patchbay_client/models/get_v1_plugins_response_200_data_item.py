from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.get_v1_plugins_response_200_data_item_status import GetV1PluginsResponse200DataItemStatus
from typing import cast






T = TypeVar("T", bound="GetV1PluginsResponse200DataItem")



@_attrs_define
class GetV1PluginsResponse200DataItem:
    """ 
        Attributes:
            id (None | str):
            name (None | str):
            path (str):
            reason (None | str):
            status (GetV1PluginsResponse200DataItemStatus):
            version (None | str):
     """

    id: None | str
    name: None | str
    path: str
    reason: None | str
    status: GetV1PluginsResponse200DataItemStatus
    version: None | str





    def to_dict(self) -> dict[str, Any]:
        id: None | str
        id = self.id

        name: None | str
        name = self.name

        path = self.path

        reason: None | str
        reason = self.reason

        status = self.status.value

        version: None | str
        version = self.version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "id": id,
            "name": name,
            "path": path,
            "reason": reason,
            "status": status,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))


        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))


        path = d.pop("path")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        status = GetV1PluginsResponse200DataItemStatus(d.pop("status"))




        def _parse_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        version = _parse_version(d.pop("version"))


        get_v1_plugins_response_200_data_item = cls(
            id=id,
            name=name,
            path=path,
            reason=reason,
            status=status,
            version=version,
        )

        return get_v1_plugins_response_200_data_item

