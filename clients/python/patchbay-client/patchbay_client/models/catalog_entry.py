from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.catalog_entry_status import CatalogEntryStatus
from typing import cast






T = TypeVar("T", bound="CatalogEntry")



@_attrs_define
class CatalogEntry:
    """ 
        Attributes:
            action_count (int):
            auth_type (str):
            category (str):
            configured (bool):
            configured_reason (None | str):
            connected (bool):
            description (str):
            id (str):
            name (str):
            oauth (bool):
            pack_count (int):
            status (CatalogEntryStatus):
            supports_discovery (bool):
            supports_webhooks (bool):
            version (str):
     """

    action_count: int
    auth_type: str
    category: str
    configured: bool
    configured_reason: None | str
    connected: bool
    description: str
    id: str
    name: str
    oauth: bool
    pack_count: int
    status: CatalogEntryStatus
    supports_discovery: bool
    supports_webhooks: bool
    version: str





    def to_dict(self) -> dict[str, Any]:
        action_count = self.action_count

        auth_type = self.auth_type

        category = self.category

        configured = self.configured

        configured_reason: None | str
        configured_reason = self.configured_reason

        connected = self.connected

        description = self.description

        id = self.id

        name = self.name

        oauth = self.oauth

        pack_count = self.pack_count

        status = self.status.value

        supports_discovery = self.supports_discovery

        supports_webhooks = self.supports_webhooks

        version = self.version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action_count": action_count,
            "auth_type": auth_type,
            "category": category,
            "configured": configured,
            "configured_reason": configured_reason,
            "connected": connected,
            "description": description,
            "id": id,
            "name": name,
            "oauth": oauth,
            "pack_count": pack_count,
            "status": status,
            "supports_discovery": supports_discovery,
            "supports_webhooks": supports_webhooks,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action_count = d.pop("action_count")

        auth_type = d.pop("auth_type")

        category = d.pop("category")

        configured = d.pop("configured")

        def _parse_configured_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        configured_reason = _parse_configured_reason(d.pop("configured_reason"))


        connected = d.pop("connected")

        description = d.pop("description")

        id = d.pop("id")

        name = d.pop("name")

        oauth = d.pop("oauth")

        pack_count = d.pop("pack_count")

        status = CatalogEntryStatus(d.pop("status"))




        supports_discovery = d.pop("supports_discovery")

        supports_webhooks = d.pop("supports_webhooks")

        version = d.pop("version")

        catalog_entry = cls(
            action_count=action_count,
            auth_type=auth_type,
            category=category,
            configured=configured,
            configured_reason=configured_reason,
            connected=connected,
            description=description,
            id=id,
            name=name,
            oauth=oauth,
            pack_count=pack_count,
            status=status,
            supports_discovery=supports_discovery,
            supports_webhooks=supports_webhooks,
            version=version,
        )

        return catalog_entry

