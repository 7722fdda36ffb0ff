// The console's stylesheet, served as /console/app.css. Kept as a string so the built
// package (dist/ holds JavaScript only) serves it without a file of its own.

export const CONSOLE_CSS = `:root {
  color-scheme: light dark;
  --fg: light-dark(#1b1f24, #e6e8eb);
  --muted: light-dark(#5b6470, #9aa4b1);
  --bg: light-dark(#f6f7f9, #121418);
  --panel: light-dark(#ffffff, #1b1e24);
  --code: light-dark(#eef1f4, #262a31);
  --line: light-dark(#d5dae0, #343943);
  --accent: light-dark(#1f6feb, #58a6ff);
  --danger: light-dark(#c62828, #ff7b72);
  --warn: light-dark(#9a6700, #d29922);
  --ok: light-dark(#1a7f37, #3fb950);
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, sans-serif; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, monospace; font-size: 12px; }
code { background: var(--code); padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--code); padding: 6px 8px; border-radius: 6px; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 16em; overflow: auto; }
h1 { font-size: 20px; margin: 0 0 12px; }
h2 { font-size: 13px; margin: 20px 0 8px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
h3 { font-size: 15px; margin: 0; }
.top { display: flex; align-items: center; gap: 20px; padding: 10px 20px; background: var(--panel); border-bottom: 1px solid var(--line); }
.top .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
.top nav { display: flex; gap: 14px; flex: 1; }
.top nav a { text-decoration: none; color: var(--muted); padding: 2px 0; }
.top nav a.current { color: var(--fg); border-bottom: 2px solid var(--accent); }
main { padding: 16px 20px 40px; max-width: 1440px; }
button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid var(--line); background: var(--panel); color: var(--fg); cursor: pointer; }
button:disabled { opacity: 0.5; cursor: default; }
button.approve { background: var(--ok); border-color: var(--ok); color: #fff; }
button.reject { color: var(--danger); border-color: var(--danger); }
input, select, textarea { font: inherit; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--fg); }
textarea { width: 100%; resize: vertical; }
.login { max-width: 460px; margin: 12vh auto; padding: 24px; background: var(--panel); border: 1px solid var(--line); border-radius: 10px; display: grid; gap: 12px; }
.muted { color: var(--muted); }
.error { color: var(--danger); white-space: pre-wrap; }
.note { color: var(--ok); }
.cards { display: grid; gap: 12px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
.card.status-pending { border-left: 4px solid var(--warn); }
.card.status-approved, .card.status-used { border-left: 4px solid var(--ok); }
.card.status-rejected, .card.status-expired { border-left: 4px solid var(--danger); }
.card header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 8px; }
.card header h3 { flex: 1; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0 0 8px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; min-width: 0; }
.rules { margin: 0; padding-left: 18px; }
q.untrusted { quotes: '“' '”'; background: var(--code); padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
.decision { border-top: 1px solid var(--line); padding-top: 10px; display: grid; gap: 8px; }
.buttons { display: flex; align-items: center; gap: 8px; }
.track { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
.track li::before { display: inline-block; width: 1.4em; }
.track .step-done::before { content: '✓'; color: var(--ok); }
.track .step-bad::before { content: '✗'; color: var(--danger); }
.track .step-wait::before { content: '…'; color: var(--warn); }
.badge { display: inline-block; font-size: 12px; padding: 0 8px; margin-right: 4px; border: 1px solid var(--line); border-radius: 999px; white-space: nowrap; }
.badge.status-pending, .badge.status-running, .badge.status-awaiting_approval, .badge.status-mitigated, .badge.severity-major, .badge.severity-warning, .badge.effect-escalate, .badge.status-escalate { color: var(--warn); border-color: currentColor; }
.badge.status-approved, .badge.status-used, .badge.status-executed, .badge.status-resolved, .badge.status-passed, .badge.status-done, .badge.effect-allow { color: var(--ok); border-color: currentColor; }
.badge.status-rejected, .badge.status-expired, .badge.status-failed, .badge.status-open, .badge.status-firing, .badge.status-denied, .badge.severity-critical, .badge.effect-deny, .badge.status-cancelled { color: var(--danger); border-color: currentColor; }
table { border-collapse: collapse; width: 100%; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.num, td.time, table.audit td:nth-child(3) { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.data { min-width: 360px; max-width: 620px; }
tr.broken td { background: light-dark(#fdecea, #2d1414); }
details summary { cursor: pointer; overflow-wrap: anywhere; }
.card table { margin-top: 6px; }
.search { display: flex; flex-wrap: wrap; gap: 6px; margin: 10px 0 14px; }
.search input[name="limit"] { width: 6em; }
.verify p { margin: 0; padding: 8px 12px; border-radius: 8px; font-weight: 600; }
.verify .ok { background: light-dark(#e6f4ea, #12261a); color: var(--ok); }
.verify .broken { background: light-dark(#fdecea, #2d1414); color: var(--danger); }
.filters { display: flex; gap: 12px; }
.filters .chosen { font-weight: 700; }
.hypotheses { list-style: none; padding: 0; margin: 8px 0; display: grid; gap: 10px; }
.hypothesis header h3 { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.hypothesis .confidence { font-weight: 600; }
.hypothesis p { margin: 4px 0; }
.facts.signals { font-size: 13px; }
.draft h2 { font-size: 16px; text-transform: none; letter-spacing: 0; color: var(--fg); margin: 0 0 8px; }
.draft h3 { margin: 14px 0 6px; }
.draft pre { max-height: none; }
`;
