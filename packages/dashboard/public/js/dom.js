// Builds DOM nodes without innerHTML, so data from the API is never parsed as markup.

/**
 * h('div', { class: 'card', dataset: { testid: 'x' }, onclick }, child, …)
 * Children may be strings, numbers, nodes, arrays, or null/false (skipped).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'testid') el.setAttribute('data-testid', value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    // CSSOM, not the style attribute: a strict CSP may refuse inline style attributes.
    else if (key === 'style') el.style.cssText = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A titled card; `body` is any children. */
export function card(title, props, ...body) {
  return h('section', { class: 'card', ...props }, title ? h('h2', { class: 'card-title' }, title) : null, ...body);
}

/** A table from column specs `{ label, cell(row) → child, class? }`. */
export function table(columns, rows, props) {
  return h('table', { class: 'grid', ...props },
    h('thead', null, h('tr', null, columns.map((c) => h('th', { class: c.class }, c.label)))),
    h('tbody', null, rows.map((row) => h('tr', { testid: props?.rowTestid?.(row) }, columns.map((c) => h('td', { class: c.class }, c.cell(row)))))));
}

export function link(href, text, props) {
  return h('a', { href, ...props }, text);
}

export function clear(el) {
  el.replaceChildren();
  return el;
}
