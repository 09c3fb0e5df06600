extension ConsoleTemplates {
    static let plugins = #"""
    <div class="page-head"><div><h1>Plugins</h1><p class="muted">Every plugin the host tried to load: enabled, or refused with the reason; where it runs, and its crashes.</p></div></div>
    <div class="panel flush"><table class="table" id="plugins"><caption class="sr-only">Plugins</caption>
      <thead><tr><th scope="col">Plugin</th><th scope="col">Version</th><th scope="col">State</th><th scope="col">Runs</th><th scope="col">Crashes</th><th scope="col">Reason</th></tr></thead>
      <tbody><tr><td colspan="6" class="loading">Loading…</td></tr></tbody></table></div>
    <p class="muted small">In the host process, a plugin's crash ends the host; in a worker process, only the calls in flight fail and the worker restarts. A worker that keeps crashing is quarantined until the host restarts.</p>
    """#

    static let keys = #"""
    <div class="page-head"><div><h1>API keys</h1><p class="muted">Keys of this account. A new key is shown once.</p></div></div>
    <form class="panel inline-form" id="new-key" novalidate>
      <fieldset><legend>Scopes of the new key</legend>
        <label class="check"><input type="checkbox" name="scope" value="integrations:read" checked> integrations:read</label>
        <label class="check"><input type="checkbox" name="scope" value="integrations:write"> integrations:write</label>
        <label class="check"><input type="checkbox" name="scope" value="skills:write"> skills:write</label>
        <label class="check"><input type="checkbox" name="scope" value="skills:invoke"> skills:invoke</label>
        <label class="check"><input type="checkbox" name="scope" value="admin"> admin</label>
      </fieldset>
      <div class="field end"><button class="button primary" type="submit">Create key</button></div>
    </form>
    <div id="new-key-result"></div>
    <div class="panel flush"><table class="table" id="keys"><caption class="sr-only">API keys</caption>
      <thead><tr><th scope="col">Prefix</th><th scope="col">Scopes</th><th scope="col">Rate limit</th><th scope="col">Created</th><th scope="col">State</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody><tr><td colspan="6" class="loading">Loading…</td></tr></tbody></table></div>
    """#
}
