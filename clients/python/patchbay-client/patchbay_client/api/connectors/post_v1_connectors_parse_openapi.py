from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.post_v1_connectors_parse_openapi_body import PostV1ConnectorsParseOpenapiBody
from ...models.post_v1_connectors_parse_openapi_response_200 import PostV1ConnectorsParseOpenapiResponse200
from typing import cast



def _get_kwargs(
    *,
    body: PostV1ConnectorsParseOpenapiBody,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/connectors/parse-openapi",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PostV1ConnectorsParseOpenapiResponse200 | None:
    if response.status_code == 200:
        response_200 = PostV1ConnectorsParseOpenapiResponse200.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PostV1ConnectorsParseOpenapiResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsParseOpenapiBody,

) -> Response[Error | PostV1ConnectorsParseOpenapiResponse200]:
    """ The connector definition an OpenAPI document gives, with a report of what was skipped and
    approximated. Nothing is stored.

    Args:
        body (PostV1ConnectorsParseOpenapiBody): An OpenAPI 3.0 or 3.1 document and which of its
            operations to take (docs/connectors.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostV1ConnectorsParseOpenapiResponse200]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsParseOpenapiBody,

) -> Error | PostV1ConnectorsParseOpenapiResponse200 | None:
    """ The connector definition an OpenAPI document gives, with a report of what was skipped and
    approximated. Nothing is stored.

    Args:
        body (PostV1ConnectorsParseOpenapiBody): An OpenAPI 3.0 or 3.1 document and which of its
            operations to take (docs/connectors.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostV1ConnectorsParseOpenapiResponse200
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsParseOpenapiBody,

) -> Response[Error | PostV1ConnectorsParseOpenapiResponse200]:
    """ The connector definition an OpenAPI document gives, with a report of what was skipped and
    approximated. Nothing is stored.

    Args:
        body (PostV1ConnectorsParseOpenapiBody): An OpenAPI 3.0 or 3.1 document and which of its
            operations to take (docs/connectors.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostV1ConnectorsParseOpenapiResponse200]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PostV1ConnectorsParseOpenapiBody,

) -> Error | PostV1ConnectorsParseOpenapiResponse200 | None:
    """ The connector definition an OpenAPI document gives, with a report of what was skipped and
    approximated. Nothing is stored.

    Args:
        body (PostV1ConnectorsParseOpenapiBody): An OpenAPI 3.0 or 3.1 document and which of its
            operations to take (docs/connectors.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostV1ConnectorsParseOpenapiResponse200
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
