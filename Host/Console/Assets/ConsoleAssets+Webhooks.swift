extension ConsoleAssets {
    /// Webhook endpoints with their counts, stored events, dead letters and subscriptions.
    static let webhooksScript = #"""
    "use strict";
    (async () => {
      const { api, can, h, $, clear, badge, time, empty, failed, busy, toast } = PB;
      async function endpoints() {
        const body = $("#endpoints tbody");
        try {
          const page = await api("GET", "/v1/webhooks/endpoints?limit=200");
          const stats = can("admin") ? await Promise.all(page.data.map((e) => api("GET", "/v1/webhooks/endpoints/" + encodeURIComponent(e.id) + "/stats").catch(() => null))) : [];
          clear(body, page.data.length ? page.data.map((e, i) => {
            const s = stats[i] || {};
            const count = (n) => n == null ? "—" : String(n);
            return h("tr", { "data-endpoint": e.id }, h("td", {}, e.provider, h("div", { class: "small muted" }, h("code", {}, e.id))),
              h("td", {}, h("code", {}, e.url || "—")), h("td", {}, badge(e.status)),
              h("td", {}, count(s.received)), h("td", {}, count(s.verified)), h("td", {}, count(s.rejected)), h("td", {}, count(s.duplicates)),
              h("td", {}, time(s.last_event_at)));
          }) : empty("No webhook endpoint.", 8));
        } catch (error) { failed(error); clear(body, empty(error.message, 8)); }
      }
      async function events() {
        const body = $("#events tbody");
        try {
          const page = await api("GET", "/v1/webhooks/events?limit=50");
          clear(body, page.data.length ? page.data.map((e) => h("tr", { "data-event": e.id },
            h("td", {}, h("a", { href: "/console/events/" + encodeURIComponent(e.id) }, e.provider_event_type || e.id), h("div", { class: "small muted" }, h("code", {}, e.id))),
            h("td", {}, h("code", {}, e.type)), h("td", {}, e.provider), h("td", {}, time(e.received_at))))
            : empty("No event stored yet.", 4));
        } catch (error) { failed(error); clear(body, empty(error.message, 4)); }
      }
      async function dead() {
        const body = $("#dead tbody");
        try {
          const page = await api("GET", "/v1/webhooks/deliveries?status=dead&limit=50");
          clear(body, page.data.length ? page.data.map((d) => h("tr", {}, h("td", {}, h("code", {}, d.id)),
            h("td", {}, h("a", { href: "/console/events/" + encodeURIComponent(d.event_id) }, d.event_id)), h("td", {}, d.attempts),
            h("td", {}, d.last_error || (d.last_status_code ? "HTTP " + d.last_status_code : "—")),
            h("td", {}, h("button", { class: "button small", type: "button", onclick: (event) => busy(event.currentTarget, async () => {
              await api("POST", "/v1/webhooks/deliveries/" + encodeURIComponent(d.id) + "/retry"); toast("Queued again"); dead(); }) }, "Retry"))))
            : empty("No dead letter.", 5));
        } catch (error) { failed(error); clear(body, empty(error.message, 5)); }
      }
      async function subscriptions() {
        const body = $("#subscriptions tbody");
        try {
          const page = await api("GET", "/v1/webhooks/subscriptions?limit=200");
          clear(body, page.data.length ? page.data.map((s) => h("tr", {},
            h("td", {}, h("a", { href: "/console/agents/" + encodeURIComponent(s.agent_id) }, s.agent_id)),
            h("td", {}, s.events.map((e) => h("code", {}, e + " "))), h("td", {}, s.delivery + (s.url ? " → " + s.url : "")),
            h("td", {}, badge(s.status), s.disabled_reason ? h("div", { class: "small muted" }, s.disabled_reason) : null),
            h("td", {}, can("integrations:write") && s.delivery === "push" ? h("button", { class: "button small", type: "button",
              onclick: (event) => busy(event.currentTarget, async () => {
                const rotated = await api("POST", "/v1/webhooks/subscriptions/" + encodeURIComponent(s.id) + "/rotate-secret");
                alert("New signing secret (shown once):\n" + rotated.secret);
              }) }, "Rotate secret") : null)))
            : empty("No subscription.", 5));
        } catch (error) { failed(error); clear(body, empty(error.message, 5)); }
      }
      endpoints(); subscriptions();
      if (can("admin")) { events(); dead(); }
    })();
    """#

    /// The event inspector: payload, normalized key, deliveries with every attempt, replay.
    static let eventScript = #"""
    "use strict";
    (async () => {
      const { api, can, h, $, clear, badge, time, code, failed, busy, toast } = PB;
      const id = PB.param;
      async function load() {
        let event, deliveries;
        try {
          event = await api("GET", "/v1/webhooks/events/" + encodeURIComponent(id));
          deliveries = await api("GET", "/v1/webhooks/deliveries?event_id=" + encodeURIComponent(id) + "&limit=200");
        } catch (error) { failed(error); return; }
        $("#event-title").textContent = event.type;
        clear($("#event-meta"), event.provider, " · ", event.provider_event_type, " · ", h("code", {}, event.id));
        $("#payload").textContent = PB.json(event.data);
        const facts = [["Normalized key", h("code", { id: "event-key" }, event.type)], ["Provider event id", h("code", {}, event.provider_event_id)],
          ["Endpoint", event.endpoint_id || "—"], ["Connection", h("a", { href: "/console/connections/" + encodeURIComponent(event.connection_id) }, event.connection_id)],
          ["Occurred", time(event.occurred_at)], ["Received", time(event.received_at)], ["Sequence", event.sequence]];
        clear($("#event-facts"), facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
        const details = await Promise.all(deliveries.data.map((d) => api("GET", "/v1/webhooks/deliveries/" + encodeURIComponent(d.id)).catch(() => d)));
        clear($("#deliveries"), details.length ? h("table", { class: "table", id: "delivery-table" },
          h("thead", {}, h("tr", {}, h("th", {}, "Delivery"), h("th", {}, "Subscription"), h("th", {}, "Status"), h("th", {}, "Attempts"), h("th", {}, h("span", { class: "sr-only" }, "Actions")))),
          h("tbody", {}, details.map((d) => h("tr", { "data-delivery": d.id },
            h("td", {}, h("code", {}, d.id), h("div", { class: "small muted" }, time(d.created_at))), h("td", {}, h("code", {}, d.subscription_id)),
            h("td", {}, badge(d.status), d.last_error ? h("div", { class: "small muted" }, d.last_error) : null),
            h("td", {}, (d.attempts_detail || []).length ? h("ol", { class: "small" }, d.attempts_detail.map((a) => h("li", {},
              time(a.attempted_at) + " · " + (a.status_code != null ? "HTTP " + a.status_code : a.error || "no answer") + " · " + a.duration_ms + " ms"))) : String(d.attempts)),
            h("td", {}, can("admin") && d.status === "dead" ? h("button", { class: "button small", type: "button", onclick: (e) => busy(e.currentTarget, async () => {
              await api("POST", "/v1/webhooks/deliveries/" + encodeURIComponent(d.id) + "/retry"); toast("Queued again"); load(); }) }, "Retry") : null)))))
          : PB.empty("No push delivery for this event. Pull subscribers read it from their event stream."));
      }
      $("#replay")?.addEventListener("click", (event) => busy(event.currentTarget, async () => {
        const replayed = await api("POST", "/v1/webhooks/events/" + encodeURIComponent(id) + "/replay", {});
        toast(replayed.data.length ? "Replayed to " + replayed.data.length + (replayed.data.length === 1 ? " subscription" : " subscriptions") : "No push subscription matches this event");
        load();
      }));
      load();
    })();
    """#
}
