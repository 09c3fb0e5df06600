from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="AuditEntry")



@_attrs_define
class AuditEntry:
    """ 
        Attributes:
            account_id (None | str):
            action (str):
            changes (Any):
            created_at (datetime.datetime):
            id (str):
            key_id (None | str):
            target (str):
     """

    account_id: None | str
    action: str
    changes: Any
    created_at: datetime.datetime
    id: str
    key_id: None | str
    target: str





    def to_dict(self) -> dict[str, Any]:
        account_id: None | str
        account_id = self.account_id

        action = self.action

        changes = self.changes

        created_at = self.created_at.isoformat()

        id = self.id

        key_id: None | str
        key_id = self.key_id

        target = self.target


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "account_id": account_id,
            "action": action,
            "changes": changes,
            "created_at": created_at,
            "id": id,
            "key_id": key_id,
            "target": target,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_account_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        account_id = _parse_account_id(d.pop("account_id"))


        action = d.pop("action")

        changes = d.pop("changes")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = d.pop("id")

        def _parse_key_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        key_id = _parse_key_id(d.pop("key_id"))


        target = d.pop("target")

        audit_entry = cls(
            account_id=account_id,
            action=action,
            changes=changes,
            created_at=created_at,
            id=id,
            key_id=key_id,
            target=target,
        )

        return audit_entry

