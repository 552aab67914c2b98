/**
 * Where two states or values differ, as one line a plugin author can act on, or null when
 * they are equal. Numbers compare within a relative tolerance because a state that sums
 * floating-point values legitimately differs in the last bits when merged in another grouping.
 */
export function firstDifference(a: unknown, b: unknown, tolerance = 1e-9, path = ''): string | null {
  if (typeof a === 'number' && typeof b === 'number') {
    return numbersClose(a, b, tolerance) ? null : `${where(path)}: ${show(a)} vs ${show(b)}`;
  }
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${where(path)}: ${show(a)} vs ${show(b)}`;
  }
  if (protoOf(a) !== protoOf(b)) {
    return `${where(path)}: a ${kindOf(a)} vs a ${kindOf(b)} (state must be plain data: structuredClone keeps no classes)`;
  }
  if (Array.isArray(a)) return diffList(a, b as unknown[], tolerance, path);
  if (ArrayBuffer.isView(a)) return diffList(Array.from(a as unknown as ArrayLike<unknown>), Array.from(b as unknown as ArrayLike<unknown>), tolerance, path);
  if (a instanceof Date) return diffList([a.getTime()], [(b as Date).getTime()], tolerance, path);
  if (a instanceof Map) return diffMap(a, b as Map<unknown, unknown>, tolerance, path);
  if (a instanceof Set) return diffMap(setAsMap(a), setAsMap(b as Set<unknown>), tolerance, path);
  return diffMap(objectAsMap(a), objectAsMap(b), tolerance, path);
}

/** Equal within `tolerance`, absolute up to magnitude 1 and relative above it. */
export function numbersClose(a: number, b: number, tolerance = 1e-9): boolean {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

function diffList(a: unknown[], b: unknown[], tolerance: number, path: string): string | null {
  if (a.length !== b.length) return `${where(path)}: length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const d = firstDifference(a[i], b[i], tolerance, `${path}[${i}]`);
    if (d) return d;
  }
  return null;
}

function diffMap(a: Map<unknown, unknown>, b: Map<unknown, unknown>, tolerance: number, path: string): string | null {
  for (const key of a.keys()) {
    if (!b.has(key)) return `${where(path + member(key))}: ${show(a.get(key))} vs (missing)`;
  }
  for (const key of b.keys()) {
    if (!a.has(key)) return `${where(path + member(key))}: (missing) vs ${show(b.get(key))}`;
  }
  for (const [key, value] of a) {
    const d = firstDifference(value, b.get(key), tolerance, path + member(key));
    if (d) return d;
  }
  return null;
}

/** Null-prototype objects are plain data too (fast-check and JSON.parse reviver outputs). */
function protoOf(o: object): unknown {
  const p: unknown = Object.getPrototypeOf(o);
  return p === null ? Object.prototype : p;
}

function objectAsMap(o: object): Map<unknown, unknown> {
  return new Map(Object.entries(o));
}

function setAsMap(s: Set<unknown>): Map<unknown, unknown> {
  return new Map([...s].map((v) => [v, true]));
}

function member(key: unknown): string {
  return typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${show(key)}]`;
}

function where(path: string): string {
  return path === '' ? '(root)' : path.replace(/^\./, '');
}

function kindOf(v: object): string {
  return (v as { constructor?: { name?: string } }).constructor?.name ?? 'Object';
}

/** A short, readable rendering of any value for failure messages. */
export function show(v: unknown, max = 200): string {
  let text: string;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v === undefined) text = String(v);
  else if (v instanceof Map) text = `Map(${show([...v], max)})`;
  else if (v instanceof Set) text = `Set(${show([...v], max)})`;
  else {
    try {
      text = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) ?? String(v);
    } catch {
      text = String(v);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
