from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.authorization_status import AuthorizationStatus
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.authorization_config import AuthorizationConfig





T = TypeVar("T", bound="Authorization")



@_attrs_define
class Authorization:
    """ 
        Attributes:
            config (AuthorizationConfig):
            created_at (datetime.datetime):
            end_user (None | str):
            has_credentials (bool):
            id (str):
            label (str):
            oauth_url (None | str):
            provider (str):
            status (AuthorizationStatus):
            updated_at (datetime.datetime):
     """

    config: AuthorizationConfig
    created_at: datetime.datetime
    end_user: None | str
    has_credentials: bool
    id: str
    label: str
    oauth_url: None | str
    provider: str
    status: AuthorizationStatus
    updated_at: datetime.datetime





    def to_dict(self) -> dict[str, Any]:
        from ..models.authorization_config import AuthorizationConfig # noqa: PLC0415
        config = self.config.to_dict()

        created_at = self.created_at.isoformat()

        end_user: None | str
        end_user = self.end_user

        has_credentials = self.has_credentials

        id = self.id

        label = self.label

        oauth_url: None | str
        oauth_url = self.oauth_url

        provider = self.provider

        status = self.status.value

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "config": config,
            "created_at": created_at,
            "end_user": end_user,
            "has_credentials": has_credentials,
            "id": id,
            "label": label,
            "oauth_url": oauth_url,
            "provider": provider,
            "status": status,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.authorization_config import AuthorizationConfig # noqa: PLC0415
        d = dict(src_dict)
        config = AuthorizationConfig.from_dict(d.pop("config"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_end_user(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        end_user = _parse_end_user(d.pop("end_user"))


        has_credentials = d.pop("has_credentials")

        id = d.pop("id")

        label = d.pop("label")

        def _parse_oauth_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        oauth_url = _parse_oauth_url(d.pop("oauth_url"))


        provider = d.pop("provider")

        status = AuthorizationStatus(d.pop("status"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        authorization = cls(
            config=config,
            created_at=created_at,
            end_user=end_user,
            has_credentials=has_credentials,
            id=id,
            label=label,
            oauth_url=oauth_url,
            provider=provider,
            status=status,
            updated_at=updated_at,
        )

        return authorization

