extension ConsoleAssets {
    /// One connection: test, rename, new credentials, disconnect; its actions with a try-it form;
    /// the discovered schema for providers that discover.
    static let connectionScript = #"""
    "use strict";
    (async () => {
      const { api, can, h, $, clear, badge, time, code, schemaForm, readSchemaForm, clearErrors, showError, failed, busy, toast } = PB;
      const id = PB.param;
      let connection, provider;
      try {
        connection = await api("GET", "/v1/connections/" + encodeURIComponent(id));
        provider = await api("GET", "/v1/catalog/" + encodeURIComponent(connection.provider));
      } catch (error) { failed(error); clear($("#action-list"), PB.empty(error.message)); return; }

      function renderHead() {
        $("#crumb").textContent = connection.label;
        $("#conn-title").textContent = connection.label;
        document.title = connection.label + " · Patchbay console";
        clear($("#conn-meta"), provider.name, " · ", badge(connection.status), " · ", h("code", {}, connection.id), " · created ", time(connection.created_at));
      }
      renderHead();
      if (new URLSearchParams(location.search).get("connected")) toast(connection.label + " is connected");

      const edit = $("#edit-area");
      function editForm(title, fields, submit) {
        const form = h("form", { class: "panel stack", id: "edit-form", novalidate: true }, h("h2", {}, title), ...fields,
          h("div", { class: "actions" }, h("button", { class: "button primary", type: "submit" }, "Save"),
            h("button", { class: "button", type: "button", onclick: () => clear(edit) }, "Cancel")));
        form.addEventListener("submit", async (event) => {
          event.preventDefault(); clearErrors(form);
          try { await submit(form); clear(edit); } catch (error) { showError(form, error); }
        });
        clear(edit, form);
        form.querySelector("input, textarea, select")?.focus();
      }

      if (can("integrations:write")) {
        $("#test-connection").addEventListener("click", (event) => busy(event.currentTarget, async () => {
          const result = await api("POST", "/v1/connections/" + encodeURIComponent(id) + "/test");
          const el = $("#test-result");
          el.hidden = false;
          el.className = "alert " + (result.success ? "ok" : "error");
          el.textContent = (result.success ? "Connection works: " : "Connection failed: ") + result.message + " (" + result.latency_ms + " ms)";
        }));
        $("#rename").addEventListener("click", () => editForm("Rename", schemaForm({ properties: { label: { type: "string", title: "Label" } }, required: ["label"] }, "", { values: { label: connection.label } }),
          async (form) => { connection = await api("PATCH", "/v1/connections/" + encodeURIComponent(id), readSchemaForm(form, "")); renderHead(); toast("Renamed"); }));
        $("#update-credentials").addEventListener("click", () => {
          const schema = { properties: {}, required: [] };
          for (const field of provider.credential_fields) {
            schema.properties[field.name] = { type: "string", title: field.label, description: field.description };
            if (field.required) schema.required.push(field.name);
          }
          editForm("Update credentials", schemaForm(schema, "credentials", { secret: true }), async (form) => {
            connection = await api("PATCH", "/v1/connections/" + encodeURIComponent(id), { credentials: readSchemaForm(form, "credentials") });
            renderHead(); toast("Credentials updated; used from the next call");
          });
        });
        if (provider.credential_fields.length === 0) $("#update-credentials").hidden = true;
        $("#disconnect").addEventListener("click", (event) => busy(event.currentTarget, async () => {
          if (!confirm("Disconnect " + connection.label + "? Its credentials are purged.")) return;
          await api("DELETE", "/v1/connections/" + encodeURIComponent(id));
          location.href = "/console/connections";
        }));
      }

      // Actions, each with its schemas and, for a key that may invoke, a try-it form.
      clear($("#action-list"), provider.actions.map((action) => {
        const result = h("div", { class: "try-result", "aria-live": "polite" });
        let tryIt = null;
        if (can("integrations:write")) {
          tryIt = h("form", { class: "stack try-it", "data-action": action.name, novalidate: true },
            h("h3", {}, "Try it"), ...schemaForm(action.input_schema, "input"),
            h("div", {}, h("button", { class: "button primary", type: "submit" }, "Run " + action.name)));
          tryIt.addEventListener("submit", async (event) => {
            event.preventDefault(); clearErrors(tryIt);
            const button = tryIt.querySelector("button[type=submit]");
            button.disabled = true;
            let input;
            try { input = readSchemaForm(tryIt, "input"); } catch (error) { showError(tryIt, error); button.disabled = false; return; }
            try {
              const execution = await api("POST", "/v1/connections/" + encodeURIComponent(id) + "/actions/" + encodeURIComponent(action.name) + "/invoke", { input });
              clear(result, outcome(input, execution, null));
            } catch (error) {
              if (error.field && error.field.startsWith("input")) showError(tryIt, error);
              clear(result, outcome(input, null, error));
            } finally { button.disabled = false; }
          });
        }
        return h("details", { "data-action": action.name },
          h("summary", {}, h("strong", {}, action.title || action.name), h("code", { class: "muted" }, action.name),
            action.mutating ? badge("writes", "pending") : badge("reads", "plain"), h("span", { class: "muted" }, action.description)),
          h("div", { class: "action-body" },
            h("div", {}, h("h3", {}, "Input"), PB.schemaTable(action.input_schema), h("h3", {}, "Output"), PB.schemaTable(action.output_schema)),
            h("div", {}, tryIt, result)));
      }));

      function outcome(input, execution, error) {
        const executionID = execution ? execution.id : error && error.executionId;
        return h("div", { class: "stack outcome" },
          h("p", { class: "alert " + (execution && execution.status === "succeeded" ? "ok" : "error"), role: "status" },
            execution ? "Status: " + execution.status + (execution.duration_ms != null ? " in " + execution.duration_ms + " ms" : "") : error.code + ": " + error.message),
          h("h3", {}, "Input"), code(input),
          execution ? [h("h3", {}, "Output"), code(execution.output)] : null,
          executionID ? h("p", {}, "Execution ", h("a", { href: "/console/executions/" + encodeURIComponent(executionID), class: "execution-link" }, executionID)) : null);
      }

      if (provider.supports_discovery) {
        $("#schema-panel").hidden = false;
        const showSchema = async () => {
          try { renderSchema(await api("GET", "/v1/connections/" + encodeURIComponent(id) + "/schema")); }
          catch (error) { clear($("#schema"), PB.empty(error.status === 404 ? "Not discovered yet." : error.message)); }
        };
        $("#discover")?.addEventListener("click", (event) => busy(event.currentTarget, async () => {
          await api("POST", "/v1/connections/" + encodeURIComponent(id) + "/discover"); await showSchema(); toast("Schema discovered");
        }));
        showSchema();
      }

      function renderSchema(schema) {
        const objects = schema.objects || [];
        const fieldRow = (field) => h("tr", {}, h("td", {}, h("code", {}, field.name)), h("td", {}, field.type || ""),
          h("td", {}, field.references ? PB.json(field.references) : ""));
        const objectBlock = (object) => h("details", {},
          h("summary", {}, h("strong", {}, object.name || object.id), " ", h("span", { class: "muted small" }, (object.fields || []).length + " fields")),
          h("table", { class: "table" },
            h("thead", {}, h("tr", {}, h("th", {}, "Field"), h("th", {}, "Type"), h("th", {}, "Relationship"))),
            h("tbody", {}, (object.fields || []).map(fieldRow))));
        clear($("#schema"), h("p", { class: "small muted" }, objects.length + " objects, discovered " + time(schema.discovered_at)),
          objects.map(objectBlock));
      }
    })();
    """#
}
