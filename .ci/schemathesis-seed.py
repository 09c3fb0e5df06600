#!/usr/bin/env python3
"""Seeds a running host so that schemathesis reaches deep routes, and writes its config.

Creates, through the API, one object of every kind a path names (a Slack connection to the
sandbox, an agent with a published skill, an execution, a webhook endpoint with a received
event, push and pull subscriptions, a delivery, a connector), then writes a schemathesis.toml
that fixes each route's path parameters to those ids (appended to OUT_TOML). Usage: seed.py BASE_URL KEY OUT_TOML
"""
import hashlib
import hmac
import json
import sys
import time
import urllib.error
import urllib.request

base, key, out = sys.argv[1], sys.argv[2], sys.argv[3]


def call(method, path, body=None, headers=None, expect=(200, 201, 202)):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {key}")
    request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    if status not in expect:
        sys.exit(f"seed: {method} {path} answered {status}: {text}")
    return json.loads(text) if text else {}


connection = call("POST", "/v1/connections", {"provider": "slack", "label": "Sandbox",
                                              "credentials": {"bot_token": "xoxb-sandbox"}})["id"]
execution = call("POST", f"/v1/connections/{connection}/actions/auth_test/invoke", {"input": {}})["id"]
agent = call("POST", "/v1/agents", {"name": "seed-bot"})["id"]
call("POST", f"/v1/agents/{agent}/skills", {"connection_id": connection, "action": "post_message", "name": "post"})
call("POST", f"/v1/agents/{agent}/publish", {"note": "seed"})
secret = "seedsecret0123456789abcdef"
endpoint = call("POST", "/v1/webhooks/endpoints", {"connection_id": connection, "secret": secret})["id"]
subscription = call("POST", "/v1/webhooks/subscriptions", {
    "agent_id": agent, "endpoint_id": endpoint, "url": "http://127.0.0.1:9/events"})["id"]
call("POST", "/v1/webhooks/subscriptions", {"agent_id": agent, "provider": "slack"})
event_body = json.dumps({"type": "event_callback", "event_id": "EvSeed0001", "event_time": int(time.time()),
                         "event": {"type": "app_mention", "text": "hi"}}).encode()
timestamp = str(int(time.time()))
signature = "v0=" + hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + event_body, hashlib.sha256).hexdigest()
call("POST", f"/hooks/slack/{endpoint}", event_body,
     {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature})
event = call("GET", "/v1/webhooks/events")["data"][0]["id"]
deliveries = call("GET", "/v1/webhooks/deliveries")["data"]
delivery = deliveries[0]["id"] if deliveries else "wdel_none"
call("POST", "/v1/connectors", {
    "namespace": "seed", "name": "status", "base_url": "http://127.0.0.1:4010/slack/api",
    "operations": [{"name": "ping", "description": "Check the API answers.", "method": "GET", "path": "/api.test",
                    "parameters": {"type": "object", "properties": {}}}]})
spare_key = call("POST", "/v1/api-keys", {"scopes": ["integrations:read"]})["id"]

# Decoys for the DELETE routes, so that deleting never takes the objects the other routes use.
decoy_connection = call("POST", "/v1/connections", {"provider": "slack", "label": "Decoy",
                                                    "credentials": {"bot_token": "xoxb-sandbox"}})["id"]
decoy_agent = call("POST", "/v1/agents", {"name": "decoy-bot"})["id"]
call("POST", f"/v1/agents/{decoy_agent}/skills", {"connection_id": decoy_connection, "action": "post_message", "name": "post"})
decoy_endpoint = call("POST", "/v1/webhooks/endpoints", {"connection_id": decoy_connection, "secret": secret})["id"]
decoy_subscription = call("POST", "/v1/webhooks/subscriptions", {"agent_id": decoy_agent, "provider": "slack"})["id"]
call("POST", "/v1/connectors", {
    "namespace": "seed", "name": "decoy", "base_url": "http://127.0.0.1:4010/slack/api",
    "operations": [{"name": "ping", "description": "Check the API answers.", "method": "GET", "path": "/api.test",
                    "parameters": {"type": "object", "properties": {}}}]})

# Each group of paths with the ids its parameters take. DELETEs keep generated ids (404) so
# the seeded objects stay for the other routes.
groups = [
    ("^/v1/connections/\\{id\\}", {"id": connection, "action": "auth_test", "object": "channels"}),
    ("^/v1/executions/\\{id\\}", {"id": execution}),
    ("^/v1/agents/\\{id\\}", {"id": agent, "name": "post", "version": "1", "provider": "slack"}),
    ("^/v1/webhooks/endpoints/\\{id\\}", {"id": endpoint}),
    ("^/v1/webhooks/subscriptions/\\{id\\}", {"id": subscription}),
    ("^/v1/webhooks/events/\\{id\\}", {"id": event}),
    ("^/v1/webhooks/deliveries/\\{id\\}", {"id": delivery}),
    ("^/v1/catalog/\\{provider\\}", {"provider": "slack", "pack": "team-notifier"}),
    ("^/v1/connectors/\\{namespace\\}", {"namespace": "seed", "name": "status", "operation": "ping"}),
    ("^/v1/oauth-apps/\\{provider\\}", {"provider": "slack"}),
    ("^/v1/api-keys/\\{id\\}", {"id": spare_key}),
    ("^/hooks/\\{provider\\}", {"provider": "slack", "id": endpoint}),
]
deletes = [
    ("^/v1/connections/\\{id\\}$", {"id": decoy_connection}),
    ("^/v1/agents/\\{id\\}", {"id": decoy_agent, "name": "post", "provider": "slack"}),
    ("^/v1/webhooks/endpoints/\\{id\\}$", {"id": decoy_endpoint}),
    ("^/v1/webhooks/subscriptions/\\{id\\}$", {"id": decoy_subscription}),
    ("^/v1/connectors/\\{namespace\\}", {"namespace": "seed", "name": "decoy"}),
    ("^/v1/oauth-apps/\\{provider\\}", {"provider": "slack"}),
    ("^/v1/api-keys/\\{id\\}", {"id": spare_key}),
]


def write(config, regex, values, method):
    config.write("[[operations]]\n")
    config.write(f"include-path-regex = {json.dumps(regex)}\n")
    # A method regex joins the path regex in one filter (both must match); include-method would be a filter of its own.
    config.write('include-method-regex = "^DELETE$"\n' if method == "DELETE" else 'exclude-method = "DELETE"\n')
    fixed = ", ".join(f"{json.dumps('path.' + name)} = {json.dumps(value)}" for name, value in values.items())
    config.write(f"parameters = {{ {fixed} }}\n\n")


with open(out, "a") as config:
    for regex, values in groups:
        write(config, regex, values, "other")
    for regex, values in deletes:
        write(config, regex, values, "DELETE")
print(f"seeded connection {connection}, agent {agent}, endpoint {endpoint}, event {event}, delivery {delivery}")
