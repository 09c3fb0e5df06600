from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.post_v1_mcp_connections_body_auth_type import PostV1McpConnectionsBodyAuthType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PostV1McpConnectionsBodyAuth")



@_attrs_define
class PostV1McpConnectionsBodyAuth:
    """ 
        Attributes:
            client_id (str | Unset): oauth2: a client registered with the authorization server; without it the host
                registers one (RFC 7591).
            client_secret (str | Unset): oauth2: the client's secret, if it has one. Write-only.
            redirect_uri (str | Unset): oauth2: this host's /oauth/callback URL. Defaults to the one under the host's public
                URL (serve --public-url); required on a host without one.
            scopes (list[str] | Unset): oauth2: defaults to those the server's challenge or metadata names.
            token (str | Unset): The bearer token: write-only, sealed in the vault.
            type_ (PostV1McpConnectionsBodyAuthType | Unset): Defaults to bearer with a token, none without. oauth2
                discovers the server's authorization server and answers a pending connection with an authorize_url.
     """

    client_id: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    redirect_uri: str | Unset = UNSET
    scopes: list[str] | Unset = UNSET
    token: str | Unset = UNSET
    type_: PostV1McpConnectionsBodyAuthType | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_secret = self.client_secret

        redirect_uri = self.redirect_uri

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes



        token = self.token

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value



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
        if token is not UNSET:
            field_dict["token"] = token
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id", UNSET)

        client_secret = d.pop("client_secret", UNSET)

        redirect_uri = d.pop("redirect_uri", UNSET)

        scopes = cast(list[str], d.pop("scopes", UNSET))


        token = d.pop("token", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: PostV1McpConnectionsBodyAuthType | Unset
        if isinstance(_type_,  Unset):
            type_ = UNSET
        else:
            type_ = PostV1McpConnectionsBodyAuthType(_type_)




        post_v1_mcp_connections_body_auth = cls(
            client_id=client_id,
            client_secret=client_secret,
            redirect_uri=redirect_uri,
            scopes=scopes,
            token=token,
            type_=type_,
        )

        return post_v1_mcp_connections_body_auth

