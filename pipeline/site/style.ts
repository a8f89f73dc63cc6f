/** The site's one style sheet: readable, high-contrast, visible focus; no web fonts. */
export const STYLE = `:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #c9c9c9; --accent: #00528a; --bg: #ffffff; --soft: #f3f5f7; }
* { box-sizing: border-box; }
body { margin: 0; overflow-wrap: break-word; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 1px solid var(--line); padding-top: .75rem; padding-bottom: .75rem; }
header a { font-weight: 600; text-decoration: none; color: var(--ink); }
footer { border-top: 1px solid var(--line); margin-top: 3rem; padding-top: 1rem; color: var(--muted); font-size: .9rem; }
a { color: var(--accent); }
a:focus-visible, main:focus-visible, summary:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0; background: var(--bg); padding: .5rem 1rem; }
.skip:focus { left: 1rem; }
.en { color: var(--muted); }
h1 .en, h2 .en { font-weight: 400; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
pre { background: var(--soft); padding: .75rem; overflow-x: auto; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); }
.num, table.numbers td, table.numbers thead th + th { text-align: right; font-variant-numeric: tabular-nums; }
.missing { font-style: italic; color: var(--muted); }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
.charts svg { max-width: 100%; height: auto; }
.note { color: var(--muted); }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
@media (max-width: 40rem) { dl.facts { grid-template-columns: minmax(0, 1fr); } dl.facts dd { margin-bottom: .5rem; } }
`
