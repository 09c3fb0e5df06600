from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PutV1OauthAppsProviderBody")



@_attrs_define
class PutV1OauthAppsProviderBody:
    """ 
        Attributes:
            client_id (str | Unset):
            client_secret (str | Unset): Write-only.
            redirect_uri (str | Unset): This host's /oauth/callback URL, as registered with the provider. A new app defaults
                to the one under the host's public URL (serve --public-url); required on a host without one.
            scopes (list[str] | Unset): Defaults to the provider's.
     """

    client_id: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    redirect_uri: str | Unset = UNSET
    scopes: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_secret = self.client_secret

        redirect_uri = self.redirect_uri

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes




        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if redirect_uri is not UNSET:
            field_dict["redirect_uri"] = redirect_uri
        if scopes is not UNSET:
            field_dict["scopes"] = scopes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id", UNSET)

        client_secret = d.pop("client_secret", UNSET)

        redirect_uri = d.pop("redirect_uri", UNSET)

        scopes = cast(list[str], d.pop("scopes", UNSET))


        put_v1_oauth_apps_provider_body = cls(
            client_id=client_id,
            client_secret=client_secret,
            redirect_uri=redirect_uri,
            scopes=scopes,
        )

        return put_v1_oauth_apps_provider_body

