"""The generated Python client against a live host and the sandbox's fake Slack: create a key,
connect Slack, invoke an action and read its execution back.

Usage: python3 clients/python/test_live.py   (after `swift build`; BIN_DIR=.build/debug by default)
The generated package is imported from clients/python/patchbay-client; it needs httpx and attrs.
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "patchbay-client"))

from patchbay_client import AuthenticatedClient  # noqa: E402
from patchbay_client.api.connections import post_v1_connections  # noqa: E402
from patchbay_client.api.executions import get_v1_executions_id, post_v1_connections_id_actions_action_invoke  # noqa: E402
from patchbay_client.models import (  # noqa: E402
    PostV1ConnectionsBody,
    PostV1ConnectionsBodyCredentials,
    PostV1ConnectionsIdActionsActionInvokeBody,
    PostV1ConnectionsIdActionsActionInvokeBodyInput,
)

BIN_DIR = Path(os.environ.get("BIN_DIR", HERE.parent.parent / ".build" / "debug"))
SANDBOX_BOT_TOKEN = "xoxb-sandbox"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, what: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.1)
    raise SystemExit(f"timed out waiting for {what}")


def json_of(response):
    """The body as JSON: the document declares no 2xx schemas yet, so the client parses nothing."""
    assert response.status_code // 100 == 2, f"{response.status_code}: {response.content!r}"
    return json.loads(response.content)


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="patchbay-python-client-"))
    data = scratch / "data"
    sandbox_port = free_port()
    processes = []
    try:
        sandbox = subprocess.Popen([str(BIN_DIR / "patchbay-sandbox"), "--port", str(sandbox_port)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(sandbox)
        wait_for(lambda: socket.socket().connect_ex(("127.0.0.1", sandbox_port)) == 0, "the sandbox")

        log = open(scratch / "serve.log", "w")
        environment = dict(os.environ, PATCHBAY_UPSTREAMS=f"slack=http://127.0.0.1:{sandbox_port}/slack/api")
        host = subprocess.Popen([str(BIN_DIR / "patchbay"), "serve", "--data-dir", str(data), "--port", "0"],
                                stdout=subprocess.DEVNULL, stderr=log, env=environment)
        processes.append(host)

        def served_url():
            found = re.search(r" url=(http://127\.0\.0\.1:\d+)", (scratch / "serve.log").read_text())
            return found.group(1) if found else None

        base_url = wait_for(served_url, "the host")

        # A key, made by the CLI on the same data dir.
        key = subprocess.run([str(BIN_DIR / "patchbay"), "keys", "create", "--data-dir", str(data), "--account", "acme",
                              "--scopes", "integrations:read,integrations:write"],
                             check=True, capture_output=True, text=True).stdout.strip()
        client = AuthenticatedClient(base_url=base_url, token=key, raise_on_unexpected_status=False)

        credentials = PostV1ConnectionsBodyCredentials.from_dict({"bot_token": SANDBOX_BOT_TOKEN})
        connection = json_of(post_v1_connections.sync_detailed(
            client=client, body=PostV1ConnectionsBody(provider="slack", label="Sandbox", credentials=credentials)))
        assert connection["provider"] == "slack", connection
        assert SANDBOX_BOT_TOKEN not in json.dumps(connection), "the token never comes back"

        invoked = json_of(post_v1_connections_id_actions_action_invoke.sync_detailed(
            connection["id"], "post_message", client=client,
            body=PostV1ConnectionsIdActionsActionInvokeBody(input_=PostV1ConnectionsIdActionsActionInvokeBodyInput.from_dict(
                {"channel": "C0GENERAL", "text": "Hello from the Python client"}))))
        assert invoked["status"] == "succeeded", invoked
        assert invoked["output"]["text"] == "Hello from the Python client", invoked

        execution = json_of(get_v1_executions_id.sync_detailed(invoked["id"], client=client))
        assert execution["id"] == invoked["id"] and execution["action"] == "post_message", execution

        # A refusal comes back as the document's error envelope.
        refused = post_v1_connections.sync_detailed(client=client, body=PostV1ConnectionsBody(provider="nothing_such"))
        assert refused.status_code == 400, refused
        assert refused.parsed.error.code == "unknown_provider", refused.parsed
        print("python client: key, connection, invoke and execution against a live host passed")
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
