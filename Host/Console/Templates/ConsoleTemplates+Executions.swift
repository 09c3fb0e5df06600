extension ConsoleTemplates {
    static let executions = #"""
    <div class="page-head"><div><h1>Executions</h1><p class="muted">Action runs, newest first. Runs that share a tool call id are grouped as one tree.</p></div></div>
    <form class="filters" id="execution-filters">
      <div class="field"><label for="f-connection">Connection id</label><input id="f-connection" name="connection_id" placeholder="conn_…"></div>
      <div class="field"><label for="f-agent">Agent id</label><input id="f-agent" name="agent_id" placeholder="agent_…"></div>
      <div class="field"><label for="f-status">Status</label><select id="f-status" name="status"><option value="">Any</option><option>succeeded</option><option>failed</option><option>running</option><option>awaiting_approval</option><option>denied</option><option>interrupted</option></select></div>
      <div class="field"><label for="f-trigger">Trigger</label><select id="f-trigger" name="trigger"><option value="">Any</option><option>api</option><option>skill</option><option>mcp</option></select></div>
      <div class="field"><label for="f-since">Since</label><select id="f-since" name="since"><option value="">Any time</option><option value="3600">Last hour</option><option value="86400">Last day</option><option value="604800">Last week</option></select></div>
      <div class="field end"><button class="button" type="submit">Filter</button></div>
    </form>
    <div id="executions" class="tree"><p class="loading">Loading…</p></div>
    <p><button class="button" id="more" type="button" hidden>Load more</button></p>
    """#

    static let execution = #"""
    <nav class="crumbs" aria-label="Breadcrumb"><a href="/console/executions">Executions</a> <span aria-hidden="true">/</span> <span>{{param}}</span></nav>
    <div class="page-head"><div><h1 id="exec-title">Execution</h1><p class="muted" id="exec-meta"></p></div></div>
    <div id="approval"></div>
    <div class="columns">
      <section class="panel" aria-labelledby="out-heading"><h2 id="out-heading">Output</h2><div id="exec-output"></div></section>
      <section class="panel" aria-labelledby="facts-heading"><h2 id="facts-heading">Details</h2><dl class="facts" id="exec-facts"></dl></section>
    </div>
    <section class="panel" aria-labelledby="req-heading"><h2 id="req-heading">Upstream requests</h2><div id="exec-requests"></div></section>
    """#
}
