from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="OAuthApp")



@_attrs_define
class OAuthApp:
    """ 
        Attributes:
            client_id (str):
            created_at (datetime.datetime):
            has_client_secret (bool):
            provider (str):
            redirect_uri (str):
            scopes (list[str]):
            updated_at (datetime.datetime):
     """

    client_id: str
    created_at: datetime.datetime
    has_client_secret: bool
    provider: str
    redirect_uri: str
    scopes: list[str]
    updated_at: datetime.datetime





    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        created_at = self.created_at.isoformat()

        has_client_secret = self.has_client_secret

        provider = self.provider

        redirect_uri = self.redirect_uri

        scopes = self.scopes



        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "client_id": client_id,
            "created_at": created_at,
            "has_client_secret": has_client_secret,
            "provider": provider,
            "redirect_uri": redirect_uri,
            "scopes": scopes,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        has_client_secret = d.pop("has_client_secret")

        provider = d.pop("provider")

        redirect_uri = d.pop("redirect_uri")

        scopes = cast(list[str], d.pop("scopes"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        o_auth_app = cls(
            client_id=client_id,
            created_at=created_at,
            has_client_secret=has_client_secret,
            provider=provider,
            redirect_uri=redirect_uri,
            scopes=scopes,
            updated_at=updated_at,
        )

        return o_auth_app

