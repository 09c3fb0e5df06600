extension ConsoleAssets {
    static let pluginsScript = #"""
    "use strict";
    (async () => {
      const { api, h, $, clear, badge, empty, failed } = PB;
      const body = $("#plugins tbody");
      try {
        const plugins = await api("GET", "/v1/plugins");
        clear(body, plugins.data.length ? plugins.data.map((p) => h("tr", { "data-plugin": p.id || p.path },
          h("td", {}, h("strong", {}, p.name || p.id || "—"), h("div", { class: "small muted" }, h("code", {}, p.path))),
          h("td", {}, p.version || "—"), h("td", {}, badge(p.status), p.quarantined ? [" ", badge("quarantined")] : null),
          h("td", {}, p.isolation === "process" ? "worker process" : "host process"),
          h("td", { class: "crashes" }, String(p.crashes), p.last_crash ? h("div", { class: "small muted" }, "last: " + p.last_crash) : null),
          h("td", {}, p.reason || "—")))
          : empty("No plugin loaded.", 6));
      } catch (error) { failed(error); clear(body, empty(error.message, 6)); }
    })();
    """#

    /// API keys: create (the key shown once), list, revoke.
    static let keysScript = #"""
    "use strict";
    (async () => {
      const { api, h, $, clear, badge, time, empty, failed, busy, toast, clearErrors, showError } = PB;
      const body = $("#keys tbody");
      async function load() {
        try {
          const keys = await api("GET", "/v1/api-keys");
          clear(body, keys.data.length ? keys.data.map((k) => h("tr", {},
            h("td", {}, h("code", {}, k.prefix)), h("td", {}, k.scopes.join(", ")),
            h("td", {}, k.rate_limit ? k.rate_limit + " / window" : "host default"), h("td", {}, time(k.created_at)),
            h("td", {}, k.revoked_at ? badge("revoked") : badge("active")),
            h("td", {}, k.revoked_at ? null : h("button", { class: "button small danger", type: "button", onclick: (event) => busy(event.currentTarget, async () => {
              if (!confirm("Revoke " + k.prefix + "? Clients using it stop working.")) return;
              try { await api("DELETE", "/v1/api-keys/" + encodeURIComponent(k.id)); }
              catch (error) {
                if (error.code !== "deleting_own_key" || !confirm("This is the key you signed in with; revoking it signs you out. Revoke anyway?")) throw error;
                await api("DELETE", "/v1/api-keys/" + encodeURIComponent(k.id) + "?force=true");
              }
              toast("Revoked " + k.prefix); load();
            }) }, "Revoke")))) : empty("No key.", 6));
        } catch (error) { failed(error); clear(body, empty(error.message, 6)); }
      }
      const form = $("#new-key");
      form.querySelector("fieldset").dataset.field = "scopes";
      form.addEventListener("submit", async (event) => {
        event.preventDefault(); clearErrors(form);
        try {
          const scopes = [...form.querySelectorAll("[name=scope]:checked")].map((el) => el.value);
          const created = await api("POST", "/v1/api-keys", { scopes });
          clear($("#new-key-result"), h("div", { class: "alert ok", role: "status" }, "New key (copy it now, it is not shown again): ", h("code", { id: "new-key-value" }, created.key)));
          load();
        } catch (error) { showError(form, error); }
      });
      load();
    })();
    """#
}
