from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.post_v1_connectors_namespace_name_test_operation_body import PostV1ConnectorsNamespaceNameTestOperationBody
from typing import cast



def _get_kwargs(
    namespace: str,
    name: str,
    operation: str,
    *,
    body: PostV1ConnectorsNamespaceNameTestOperationBody,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/connectors/{namespace}/{name}/test/{operation}".format(namespace=quote(str(namespace), safe=""),name=quote(str(name), safe=""),operation=quote(str(operation), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
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
    body: PostV1ConnectorsNamespaceNameTestOperationBody,

) -> Response[Any | Error]:
    """ Run one operation and show each request sent (secrets masked) and its reply. Not recorded.

    Args:
        namespace (str):
        name (str):
        operation (str):
        body (PostV1ConnectorsNamespaceNameTestOperationBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
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
    body: PostV1ConnectorsNamespaceNameTestOperationBody,

) -> Any | Error | None:
    """ Run one operation and show each request sent (secrets masked) and its reply. Not recorded.

    Args:
        namespace (str):
        name (str):
        operation (str):
        body (PostV1ConnectorsNamespaceNameTestOperationBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
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
    body: PostV1ConnectorsNamespaceNameTestOperationBody,

) -> Response[Any | Error]:
    """ Run one operation and show each request sent (secrets masked) and its reply. Not recorded.

    Args:
        namespace (str):
        name (str):
        operation (str):
        body (PostV1ConnectorsNamespaceNameTestOperationBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
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
    body: PostV1ConnectorsNamespaceNameTestOperationBody,

) -> Any | Error | None:
    """ Run one operation and show each request sent (secrets masked) and its reply. Not recorded.

    Args:
        namespace (str):
        name (str):
        operation (str):
        body (PostV1ConnectorsNamespaceNameTestOperationBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
     """


    return (await asyncio_detailed(
        namespace=namespace,
name=name,
operation=operation,
client=client,
body=body,

    )).parsed
