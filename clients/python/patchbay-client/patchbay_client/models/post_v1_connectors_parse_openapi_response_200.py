from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_connectors_parse_openapi_response_200_definition_type_0 import PostV1ConnectorsParseOpenapiResponse200DefinitionType0
  from ..models.post_v1_connectors_parse_openapi_response_200_report import PostV1ConnectorsParseOpenapiResponse200Report





T = TypeVar("T", bound="PostV1ConnectorsParseOpenapiResponse200")



@_attrs_define
class PostV1ConnectorsParseOpenapiResponse200:
    """ 
        Attributes:
            definition (None | PostV1ConnectorsParseOpenapiResponse200DefinitionType0):
            report (PostV1ConnectorsParseOpenapiResponse200Report):
     """

    definition: None | PostV1ConnectorsParseOpenapiResponse200DefinitionType0
    report: PostV1ConnectorsParseOpenapiResponse200Report





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_connectors_parse_openapi_response_200_definition_type_0 import PostV1ConnectorsParseOpenapiResponse200DefinitionType0 # noqa: PLC0415
        from ..models.post_v1_connectors_parse_openapi_response_200_report import PostV1ConnectorsParseOpenapiResponse200Report # noqa: PLC0415
        definition: dict[str, Any] | None
        if isinstance(self.definition, PostV1ConnectorsParseOpenapiResponse200DefinitionType0):
            definition = self.definition.to_dict()
        else:
            definition = self.definition

        report = self.report.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "definition": definition,
            "report": report,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_connectors_parse_openapi_response_200_definition_type_0 import PostV1ConnectorsParseOpenapiResponse200DefinitionType0 # noqa: PLC0415
        from ..models.post_v1_connectors_parse_openapi_response_200_report import PostV1ConnectorsParseOpenapiResponse200Report # noqa: PLC0415
        d = dict(src_dict)
        def _parse_definition(data: object) -> None | PostV1ConnectorsParseOpenapiResponse200DefinitionType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                definition_type_0 = PostV1ConnectorsParseOpenapiResponse200DefinitionType0.from_dict(data)



                return definition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PostV1ConnectorsParseOpenapiResponse200DefinitionType0, data)

        definition = _parse_definition(d.pop("definition"))


        report = PostV1ConnectorsParseOpenapiResponse200Report.from_dict(d.pop("report"))




        post_v1_connectors_parse_openapi_response_200 = cls(
            definition=definition,
            report=report,
        )

        return post_v1_connectors_parse_openapi_response_200

