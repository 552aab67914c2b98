// 风险与整改: the rectification board (one column per task state) and the list of risks.
import { api } from '../api.js';
import { h, card, link, table } from '../dom.js';
import { category, t } from '../i18n.js';
import { date } from '../format.js';
import { href } from '../router.js';
import { empty, indicatorTitle, riskTag, unitName } from './shared.js';

const STATES = ['open', 'acknowledged', 'submitted', 'reopened', 'verified'];
// The workflow's allowed steps (the server enforces them; the board only offers these).
const NEXT = { open: ['acknowledged'], acknowledged: ['submitted'], submitted: ['verified', 'reopened'], reopened: ['acknowledged', 'submitted'], verified: [] };
// Steps that need a written note from the person making them.
const NEEDS_NOTE = new Set(['submitted', 'reopened']);

// A bureau can have hundreds of open tasks: a column shows the most urgent, the filter finds the rest.
const CARDS_PER_COLUMN = 20;
const RISK_ROWS = 200;

export async function risksView(ctx) {
  const assignee = ctx.route.params.get('assignee') ?? '';
  const [tasks, risks] = await Promise.all([api.get('/tasks', { assignee }), api.get('/risks', { subjectId: assignee })]);
  const board = h('div', { class: 'board', testid: 'task-board' }, STATES.map((state) => {
    const inState = tasks.filter((x) => x.state === state).sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
    const hidden = inState.length - CARDS_PER_COLUMN;
    return h('div', { class: 'column', testid: 'task-column', dataset: { state } },
      h('h3', null, t(`task.${state}`), h('span', { class: 'count', testid: 'task-count' }, String(inState.length))),
      inState.slice(0, CARDS_PER_COLUMN).map((task) => taskCard(ctx, task)),
      hidden > 0 ? h('p', { class: 'muted small' }, t('risks.more', { n: hidden })) : null);
  }));
  const ordered = [...risks].sort((a, b) => (a.status === b.status ? b.raisedAt - a.raisedAt : a.status === 'open' ? -1 : 1)).slice(0, RISK_ROWS);
  return h('div', { class: 'view', testid: 'risks' },
    card(t('risks.board'), { testid: 'board-card' }, assigneeFilter(assignee), tasks.length ? board : empty()),
    card(`${t('risks.list')} (${risks.length})`, { testid: 'risk-list' }, risks.length ? h('div', { class: 'scroll' }, table([
      { label: t('risk.message'), cell: (r) => r.message },
      { label: t('risk.category'), cell: (r) => riskTag(r) },
      { label: t('risk.subject'), cell: (r) => subjectLink(ctx, r.subject) },
      { label: t('period'), cell: (r) => r.period },
      { label: t('indicator'), cell: (r) => indicatorTitle(ctx, r.indicator) },
      { label: t('risk.status'), cell: (r) => t(`risk.status.${r.status}`) },
    ], ordered, { rowTestid: () => 'risk-row' })) : empty()));
}

/** Narrows the board and the list to one person's tasks (the person code goes into the route). */
function assigneeFilter(assignee) {
  const input = h('input', { type: 'search', value: assignee, placeholder: t('risks.assignee'), testid: 'assignee-filter' });
  return h('form', { class: 'filter', onsubmit: (e) => {
    e.preventDefault();
    const value = input.value.trim();
    location.hash = value ? href('risks', null, { assignee: value }) : href('risks');
  } }, input, h('button', { type: 'submit', class: 'secondary' }, t('risks.filter')));
}

function subjectLink(ctx, subject) {
  if (!subject) return '—';
  return subject.kind === 'unit' ? link(href('unit', subject.id), unitName(ctx, subject.id)) : link(href('person', subject.id), subject.id);
}

/** Staff move their own tasks up to `submitted`; verifying or reopening is for a leader or the evaluators. */
function allowedSteps(ctx, task) {
  const steps = NEXT[task.state];
  return ctx.me.role === 'staff' ? steps.filter((to) => to !== 'verified' && to !== 'reopened') : steps;
}

function taskCard(ctx, task) {
  const risk = task.risk;
  const status = h('p', { class: 'error-text', testid: 'task-error' });
  status.hidden = true;
  const actions = h('div', { class: 'actions' });
  const el = h('article', { class: `task sev-${risk?.severity ?? 'low'}`, testid: 'task-card', dataset: { taskId: task.id, state: task.state } },
    h('p', { class: 'task-msg' }, risk?.message ?? task.riskId),
    risk ? h('div', { class: 'chips' }, risk.categories.map((c) => h('span', { class: 'tag' }, category(c))), h('span', { class: `tag sev-${risk.severity}` }, t(`severity.${risk.severity}`))) : null,
    h('dl', { class: 'task-facts' },
      h('dt', null, t('task.assignee')), h('dd', null, link(href('person', task.assigneeId), task.assigneeId)),
      h('dt', null, t('task.due')), h('dd', null, date(task.dueAt)),
      task.escalatedTo ? [h('dt', null, t('task.escalated')), h('dd', null, task.escalatedTo)] : null),
    actions, status);
  showButtons();
  return el;

  function showButtons() {
    actions.replaceChildren(...allowedSteps(ctx, task).map((to) => h('button', {
      type: 'button', class: to === 'reopened' ? 'secondary' : 'primary', testid: 'task-action', dataset: { to },
      onclick: () => (NEEDS_NOTE.has(to) ? askNote(to) : send(to, null)),
    }, t(`do.${to}`))));
  }

  function askNote(to) {
    const note = h('textarea', { rows: 2, testid: 'task-note', placeholder: t('task.notePrompt') });
    actions.replaceChildren(note,
      h('button', { type: 'button', class: 'primary', testid: 'task-note-ok', onclick: () => note.value.trim() && send(to, note.value.trim()) }, t('ok')),
      h('button', { type: 'button', class: 'secondary', onclick: showButtons }, t('cancel')));
    note.focus();
  }

  async function send(to, note) {
    for (const b of actions.querySelectorAll('button')) b.disabled = true;
    try {
      await api.post(`/tasks/${encodeURIComponent(task.id)}/transitions`, note ? { to, note } : { to });
      ctx.rerender();
    } catch (e) {
      status.textContent = e.code ? `${e.code}: ${e.message}` : e.message;
      status.hidden = false;
      showButtons();
    }
  }
}
