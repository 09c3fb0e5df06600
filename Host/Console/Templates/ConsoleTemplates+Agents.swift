extension ConsoleTemplates {
    static let agents = #"""
    <div class="page-head"><div><h1>Agents</h1><p class="muted">Agents with their skills, published in versions.</p></div></div>
    {{#can.skillsWrite}}<form class="panel inline-form" id="new-agent" novalidate>
      <div class="field grow"><label for="agent-name">New agent name</label><input id="agent-name" name="name" required placeholder="support-bot"></div>
      <div class="field end"><button class="button primary" type="submit">Create agent</button></div>
    </form>{{/can.skillsWrite}}
    <div class="panel flush"><table class="table" id="agents"><caption class="sr-only">Agents</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Live version</th><th scope="col">Id</th><th scope="col">Created</th></tr></thead>
      <tbody><tr><td colspan="4" class="loading">Loading…</td></tr></tbody></table></div>
    """#

    static let agent = #"""
    <nav class="crumbs" aria-label="Breadcrumb"><a href="/console/agents">Agents</a> <span aria-hidden="true">/</span> <span>{{param}}</span></nav>
    <div class="page-head">
      <div><h1 id="agent-title">Agent</h1><p class="muted" id="agent-meta"></p></div>
      <div class="actions">{{#can.skillsWrite}}<button class="button primary" id="publish" type="button">Publish draft</button>{{/can.skillsWrite}}</div>
    </div>
    <div class="columns">
      <section class="panel" aria-labelledby="draft-heading"><h2 id="draft-heading">Draft skills</h2><div id="draft"></div>
        {{#can.skillsWrite}}<details class="add"><summary>Add skills from a connection</summary><form id="provision" class="stack" novalidate></form></details>{{/can.skillsWrite}}
      </section>
      <section class="panel" aria-labelledby="diff-heading"><h2 id="diff-heading">Draft vs published</h2><div id="diff"></div>
        <h2 class="spaced">Variables</h2>
        <form id="variables" class="stack" novalidate>
          <div class="field" data-field="variables"><label for="variables-json">Values that fill the skills' <code>{{=<% %>=}}{{ name }}<%={{ }}=%></code> templates (JSON)</label>
            <textarea id="variables-json" rows="4"{{^can.skillsWrite}} readonly{{/can.skillsWrite}}></textarea></div>
          {{#can.skillsWrite}}<div><button class="button" type="submit">Save variables</button></div>{{/can.skillsWrite}}
        </form>
      </section>
    </div>
    <section class="panel" aria-labelledby="versions-heading"><h2 id="versions-heading">Versions</h2><div id="versions"></div></section>
    <section class="panel" aria-labelledby="tools-heading">
      <div class="panel-head"><h2 id="tools-heading">Tool export</h2>
        <div class="segmented" role="group" aria-label="Format"><button type="button" class="button small" data-format="openai" aria-pressed="true">OpenAI</button><button type="button" class="button small" data-format="anthropic" aria-pressed="false">Anthropic</button></div></div>
      <p class="small">MCP endpoint: <code id="mcp-url"></code></p>
      <pre class="code" id="tools" tabindex="0"></pre>
    </section>
    """#
}
