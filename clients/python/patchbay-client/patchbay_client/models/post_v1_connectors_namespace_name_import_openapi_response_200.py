from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.connector import Connector
  from ..models.post_v1_connectors_namespace_name_import_openapi_response_200_report import PostV1ConnectorsNamespaceNameImportOpenapiResponse200Report





T = TypeVar("T", bound="PostV1ConnectorsNamespaceNameImportOpenapiResponse200")



@_attrs_define
class PostV1ConnectorsNamespaceNameImportOpenapiResponse200:
    """ 
        Attributes:
            connector (Connector | None):
            report (PostV1ConnectorsNamespaceNameImportOpenapiResponse200Report):
     """

    connector: Connector | None
    report: PostV1ConnectorsNamespaceNameImportOpenapiResponse200Report





    def to_dict(self) -> dict[str, Any]:
        from ..models.connector import Connector # noqa: PLC0415
        from ..models.post_v1_connectors_namespace_name_import_openapi_response_200_report import PostV1ConnectorsNamespaceNameImportOpenapiResponse200Report # noqa: PLC0415
        connector: dict[str, Any] | None
        if isinstance(self.connector, Connector):
            connector = self.connector.to_dict()
        else:
            connector = self.connector

        report = self.report.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "connector": connector,
            "report": report,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.connector import Connector # noqa: PLC0415
        from ..models.post_v1_connectors_namespace_name_import_openapi_response_200_report import PostV1ConnectorsNamespaceNameImportOpenapiResponse200Report # noqa: PLC0415
        d = dict(src_dict)
        def _parse_connector(data: object) -> Connector | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                connector_type_0 = Connector.from_dict(data)



                return connector_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Connector | None, data)

        connector = _parse_connector(d.pop("connector"))


        report = PostV1ConnectorsNamespaceNameImportOpenapiResponse200Report.from_dict(d.pop("report"))




        post_v1_connectors_namespace_name_import_openapi_response_200 = cls(
            connector=connector,
            report=report,
        )

        return post_v1_connectors_namespace_name_import_openapi_response_200

