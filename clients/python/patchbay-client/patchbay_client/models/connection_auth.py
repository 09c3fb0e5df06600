from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.connection_auth_status import ConnectionAuthStatus
from typing import cast
import datetime






T = TypeVar("T", bound="ConnectionAuth")



@_attrs_define
class ConnectionAuth:
    """ 
        Attributes:
            connection_id (str):
            expires_at (datetime.datetime | None):
            reason (None | str):
            refreshed_at (datetime.datetime | None):
            status (ConnectionAuthStatus):
     """

    connection_id: str
    expires_at: datetime.datetime | None
    reason: None | str
    refreshed_at: datetime.datetime | None
    status: ConnectionAuthStatus





    def to_dict(self) -> dict[str, Any]:
        connection_id = self.connection_id

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        reason: None | str
        reason = self.reason

        refreshed_at: None | str
        if isinstance(self.refreshed_at, datetime.datetime):
            refreshed_at = self.refreshed_at.isoformat()
        else:
            refreshed_at = self.refreshed_at

        status = self.status.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "connection_id": connection_id,
            "expires_at": expires_at,
            "reason": reason,
            "refreshed_at": refreshed_at,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connection_id = d.pop("connection_id")

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))


        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        def _parse_refreshed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                refreshed_at_type_0 = datetime.datetime.fromisoformat(data)



                return refreshed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        refreshed_at = _parse_refreshed_at(d.pop("refreshed_at"))


        status = ConnectionAuthStatus(d.pop("status"))




        connection_auth = cls(
            connection_id=connection_id,
            expires_at=expires_at,
            reason=reason,
            refreshed_at=refreshed_at,
            status=status,
        )

        return connection_auth

