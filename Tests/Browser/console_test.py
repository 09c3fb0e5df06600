#!/usr/bin/env python3
"""The web console in a real browser: headless Chromium driven by selenium.

Starts the sandbox and `patchbay serve` as the README's walkthroughs do, then signs in,
connects Slack with the key form, runs an action from try-it, completes the sandbox's OAuth
flow in a second tab while the first updates itself, publishes an agent, opens a webhook event
and replays it, signs out; checks that a cross-site form post is refused, and that a read-only
key sees no write button and gets 403 when it forges a write. Saves a screenshot of each main
page in ARTIFACTS (default .ci/artifacts/console).

Usage: console_test.py [BUILD_DIR]   (BUILD_DIR defaults to .build/debug)
"""
import hashlib
import hmac
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug"))
ARTIFACTS = os.environ.get("ARTIFACTS", os.path.join(ROOT, ".ci", "artifacts", "console"))
# The sandbox's Google Sheets: the token it accepts and its spreadsheet (a small CRM).
SHEETS_SANDBOX_TOKEN = "ya29.sandbox-patchbay-sheets"
SHEETS_SANDBOX_SPREADSHEET = "1PbSandboxCrm0123456789abcdefXYZ"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


class Receiver(http.server.BaseHTTPRequestHandler):
    """An agent's push receiver: takes every delivery."""
    received = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        Receiver.received.append(self.rfile.read(length))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class Attacker(http.server.BaseHTTPRequestHandler):
    """Another origin's page that posts a form to the host: a classic cross-site request forgery."""
    target = ""

    def do_GET(self):
        body = f"""<!doctype html><title>win a prize</title>
<form id="forged" method="post" enctype="text/plain" action="{Attacker.target}/v1/connections">
<input type="hidden" name='{{"provider":"slack","label":"forged","credentials":{{"bot_token":"xoxb-sandbox"}},"x":"' value='"}}'>
</form>
<form id="forged-logout" method="post" action="{Attacker.target}/console/logout"><input type="hidden" name="csrf" value="guess"></form>
""".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve_in_thread(handler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class ConsoleBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.data = tempfile.mkdtemp(prefix="patchbay-console-")
        sandbox_port, host_port = free_port(), free_port()
        cls.host = f"http://127.0.0.1:{host_port}"
        sandbox = f"http://127.0.0.1:{sandbox_port}"
        cls.logs = open(os.path.join(cls.data, "processes.log"), "wb")
        cls.processes = [subprocess.Popen(
            [os.path.join(BUILD, "patchbay-sandbox"), "--port", str(sandbox_port), "--host-url", cls.host],
            stdout=cls.logs, stderr=cls.logs)]
        env = dict(os.environ,
                   PATCHBAY_UPSTREAMS=f"slack={sandbox}/slack/api,google_sheets={sandbox}/google_sheets/v4",
                   PATCHBAY_OAUTH_ENDPOINTS=f"slack={sandbox}/slack_oauth")
        cls.processes.append(subprocess.Popen(
            [os.path.join(BUILD, "patchbay"), "serve", "--data-dir", cls.data, "--port", str(host_port),
             "--allow-private-webhook-targets"], stdout=cls.logs, stderr=cls.logs, env=env))
        wait_for_http(f"{sandbox}/_sandbox/load")
        wait_for_http(f"{cls.host}/healthz")
        cls.admin_key = cls.make_key("admin")
        cls.read_key = cls.make_key("integrations:read")
        cls.receiver = serve_in_thread(Receiver)
        Attacker.target = cls.host
        cls.attacker = serve_in_thread(Attacker)

        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1360,1000",
                         "--disable-gpu", "--disable-popup-blocking"]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        cls.driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                                      options=options)
        cls.driver.set_page_load_timeout(30)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        for server in (cls.receiver, cls.attacker):
            server.shutdown()
        for process in cls.processes:
            process.terminate()
            process.wait(timeout=20)
        cls.logs.close()

    @classmethod
    def make_key(cls, scopes):
        return subprocess.run([os.path.join(BUILD, "patchbay"), "keys", "create", "--data-dir", cls.data,
                               "--account", "acme", "--scopes", scopes],
                              check=True, capture_output=True, text=True).stdout.strip()

    @classmethod
    def call(cls, method, path, body=None, key=None):
        request = urllib.request.Request(cls.host + path, method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"Bearer {key or cls.admin_key}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    # Helpers

    def wait(self, condition, timeout=20):
        try:
            return WebDriverWait(self.driver, timeout).until(condition)
        except TimeoutException:
            # What the page showed when the wait gave up, for whoever reads the log.
            self.driver.save_screenshot(os.path.join(ARTIFACTS, "failure-" + self._testMethodName + ".png"))
            print("page at", self.driver.current_url, ":", self.driver.find_element(By.TAG_NAME, "body").text[:2000])
            print("browser log:", self.driver.get_log("browser"))
            raise

    def visible(self, css, timeout=20):
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, css)), timeout)

    def shot(self, name):
        # The picture once the page's calls have answered (the console marks it aria-busy until then).
        self.wait(lambda driver: driver.execute_script("return document.body.getAttribute('aria-busy')") != "true")
        self.driver.save_screenshot(os.path.join(ARTIFACTS, name + ".png"))

    def sign_in(self, key):
        self.driver.get(self.host + "/console/login")
        self.driver.delete_all_cookies()
        self.driver.get(self.host + "/console/login")
        self.visible("#key").send_keys(key)
        self.driver.find_element(By.ID, "sign-in").click()
        self.visible("#catalog .card")

    def sign_out(self):
        self.driver.find_element(By.ID, "sign-out").click()
        self.visible("#key")

    def fill(self, css, text):
        element = self.visible(css)
        element.clear()
        element.send_keys(text)
        return element

    # The tests run in name order: the admin's walk, then the refusals.

    def test_1_admin_walkthrough(self):
        driver = self.driver
        driver.get(self.host + "/console/catalog")
        self.visible("#key")
        self.shot("00-sign-in")
        self.sign_in(self.admin_key)
        self.assertIn("acme", driver.find_element(By.CSS_SELECTOR, ".who .account").text)
        self.assertIn("admin", driver.find_element(By.CSS_SELECTOR, ".scopes").text)
        self.wait(lambda d: "providers" in d.find_element(By.ID, "catalog-count").text)
        self.shot("01-catalog")

        # Filtering by search narrows the grid to Slack.
        self.fill("#search", "slack")
        self.wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#catalog .card")) == 1)
        driver.find_element(By.CSS_SELECTOR, '[data-provider="slack"] a.button').click()

        # The key form, generated from the credential fields: an empty token is refused by the
        # API, and the error lands on the field.
        self.visible("#key-form")
        self.shot("02-connect-slack")
        driver.find_element(By.ID, "connect-submit").click()
        error = self.visible('[data-field="credentials.bot_token"] .field-error')
        self.assertTrue(error.text)
        self.fill("#f-credentials-bot_token", "xoxb-sandbox")
        self.fill("#key-label", "Sandbox workspace")
        driver.find_element(By.ID, "connect-submit").click()
        self.wait(EC.url_contains("/console/connections/conn_"))
        self.wait(lambda d: d.find_element(By.ID, "conn-title").text == "Sandbox workspace")

        # Test the connection, then run post_message from its try-it form.
        driver.find_element(By.ID, "test-connection").click()
        result = self.visible("#test-result")
        self.wait(lambda d: "ms)" in d.find_element(By.ID, "test-result").text)
        self.assertIn("Connection works", result.text)
        driver.find_element(By.CSS_SELECTOR, 'details[data-action="post_message"] summary').click()
        self.fill("#f-input-channel", "#general")
        self.fill("#f-input-text", "Hello from the console")
        driver.find_element(By.CSS_SELECTOR, 'form[data-action="post_message"] button[type=submit]').click()
        status = self.visible('details[data-action="post_message"] .outcome .alert')
        self.wait(lambda d: "succeeded" in status.text)
        self.assertIn("Hello from the console", driver.find_element(By.CSS_SELECTOR, 'details[data-action="post_message"] .outcome').text)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})",
                              driver.find_element(By.CSS_SELECTOR, 'form[data-action="post_message"]'))
        self.shot("03-connection-try-it")
        execution_link = driver.find_element(By.CSS_SELECTOR, 'details[data-action="post_message"] .execution-link')
        execution_link.click()
        self.wait(lambda d: "post_message" in d.find_element(By.ID, "exec-title").text)
        self.shot("04-execution")

        # OAuth: register the account's app, then connect in a second tab; this tab updates itself.
        driver.get(self.host + "/console/connect/slack")
        self.fill("#f-client_id", "sandbox-client")
        self.fill("#f-client_secret", "sandbox-client-secret")
        driver.find_element(By.CSS_SELECTOR, "#oauth-app-form button[type=submit]").click()
        self.fill("#oauth-label", "Slack via OAuth")
        # The app was saved with the redirect URI the form suggested: this host's own callback.
        self.assertEqual(self.visible("#oauth-redirect-uri").text, self.host + "/oauth/callback")
        first = driver.current_window_handle
        driver.find_element(By.ID, "oauth-start").click()
        self.visible("#oauth-waiting")
        self.wait(lambda d: len(d.window_handles) == 2)
        second = next(handle for handle in driver.window_handles if handle != first)
        driver.switch_to.window(second)
        self.wait(EC.url_contains("/oauth/callback"))
        # The tab the provider sent back says what happened in words, not in the API's JSON.
        result = self.visible("#oauth-result")
        self.assertEqual(result.text, "Connected Slack as “Slack via OAuth”. You can close this tab.")
        self.assertNotIn('"status"', driver.find_element(By.TAG_NAME, "body").text)
        self.shot("05a-oauth-callback-tab")
        driver.close()
        driver.switch_to.window(first)
        self.visible("#oauth-connected", timeout=30)
        self.shot("05-oauth-connected")

        # Executions, grouped by tool call id (a skill call with one below).
        driver.get(self.host + "/console/executions")
        self.visible("[data-execution]")

        # An agent: create it, install Slack's pack on the draft, publish, see the diff and versions.
        driver.get(self.host + "/console/agents")
        self.fill("#agent-name", "support-bot")
        driver.find_element(By.CSS_SELECTOR, "#new-agent button[type=submit]").click()
        self.wait(EC.url_contains("/console/agents/agent_"))
        driver.find_element(By.CSS_SELECTOR, "details.add summary").click()
        connection = self.visible("#prov-connection")
        if Select(connection).first_selected_option.text != "Sandbox workspace (slack)":
            Select(connection).select_by_visible_text("Sandbox workspace (slack)")
        # The pack list is rebuilt when the connection changes; pick from the one built for the
        # connection now selected.
        chosen = Select(connection).first_selected_option.get_attribute("value")
        self.wait(lambda d: d.find_elements(
            By.CSS_SELECTOR, f'#prov-choices[data-connection="{chosen}"] #prov-pack option[value="team-notifier"]'))
        Select(self.visible("#prov-pack")).select_by_value("team-notifier")
        driver.find_element(By.CSS_SELECTOR, "#provision button[type=submit]").click()
        self.wait(lambda d: "notify_team" in d.find_element(By.ID, "draft").text)
        # Its notify_team skill presets the channel to {{ default_channel }}: publishing waits for the variable.
        driver.find_element(By.ID, "publish").click()
        self.wait(lambda d: "default_channel" in d.find_element(By.ID, "toast").text)
        self.fill("#variables-json", '{"default_channel": "#general"}')
        driver.find_element(By.CSS_SELECTOR, "#variables button[type=submit]").click()
        self.wait(lambda d: "#general" in d.find_element(By.ID, "variables-json").get_attribute("value")
                  and "Variables saved" in d.find_element(By.ID, "toast").text)
        driver.find_element(By.ID, "publish").click()
        self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-version="1"]'))
        self.wait(lambda d: "notify_team" in d.find_element(By.ID, "tools").text)
        self.shot("06-agent")
        agent_id = driver.current_url.rsplit("/", 1)[1]

        # Auto-map from a goal over a spreadsheet's discovered schema: the proposal and its
        # reasoning come first, and the draft changes only when the proposal is confirmed.
        sheets = self.call("POST", "/v1/connections", {
            "provider": "google_sheets", "label": "Sandbox CRM", "credentials": {"access_token": SHEETS_SANDBOX_TOKEN},
            "config": {"spreadsheet_id": SHEETS_SANDBOX_SPREADSHEET}})
        self.call("POST", f"/v1/connections/{sheets['id']}/discover")
        driver.refresh()
        self.visible("#auto-map-details summary").click()
        # The connections are filled in once the page has read them.
        self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, f'#auto-map-connection option[value="{sheets["id"]}"]'))
        Select(self.visible("#auto-map-connection")).select_by_value(sheets["id"])
        self.fill("#auto-map-goal", "find a customer's plan by email")
        driver.find_element(By.ID, "auto-map-propose").click()
        proposal = self.visible("#auto-map-result")
        name = proposal.find_element(By.CSS_SELECTOR, "#auto-map-name code").text
        self.assertEqual(name, "lookup_customers_by_email")
        self.assertTrue(driver.find_elements(By.CSS_SELECTOR, "#auto-map-reasoning li"))
        skills = [skill["name"] for skill in self.call("GET", f"/v1/agents/{agent_id}/skills")["data"]]
        self.assertNotIn(name, skills, "a proposal is not saved before it is confirmed")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", proposal)
        self.shot("06a-agent-auto-map")
        driver.find_element(By.ID, "auto-map-save").click()
        self.wait(lambda d: name in d.find_element(By.ID, "draft").text)
        self.wait(lambda d: "+ " + name in d.find_element(By.ID, "diff").text)
        self.assertEqual(driver.find_elements(By.ID, "auto-map-result"), [])

        # Rename an agent, then delete it: a dismissed confirmation keeps it, an accepted one deletes it.
        scratch = self.call("POST", "/v1/agents", {"name": "scratch-bot"})
        driver.get(self.host + "/console/agents/" + scratch["id"])
        self.wait(lambda d: d.find_element(By.ID, "agent-title").text == "scratch-bot")
        driver.find_element(By.ID, "rename-agent").click()
        self.fill("#agent-edit-name", "scratch-bot-renamed")
        self.fill("#agent-edit-description", "Renamed from the console")
        self.shot("06b-agent-rename")
        driver.find_element(By.CSS_SELECTOR, "#agent-edit button[type=submit]").click()
        self.wait(lambda d: d.find_element(By.ID, "agent-title").text == "scratch-bot-renamed")
        self.assertFalse(driver.find_element(By.ID, "agent-edit").is_displayed())
        self.assertEqual(self.call("GET", f"/v1/agents/{scratch['id']}")["description"], "Renamed from the console")
        driver.find_element(By.ID, "delete-agent").click()
        self.wait(EC.alert_is_present()).dismiss()
        self.assertEqual(self.call("GET", f"/v1/agents/{scratch['id']}")["name"], "scratch-bot-renamed")
        driver.find_element(By.ID, "delete-agent").click()
        alert = self.wait(EC.alert_is_present())
        self.assertIn("scratch-bot-renamed", alert.text)
        alert.accept()
        self.wait(lambda d: d.current_url.endswith("/console/agents"))
        self.wait(lambda d: "support-bot" in d.find_element(By.ID, "agents").text)
        self.assertNotIn("scratch-bot", driver.find_element(By.ID, "agents").text)
        ids = [agent["id"] for agent in self.call("GET", "/v1/agents?limit=200")["data"]]
        self.assertNotIn(scratch["id"], ids)

        # A skill call with a tool call id, so the executions page shows a tree.
        self.call("POST", f"/v1/agents/{agent_id}/skills/notify_team/invoke",
                  {"input": {"text": "From a model"}, "tool_call_id": "call_console_1"})
        driver.get(self.host + "/console/executions")
        self.visible('[data-tool-call="call_console_1"]')
        self.shot("07-executions")

        # A webhook event from GitHub, pushed to a subscriber, inspected and replayed.
        github = self.call("POST", "/v1/connections", {"provider": "github", "credentials": {"token": "ghp_example"}})
        endpoint = self.call("POST", "/v1/webhooks/endpoints", {"connection_id": github["id"]})
        self.call("POST", "/v1/webhooks/subscriptions",
                  {"agent_id": agent_id, "endpoint_id": endpoint["id"], "events": ["github.issues.*"],
                   "url": f"http://127.0.0.1:{self.receiver.server_address[1]}/hook"})
        body = json.dumps({"action": "opened", "issue": {"number": 7, "title": "Console broke"}}).encode()
        signature = hmac.new(endpoint["secret"].encode(), body, hashlib.sha256).hexdigest()
        request = urllib.request.Request(endpoint["url"], data=body, method="POST", headers={
            "X-GitHub-Event": "issues", "X-GitHub-Delivery": "console-test-1",
            "X-Hub-Signature-256": "sha256=" + signature, "Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=30).read()
        driver.get(self.host + "/console/webhooks")
        self.visible("#events [data-event] a")
        self.wait(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-endpoint="{endpoint["id"]}"]').text.count("1") >= 2)
        self.shot("08-webhooks")
        driver.find_element(By.CSS_SELECTOR, "#events [data-event] a").click()
        self.wait(lambda d: d.find_element(By.ID, "event-key").text == "github.issues.opened")
        self.visible("#delivery-table")
        before = len(driver.find_elements(By.CSS_SELECTOR, "[data-delivery]"))
        driver.find_element(By.ID, "replay").click()
        self.wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-delivery]")) == before + 1)
        self.wait(lambda d: len(Receiver.received) >= 2, timeout=30)
        driver.refresh()
        self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-delivery] .badge.succeeded"))
        self.shot("09-event-inspector")

        # Admin pages.
        driver.get(self.host + "/console/plugins")
        self.wait(lambda d: "Slack" in d.find_element(By.ID, "plugins").text)
        slack = driver.find_element(By.CSS_SELECTOR, '#plugins [data-plugin="slack"]').text
        self.assertIn("host process", slack)
        self.assertEqual(driver.find_element(By.CSS_SELECTOR, '#plugins [data-plugin="slack"] .crashes').text, "0")
        self.shot("10-plugins")
        driver.get(self.host + "/console/keys")
        driver.find_element(By.CSS_SELECTOR, '#new-key [value="integrations:write"]').click()
        driver.find_element(By.CSS_SELECTOR, "#new-key button[type=submit]").click()
        self.assertTrue(self.visible("#new-key-value").text.startswith("pb_"))
        self.shot("11-api-keys")
        driver.get(self.host + "/console/connections")
        self.visible("#connections tbody a")
        self.shot("12-connections")

        # The catalog at a phone's width.
        driver.set_window_size(390, 900)
        driver.get(self.host + "/console/catalog")
        self.visible("#catalog .card")
        self.shot("13-catalog-phone")
        driver.set_window_size(1360, 1000)

        self.sign_out()
        driver.get(self.host + "/console/catalog")
        self.visible("#key")

    def test_2_cross_site_form_post_is_refused(self):
        driver = self.driver
        self.sign_in(self.admin_key)
        before = self.call("GET", "/v1/connections?limit=200")["data"]
        # Another origin on the same site (a port of 127.0.0.1): the browser sends the cookie,
        # but the forged request cannot carry the session's CSRF token.
        driver.get(f"http://127.0.0.1:{self.attacker.server_address[1]}/")
        driver.execute_script("document.getElementById('forged').submit()")
        self.wait(lambda d: "csrf_token_invalid" in d.find_element(By.TAG_NAME, "body").text)
        # From another site (localhost is not 127.0.0.1), SameSite=Strict keeps the cookie home.
        driver.get(f"http://localhost:{self.attacker.server_address[1]}/")
        driver.execute_script("document.getElementById('forged').submit()")
        self.wait(lambda d: "missing_api_key" in d.find_element(By.TAG_NAME, "body").text)
        self.assertEqual(len(self.call("GET", "/v1/connections?limit=200")["data"]), len(before))
        # Nor can it sign the browser out.
        driver.get(f"http://127.0.0.1:{self.attacker.server_address[1]}/")
        driver.execute_script("document.getElementById('forged-logout').submit()")
        self.wait(lambda d: "csrf_token_invalid" in d.find_element(By.TAG_NAME, "body").text)
        driver.get(self.host + "/console/catalog")
        self.visible("#catalog .card")
        self.sign_out()

    def test_3_read_only_key_sees_no_write_buttons(self):
        driver = self.driver
        self.sign_in(self.read_key)
        self.assertIn("integrations:read", driver.find_element(By.CSS_SELECTOR, ".scopes").text)
        nav = driver.find_element(By.CSS_SELECTOR, "nav").text
        self.assertNotIn("API keys", nav)
        self.assertEqual(driver.find_elements(By.CSS_SELECTOR, "#catalog .card a.button"), [])
        self.shot("14-catalog-read-only")
        connection = self.call("GET", "/v1/connections?provider=slack&status=active", key=self.read_key)["data"][0]
        driver.get(self.host + "/console/connections/" + connection["id"])
        self.visible('details[data-action="post_message"]')
        for control in ["#test-connection", "#disconnect", "#rename", "form.try-it"]:
            self.assertEqual(driver.find_elements(By.CSS_SELECTOR, control), [], control)
        # Forging a write with the page's own CSRF token still meets the key's scopes.
        status = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch('/v1/connections/' + arguments[0], {method: 'DELETE', credentials: 'same-origin',
                  headers: {'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content}})
              .then(async (r) => done(r.status + ' ' + await r.text()));
        """, connection["id"])
        self.assertTrue(status.startswith("403"), status)
        self.assertIn("missing_scope", status)
        # Nor agent changes: no rename, delete or auto-map on an agent's page.
        agent = self.call("GET", "/v1/agents?limit=1", key=self.read_key)["data"][0]
        driver.get(self.host + "/console/agents/" + agent["id"])
        self.wait(lambda d: d.find_element(By.ID, "agent-title").text == agent["name"])
        for control in ["#rename-agent", "#delete-agent", "#agent-edit", "#auto-map", "#publish"]:
            self.assertEqual(driver.find_elements(By.CSS_SELECTOR, control), [], control)
        driver.get(self.host + "/console/keys")
        self.assertIn("lacks the admin scope", self.visible("main").text)
        self.sign_out()


if __name__ == "__main__":
    print(f"console screenshots: {ARTIFACTS}")
    unittest.main(argv=[sys.argv[0], "-v"])
