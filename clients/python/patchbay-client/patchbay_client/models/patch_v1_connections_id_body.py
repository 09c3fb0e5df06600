from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.patch_v1_connections_id_body_config import PatchV1ConnectionsIdBodyConfig
  from ..models.patch_v1_connections_id_body_credentials import PatchV1ConnectionsIdBodyCredentials





T = TypeVar("T", bound="PatchV1ConnectionsIdBody")



@_attrs_define
class PatchV1ConnectionsIdBody:
    """ 
        Attributes:
            config (PatchV1ConnectionsIdBodyConfig | Unset): Validated against the provider's config_schema.
            credentials (PatchV1ConnectionsIdBodyCredentials | Unset): Secret fields named by the provider's
                credential_fields. Write-only. Leave out for an OAuth provider to get status pending and an oauth_url.
            label (str | Unset): A name for people; defaults to the provider's name.
     """

    config: PatchV1ConnectionsIdBodyConfig | Unset = UNSET
    credentials: PatchV1ConnectionsIdBodyCredentials | Unset = UNSET
    label: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.patch_v1_connections_id_body_config import PatchV1ConnectionsIdBodyConfig # noqa: PLC0415
        from ..models.patch_v1_connections_id_body_credentials import PatchV1ConnectionsIdBodyCredentials # noqa: PLC0415
        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        label = self.label


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if config is not UNSET:
            field_dict["config"] = config
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patch_v1_connections_id_body_config import PatchV1ConnectionsIdBodyConfig # noqa: PLC0415
        from ..models.patch_v1_connections_id_body_credentials import PatchV1ConnectionsIdBodyCredentials # noqa: PLC0415
        d = dict(src_dict)
        _config = d.pop("config", UNSET)
        config: PatchV1ConnectionsIdBodyConfig | Unset
        if isinstance(_config,  Unset):
            config = UNSET
        else:
            config = PatchV1ConnectionsIdBodyConfig.from_dict(_config)




        _credentials = d.pop("credentials", UNSET)
        credentials: PatchV1ConnectionsIdBodyCredentials | Unset
        if isinstance(_credentials,  Unset):
            credentials = UNSET
        else:
            credentials = PatchV1ConnectionsIdBodyCredentials.from_dict(_credentials)




        label = d.pop("label", UNSET)

        patch_v1_connections_id_body = cls(
            config=config,
            credentials=credentials,
            label=label,
        )

        return patch_v1_connections_id_body

