from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.connection import Connection
from ...models.provider_error import ProviderError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    error: str | Unset = UNSET,
    error_description: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["code"] = code

    params["state"] = state

    params["error"] = error

    params["error_description"] = error_description


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/oauth/callback",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Connection | ProviderError | None:
    if response.status_code == 200:
        response_200 = Connection.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = ProviderError.from_dict(response.json())



        return response_400

    if response.status_code == 404:
        response_404 = ProviderError.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = ProviderError.from_dict(response.json())



        return response_409

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Connection | ProviderError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    error: str | Unset = UNSET,
    error_description: str | Unset = UNSET,

) -> Response[Connection | ProviderError]:
    """ Where providers send the user back after consent (the redirect URI). Completes the connection. A
    browser that asks for text/html gets a short page saying what happened in words instead, with the
    same status.

    Args:
        code (str | Unset):
        state (str | Unset):
        error (str | Unset):
        error_description (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Connection | ProviderError]
     """


    kwargs = _get_kwargs(
        code=code,
state=state,
error=error,
error_description=error_description,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    error: str | Unset = UNSET,
    error_description: str | Unset = UNSET,

) -> Connection | ProviderError | None:
    """ Where providers send the user back after consent (the redirect URI). Completes the connection. A
    browser that asks for text/html gets a short page saying what happened in words instead, with the
    same status.

    Args:
        code (str | Unset):
        state (str | Unset):
        error (str | Unset):
        error_description (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Connection | ProviderError
     """


    return sync_detailed(
        client=client,
code=code,
state=state,
error=error,
error_description=error_description,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    error: str | Unset = UNSET,
    error_description: str | Unset = UNSET,

) -> Response[Connection | ProviderError]:
    """ Where providers send the user back after consent (the redirect URI). Completes the connection. A
    browser that asks for text/html gets a short page saying what happened in words instead, with the
    same status.

    Args:
        code (str | Unset):
        state (str | Unset):
        error (str | Unset):
        error_description (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Connection | ProviderError]
     """


    kwargs = _get_kwargs(
        code=code,
state=state,
error=error,
error_description=error_description,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    error: str | Unset = UNSET,
    error_description: str | Unset = UNSET,

) -> Connection | ProviderError | None:
    """ Where providers send the user back after consent (the redirect URI). Completes the connection. A
    browser that asks for text/html gets a short page saying what happened in words instead, with the
    same status.

    Args:
        code (str | Unset):
        state (str | Unset):
        error (str | Unset):
        error_description (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Connection | ProviderError
     """


    return (await asyncio_detailed(
        client=client,
code=code,
state=state,
error=error,
error_description=error_description,

    )).parsed
