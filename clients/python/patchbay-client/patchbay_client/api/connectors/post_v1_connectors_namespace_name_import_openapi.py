from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.post_v1_connectors_namespace_name_import_openapi_body import PostV1ConnectorsNamespaceNameImportOpenapiBody
from ...models.post_v1_connectors_namespace_name_import_openapi_response_200 import PostV1ConnectorsNamespaceNameImportOpenapiResponse200
from typing import cast



def _get_kwargs(
    namespace: str,
    name: str,
    *,
    body: PostV1ConnectorsNamespaceNameImportOpenapiBody,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/connectors/{namespace}/{name}/import-openapi".format(namespace=quote(str(namespace), safe=""),name=quote(str(name), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PostV1ConnectorsNamespaceNameImportOpenapiResponse200 | None:
    if response.status_code == 200:
        response_200 = PostV1ConnectorsNamespaceNameImportOpenapiResponse200.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PostV1ConnectorsNamespaceNameImportOpenapiResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsNamespaceNameImportOpenapiBody,

) -> Response[Error | PostV1ConnectorsNamespaceNameImportOpenapiResponse200]:
    """ Add an OpenAPI document's operations to a connector, replacing those of the same name, with a
    report.

    Args:
        namespace (str):
        name (str):
        body (PostV1ConnectorsNamespaceNameImportOpenapiBody): An OpenAPI 3.0 or 3.1 document and
            which of its operations to take (docs/connectors.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostV1ConnectorsNamespaceNameImportOpenapiResponse200]
     """


    kwargs = _get_kwargs(
        namespace=namespace,
name=name,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsNamespaceNameImportOpenapiBody,

) -> Error | PostV1ConnectorsNamespaceNameImportOpenapiResponse200 | None:
    """ Add an OpenAPI document's operations to a connector, replacing those of the same name, with a
    report.

    Args:
        namespace (str):
        name (str):
        body (PostV1ConnectorsNamespaceNameImportOpenapiBody): An OpenAPI 3.0 or 3.1 document and
            which of its operations to take (docs/connectors.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostV1ConnectorsNamespaceNameImportOpenapiResponse200
     """


    return sync_detailed(
        namespace=namespace,
name=name,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsNamespaceNameImportOpenapiBody,

) -> Response[Error | PostV1ConnectorsNamespaceNameImportOpenapiResponse200]:
    """ Add an OpenAPI document's operations to a connector, replacing those of the same name, with a
    report.

    Args:
        namespace (str):
        name (str):
        body (PostV1ConnectorsNamespaceNameImportOpenapiBody): An OpenAPI 3.0 or 3.1 document and
            which of its operations to take (docs/connectors.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostV1ConnectorsNamespaceNameImportOpenapiResponse200]
     """


    kwargs = _get_kwargs(
        namespace=namespace,
name=name,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsNamespaceNameImportOpenapiBody,

) -> Error | PostV1ConnectorsNamespaceNameImportOpenapiResponse200 | None:
    """ Add an OpenAPI document's operations to a connector, replacing those of the same name, with a
    report.

    Args:
        namespace (str):
        name (str):
        body (PostV1ConnectorsNamespaceNameImportOpenapiBody): An OpenAPI 3.0 or 3.1 document and
            which of its operations to take (docs/connectors.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostV1ConnectorsNamespaceNameImportOpenapiResponse200
     """


    return (await asyncio_detailed(
        namespace=namespace,
name=name,
client=client,
body=body,

    )).parsed
