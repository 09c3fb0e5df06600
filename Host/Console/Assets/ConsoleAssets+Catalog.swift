extension ConsoleAssets {
    static let catalogScript = #"""
    "use strict";
    (async () => {
      const { api, can, h, $, clear, badge, failed } = PB;
      const palette = ["#3b4fd8", "#0f7b6c", "#b54708", "#6941c6", "#c11574", "#175cd3", "#067647", "#9e2a2b"];
      const color = (id) => palette[[...id].reduce((sum, c) => sum + c.charCodeAt(0), 0) % palette.length];
      let entries = [];
      try {
        const catalog = await api("GET", "/v1/catalog");
        entries = catalog.data;
        const categories = Object.keys(catalog.counts || {}).sort();
        $("#category").append(...categories.map((c) => h("option", { value: c }, c + " (" + catalog.counts[c] + ")")));
      } catch (error) { failed(error); }

      function card(entry) {
        const link = can("integrations:write")
          ? h("a", { class: "button primary small", href: "/console/connect/" + encodeURIComponent(entry.id),
                     "aria-label": "Connect " + entry.name }, entry.connected ? "Connect another" : "Connect")
          : null;
        return h("li", { class: "card", "data-provider": entry.id },
          h("div", { class: "card-head" },
            h("div", { class: "logo", "aria-hidden": "true", "data-color": color(entry.id) }, entry.name.slice(0, 1).toUpperCase()),
            h("div", {}, h("h3", {}, entry.name), h("span", { class: "muted small" }, entry.category))),
          h("p", {}, entry.description),
          h("div", { class: "meta" },
            badge(entry.action_count + (entry.action_count === 1 ? " action" : " actions"), "plain"),
            entry.pack_count > 0 ? badge(entry.pack_count + (entry.pack_count === 1 ? " pack" : " packs"), "accent") : null,
            badge(entry.oauth ? "OAuth" : entry.auth_type.replace(/_/g, " "), "plain"),
            entry.supports_webhooks ? badge("webhooks", "plain") : null),
          h("div", { class: "card-foot" },
            entry.connected
              ? h("a", { href: "/console/connections?provider=" + encodeURIComponent(entry.id) }, badge("connected", "connected"))
              : h("span", { class: "small muted", title: entry.configured_reason || "" }, entry.configured === false ? "Needs an OAuth app" : "Not connected"),
            link));
      }

      function render() {
        const query = $("#search").value.trim().toLowerCase();
        const category = $("#category").value, state = $("#state").value;
        const shown = entries.filter((e) => (!category || e.category === category)
          && (!state || (state === "connected") === e.connected)
          && (!query || (e.name + " " + e.description + " " + e.id).toLowerCase().includes(query)));
        clear($("#catalog"), shown.length ? shown.map(card) : h("li", { class: "empty" }, "No provider matches."));
        // Colours come from the script, not inline style attributes, which the page's policy refuses.
        document.querySelectorAll(".logo[data-color]").forEach((el) => { el.style.background = el.dataset.color; });
        $("#catalog-count").textContent = shown.length + " of " + entries.length + " providers";
      }
      $("#catalog-filters").addEventListener("input", render);
      $("#catalog-filters").addEventListener("submit", (event) => event.preventDefault());
      render();
    })();
    """#

    static let connectionsScript = #"""
    "use strict";
    (async () => {
      const { api, h, $, clear, badge, time, empty, failed } = PB;
      const provider = new URLSearchParams(location.search).get("provider");
      const body = $("#connections tbody");
      try {
        const page = await api("GET", "/v1/connections?limit=200" + (provider ? "&provider=" + encodeURIComponent(provider) : ""));
        clear(body, page.data.length ? page.data.map((c) => h("tr", {},
          h("td", {}, h("a", { href: "/console/connections/" + encodeURIComponent(c.id) }, c.label), h("div", { class: "small muted" }, h("code", {}, c.id))),
          h("td", {}, c.provider), h("td", {}, badge(c.status)), h("td", {}, time(c.created_at))))
          : empty("No connection yet. Connect a provider from the catalog.", 4));
      } catch (error) { failed(error); clear(body, empty(error.message, 4)); }
    })();
    """#
}
