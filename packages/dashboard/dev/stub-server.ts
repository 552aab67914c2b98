/**
 * Development-only stand-in for the /v1 API, so the page can be worked on before (or without)
 * the real server. NOT used by any test: the browser tests run against @kaoping/server.
 *
 *   node --import tsx packages/dashboard/dev/stub-server.ts [port]
 *
 * Tokens: `admin`, `leader` (scope D1), `staff` (scope P-D1-S1-1).
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import Fastify from 'fastify';
import { echartsFile, publicDir } from '../src/index.js';

type Unit = { id: string; name: string; parentId: string | null; kind: string; depth: number };
const units: Unit[] = [{ id: 'B', name: '示范市税务局', parentId: null, kind: 'bureau', depth: 0 }];
const people: { id: string; name: string; unitId: string; postId: string; postName: string; since: number }[] = [];
const SURNAMES = '王李张刘陈杨黄赵吴周';
for (const d of [1, 2]) {
  units.push({ id: `D${d}`, name: `第${d}区税务局`, parentId: 'B', kind: 'district', depth: 1 });
  for (const s of [1, 2]) {
    const unitId = `D${d}-S${s}`;
    units.push({ id: unitId, name: `第${d}区 第${s}税务所`, parentId: `D${d}`, kind: 'section', depth: 2 });
    for (let i = 1; i <= 5; i++) people.push({ id: `P-${unitId}-${i}`, name: `${SURNAMES[(d * 7 + s * 3 + i) % 10]}${'明华强敏静'[i - 1]}`, unitId, postId: 'post.clerk', postName: '办税员', since: 0 });
  }
}
const indicators = [
  ['business.on-time-rate', '办税时限达标率', 'On-time handling rate', 'business'],
  ['business.taxpayer-satisfaction', '纳税人满意度', 'Taxpayer satisfaction', 'business'],
  ['gov.attendance', '出勤率', 'Attendance', 'government'],
  ['gov.document-timeliness', '公文办理及时率', 'Document timeliness', 'government'],
  ['party.study-credits', '学习积分完成率', 'Study credits', 'party'],
].map(([id, zh, en, domain]) => ({ id, title: { zh, en }, domain, subjects: ['person', 'unit'], direction: 'higher', scale: 'target', version: '1.0.0', paramsHash: 'abc123', categories: ['时效'] }));

const pseudo = (s: string) => [...s].reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 9973, 7) / 9973;
const score = (id: string, ind: string, period: string) => Math.round(40 + 60 * pseudo(`${id}|${ind}|${period}`));
const subtree = (root: string) => { const out = new Set([root]); let grew = true; while (grew) { grew = false; for (const u of units) if (u.parentId && out.has(u.parentId) && !out.has(u.id)) { out.add(u.id); grew = true; } } return out; };
const tasks = people.slice(0, 6).map((p, i) => ({ id: `T${i + 1}`, riskId: `R${i + 1}`, assigneeId: p.id, state: (['open', 'open', 'acknowledged', 'submitted', 'reopened', 'verified'] as const)[i], dueAt: Date.UTC(2026, 11, 20 + i), createdAt: 0, updatedAt: 0 }));
const risks = tasks.map((t, i) => ({ id: t.riskId, dedupKey: t.riskId, trigger: 'trend', categories: [(['时效', '质量', '服务', '纪律', '学习', '出勤'] as const)[i]], severity: (['high', 'medium', 'low'] as const)[i % 3], subject: { kind: 'person', id: t.assigneeId }, period: '2026-11', indicator: indicators[i % indicators.length].id, evidence: [], message: `${indicators[i % indicators.length].title.zh}低于下限`, status: i === 5 ? 'resolved' : 'open', raisedAt: Date.UTC(2026, 10, i + 1) }));
const NEXT: Record<string, string[]> = { open: ['acknowledged'], acknowledged: ['submitted'], submitted: ['verified', 'reopened'], reopened: ['acknowledged', 'submitted'], verified: [] };
const tokens: Record<string, { role: string; unitId?: string; personId?: string; name?: string }> = { admin: { role: 'admin' }, leader: { role: 'leader', unitId: 'D1' }, staff: { role: 'staff', personId: 'P-D1-S1-1', name: people[0].name } };

const app = Fastify();
app.addHook('onRequest', async (req, reply) => {
  if (!req.url.startsWith('/v1/')) return;
  const me = tokens[(req.headers.authorization ?? '').replace(/^Bearer /, '')];
  if (!me) return reply.code(401).send({ code: 'KP_ERR_UNAUTHORIZED', message: 'missing or unknown token', fix: 'send Authorization: Bearer <token>' });
  (req as unknown as { me: typeof me }).me = me;
});
type Q = Record<string, string | undefined>;
const meOf = (req: unknown) => (req as { me: { role: string; unitId?: string; personId?: string } }).me;
const unitScope = (req: unknown) => { const me = meOf(req); return me.unitId ? subtree(me.unitId) : new Set(units.map((u) => u.id)); };
const personScope = (req: unknown) => { const me = meOf(req); const scope = unitScope(req); return people.filter((p) => (me.personId ? p.id === me.personId : scope.has(p.unitId))); };
const composite = (kind: string, id: string, period: string) => ({ subjectKind: kind, subjectId: id, period, composite: indicators.reduce((a, i) => a + score(id, i.id, period), 0) / indicators.length, weights: {} });

app.get('/v1/me', async (req) => meOf(req));
app.get('/v1/periods', async () => ({ periods: ['2026', '2026-12', '2026-11', '2025'] }));
app.get('/v1/indicators', async () => indicators);
app.get('/v1/units', async (req) => units.filter((u) => unitScope(req).has(u.id)));
app.get('/v1/people', async (req) => { const q = req.query as Q; const within = q.unit ? subtree(q.unit) : null; return personScope(req).filter((p) => !within || within.has(p.unitId)); });
app.get('/v1/composites', async (req) => {
  const q = req.query as Q;
  const subjects = q.subjectKind === 'unit' ? units.filter((u) => unitScope(req).has(u.id)).map((u) => ['unit', u.id]) : personScope(req).map((p) => ['person', p.id]);
  return subjects.filter(([, id]) => !q.subjectId || id === q.subjectId).map(([k, id]) => composite(k, id, q.period!));
});
app.get('/v1/results', async (req) => { const q = req.query as Q; return indicators.map((i) => ({ subjectKind: q.subjectKind, subjectId: q.subjectId, indicator: i.id, indicatorVersion: '1.0.0', paramsHash: 'abc', period: q.period, value: score(q.subjectId!, i.id, q.period!) / 100, score: score(q.subjectId!, i.id, q.period!), evidence: {} })); });
app.get('/v1/tiers', async (req) => {
  const q = req.query as Q;
  const within = q.unit ? subtree(q.unit) : null;
  return personScope(req).filter((p) => (!q.personId || p.id === q.personId) && (!within || within.has(p.unitId)) && q.period === '2026')
    .map((p) => { const c = composite('person', p.id, '2026').composite; return { personId: p.id, period: '2026', tier: c > 80 ? 1 : c < 60 ? 3 : 2, reason: 'ranked', rank: 1, n: 10, group: p.unitId.slice(0, 2), evidence: {} }; });
});
app.get('/v1/trend', async (req) => { const q = req.query as Q; return Array.from({ length: 12 }, (_, m) => `${q.year}-${String(m + 1).padStart(2, '0')}`).flatMap((period) => indicators.map((i) => ({ period, indicator: i.id, value: 0, score: score(q.subjectId!, i.id, period) }))); });
app.get('/v1/explain', async (req) => {
  const q = req.query as Q;
  const id = q.person ?? q.unit!;
  const subject = { kind: q.person ? 'person' : 'unit', id, name: people.find((p) => p.id === id)?.name ?? units.find((u) => u.id === id)?.name ?? id };
  if (q.tier) return { kind: 'tier', period: q.period, subject, tier: 3, reason: 'sanction', score: 71.2, rank: null, n: 10, quota: 0.2, quotaSlots: 2, tierOneSlots: 2, threshold: 60, group: { id: 'D1', name: '第1区税务局' }, rules: [{ rule: 'rule.sanction-tier3', precedence: 1, tier: 3, reason: 'sanction', message: '2026-03-02 受警告处分，年度考核直接确定为第3段', records: [{ id: 'CF001', type: 'hr.sanction.imposed', date: '2026-03-02', attrs: { sanctionType: '警告' } }] }], forcedBy: 'rule.sanction-tier3', composite: { value: 71.2, weights: {} }, leftOn: null, source: 'stored' };
  if (!q.indicator) return { kind: 'composite', period: q.period, subject, composite: composite(subject.kind, id, q.period!).composite, weights: {}, indicators: indicators.map((i) => ({ id: i.id, title: i.title, domain: i.domain, value: 0.9, score: score(id, i.id, q.period!), weight: 0.2 })), source: 'stored' };
  return { kind: 'indicator', period: q.period, subject, indicator: indicators.find((i) => i.id === q.indicator), applies: true, value: 0.93, score: score(id, q.indicator!, q.period!), state: { done: 3, onTime: 2 }, params: { target: 0.98, floor: 0.85 }, paramsHash: 'abc123', indicatorVersion: '1.0.0', scale: { kind: 'target', direction: 'higher', target: 0.98, floor: 0.85, formula: '100 × clamp((v − floor) ÷ (target − floor), 0, 1)', computation: '100 × clamp((0.93 − 0.85) ÷ (0.98 − 0.85), 0, 1) = 61.5' }, events: { count: 3, ids: ['M1#c', 'M2#c', 'M3#c'], truncated: false, attribution: 'event-time', query: { types: ['tax.matter.completed'] }, rule: 'records of the consumed types attributed to the subject in the period' }, source: 'stored' };
});
app.get('/v1/events', async (req) => { const q = req.query as Q; if (!q.ids) return []; return q.ids.split(',').map((k, i) => { const [source, id] = k.split(':'); return { id, source, type: 'tax.matter.completed', actorId: 'P-D1-S1-1', unitId: 'D1-S1', occurredAt: Date.UTC(2026, 10, 3 + i), attrs: { matterId: id, matterType: '发票领用', acceptedAt: Date.UTC(2026, 10, 1), deadlineAt: Date.UTC(2026, 10, 4), completedAt: Date.UTC(2026, 10, 3 + i) } }; }); });
app.get('/v1/gates/promotion', async (req) => { const q = req.query as Q; return pseudo(q.person!) > 0.5 ? { allowed: true, reasons: [] } : { allowed: false, reasons: [{ code: 'tier-3', message: '2024 年度考核为第3段（tier-history.csv 第12行）' }] }; });
app.get('/v1/risks', async (req) => { const q = req.query as Q; const ids = new Set(personScope(req).map((p) => p.id)); return risks.filter((r) => ids.has(r.subject.id) && (!q.subjectId || r.subject.id === q.subjectId)); });
app.get('/v1/tasks', async (req) => { const ids = new Set(personScope(req).map((p) => p.id)); return tasks.filter((t) => ids.has(t.assigneeId)).map((t) => ({ ...t, risk: risks.find((r) => r.id === t.riskId) })); });
app.post('/v1/tasks/:id/transitions', async (req, reply) => {
  const task = tasks.find((t) => t.id === (req.params as Q).id);
  const { to } = req.body as { to: string };
  if (!task) return reply.code(404).send({ code: 'KP_ERR_NOT_FOUND', message: 'no such task', fix: '' });
  if (!NEXT[task.state].includes(to)) return reply.code(409).send({ code: 'KP_ERR_TASK_TRANSITION', message: `cannot go from ${task.state} to ${to}`, fix: '' });
  Object.assign(task, { state: to });
  return task;
});

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
app.get('/assets/echarts.min.js', async (_req, reply) => reply.type(TYPES['.js']).send(await readFile(echartsFile)));
app.get('/*', async (req, reply) => {
  const path = normalize(decodeURIComponent(req.url.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
  const file = join(publicDir, path.endsWith('/') ? `${path}index.html` : path);
  if (!file.startsWith(publicDir)) return reply.code(404).send();
  try { return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').send(await readFile(file)); } catch { return reply.code(404).send('not found'); }
});

const port = Number(process.argv[2] ?? 4780);
await app.listen({ host: '127.0.0.1', port });
console.log(`dashboard stub on http://127.0.0.1:${port}/  (tokens: admin, leader, staff)`);
