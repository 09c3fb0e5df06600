from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_connections_body_config import PostV1ConnectionsBodyConfig
  from ..models.post_v1_connections_body_credentials import PostV1ConnectionsBodyCredentials





T = TypeVar("T", bound="PostV1ConnectionsBody")



@_attrs_define
class PostV1ConnectionsBody:
    """ 
        Attributes:
            provider (str): Catalog id, e.g. crm.
            config (PostV1ConnectionsBodyConfig | Unset): Validated against the provider's config_schema.
            credentials (PostV1ConnectionsBodyCredentials | Unset): Secret fields named by the provider's credential_fields.
                Write-only. Leave out for an OAuth provider to get status pending and an oauth_url.
            end_user (str | Unset): Makes this an end user's own connection.
            label (str | Unset): A name for people; defaults to the provider's name.
     """

    provider: str
    config: PostV1ConnectionsBodyConfig | Unset = UNSET
    credentials: PostV1ConnectionsBodyCredentials | Unset = UNSET
    end_user: str | Unset = UNSET
    label: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_connections_body_config import PostV1ConnectionsBodyConfig # noqa: PLC0415
        from ..models.post_v1_connections_body_credentials import PostV1ConnectionsBodyCredentials # noqa: PLC0415
        provider = self.provider

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        end_user = self.end_user

        label = self.label


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "provider": provider,
        })
        if config is not UNSET:
            field_dict["config"] = config
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if end_user is not UNSET:
            field_dict["end_user"] = end_user
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_connections_body_config import PostV1ConnectionsBodyConfig # noqa: PLC0415
        from ..models.post_v1_connections_body_credentials import PostV1ConnectionsBodyCredentials # noqa: PLC0415
        d = dict(src_dict)
        provider = d.pop("provider")

        _config = d.pop("config", UNSET)
        config: PostV1ConnectionsBodyConfig | Unset
        if isinstance(_config,  Unset):
            config = UNSET
        else:
            config = PostV1ConnectionsBodyConfig.from_dict(_config)




        _credentials = d.pop("credentials", UNSET)
        credentials: PostV1ConnectionsBodyCredentials | Unset
        if isinstance(_credentials,  Unset):
            credentials = UNSET
        else:
            credentials = PostV1ConnectionsBodyCredentials.from_dict(_credentials)




        end_user = d.pop("end_user", UNSET)

        label = d.pop("label", UNSET)

        post_v1_connections_body = cls(
            provider=provider,
            config=config,
            credentials=credentials,
            end_user=end_user,
            label=label,
        )

        return post_v1_connections_body

