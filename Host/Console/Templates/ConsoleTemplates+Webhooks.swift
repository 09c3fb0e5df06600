extension ConsoleTemplates {
    static let webhooks = #"""
    <div class="page-head"><div><h1>Webhooks</h1><p class="muted">Endpoints that receive provider events, the events they stored, and agents' subscriptions.</p></div></div>
    <section class="panel flush" aria-labelledby="ep-heading"><h2 id="ep-heading" class="pad">Endpoints</h2>
      <table class="table" id="endpoints"><thead><tr><th scope="col">Provider</th><th scope="col">Public URL</th><th scope="col">Status</th><th scope="col">Received</th><th scope="col">Verified</th><th scope="col">Rejected</th><th scope="col">Duplicates</th><th scope="col">Last event</th></tr></thead>
      <tbody><tr><td colspan="8" class="loading">Loading…</td></tr></tbody></table></section>
    {{#can.admin}}<section class="panel flush" aria-labelledby="ev-heading"><h2 id="ev-heading" class="pad">Events</h2>
      <table class="table" id="events"><thead><tr><th scope="col">Event</th><th scope="col">Key</th><th scope="col">Provider</th><th scope="col">Received</th></tr></thead>
      <tbody><tr><td colspan="4" class="loading">Loading…</td></tr></tbody></table></section>
    <section class="panel flush" aria-labelledby="dead-heading"><h2 id="dead-heading" class="pad">Dead letters</h2>
      <table class="table" id="dead"><thead><tr><th scope="col">Delivery</th><th scope="col">Event</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody><tr><td colspan="5" class="loading">Loading…</td></tr></tbody></table></section>{{/can.admin}}
    <section class="panel flush" aria-labelledby="sub-heading"><h2 id="sub-heading" class="pad">Subscriptions</h2>
      <table class="table" id="subscriptions"><thead><tr><th scope="col">Agent</th><th scope="col">Events</th><th scope="col">Delivery</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody><tr><td colspan="5" class="loading">Loading…</td></tr></tbody></table></section>
    """#

    static let event = #"""
    <nav class="crumbs" aria-label="Breadcrumb"><a href="/console/webhooks">Webhooks</a> <span aria-hidden="true">/</span> <span>{{param}}</span></nav>
    <div class="page-head">
      <div><h1 id="event-title">Event</h1><p class="muted" id="event-meta"></p></div>
      <div class="actions">{{#can.admin}}<button class="button primary" id="replay" type="button">Replay</button>{{/can.admin}}</div>
    </div>
    <div class="columns">
      <section class="panel" aria-labelledby="payload-heading"><h2 id="payload-heading">Payload</h2><pre class="code" id="payload" tabindex="0"></pre></section>
      <section class="panel" aria-labelledby="facts-heading"><h2 id="facts-heading">Details</h2><dl class="facts" id="event-facts"></dl></section>
    </div>
    <section class="panel" aria-labelledby="deliveries-heading"><h2 id="deliveries-heading">Deliveries</h2><div id="deliveries"></div></section>
    """#
}
