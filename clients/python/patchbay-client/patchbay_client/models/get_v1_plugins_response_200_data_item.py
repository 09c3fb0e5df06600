from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.get_v1_plugins_response_200_data_item_isolation import GetV1PluginsResponse200DataItemIsolation
from ..models.get_v1_plugins_response_200_data_item_status import GetV1PluginsResponse200DataItemStatus
from typing import cast






T = TypeVar("T", bound="GetV1PluginsResponse200DataItem")



@_attrs_define
class GetV1PluginsResponse200DataItem:
    """ 
        Attributes:
            crashes (int): Times its worker died since the plugin loaded.
            id (None | str):
            isolation (GetV1PluginsResponse200DataItemIsolation): in_process: loaded into the host (a crash ends the host);
                process: in a worker process of its own, restarted when it crashes.
            last_crash (None | str): How the worker ended the last time, e.g. killed by signal 11.
            name (None | str):
            path (str):
            quarantined (bool): Refused calls after crashing too often (status disabled, reason says why) until the host
                restarts.
            reason (None | str):
            status (GetV1PluginsResponse200DataItemStatus):
            version (None | str):
     """

    crashes: int
    id: None | str
    isolation: GetV1PluginsResponse200DataItemIsolation
    last_crash: None | str
    name: None | str
    path: str
    quarantined: bool
    reason: None | str
    status: GetV1PluginsResponse200DataItemStatus
    version: None | str





    def to_dict(self) -> dict[str, Any]:
        crashes = self.crashes

        id: None | str
        id = self.id

        isolation = self.isolation.value

        last_crash: None | str
        last_crash = self.last_crash

        name: None | str
        name = self.name

        path = self.path

        quarantined = self.quarantined

        reason: None | str
        reason = self.reason

        status = self.status.value

        version: None | str
        version = self.version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "crashes": crashes,
            "id": id,
            "isolation": isolation,
            "last_crash": last_crash,
            "name": name,
            "path": path,
            "quarantined": quarantined,
            "reason": reason,
            "status": status,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        crashes = d.pop("crashes")

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))


        isolation = GetV1PluginsResponse200DataItemIsolation(d.pop("isolation"))




        def _parse_last_crash(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_crash = _parse_last_crash(d.pop("last_crash"))


        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))


        path = d.pop("path")

        quarantined = d.pop("quarantined")

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
            crashes=crashes,
            id=id,
            isolation=isolation,
            last_crash=last_crash,
            name=name,
            path=path,
            quarantined=quarantined,
            reason=reason,
            status=status,
            version=version,
        )

        return get_v1_plugins_response_200_data_item

