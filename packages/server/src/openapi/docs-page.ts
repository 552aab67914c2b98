/**
 * /docs: a small page that renders the routes of /openapi.json. It loads no CDN and runs no
 * inline script (the CSP forbids both), so the script is its own file, /docs/docs.js.
 */
export const DOCS_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kaoping API · 考评接口</title>
<link rel="stylesheet" href="/docs/docs.css">
<script src="/docs/docs.js" defer></script>
</head>
<body>
<header><h1>Kaoping API v1 · 考评接口</h1><p>OpenAPI document: <a href="/openapi.json">/openapi.json</a>. Send <code>Authorization: Bearer &lt;token&gt;</code>; create a token with <code>kaoping token create</code>.</p></header>
<main id="routes"><p>Loading…</p></main>
</body>
</html>
`;

export const DOCS_CSS = `body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2937;background:#f8fafc}
header{padding:16px 24px;background:#0f3d6e;color:#fff}header a{color:#bfdbfe}header code{background:#1e4f86;padding:1px 4px;border-radius:3px}
main{padding:16px 24px;max-width:1100px}section{background:#fff;border:1px solid #e2e8f0;border-radius:6px;margin:10px 0;padding:10px 14px}
h2{font-size:15px;margin:0 0 6px}.m{display:inline-block;min-width:52px;font-weight:600}.get{color:#047857}.post{color:#b45309}
table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border-top:1px solid #e2e8f0;padding:3px 6px;text-align:left;vertical-align:top}
pre{background:#f1f5f9;padding:6px;overflow:auto;max-height:240px;font-size:12px}.tag{color:#64748b;font-size:12px}`;

export const DOCS_JS = `'use strict';
function el(tag, attrs, children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of [].concat(children || [])) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function schemaText(s) { return JSON.stringify(s, null, 2); }
function render(doc) {
  const main = document.getElementById('routes');
  main.textContent = '';
  for (const [path, ops] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(ops)) {
      const rows = (op.parameters || []).map((p) => el('tr', {}, [el('td', {}, p.in), el('td', {}, p.name + (p.required ? ' *' : '')), el('td', {}, JSON.stringify(p.schema || {}))]));
      const section = el('section', {}, [
        el('h2', {}, [el('span', { class: 'm ' + method }, method.toUpperCase()), ' ', path]),
        el('div', {}, [op.summary || '', ' ', el('span', { class: 'tag' }, (op.tags || []).join(', '))]),
      ]);
      if (rows.length) section.append(el('table', {}, [el('tr', {}, [el('th', {}, 'in'), el('th', {}, 'name'), el('th', {}, 'schema')]), ...rows]));
      const body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
      if (body) section.append(el('div', {}, 'body:'), el('pre', {}, schemaText(body.schema)));
      const ok = op.responses && op.responses['200'] && op.responses['200'].content;
      if (ok) section.append(el('div', {}, '200:'), el('pre', {}, schemaText(Object.values(ok)[0].schema)));
      main.append(section);
    }
  }
}
fetch('/openapi.json').then((r) => r.json()).then(render, (e) => { document.getElementById('routes').textContent = 'Cannot load /openapi.json: ' + e; });
`;
