extension ConsoleAssets {
    /// The executions list, filtered, with runs that share a tool call id grouped as a tree.
    static let executionsScript = #"""
    "use strict";
    (async () => {
      const { api, h, $, clear, badge, time, failed } = PB;
      const form = $("#execution-filters");
      const params = new URLSearchParams(location.search);
      for (const el of form.elements) if (el.name && params.get(el.name)) el.value = params.get(el.name);
      let cursor = null, rows = [];

      function query() {
        const q = new URLSearchParams({ limit: "100" });
        for (const el of form.elements) if (el.name && el.value && el.name !== "since") q.set(el.name, el.value);
        if (cursor) q.set("cursor", cursor);
        return q.toString();
      }

      function row(execution) {
        return h("li", { "data-execution": execution.id },
          badge(execution.status),
          h("a", { href: "/console/executions/" + encodeURIComponent(execution.id) }, execution.skill ? execution.skill + " → " + execution.action : execution.action),
          h("span", { class: "muted small" }, execution.provider + " · " + execution.trigger + " · " + time(execution.started_at)
            + (execution.duration_ms != null ? " · " + execution.duration_ms + " ms" : "")));
      }

      function render() {
        const since = Number(form.elements.since.value || 0);
        const shown = since ? rows.filter((e) => Date.now() - new Date(e.started_at).getTime() < since * 1000) : rows;
        // Runs that share a tool_call_id form one chain: the group's head, then its runs in order.
        const groups = [], byCall = new Map();
        for (const execution of shown) {
          const key = execution.tool_call_id;
          if (!key) { groups.push({ single: execution }); continue; }
          if (!byCall.has(key)) { const group = { call: key, runs: [] }; byCall.set(key, group); groups.push(group); }
          byCall.get(key).runs.push(execution);
        }
        clear($("#executions"), groups.length ? groups.map((group) => group.single
          ? h("div", { class: "group single" }, h("ul", {}, row(group.single)))
          : h("div", { class: "group", "data-tool-call": group.call },
              h("div", { class: "group-head" }, "tool call ", h("code", {}, group.call), " · " + group.runs.length + (group.runs.length === 1 ? " run" : " runs")),
              h("ul", { role: "group", "aria-label": "Runs of tool call " + group.call }, group.runs.slice().reverse().map(row))))
          : PB.empty("No execution matches."));
      }

      async function load(reset) {
        if (reset) { cursor = null; rows = []; }
        try {
          const page = await api("GET", "/v1/executions?" + query());
          rows = rows.concat(page.data); cursor = page.next_cursor;
          $("#more").hidden = !cursor;
          render();
        } catch (error) { failed(error); clear($("#executions"), PB.empty(error.message)); }
      }
      form.addEventListener("submit", (event) => { event.preventDefault(); load(true); });
      $("#more").addEventListener("click", () => load(false));
      load(true);
    })();
    """#

    /// One execution: status, output or error, the redacted upstream requests, and approval.
    static let executionScript = #"""
    "use strict";
    (async () => {
      const { api, can, h, $, clear, badge, time, code, failed, busy, toast } = PB;
      const id = PB.param;
      async function load() {
        let execution;
        try { execution = await api("GET", "/v1/executions/" + encodeURIComponent(id)); } catch (error) { failed(error); return; }
        $("#exec-title").textContent = (execution.skill ? execution.skill + " → " : "") + execution.action;
        clear($("#exec-meta"), badge(execution.status), " · ", execution.provider, " · ", h("code", {}, execution.id));
        const facts = [["Connection", h("a", { href: "/console/connections/" + encodeURIComponent(execution.connection_id) }, execution.connection_id)],
          ["Trigger", execution.trigger], ["Started", time(execution.started_at)], ["Finished", time(execution.finished_at)],
          ["Duration", execution.duration_ms != null ? execution.duration_ms + " ms" : "—"]];
        if (execution.agent_id) facts.push(["Agent", h("a", { href: "/console/agents/" + encodeURIComponent(execution.agent_id) }, execution.agent_id)], ["Agent version", execution.agent_version]);
        if (execution.tool_call_id) facts.push(["Tool call", h("a", { href: "/console/executions?agent_id=" + encodeURIComponent(execution.agent_id || "") }, execution.tool_call_id)]);
        if (execution.end_user) facts.push(["End user", execution.end_user]);
        clear($("#exec-facts"), facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "—")]));
        clear($("#exec-output"), execution.error ? h("p", { class: "alert error" }, execution.error.code + ": " + execution.error.message) : null,
          execution.output != null ? code(execution.output) : (execution.error ? null : PB.empty("No output.")));
        clear($("#exec-requests"), execution.requests.length ? execution.requests.map((r) => h("details", {},
          h("summary", {}, (r.method || "") + " " + (r.url || "") + (r.status != null ? " → " + r.status : "")), code(r))) : PB.empty("No upstream request."));
        if (execution.status === "awaiting_approval" && can("skills:write")) {
          const input = h("textarea", { id: "approval-input", rows: "5" }, PB.json(execution.pending_input || {}));
          const decide = (approve) => (event) => busy(event.currentTarget, async () => {
            const body = { decision: approve ? "approve" : "deny" };
            if (approve) body.input = JSON.parse(input.value);
            await api("POST", "/v1/executions/" + encodeURIComponent(id) + "/continue", body);
            toast(approve ? "Approved" : "Rejected"); load();
          });
          clear($("#approval"), h("section", { class: "panel", "aria-labelledby": "approval-heading" }, h("h2", { id: "approval-heading" }, "Awaiting approval"),
            h("div", { class: "field" }, h("label", { for: "approval-input" }, "Input to continue with"), input),
            h("div", { class: "actions" }, h("button", { class: "button primary", type: "button", onclick: decide(true) }, "Approve"),
              h("button", { class: "button danger", type: "button", onclick: decide(false) }, "Reject"))));
        } else clear($("#approval"));
      }
      load();
    })();
    """#
}
