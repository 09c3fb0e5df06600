from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.post_hooks_provider_id_response_200 import PostHooksProviderIdResponse200
from ...models.provider_error import ProviderError
from typing import cast



def _get_kwargs(
    provider: str,
    id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/hooks/{provider}/{id}".format(provider=quote(str(provider), safe=""),id=quote(str(id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PostHooksProviderIdResponse200 | ProviderError | None:
    if response.status_code == 200:
        response_200 = PostHooksProviderIdResponse200.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = ProviderError.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = ProviderError.from_dict(response.json())



        return response_401

    if response.status_code == 404:
        response_404 = ProviderError.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = ProviderError.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = ProviderError.from_dict(response.json())



        return response_413

    if response.status_code == 503:
        response_503 = ProviderError.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PostHooksProviderIdResponse200 | ProviderError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    provider: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[PostHooksProviderIdResponse200 | ProviderError]:
    """ Public receiver: verifies the provider's signature, stores the events, then answers 2xx.

    Args:
        provider (str):
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostHooksProviderIdResponse200 | ProviderError]
     """


    kwargs = _get_kwargs(
        provider=provider,
id=id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    provider: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,

) -> PostHooksProviderIdResponse200 | ProviderError | None:
    """ Public receiver: verifies the provider's signature, stores the events, then answers 2xx.

    Args:
        provider (str):
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostHooksProviderIdResponse200 | ProviderError
     """


    return sync_detailed(
        provider=provider,
id=id,
client=client,

    ).parsed

async def asyncio_detailed(
    provider: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[PostHooksProviderIdResponse200 | ProviderError]:
    """ Public receiver: verifies the provider's signature, stores the events, then answers 2xx.

    Args:
        provider (str):
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostHooksProviderIdResponse200 | ProviderError]
     """


    kwargs = _get_kwargs(
        provider=provider,
id=id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    provider: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,

) -> PostHooksProviderIdResponse200 | ProviderError | None:
    """ Public receiver: verifies the provider's signature, stores the events, then answers 2xx.

    Args:
        provider (str):
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostHooksProviderIdResponse200 | ProviderError
     """


    return (await asyncio_detailed(
        provider=provider,
id=id,
client=client,

    )).parsed
