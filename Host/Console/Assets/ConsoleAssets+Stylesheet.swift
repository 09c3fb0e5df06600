extension ConsoleAssets {
    static let stylesheet = #"""
    :root {
      --bg: #f5f6f8; --panel: #fff; --ink: #1b1f24; --muted: #5b6470; --line: #dde1e6; --soft: #eef0f3;
      --accent: #3b4fd8; --accent-ink: #fff; --accent-soft: #e8ebfc; --ok: #17794a; --ok-soft: #e3f4ea;
      --warn: #8a5a00; --warn-soft: #fdf1d8; --bad: #b42318; --bad-soft: #fde8e6; --radius: 10px;
      --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      color: var(--ink); background: var(--bg); font-size: 15px; line-height: 1.45;
    }
    * { box-sizing: border-box; }
    body { margin: 0; }
    a { color: var(--accent); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible, pre:focus-visible {
      outline: 3px solid #7d8cf0; outline-offset: 2px; }
    code, pre { font-family: var(--mono); font-size: 13px; }
    h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: -0.01em; }
    h2 { font-size: 16px; margin: 0 0 12px; }
    h2.spaced { margin-top: 20px; }
    h3 { font-size: 15px; margin: 0 0 6px; }
    .muted { color: var(--muted); } .small { font-size: 13px; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .skip { position: absolute; left: -999px; top: 8px; background: var(--panel); padding: 8px 12px; z-index: 10; }
    .skip:focus { left: 8px; }
    [hidden] { display: none !important; }

    .top { display: flex; align-items: center; gap: 20px; padding: 10px 24px; background: #151a2d; color: #e6e9f5; flex-wrap: wrap; }
    .brand { color: #fff; font-weight: 700; text-decoration: none; font-size: 17px; display: flex; align-items: center; gap: 8px; }
    .mark { color: #8b9bff; font-size: 20px; }
    .top nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 4px; flex-wrap: wrap; }
    .top nav a { color: #c9cfe6; text-decoration: none; padding: 6px 10px; border-radius: 6px; display: block; }
    .top nav a:hover { background: #242b45; color: #fff; }
    .top nav a[aria-current="page"] { background: #2d3660; color: #fff; }
    .who { margin-left: auto; display: flex; align-items: center; gap: 12px; flex-wrap: wrap; font-size: 13px; }
    .who .muted { color: #9aa3c0; }
    .scopes { list-style: none; display: flex; gap: 4px; margin: 0; padding: 0; flex-wrap: wrap; }
    .scope { background: #242b45; color: #c9cfe6; border-radius: 999px; padding: 2px 8px; font-size: 12px; font-family: var(--mono); }
    .who form { margin: 0; }

    main { max-width: 1180px; margin: 0 auto; padding: 24px; }
    main:focus { outline: none; }
    .page-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; margin-bottom: 18px; flex-wrap: wrap; }
    .page-head p { margin: 0; }
    .crumbs { font-size: 13px; color: var(--muted); margin-bottom: 8px; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; }
    .panel { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 18px; margin-bottom: 18px; }
    .panel.flush { padding: 0; overflow-x: auto; }
    .panel .pad { padding: 16px 18px 0; }
    .panel.narrow { max-width: 560px; }
    .panel-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; margin-bottom: 12px; flex-wrap: wrap; }
    .panel-head h2 { margin: 0; }
    .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 18px; align-items: start; }
    .columns > .panel { margin-bottom: 18px; }

    .button { display: inline-flex; align-items: center; gap: 6px; border: 1px solid var(--line); background: var(--panel); color: var(--ink);
      padding: 7px 14px; border-radius: 8px; font: inherit; font-weight: 550; cursor: pointer; text-decoration: none; min-height: 36px; }
    .button:hover { background: var(--soft); }
    .button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); }
    .button.primary:hover { background: #3042c0; }
    .button.danger { color: var(--bad); border-color: #f1b5ae; }
    .button.danger:hover { background: var(--bad-soft); }
    .button.ghost { background: transparent; color: inherit; border-color: #3a4263; }
    .button.small { padding: 4px 10px; min-height: 30px; font-size: 13px; }
    .button[disabled] { opacity: .6; cursor: progress; }
    .segmented { display: inline-flex; gap: 0; }
    .segmented .button { border-radius: 0; } .segmented .button:first-child { border-radius: 8px 0 0 8px; } .segmented .button:last-child { border-radius: 0 8px 8px 0; }
    .segmented .button[aria-pressed="true"] { background: var(--accent-soft); border-color: #b7c0f5; }

    .filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: flex-end; margin-bottom: 12px; }
    .field { display: flex; flex-direction: column; gap: 4px; min-width: 160px; }
    .field.grow { flex: 1 1 240px; } .field.end { justify-content: flex-end; min-width: 0; }
    label, legend { font-weight: 600; font-size: 13px; }
    .hint { font-size: 12px; color: var(--muted); margin: 0; }
    input, select, textarea { font: inherit; border: 1px solid #c5cbd3; border-radius: 8px; padding: 7px 10px; background: #fff; color: var(--ink); min-height: 36px; width: 100%; }
    textarea { font-family: var(--mono); font-size: 13px; min-height: 90px; }
    input[type="checkbox"] { width: auto; min-height: 0; }
    .check { display: inline-flex; align-items: center; gap: 6px; font-weight: 500; margin-right: 14px; }
    fieldset { border: 0; padding: 0; margin: 0; }
    .stack { display: flex; flex-direction: column; gap: 12px; }
    .stack .field { min-width: 0; }
    .inline-form { display: flex; gap: 12px; align-items: flex-end; flex-wrap: wrap; }
    .field-error { color: var(--bad); font-size: 12px; margin: 0; }
    [aria-invalid="true"] { border-color: var(--bad); background: #fffafa; }
    .required { color: var(--bad); }

    .cards { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 16px; }
    .card { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 16px; display: flex; flex-direction: column; gap: 10px; min-height: 190px; }
    .card:hover { border-color: #c0c7d2; box-shadow: 0 2px 10px rgba(20, 30, 60, .06); }
    .card-head { display: flex; gap: 12px; align-items: center; }
    .logo { width: 40px; height: 40px; border-radius: 10px; display: grid; place-items: center; color: #fff; font-weight: 700; font-size: 17px; flex: none; }
    .card h3 { margin: 0; font-size: 16px; }
    .card p { margin: 0; color: var(--muted); font-size: 14px; flex: 1; }
    .card-foot { display: flex; justify-content: space-between; align-items: center; gap: 8px; flex-wrap: wrap; }
    .meta { display: flex; gap: 6px; flex-wrap: wrap; }
    .badge { display: inline-block; border-radius: 999px; padding: 2px 9px; font-size: 12px; font-weight: 600; background: var(--soft); color: var(--muted); white-space: nowrap; }
    .badge.ok, .badge.active, .badge.connected, .badge.enabled, .badge.delivered, .badge.succeeded { background: var(--ok-soft); color: var(--ok); }
    .badge.pending, .badge.running, .badge.awaiting_approval, .badge.needs_reauth, .badge.disabled { background: var(--warn-soft); color: var(--warn); }
    .badge.failed, .badge.error, .badge.revoked, .badge.dead, .badge.denied, .badge.interrupted, .badge.refused, .badge.quarantined { background: var(--bad-soft); color: var(--bad); }
    .badge.accent { background: var(--accent-soft); color: var(--accent); }
    .loading { color: var(--muted); padding: 12px; }
    .empty { color: var(--muted); padding: 18px; text-align: center; }

    .table { width: 100%; border-collapse: collapse; font-size: 14px; }
    .table th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background: #fafbfc; }
    .table th, .table td { padding: 10px 14px; border-bottom: 1px solid var(--line); vertical-align: top; }
    .table tr:last-child td { border-bottom: 0; }
    .table td code { word-break: break-all; }
    .table.compact th, .table.compact td { padding: 6px 8px; font-size: 13px; }
    .schema { border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; margin-bottom: 12px; }
    .schema details.raw summary { cursor: pointer; padding: 6px 8px; font-size: 13px; color: var(--accent); }
    .schema details.raw .code { border-radius: 0 0 8px 8px; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; font-size: 14px; }
    .facts dt { color: var(--muted); } .facts dd { margin: 0; word-break: break-word; }
    .code { background: #0f1424; color: #dfe5ff; border-radius: 8px; padding: 12px 14px; overflow: auto; max-height: 420px; margin: 0; white-space: pre; }
    .alert { border-radius: 8px; padding: 10px 14px; background: var(--soft); margin: 0 0 16px; }
    .alert.ok { background: var(--ok-soft); color: var(--ok); } .alert.error { background: var(--bad-soft); color: var(--bad); }
    .alert.warn { background: var(--warn-soft); color: var(--warn); }

    .action-list details { border: 1px solid var(--line); border-radius: 8px; margin-bottom: 10px; }
    .action-list summary { padding: 10px 14px; cursor: pointer; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
    .action-list summary .muted { font-size: 13px; }
    .action-body { padding: 0 14px 14px; display: grid; gap: 14px; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); }
    details.add summary { cursor: pointer; color: var(--accent); font-weight: 600; margin-top: 12px; }

    .tree { display: flex; flex-direction: column; gap: 10px; }
    .tree .group { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); }
    .tree .group > .group-head { padding: 10px 14px; border-bottom: 1px solid var(--line); font-size: 13px; color: var(--muted); display: flex; gap: 8px; flex-wrap: wrap; }
    .tree ul { list-style: none; margin: 0; padding: 6px 0; }
    .tree li { padding: 6px 14px 6px 34px; position: relative; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
    .tree .group li::before { content: ""; position: absolute; left: 18px; top: 0; bottom: 0; border-left: 2px solid var(--line); }
    .tree .group li::after { content: ""; position: absolute; left: 18px; top: 50%; width: 10px; border-top: 2px solid var(--line); }
    .tree .single li { padding-left: 14px; } .tree .single li::before, .tree .single li::after { display: none; }
    .diff-add { color: var(--ok); } .diff-del { color: var(--bad); } .diff-mod { color: var(--warn); }
    .diff { list-style: none; padding: 0; margin: 0; font-family: var(--mono); font-size: 13px; }
    .diff li { padding: 3px 0; }

    .toast { position: fixed; bottom: 20px; right: 20px; background: #151a2d; color: #fff; padding: 10px 16px; border-radius: 8px; opacity: 0; transition: opacity .2s; pointer-events: none; max-width: 360px; }
    .toast.show { opacity: 1; }
    .toast.error { background: var(--bad); }

    .signin-page { display: grid; place-items: center; min-height: 100vh; background: linear-gradient(160deg, #151a2d, #2d3660); }
    .signin { background: var(--panel); border-radius: 14px; padding: 32px; width: min(440px, calc(100vw - 32px)); box-shadow: 0 10px 40px rgba(0,0,0,.25); }
    .signin h1 { display: flex; align-items: center; gap: 8px; }
    .signin .button { justify-content: center; }

    @media (max-width: 720px) {
      .top { padding: 10px 14px; gap: 10px; }
      .who { margin-left: 0; width: 100%; }
      main { padding: 14px; }
      .top nav { width: 100%; min-width: 0; overflow-x: auto; }
      .top nav ul { flex-wrap: nowrap; }
      .field { min-width: 0; flex: 1 1 140px; }
      .table th, .table td { padding: 8px 10px; }
      .facts { grid-template-columns: 1fr; }
      .facts dt { margin-top: 6px; }
    }
    """#
}
