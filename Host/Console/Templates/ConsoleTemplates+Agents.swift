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
      <div class="actions">{{#can.skillsWrite}}<button class="button primary" id="publish" type="button">Publish draft</button>
        <button class="button" id="rename-agent" type="button" aria-controls="agent-edit">Rename</button>
        <button class="button danger" id="delete-agent" type="button">Delete agent</button>{{/can.skillsWrite}}</div>
    </div>
    {{#can.skillsWrite}}<form class="panel stack" id="agent-edit" novalidate hidden aria-labelledby="agent-edit-heading">
      <h2 id="agent-edit-heading">Rename agent</h2>
      <div class="field" data-field="name"><label for="agent-edit-name">Name</label><input id="agent-edit-name" name="name" required maxlength="100"></div>
      <div class="field" data-field="description"><label for="agent-edit-description">Description</label><textarea id="agent-edit-description" name="description" rows="2" maxlength="2000"></textarea></div>
      <div class="actions"><button class="button primary" type="submit">Save</button><button class="button" type="button" id="agent-edit-cancel">Cancel</button></div>
    </form>{{/can.skillsWrite}}
    <div class="columns">
      <section class="panel" aria-labelledby="draft-heading"><h2 id="draft-heading">Draft skills</h2><div id="draft"></div>
        {{#can.skillsWrite}}<details class="add"><summary>Add skills from a connection</summary><form id="provision" class="stack" novalidate></form></details>
        <details class="add" id="auto-map-details"><summary>Add a skill from a goal</summary>
          <form id="auto-map" class="stack" novalidate>
            <div class="field" data-field="connection_id"><label for="auto-map-connection">Connection with a discovered schema</label><select id="auto-map-connection" name="connection_id"></select></div>
            <div class="field" data-field="goal"><label for="auto-map-goal">Goal in plain words</label><input id="auto-map-goal" name="goal" required minlength="3" maxlength="500" placeholder="look up a customer by email" aria-describedby="auto-map-hint">
              <p class="hint" id="auto-map-hint">The proposal and why it was chosen are shown first; nothing is added until you confirm.</p></div>
            <div><button class="button" type="submit" id="auto-map-propose">Propose a skill</button></div>
          </form>
          <div id="auto-map-proposal" aria-live="polite"></div>
        </details>{{/can.skillsWrite}}
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
