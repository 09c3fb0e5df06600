extension ConsoleAssets {
    /// Shared by every page: calling the API with the session (and the CSRF token on writes),
    /// building elements, forms generated from JSON Schemas, and field-level errors.
    static let core = #"""
    "use strict";
    const PB = (() => {
      const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
      const scopes = new Set((document.body.dataset.scopes || "").split(" ").filter(Boolean));
      const param = document.body.dataset.param || "";

      class ApiError extends Error {
        constructor(status, body) {
          const error = (body && body.error) || {};
          super(error.message || ("HTTP " + status));
          this.status = status; this.code = error.code || "http_" + status; this.field = error.field || null;
          this.executionId = error.execution_id || null;
        }
      }

      // The page is marked aria-busy while any call is in flight, so assistive technology (and
      // anything else waiting for the page to settle) knows its data is still coming.
      let inFlight = 0;
      function markBusy(delta) {
        inFlight += delta;
        document.body.setAttribute("aria-busy", inFlight > 0 ? "true" : "false");
      }

      // Every call goes to the public API with the session cookie; writes repeat the CSRF token.
      async function api(method, path, body) {
        const headers = { "Accept": "application/json" };
        if (method !== "GET" && method !== "HEAD") headers["X-CSRF-Token"] = csrf;
        if (body !== undefined) headers["Content-Type"] = "application/json";
        markBusy(1);
        try {
          const response = await fetch(path, { method, headers, credentials: "same-origin",
                                               body: body === undefined ? undefined : JSON.stringify(body) });
          if (response.status === 401) { location.href = "/console/login"; throw new ApiError(401, null); }
          const text = await response.text();
          let json = null;
          try { json = text ? JSON.parse(text) : null; } catch (_) { json = null; }
          if (!response.ok) throw new ApiError(response.status, json);
          return json;
        } finally {
          markBusy(-1);
        }
      }

      function can(scope) { return scopes.has(scope) || scopes.has("admin"); }

      // h("a", {href: "…"}, "text", child…): attributes starting with "on" become listeners.
      function h(tag, attrs, ...children) {
        const el = document.createElement(tag);
        for (const [name, value] of Object.entries(attrs || {})) {
          if (value === null || value === undefined || value === false) continue;
          if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
          else if (name === "class") el.className = value;
          else el.setAttribute(name, value === true ? "" : String(value));
        }
        for (const child of children.flat(Infinity)) {
          if (child === null || child === undefined || child === false) continue;
          el.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
        return el;
      }

      function $(selector) { return document.querySelector(selector); }
      function clear(el, ...children) { el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false)); return el; }
      function badge(text, kind) { return h("span", { class: "badge " + (kind || String(text).replace(/[^a-z_]/gi, "_")) }, String(text).replace(/_/g, " ")); }
      function time(iso) {
        if (!iso) return "—";
        const date = new Date(iso);
        return isNaN(date) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
      }
      function json(value) { return JSON.stringify(value, null, 2); }
      function code(value) { return h("pre", { class: "code", tabindex: "0" }, typeof value === "string" ? value : json(value)); }
      function empty(text, columns) {
        return columns ? h("tr", {}, h("td", { colspan: columns, class: "empty" }, text)) : h("p", { class: "empty" }, text);
      }

      let toastTimer = null;
      function toast(text, isError) {
        const el = $("#toast");
        el.textContent = text; el.className = "toast show" + (isError ? " error" : "");
        clearTimeout(toastTimer); toastTimer = setTimeout(() => { el.className = "toast"; }, 3500);
      }
      function failed(error) { toast(error.message || String(error), true); }

      // Runs an async action from a button, disabled while it runs; errors become a toast.
      async function busy(button, action) {
        if (button) button.disabled = true;
        try { return await action(); } catch (error) { failed(error); return undefined; } finally { if (button) button.disabled = false; }
      }

      // A form from a JSON Schema object: one field per property, named after the path the API
      // reports in an error's `field` (e.g. input.text), so errors land on the right input.
      function schemaForm(schema, prefix, options = {}) {
        const fields = [];
        const properties = (schema && schema.properties) || {};
        const required = new Set((schema && schema.required) || []);
        // Required fields first, so a form reads in the order a person fills it.
        const names = Object.keys(properties).sort((a, b) => Number(required.has(b)) - Number(required.has(a)));
        for (const name of names) {
          const property = properties[name];
          const path = prefix ? prefix + "." + name : name;
          const id = "f-" + path.replace(/[^a-z0-9_-]/gi, "-");
          const type = Array.isArray(property.type) ? property.type.find((t) => t !== "null") : property.type;
          const preset = options.values && options.values[name];
          let input;
          if (Array.isArray(property.enum)) {
            input = h("select", { id, name: path }, required.has(name) ? null : h("option", { value: "" }, "—"),
                      property.enum.map((v) => h("option", { value: String(v), selected: preset === v }, String(v))));
          } else if (type === "boolean") {
            input = h("input", { id, name: path, type: "checkbox", checked: preset === true });
          } else if (type === "object" || type === "array") {
            input = h("textarea", { id, name: path, rows: "3", placeholder: type === "array" ? "[ ]" : "{ }" }, preset === undefined ? "" : json(preset));
          } else {
            const secret = options.secret || property.format === "password" || property.writeOnly;
            input = h("input", { id, name: path, autocomplete: "off",
                                 type: secret ? "password" : (type === "integer" || type === "number") ? "number" : "text",
                                 value: preset === undefined ? (property.default ?? "") : preset,
                                 placeholder: property.examples ? String(property.examples[0]) : null });
          }
          input.dataset.type = type || "string";
          input.dataset.key = name;
          if (required.has(name)) input.setAttribute("aria-required", "true");
          const describedBy = property.description ? id + "-hint" : null;
          if (describedBy) input.setAttribute("aria-describedby", describedBy);
          fields.push(h("div", { class: "field", "data-field": path },
            h("label", { for: id }, property.title || name, required.has(name) ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
            input,
            property.description ? h("p", { class: "hint", id: describedBy }, property.description) : null));
        }
        return fields;
      }

      // A JSON Schema object as a readable list of its fields, with the raw schema folded away.
      function schemaTable(schema) {
        const properties = (schema && schema.properties) || {};
        const required = new Set((schema && schema.required) || []);
        const names = Object.keys(properties);
        const type = (p) => Array.isArray(p.type) ? p.type.join(" | ") : (p.type || (p.enum ? "enum" : "any"));
        return h("div", { class: "schema" },
          names.length ? h("table", { class: "table compact" },
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Field"), h("th", { scope: "col" }, "Type"), h("th", { scope: "col" }, "Description"))),
            h("tbody", {}, names.map((name) => h("tr", {},
              h("td", {}, h("code", {}, name), required.has(name) ? h("span", { class: "required", title: "required" }, " *") : null),
              h("td", {}, type(properties[name])), h("td", { class: "muted" }, properties[name].description || "")))))
            : h("p", { class: "muted small" }, "No fields."),
          h("details", { class: "raw" }, h("summary", {}, "JSON Schema"), code(schema)));
      }

      // Reads the values of a schemaForm back into an object; empty optional fields are left out.
      function readSchemaForm(container, prefix) {
        const value = {};
        for (const input of container.querySelectorAll("[data-key]")) {
          if (!input.name.startsWith(prefix ? prefix + "." : "") || input.name.slice(prefix ? prefix.length + 1 : 0).includes(".")) continue;
          const key = input.dataset.key, type = input.dataset.type;
          if (type === "boolean") { if (input.checked) value[key] = true; continue; }
          const raw = input.value;
          if (raw === "") continue;
          if (type === "integer" || type === "number") value[key] = Number(raw);
          else if (type === "object" || type === "array") {
            try { value[key] = JSON.parse(raw); } catch (_) { throw fieldError(input.name, input.name + " is not valid JSON"); }
          } else value[key] = raw;
        }
        return value;
      }

      function fieldError(field, message) { const error = new Error(message); error.field = field; error.code = "validation_failed"; return error; }

      function clearErrors(form) {
        form.querySelectorAll(".field-error").forEach((el) => el.remove());
        form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
        form.querySelectorAll(".form-error").forEach((el) => el.remove());
      }

      // Shows an API error next to the field it names, or at the top of the form.
      function showError(form, error) {
        const container = error.field && form.querySelector('[data-field="' + CSS.escape(error.field) + '"]');
        if (container) {
          const input = container.querySelector("input, select, textarea");
          const id = (input ? input.id : "field") + "-error";
          const message = h("p", { class: "field-error", id, role: "alert" }, error.message);
          container.append(message);
          if (input) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", id); input.focus(); }
        } else {
          form.prepend(h("p", { class: "alert error form-error", role: "alert" }, error.message));
        }
      }

      return { api, can, h, $, clear, badge, time, json, code, empty, toast, failed, busy, param,
               schemaForm, schemaTable, readSchemaForm, clearErrors, showError, ApiError };
    })();
    """#
}
