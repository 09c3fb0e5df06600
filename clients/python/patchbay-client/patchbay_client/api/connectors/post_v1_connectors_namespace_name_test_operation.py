from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.post_v1_connectors_namespace_name_test_operation_body import PostV1ConnectorsNamespaceNameTestOperationBody
from ...models.post_v1_connectors_namespace_name_test_operation_response_200 import PostV1ConnectorsNamespaceNameTestOperationResponse200
from ...models.provider_error import ProviderError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    namespace: str,
    name: str,
    operation: str,
    *,
    body: PostV1ConnectorsNamespaceNameTestOperationBody | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/connectors/{namespace}/{name}/test/{operation}".format(namespace=quote(str(namespace), safe=""),name=quote(str(name), safe=""),operation=quote(str(operation), safe=""),),
    }

    
    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PostV1ConnectorsNamespaceNameTestOperationResponse200 | ProviderError | None:
    if response.status_code == 200:
        response_200 = PostV1ConnectorsNamespaceNameTestOperationResponse200.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = ProviderError.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = ProviderError.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = ProviderError.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = ProviderError.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = ProviderError.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = ProviderError.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = ProviderError.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = ProviderError.from_dict(response.json())



        return response_429

    if response.status_code == 502:
        response_502 = ProviderError.from_dict(response.json())



        return response_502

    if response.status_code == 503:
        response_503 = ProviderError.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PostV1ConnectorsNamespaceNameTestOperationResponse200 | ProviderError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    namespace: str,
    name: str,
    operation: str,
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsNamespaceNameTestOperationBody | Unset = UNSET,

) -> Response[PostV1ConnectorsNamespaceNameTestOperationResponse200 | ProviderError]:
    """ Run one operation and show each request sent (secrets masked) and its reply. Not recorded.

    Args:
        namespace (str):
        name (str):
        operation (str):
        body (PostV1ConnectorsNamespaceNameTestOperationBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostV1ConnectorsNamespaceNameTestOperationResponse200 | ProviderError]
     """


    kwargs = _get_kwargs(
        namespace=namespace,
name=name,
operation=operation,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    namespace: str,
    name: str,
    operation: str,
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsNamespaceNameTestOperationBody | Unset = UNSET,

) -> PostV1ConnectorsNamespaceNameTestOperationResponse200 | ProviderError | None:
    """ Run one operation and show each request sent (secrets masked) and its reply. Not recorded.

    Args:
        namespace (str):
        name (str):
        operation (str):
        body (PostV1ConnectorsNamespaceNameTestOperationBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostV1ConnectorsNamespaceNameTestOperationResponse200 | ProviderError
     """


    return sync_detailed(
        namespace=namespace,
name=name,
operation=operation,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    namespace: str,
    name: str,
    operation: str,
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsNamespaceNameTestOperationBody | Unset = UNSET,

) -> Response[PostV1ConnectorsNamespaceNameTestOperationResponse200 | ProviderError]:
    """ Run one operation and show each request sent (secrets masked) and its reply. Not recorded.

    Args:
        namespace (str):
        name (str):
        operation (str):
        body (PostV1ConnectorsNamespaceNameTestOperationBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostV1ConnectorsNamespaceNameTestOperationResponse200 | ProviderError]
     """


    kwargs = _get_kwargs(
        namespace=namespace,
name=name,
operation=operation,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    namespace: str,
    name: str,
    operation: str,
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsNamespaceNameTestOperationBody | Unset = UNSET,

) -> PostV1ConnectorsNamespaceNameTestOperationResponse200 | ProviderError | None:
    """ Run one operation and show each request sent (secrets masked) and its reply. Not recorded.

    Args:
        namespace (str):
        name (str):
        operation (str):
        body (PostV1ConnectorsNamespaceNameTestOperationBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostV1ConnectorsNamespaceNameTestOperationResponse200 | ProviderError
     """


    return (await asyncio_detailed(
        namespace=namespace,
name=name,
operation=operation,
client=client,
body=body,

    )).parsed
