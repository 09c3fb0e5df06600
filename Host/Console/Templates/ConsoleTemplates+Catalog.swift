extension ConsoleTemplates {
    static let catalog = #"""
    <div class="page-head">
      <div><h1>Catalog</h1><p class="muted">Providers, declarative connectors and MCP connections this host can connect to.</p></div>
    </div>
    <form class="filters" role="search" id="catalog-filters">
      <div class="field grow"><label for="search">Search</label><input id="search" type="search" placeholder="Name or description"></div>
      <div class="field"><label for="category">Category</label><select id="category"><option value="">All categories</option></select></div>
      <div class="field"><label for="state">State</label><select id="state"><option value="">All</option><option value="connected">Connected</option><option value="available">Not connected</option></select></div>
    </form>
    <p class="muted small" id="catalog-count" aria-live="polite"></p>
    <ul class="cards" id="catalog" aria-label="Providers"><li class="loading">Loading…</li></ul>
    """#

    static let connect = #"""
    <nav class="crumbs" aria-label="Breadcrumb"><a href="/console/catalog">Catalog</a> <span aria-hidden="true">/</span> <span id="crumb">Connect</span></nav>
    <div class="page-head"><div><h1 id="connect-title">Connect</h1><p class="muted" id="connect-blurb"></p></div></div>
    <div class="columns">
      <section class="panel" id="key-panel" hidden aria-labelledby="key-heading">
        <h2 id="key-heading">Connect with credentials</h2>
        <form id="key-form" class="stack" novalidate></form>
      </section>
      <section class="panel" id="oauth-panel" hidden aria-labelledby="oauth-heading">
        <h2 id="oauth-heading">Connect with OAuth</h2>
        <div id="oauth-body"></div>
      </section>
    </div>
    """#

    static let connections = #"""
    <div class="page-head">
      <div><h1>Connections</h1><p class="muted">Every connection of this account, newest first.</p></div>
      {{#can.write}}<a class="button primary" href="/console/catalog">New connection</a>{{/can.write}}
    </div>
    <div class="panel flush"><table class="table" id="connections"><caption class="sr-only">Connections</caption>
      <thead><tr><th scope="col">Label</th><th scope="col">Provider</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>
      <tbody><tr><td colspan="4" class="loading">Loading…</td></tr></tbody></table></div>
    """#

    static let connection = #"""
    <nav class="crumbs" aria-label="Breadcrumb"><a href="/console/connections">Connections</a> <span aria-hidden="true">/</span> <span id="crumb">{{param}}</span></nav>
    <div class="page-head">
      <div><h1 id="conn-title">Connection</h1><p class="muted" id="conn-meta"></p></div>
      <div class="actions" id="conn-actions">
        {{#can.write}}<button class="button" id="test-connection" type="button">Test connection</button>
        <button class="button" id="rename" type="button">Rename</button>
        <button class="button" id="update-credentials" type="button">Update credentials</button>
        <button class="button danger" id="disconnect" type="button">Disconnect</button>{{/can.write}}
      </div>
    </div>
    <p id="test-result" class="alert" hidden role="status"></p>
    <div id="edit-area"></div>
    <section class="panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <div id="action-list" class="action-list"><p class="loading">Loading…</p></div>
    </section>
    <section class="panel" id="schema-panel" hidden aria-labelledby="schema-heading">
      <div class="panel-head"><h2 id="schema-heading">Discovered schema</h2>{{#can.write}}<button class="button small" id="discover" type="button">Discover now</button>{{/can.write}}</div>
      <div id="schema"></div>
    </section>
    """#
}
