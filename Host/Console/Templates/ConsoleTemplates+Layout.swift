extension ConsoleTemplates {
    /// The frame of every signed-in page. The CSRF token is in a meta tag for the scripts, and
    /// the key's scopes on the body so scripts offer only what the key may do.
    /// The start of every page's head, shared by the frame and the sign-in page.
    static let head = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Patchbay console</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/console/assets/console.css">
    """#

    static let layout = #"""
    {{> head}}
    <meta name="csrf-token" content="{{csrf}}">
    <script src="/console/assets/console.js" defer></script>
    {{#script}}<script src="/console/assets/{{script}}" defer></script>{{/script}}
    </head>
    <body data-page="{{page}}" data-param="{{param}}" data-scopes="{{scopeList}}"{{#oauthCallback}} data-oauth-callback="{{oauthCallback}}"{{/oauthCallback}}>
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <a class="brand" href="/console/catalog"><span class="mark" aria-hidden="true">◧</span> Patchbay</a>
      <nav aria-label="Main"><ul>{{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}</ul></nav>
      <div class="who">
        <div class="account"><span class="muted">Account</span> <strong title="{{accountID}}">{{accountName}}</strong></div>
        <ul class="scopes" aria-label="Scopes of this key">{{#scopes}}<li class="scope">{{.}}</li>{{/scopes}}</ul>
        <form method="post" action="/console/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="button ghost small" id="sign-out">Sign out</button></form>
      </div>
    </header>
    <main id="main" tabindex="-1">
    {{{body}}}
    </main>
    <div id="toast" class="toast" role="status" aria-live="polite"></div>
    </body>
    </html>
    """#

    static let signIn = #"""
    {{> head}}
    </head>
    <body class="signin-page">
    <main id="main" class="signin">
      <h1><span class="mark" aria-hidden="true">◧</span> Patchbay console</h1>
      <p class="muted">Sign in with an API key. The console can do what the key's scopes allow, and nothing more.</p>
      {{#error}}<p class="alert error" role="alert" id="signin-error">{{error}}</p>{{/error}}
      <form method="post" action="/console/login" class="stack">
        <input type="hidden" name="nonce" value="{{nonce}}">
        <label for="key">API key</label>
        <input id="key" name="key" type="password" autocomplete="off" required placeholder="pb_…" autofocus>
        <button type="submit" class="button primary" id="sign-in">Sign in</button>
      </form>
      <p class="muted small">Create one with <code>patchbay keys create --account NAME --scopes integrations:read,integrations:write</code>. The key stays in an HttpOnly cookie, sealed; it is never stored in the page.</p>
    </main>
    </body>
    </html>
    """#

    /// Where a provider sends a person back after consent; it needs no session, as the tab
    /// that started the flow polls the connection and updates itself.
    static let oauthResult = #"""
    {{> head}}
    </head>
    <body class="signin-page">
    <main id="main" class="signin">
      <h1><span class="mark" aria-hidden="true">◧</span> Patchbay</h1>
      {{^error}}<p class="alert ok" role="status" id="oauth-result">Connected {{provider}}{{#label}} as “{{label}}”{{/label}}. You can close this tab.</p>{{/error}}
      {{#error}}<p class="alert error" role="alert" id="oauth-result">{{#provider}}{{provider}} was not connected: {{/provider}}{{error}}</p>
      <p>Close this tab and start the connection again from the page you began on.</p>{{/error}}
    </main>
    </body>
    </html>
    """#

    static let message = #"""
    <section class="panel narrow">
      <h1>{{title}}</h1>
      <p>{{text}}</p>
      <p><a href="/console/catalog">Back to the catalog</a></p>
    </section>
    """#
}
