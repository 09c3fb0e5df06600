extension ConsoleAssets {
    static let agentsScript = #"""
    "use strict";
    (async () => {
      const { api, h, $, clear, badge, time, empty, failed, clearErrors, showError } = PB;
      const body = $("#agents tbody");
      async function load() {
        try {
          const page = await api("GET", "/v1/agents?limit=200");
          clear(body, page.data.length ? page.data.map((a) => h("tr", {},
            h("td", {}, h("a", { href: "/console/agents/" + encodeURIComponent(a.id) }, a.name), a.description ? h("div", { class: "small muted" }, a.description) : null),
            h("td", {}, a.live_version != null ? badge("v" + a.live_version, "active") : badge("draft only", "plain")),
            h("td", {}, h("code", {}, a.id)), h("td", {}, time(a.created_at))))
            : empty("No agent yet.", 4));
        } catch (error) { failed(error); clear(body, empty(error.message, 4)); }
      }
      const form = $("#new-agent");
      if (form) {
        form.querySelector(".field").dataset.field = "name";
        form.addEventListener("submit", async (event) => {
          event.preventDefault(); clearErrors(form);
          try {
            const agent = await api("POST", "/v1/agents", { name: form.elements.name.value.trim() });
            location.href = "/console/agents/" + encodeURIComponent(agent.id);
          } catch (error) { showError(form, error); }
        });
      }
      load();
    })();
    """#

    /// One agent: the draft's skills, a readable diff against the live version, publish and
    /// roll back, adding skills from a connection, and the tool export preview.
    static let agentScript = #"""
    "use strict";
    (async () => {
      const { api, can, h, $, clear, badge, time, code, failed, busy, toast, clearErrors, showError } = PB;
      const id = PB.param, base = "/v1/agents/" + encodeURIComponent(id);
      $("#mcp-url").textContent = location.origin + base + "/mcp";

      function skillRow(skill) {
        return h("li", {}, h("strong", {}, skill.name), " ", h("span", { class: "muted small" }, skill.provider + " · " + skill.action),
          skill.requires_approval ? [" ", badge("needs approval", "pending")] : null,
          h("div", { class: "small muted" }, skill.description));
      }

      // A skill is compared field by field; the diff names what was added, removed or changed.
      function diff(draft, live) {
        const before = new Map((live || []).map((s) => [s.name, s])), after = new Map(draft.map((s) => [s.name, s]));
        const lines = [];
        for (const [name, skill] of after) {
          const old = before.get(name);
          if (!old) { lines.push(h("li", { class: "diff-add" }, "+ " + name + " (" + skill.provider + "." + skill.action + ")")); continue; }
          const changed = Object.keys({ ...old, ...skill }).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(skill[k]));
          if (changed.length) lines.push(h("li", { class: "diff-mod" }, "~ " + name + ": " + changed.join(", ") + " changed"));
        }
        for (const [name] of before) if (!after.has(name)) lines.push(h("li", { class: "diff-del" }, "− " + name));
        return lines;
      }

      let agent;
      async function load() {
        let skills, versions;
        try {
          [agent, skills, versions] = await Promise.all([api("GET", base), api("GET", base + "/skills"), api("GET", base + "/versions")]);
        } catch (error) { failed(error); return; }
        $("#agent-title").textContent = agent.name;
        $("#variables-json").value = PB.json(agent.variables || {});
        document.title = agent.name + " · Patchbay console";
        clear($("#agent-meta"), h("code", {}, agent.id), " · ", agent.live_version != null ? badge("live v" + agent.live_version, "active") : badge("not published", "plain"));
        clear($("#draft"), skills.data.length ? h("ul", { class: "diff" }, skills.data.map(skillRow)) : PB.empty("The draft has no skill."));
        let live = [];
        if (agent.live_version != null) live = (await api("GET", base + "/versions/" + agent.live_version)).skills || [];
        const lines = diff(skills.data, live);
        clear($("#diff"), agent.live_version == null ? PB.empty("Nothing published yet; publishing makes version 1.")
          : lines.length ? h("ul", { class: "diff", id: "diff-lines" }, lines) : PB.empty("The draft matches live version " + agent.live_version + "."));
        clear($("#versions"), versions.data.length ? h("table", { class: "table" },
          h("thead", {}, h("tr", {}, h("th", {}, "Version"), h("th", {}, "Skills"), h("th", {}, "Published"), h("th", {}, "Note"), h("th", {}, h("span", { class: "sr-only" }, "Actions")))),
          h("tbody", {}, versions.data.map((v) => h("tr", { "data-version": v.version },
            h("td", {}, "v" + v.version, " ", v.live ? badge("live", "active") : null), h("td", {}, v.skill_count), h("td", {}, time(v.published_at)),
            h("td", {}, v.note || (v.rolled_back_from ? "rollback of v" + v.rolled_back_from : "")),
            h("td", {}, can("skills:write") && !v.live ? h("button", { class: "button small", type: "button",
              onclick: (event) => busy(event.currentTarget, async () => { await api("POST", base + "/rollback", { version: v.version }); toast("Rolled back to v" + v.version); load(); }) }, "Roll back to v" + v.version) : null)))))
          : PB.empty("No version yet."));
        loadTools();
      }

      let format = "openai";
      async function loadTools() {
        if (!can("skills:invoke")) { $("#tools").textContent = "Previewing tools needs the skills:invoke scope."; return; }
        try { $("#tools").textContent = PB.json(await api("GET", base + "/tools?format=" + format)); }
        catch (error) { $("#tools").textContent = error.status === 404 || error.status === 409 ? "Publish the agent to export its skills as tools." : error.message; }
      }
      document.querySelectorAll("[data-format]").forEach((button) => button.addEventListener("click", () => {
        format = button.dataset.format;
        document.querySelectorAll("[data-format]").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
        loadTools();
      }));

      const variables = $("#variables");
      variables.addEventListener("submit", async (event) => {
        event.preventDefault(); clearErrors(variables);
        try {
          let value;
          try { value = JSON.parse($("#variables-json").value || "{}"); } catch (_) { throw Object.assign(new Error("variables must be a JSON object"), { field: "variables" }); }
          await api("PATCH", base, { variables: value });
          toast("Variables saved"); load();
        } catch (error) { showError(variables, error); }
      });

      $("#publish")?.addEventListener("click", (event) => busy(event.currentTarget, async () => {
        const version = await api("POST", base + "/publish", {});
        toast("Published v" + version.version); load();
      }));

      // Rename (name and description) in a form that opens under the title; delete after a confirmation.
      const edit = $("#agent-edit");
      if (edit) {
        const close = () => { edit.hidden = true; clearErrors(edit); $("#rename-agent").focus(); };
        $("#rename-agent").addEventListener("click", () => {
          edit.elements.name.value = agent ? agent.name : "";
          edit.elements.description.value = agent && agent.description || "";
          edit.hidden = false; edit.elements.name.focus();
        });
        $("#agent-edit-cancel").addEventListener("click", close);
        edit.addEventListener("keydown", (event) => { if (event.key === "Escape") close(); });
        edit.addEventListener("submit", async (event) => {
          event.preventDefault(); clearErrors(edit);
          try {
            await api("PATCH", base, { name: edit.elements.name.value.trim(), description: edit.elements.description.value });
            close(); toast("Renamed"); load();
          } catch (error) { showError(edit, error); }
        });
        $("#delete-agent").addEventListener("click", (event) => busy(event.currentTarget, async () => {
          if (!confirm("Delete " + (agent ? agent.name : id) + " and all its versions? Its executions stay. This cannot be undone.")) return;
          await api("DELETE", base);
          location.href = "/console/agents";
        }));
      }

      // Adding skills: a pack of a connection's provider, or chosen actions.
      const provision = $("#provision");
      if (provision) {
        const connections = (await api("GET", "/v1/connections?limit=200&status=active").catch(() => ({ data: [] }))).data;
        const select = h("select", { id: "prov-connection", name: "connection_id" }, connections.map((c) => h("option", { value: c.id }, c.label + " (" + c.provider + ")")));
        const choices = h("div", { class: "stack", id: "prov-choices" });
        async function choose() {
          const chosen = select.value, connection = connections.find((c) => c.id === chosen);
          if (!connection) { clear(choices, PB.empty("Connect a provider first.")); return; }
          const provider = await api("GET", "/v1/catalog/" + encodeURIComponent(connection.provider));
          // A later choice is being built: this answer is stale.
          if (select.value !== chosen) return;
          choices.dataset.connection = chosen;
          clear(choices,
            provider.packs.length ? h("div", { class: "field", "data-field": "pack" }, h("label", { for: "prov-pack" }, "Pack"),
              h("select", { id: "prov-pack", name: "pack" }, h("option", { value: "" }, "— choose actions below instead —"), provider.packs.map((p) => h("option", { value: p.id }, p.name)))) : null,
            h("fieldset", { "data-field": "actions" }, h("legend", {}, "Actions"), provider.actions.map((a) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "action", value: a.name }), a.name))));
        }
        select.addEventListener("change", choose);
        provision.append(h("div", { class: "field", "data-field": "connection_id" }, h("label", { for: "prov-connection" }, "Connection"), select), choices,
          h("div", {}, h("button", { class: "button", type: "submit" }, "Add to draft")));
        provision.addEventListener("submit", async (event) => {
          event.preventDefault(); clearErrors(provision);
          try {
            const pack = provision.querySelector("[name=pack]")?.value;
            if (pack) await api("POST", base + "/packs", { connection_id: select.value, pack });
            else await api("POST", base + "/provision", { connection_id: select.value,
              actions: [...provision.querySelectorAll("[name=action]:checked")].map((el) => el.value) });
            toast("Skills added to the draft"); load();
          } catch (error) { showError(provision, error); }
        });
        choose();
      }

      // Auto-map: the goal is sent as a dry run, the proposal is shown with its reasoning, and
      // only a confirmation adds it, as a binding the API checks again.
      const autoMap = $("#auto-map");
      if (autoMap) {
        const proposal = $("#auto-map-proposal"), connection = $("#auto-map-connection");
        const connections = (await api("GET", "/v1/connections?limit=200&status=active").catch(() => ({ data: [] }))).data;
        clear(connection, connections.map((c) => h("option", { value: c.id }, c.label + " (" + c.provider + ")")));
        const fields = (label, list) => list && list.length ? h("li", {}, label + ": ", h("code", {}, list.join(", "))) : null;
        autoMap.addEventListener("submit", async (event) => {
          event.preventDefault(); clearErrors(autoMap); clear(proposal);
          const connectionID = connection.value;
          let result;
          try {
            result = await api("POST", base + "/bindings/auto-map", { connection_id: connectionID, goal: autoMap.elements.goal.value.trim(), dry_run: true });
          } catch (error) { showError(autoMap, error); return; }
          const skill = result.skill, binding = skill.binding;
          const save = h("button", { class: "button primary", type: "button", id: "auto-map-save", onclick: (e) => busy(e.currentTarget, async () => {
            await api("POST", base + "/bindings", { connection_id: connectionID, name: skill.name, object: binding.object, kind: binding.kind,
              filter_fields: binding.filter_fields, write_fields: binding.write_fields, returned_fields: binding.returned_fields,
              requires_approval: skill.requires_approval });
            clear(proposal); autoMap.reset(); toast("Added " + skill.name + " to the draft"); load();
          }) }, "Add " + skill.name + " to the draft");
          clear(proposal, h("section", { class: "alert", id: "auto-map-result", "aria-labelledby": "auto-map-name" },
            h("h3", { id: "auto-map-name" }, "Proposed: ", h("code", {}, skill.name), " ", skill.requires_approval ? badge("needs approval", "pending") : null),
            h("p", { class: "small" }, skill.description),
            h("ul", { class: "small" }, h("li", {}, binding.kind + " on ", h("code", {}, binding.object), " with ", h("code", {}, skill.provider + "." + skill.action)),
              fields("Matches on", binding.filter_fields), fields("Writes", binding.write_fields), fields("Returns", binding.returned_fields),
              h("li", {}, "Score " + result.score.toFixed(2))),
            h("h4", {}, "Why"), h("ul", { id: "auto-map-reasoning" }, result.reasoning.map((line) => h("li", {}, line))),
            result.suggested_presets.length ? [h("h4", {}, "Values the goal seems to fix (not applied)"),
              h("ul", {}, result.suggested_presets.map((p) => h("li", {}, h("code", {}, p.field + " = " + p.value), " — " + p.reason)))] : null,
            result.alternatives.length ? [h("h4", {}, "Other candidates"),
              h("ul", { class: "small muted" }, result.alternatives.map((a) => h("li", {}, a.kind + " on " + a.object + " (score " + a.score.toFixed(2) + ")")))] : null,
            h("div", { class: "actions" }, save, h("button", { class: "button", type: "button", id: "auto-map-discard",
              onclick: () => { clear(proposal); autoMap.elements.goal.focus(); } }, "Discard"))));
          save.focus();
        });
      }
      load();
    })();
    """#
}
