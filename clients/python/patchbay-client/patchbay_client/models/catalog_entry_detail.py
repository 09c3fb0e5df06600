from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.catalog_entry_detail_status import CatalogEntryDetailStatus
from typing import cast

if TYPE_CHECKING:
  from ..models.catalog_entry_detail_actions_item import CatalogEntryDetailActionsItem
  from ..models.catalog_entry_detail_credential_fields_item import CatalogEntryDetailCredentialFieldsItem
  from ..models.pack import Pack





T = TypeVar("T", bound="CatalogEntryDetail")



@_attrs_define
class CatalogEntryDetail:
    """ 
        Attributes:
            action_count (int):
            actions (list[CatalogEntryDetailActionsItem]):
            auth_type (str):
            category (str):
            config_schema (Any):
            configured (bool):
            configured_reason (None | str):
            connected (bool):
            credential_fields (list[CatalogEntryDetailCredentialFieldsItem]):
            description (str):
            id (str):
            name (str):
            oauth (bool):
            pack_count (int):
            packs (list[Pack]):
            status (CatalogEntryDetailStatus):
            supports_discovery (bool):
            supports_webhooks (bool):
            version (str):
            webhook_scheme (None | str):
     """

    action_count: int
    actions: list[CatalogEntryDetailActionsItem]
    auth_type: str
    category: str
    config_schema: Any
    configured: bool
    configured_reason: None | str
    connected: bool
    credential_fields: list[CatalogEntryDetailCredentialFieldsItem]
    description: str
    id: str
    name: str
    oauth: bool
    pack_count: int
    packs: list[Pack]
    status: CatalogEntryDetailStatus
    supports_discovery: bool
    supports_webhooks: bool
    version: str
    webhook_scheme: None | str





    def to_dict(self) -> dict[str, Any]:
        from ..models.catalog_entry_detail_actions_item import CatalogEntryDetailActionsItem # noqa: PLC0415
        from ..models.catalog_entry_detail_credential_fields_item import CatalogEntryDetailCredentialFieldsItem # noqa: PLC0415
        from ..models.pack import Pack # noqa: PLC0415
        action_count = self.action_count

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)



        auth_type = self.auth_type

        category = self.category

        config_schema = self.config_schema

        configured = self.configured

        configured_reason: None | str
        configured_reason = self.configured_reason

        connected = self.connected

        credential_fields = []
        for credential_fields_item_data in self.credential_fields:
            credential_fields_item = credential_fields_item_data.to_dict()
            credential_fields.append(credential_fields_item)



        description = self.description

        id = self.id

        name = self.name

        oauth = self.oauth

        pack_count = self.pack_count

        packs = []
        for packs_item_data in self.packs:
            packs_item = packs_item_data.to_dict()
            packs.append(packs_item)



        status = self.status.value

        supports_discovery = self.supports_discovery

        supports_webhooks = self.supports_webhooks

        version = self.version

        webhook_scheme: None | str
        webhook_scheme = self.webhook_scheme


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action_count": action_count,
            "actions": actions,
            "auth_type": auth_type,
            "category": category,
            "config_schema": config_schema,
            "configured": configured,
            "configured_reason": configured_reason,
            "connected": connected,
            "credential_fields": credential_fields,
            "description": description,
            "id": id,
            "name": name,
            "oauth": oauth,
            "pack_count": pack_count,
            "packs": packs,
            "status": status,
            "supports_discovery": supports_discovery,
            "supports_webhooks": supports_webhooks,
            "version": version,
            "webhook_scheme": webhook_scheme,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.catalog_entry_detail_actions_item import CatalogEntryDetailActionsItem # noqa: PLC0415
        from ..models.catalog_entry_detail_credential_fields_item import CatalogEntryDetailCredentialFieldsItem # noqa: PLC0415
        from ..models.pack import Pack # noqa: PLC0415
        d = dict(src_dict)
        action_count = d.pop("action_count")

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in (_actions):
            actions_item = CatalogEntryDetailActionsItem.from_dict(actions_item_data)



            actions.append(actions_item)


        auth_type = d.pop("auth_type")

        category = d.pop("category")

        config_schema = d.pop("config_schema")

        configured = d.pop("configured")

        def _parse_configured_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        configured_reason = _parse_configured_reason(d.pop("configured_reason"))


        connected = d.pop("connected")

        credential_fields = []
        _credential_fields = d.pop("credential_fields")
        for credential_fields_item_data in (_credential_fields):
            credential_fields_item = CatalogEntryDetailCredentialFieldsItem.from_dict(credential_fields_item_data)



            credential_fields.append(credential_fields_item)


        description = d.pop("description")

        id = d.pop("id")

        name = d.pop("name")

        oauth = d.pop("oauth")

        pack_count = d.pop("pack_count")

        packs = []
        _packs = d.pop("packs")
        for packs_item_data in (_packs):
            packs_item = Pack.from_dict(packs_item_data)



            packs.append(packs_item)


        status = CatalogEntryDetailStatus(d.pop("status"))




        supports_discovery = d.pop("supports_discovery")

        supports_webhooks = d.pop("supports_webhooks")

        version = d.pop("version")

        def _parse_webhook_scheme(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        webhook_scheme = _parse_webhook_scheme(d.pop("webhook_scheme"))


        catalog_entry_detail = cls(
            action_count=action_count,
            actions=actions,
            auth_type=auth_type,
            category=category,
            config_schema=config_schema,
            configured=configured,
            configured_reason=configured_reason,
            connected=connected,
            credential_fields=credential_fields,
            description=description,
            id=id,
            name=name,
            oauth=oauth,
            pack_count=pack_count,
            packs=packs,
            status=status,
            supports_discovery=supports_discovery,
            supports_webhooks=supports_webhooks,
            version=version,
            webhook_scheme=webhook_scheme,
        )

        return catalog_entry_detail

