extension ConsoleAssets {
    /// The connect page: a form generated from the provider's credential fields and config
    /// schema, and the OAuth flow in a new tab while this page polls the connection.
    static let connectScript = #"""
    "use strict";
    (async () => {
      const { api, h, $, clear, schemaForm, readSchemaForm, clearErrors, showError, failed, busy } = PB;
      const providerID = PB.param;
      let provider;
      try { provider = await api("GET", "/v1/catalog/" + encodeURIComponent(providerID)); }
      catch (error) { failed(error); return; }
      $("#crumb").textContent = provider.name;
      $("#connect-title").textContent = "Connect " + provider.name;
      $("#connect-blurb").textContent = provider.description;
      document.title = "Connect " + provider.name + " · Patchbay console";

      const labelField = (prefix) => h("div", { class: "field", "data-field": "label" },
        h("label", { for: prefix + "-label" }, "Label"),
        h("input", { id: prefix + "-label", name: "label", placeholder: provider.name, autocomplete: "off" }),
        h("p", { class: "hint" }, "A name for people; defaults to the provider's name."));
      const configFields = () => schemaForm(provider.config_schema || {}, "config");

      // Credentials: one password field per credential field the provider declares.
      if (provider.credential_fields.length > 0) {
        const credentialSchema = { properties: {}, required: [] };
        for (const field of provider.credential_fields) {
          credentialSchema.properties[field.name] = { type: "string", title: field.label, description: field.description };
          if (field.required) credentialSchema.required.push(field.name);
        }
        const form = $("#key-form");
        form.append(labelField("key"), ...schemaForm(credentialSchema, "credentials", { secret: true }), ...configFields(),
                    h("div", {}, h("button", { class: "button primary", type: "submit", id: "connect-submit" }, "Connect")));
        $("#key-panel").hidden = false;
        form.addEventListener("submit", async (event) => {
          event.preventDefault();
          clearErrors(form);
          const button = form.querySelector("button[type=submit]");
          button.disabled = true;
          try {
            const body = { provider: provider.id, credentials: readSchemaForm(form, "credentials") };
            const config = readSchemaForm(form, "config");
            if (Object.keys(config).length) body.config = config;
            const label = form.querySelector("[name=label]").value.trim();
            if (label) body.label = label;
            const created = await api("POST", "/v1/connections", body);
            location.href = "/console/connections/" + encodeURIComponent(created.id) + "?connected=1";
          } catch (error) { showError(form, error); } finally { button.disabled = false; }
        });
      }

      if (provider.oauth) {
        $("#oauth-panel").hidden = false;
        renderOAuth();
      }

      // The host's own callback under its public URL when one is set (what the API defaults an
      // app's redirect URI to), else the address this browser reached the host at.
      function callbackURL() { return document.body.dataset.oauthCallback || location.origin + "/oauth/callback"; }

      async function renderOAuth() {
        const body = $("#oauth-body");
        let app = null;
        try { app = await api("GET", "/v1/oauth-apps/" + encodeURIComponent(provider.id)); }
        catch (error) { if (error.status !== 404) { failed(error); return; } }
        if (!app) {
          // The account registers its own OAuth app first; its secret is write-only.
          const form = h("form", { class: "stack", id: "oauth-app-form", novalidate: true },
            h("p", { class: "muted small" }, "Register this account's OAuth app for " + provider.name + " once; its secret is sealed and never shown again."),
            ...schemaForm({ properties: {
              client_id: { type: "string", title: "Client id" },
              client_secret: { type: "string", title: "Client secret", writeOnly: true },
              redirect_uri: { type: "string", title: "Redirect URI", description: "Register this URL with the provider.", default: callbackURL() },
            }, required: ["client_id", "client_secret", "redirect_uri"] }, ""),
            h("div", {}, h("button", { class: "button", type: "submit" }, "Save OAuth app")));
          form.addEventListener("submit", async (event) => {
            event.preventDefault(); clearErrors(form);
            try { await api("PUT", "/v1/oauth-apps/" + encodeURIComponent(provider.id), readSchemaForm(form, "")); renderOAuth(); }
            catch (error) { showError(form, error); }
          });
          clear(body, form);
          return;
        }
        const form = h("form", { class: "stack", id: "oauth-form", novalidate: true },
          h("p", { class: "muted small" }, "Opens " + provider.name + " in a new tab. This page updates itself when the connection is active."),
          h("p", { class: "muted small" }, "This account's app sends you back to ", h("code", { id: "oauth-redirect-uri" }, app.redirect_uri), "."),
          labelField("oauth"), ...configFields(),
          h("div", {}, h("button", { class: "button primary", type: "submit", id: "oauth-start" }, "Connect with " + provider.name)));
        const status = h("div", { id: "oauth-status", "aria-live": "polite" });
        form.addEventListener("submit", async (event) => {
          event.preventDefault(); clearErrors(form);
          // The tab is opened while the click still counts as the user's, then pointed at the provider.
          const tab = window.open("about:blank", "_blank");
          try {
            const request = { provider: provider.id };
            const label = form.querySelector("[name=label]").value.trim();
            if (label) request.label = label;
            const config = readSchemaForm(form, "config");
            if (Object.keys(config).length) request.config = config;
            const created = await api("POST", "/v1/connections", request);
            if (tab) tab.location.href = created.oauth_url;
            clear(status, h("p", { class: "alert warn", id: "oauth-waiting" }, "Waiting for you to authorize in the other tab… ",
              h("a", { href: created.oauth_url, target: "_blank", rel: "noopener" }, "Open it again")));
            poll(created.id, status);
          } catch (error) { if (tab) tab.close(); showError(form, error); }
        });
        clear(body, form, status);
      }

      // Polls the connection until it is active (or the provider refused), then shows the result.
      async function poll(id, status) {
        for (let attempt = 0; attempt < 400; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          let connection;
          try { connection = await api("GET", "/v1/connections/" + encodeURIComponent(id)); } catch (error) { failed(error); return; }
          if (connection.status === "active") {
            clear(status, h("p", { class: "alert ok", id: "oauth-connected", role: "status" }, connection.label + " is connected. ",
              h("a", { href: "/console/connections/" + encodeURIComponent(id) }, "Open the connection")));
            return;
          }
          if (connection.status !== "pending") {
            clear(status, h("p", { class: "alert error", role: "alert" }, "The connection is " + connection.status + "."));
            return;
          }
        }
      }
    })();
    """#
}
