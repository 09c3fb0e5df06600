from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_connectors_namespace_name_import_openapi_body_document_type_0 import PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0
  from ..models.post_v1_connectors_namespace_name_import_openapi_body_filter import PostV1ConnectorsNamespaceNameImportOpenapiBodyFilter





T = TypeVar("T", bound="PostV1ConnectorsNamespaceNameImportOpenapiBody")



@_attrs_define
class PostV1ConnectorsNamespaceNameImportOpenapiBody:
    """ An OpenAPI 3.0 or 3.1 document and which of its operations to take (docs/connectors.md).

        Attributes:
            document (PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0 | str): The OpenAPI document: a JSON
                object, or its JSON or YAML text as a string.
            filter_ (PostV1ConnectorsNamespaceNameImportOpenapiBodyFilter | Unset): Each list given narrows the import.
     """

    document: PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0 | str
    filter_: PostV1ConnectorsNamespaceNameImportOpenapiBodyFilter | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_connectors_namespace_name_import_openapi_body_document_type_0 import PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0 # noqa: PLC0415
        from ..models.post_v1_connectors_namespace_name_import_openapi_body_filter import PostV1ConnectorsNamespaceNameImportOpenapiBodyFilter # noqa: PLC0415
        document: dict[str, Any] | str
        if isinstance(self.document, PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0):
            document = self.document.to_dict()
        else:
            document = self.document

        filter_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filter_, Unset):
            filter_ = self.filter_.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "document": document,
        })
        if filter_ is not UNSET:
            field_dict["filter"] = filter_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_connectors_namespace_name_import_openapi_body_document_type_0 import PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0 # noqa: PLC0415
        from ..models.post_v1_connectors_namespace_name_import_openapi_body_filter import PostV1ConnectorsNamespaceNameImportOpenapiBodyFilter # noqa: PLC0415
        d = dict(src_dict)
        def _parse_document(data: object) -> PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0 | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                document_type_0 = PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0.from_dict(data)



                return document_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0 | str, data)

        document = _parse_document(d.pop("document"))


        _filter_ = d.pop("filter", UNSET)
        filter_: PostV1ConnectorsNamespaceNameImportOpenapiBodyFilter | Unset
        if isinstance(_filter_,  Unset):
            filter_ = UNSET
        else:
            filter_ = PostV1ConnectorsNamespaceNameImportOpenapiBodyFilter.from_dict(_filter_)




        post_v1_connectors_namespace_name_import_openapi_body = cls(
            document=document,
            filter_=filter_,
        )

        return post_v1_connectors_namespace_name_import_openapi_body

