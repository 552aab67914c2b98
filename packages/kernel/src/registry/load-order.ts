import { kpError, type KaopingError } from '@kaoping/contract';

export interface OrderNode {
  id: string;
  dependsOn?: readonly string[];
  optionalDependsOn?: readonly string[];
}

export interface Refusal {
  id: string;
  error: KaopingError;
}

export interface LoadPlan {
  /** Ids to set up and start, dependencies first. */
  order: string[];
  /** Plugins that cannot run: on a dependency cycle, or needing one that is missing. */
  refused: Refusal[];
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Strongly connected components of the required-dependency graph (Tarjan). */
function components(ids: readonly string[], deps: (id: string) => readonly string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of deps(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp);
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return out;
}

/** One cycle through the component's smallest id, as a path: `a → b → a`. */
function cyclePath(comp: readonly string[], deps: (id: string) => readonly string[]): string {
  const inComp = new Set(comp);
  const start = [...comp].sort(byId)[0];
  const path = [start];
  const seen = new Set<string>();
  const walk = (v: string): boolean => {
    for (const w of [...deps(v)].sort(byId)) {
      if (w === start) return true;
      if (!inComp.has(w) || seen.has(w)) continue;
      seen.add(w);
      path.push(w);
      if (walk(w)) return true;
      path.pop();
    }
    return false;
  };
  walk(start);
  return [...path, start].join(' → ');
}

/**
 * The order to set plugins up in: a topological sort (Kahn, ties broken by id so the order never
 * depends on config order), with required and present optional dependencies first. Plugins on a
 * required-dependency cycle are refused with the cycle's path; plugins needing one that is absent,
 * `unavailable` (id → why, e.g. `failed (KP_ERR_…)`) or refused are refused in turn, transitively.
 * Optional dependencies only order: a loop through one is broken, never refused.
 */
export function planLoadOrder(nodes: readonly OrderNode[], unavailable: ReadonlyMap<string, string> = new Map()): LoadPlan {
  const ids = nodes.map((n) => n.id).sort(byId);
  const node = new Map(nodes.map((n) => [n.id, n]));
  const required = (id: string): readonly string[] => (node.get(id)?.dependsOn ?? []).filter((d) => node.has(d));
  const refused: Refusal[] = [];
  const why = new Map<string, string>(unavailable);

  for (const comp of components(ids, required)) {
    const selfLoop = comp.length === 1 && required(comp[0]).includes(comp[0]);
    if (comp.length < 2 && !selfLoop) continue;
    const path = cyclePath(comp, required);
    for (const id of [...comp].sort(byId)) {
      refused.push({ id, error: kpError('KP_ERR_DEPENDENCY_CYCLE', path) });
      why.set(id, `disabled (KP_ERR_DEPENDENCY_CYCLE: ${path})`);
    }
  }

  const active = new Set(ids.filter((id) => !why.has(id)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of ids) {
      if (!active.has(id)) continue;
      const dep = (node.get(id)!.dependsOn ?? []).find((d) => !active.has(d));
      if (dep === undefined) continue;
      const reason = why.get(dep) ?? 'not installed';
      refused.push({ id, error: kpError('KP_ERR_DEPENDENCY_MISSING', id, dep, reason) });
      why.set(id, 'disabled (KP_ERR_DEPENDENCY_MISSING)');
      active.delete(id);
      changed = true;
    }
  }

  const order: string[] = [];
  const done = new Set<string>();
  const ready = (id: string, withOptional: boolean): boolean => {
    const n = node.get(id)!;
    const deps = withOptional ? [...(n.dependsOn ?? []), ...(n.optionalDependsOn ?? []).filter((d) => active.has(d))] : n.dependsOn ?? [];
    return deps.every((d) => done.has(d));
  };
  const remaining = ids.filter((id) => active.has(id));
  while (remaining.length) {
    let i = remaining.findIndex((id) => ready(id, true));
    if (i < 0) i = remaining.findIndex((id) => ready(id, false));
    const [id] = remaining.splice(i, 1);
    order.push(id);
    done.add(id);
  }
  return { order, refused };
}
