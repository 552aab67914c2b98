import type { OrgUnit } from '@kaoping/contract';

/**
 * The organisation tree indexed once, so subtree questions ("everyone under this 区局",
 * "the mean over a unit's subtree") cost one pass instead of a walk per person.
 */
export interface OrgTree {
  readonly units: readonly OrgUnit[];
  /** Unit id → index into `units`. */
  readonly index: ReadonlyMap<string, number>;
  /** Index of each unit's parent, -1 for a root (no parent, or a parent not in the directory). */
  readonly parent: Int32Array;
  /** Unit indices, every parent before its children. */
  readonly topDown: Int32Array;
}

export function indexOrgTree(units: readonly OrgUnit[]): OrgTree {
  const index = new Map<string, number>();
  units.forEach((u, i) => index.set(u.id, i));
  const parent = new Int32Array(units.length).fill(-1);
  const children: number[][] = units.map(() => []);
  units.forEach((u, i) => {
    const p = u.parentId === null ? undefined : index.get(u.parentId);
    if (p !== undefined && p !== i) {
      parent[i] = p;
      children[p].push(i);
    }
  });
  const topDown = new Int32Array(units.length);
  let filled = 0;
  const visit = (root: number): void => {
    topDown[filled++] = root;
    for (let head = filled - 1; head < filled; head++) {
      const node = topDown[head];
      for (const c of children[node]) if (parent[c] === node) topDown[filled++] = c;
    }
  };
  for (let i = 0; i < units.length; i++) if (parent[i] === -1) visit(i);
  // A parent cycle has no root to start from; cut it at its first unit so every unit is placed.
  if (filled < units.length) {
    const placed = new Uint8Array(units.length);
    for (let k = 0; k < filled; k++) placed[topDown[k]] = 1;
    for (let i = 0; i < units.length; i++) {
      if (placed[i]) continue;
      const onPath = new Set<number>();
      let j = i;
      while (!onPath.has(j)) {
        onPath.add(j);
        j = parent[j];
      }
      parent[j] = -1;
      const before = filled;
      visit(j);
      for (let k = before; k < filled; k++) placed[topDown[k]] = 1;
    }
  }
  return { units, index, parent, topDown };
}

/**
 * Adds each unit's own amount into every ancestor's, bottom-up: `out[u]` = the sum over u's
 * subtree. One pass over the tree.
 */
export function sumOverSubtrees(tree: OrgTree, own: Float64Array): Float64Array {
  const out = Float64Array.from(own);
  for (let k = tree.topDown.length - 1; k >= 0; k--) {
    const u = tree.topDown[k];
    const p = tree.parent[u];
    if (p !== -1) out[p] += out[u];
  }
  return out;
}
