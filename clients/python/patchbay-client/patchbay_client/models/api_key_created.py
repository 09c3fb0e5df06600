from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.api_key_created_scopes_item import APIKeyCreatedScopesItem
from typing import cast
import datetime






T = TypeVar("T", bound="APIKeyCreated")



@_attrs_define
class APIKeyCreated:
    """ 
        Attributes:
            created_at (datetime.datetime):
            id (str):
            key (str): The key itself, shown in this response only.
            prefix (str):
            rate_limit (int | None): Requests per window for this key; null: the host's limit.
            revoked_at (datetime.datetime | None):
            scopes (list[APIKeyCreatedScopesItem]):
     """

    created_at: datetime.datetime
    id: str
    key: str
    prefix: str
    rate_limit: int | None
    revoked_at: datetime.datetime | None
    scopes: list[APIKeyCreatedScopesItem]





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        key = self.key

        prefix = self.prefix

        rate_limit: int | None
        rate_limit = self.rate_limit

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "created_at": created_at,
            "id": id,
            "key": key,
            "prefix": prefix,
            "rate_limit": rate_limit,
            "revoked_at": revoked_at,
            "scopes": scopes,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = d.pop("id")

        key = d.pop("key")

        prefix = d.pop("prefix")

        def _parse_rate_limit(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rate_limit = _parse_rate_limit(d.pop("rate_limit"))


        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)



                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))


        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in (_scopes):
            scopes_item = APIKeyCreatedScopesItem(scopes_item_data)



            scopes.append(scopes_item)


        api_key_created = cls(
            created_at=created_at,
            id=id,
            key=key,
            prefix=prefix,
            rate_limit=rate_limit,
            revoked_at=revoked_at,
            scopes=scopes,
        )

        return api_key_created

