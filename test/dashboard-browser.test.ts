import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBureauDb, createToken, YEAR } from './browser/bureau-db.js';
import { chartsDrawn, launchBrowser, openPage, screenshot, signIn } from './browser/browser.js';
import { startServer, type RunningServer } from './browser/kaoping-server.js';

/**
 * The dashboard in a real browser against the real server on a real database: the generator's
 * small bureau, imported and closed through the CLI, tokens made with `kaoping token create`.
 */

interface Unit { id: string; name: string; parentId: string | null; kind: string }

let dir: string;
let db: string;
let server: RunningServer;
let browser: Browser;
let adminToken: string;
let units: Unit[];

async function apiGet<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${server.baseUrl}/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

function subtreeOf(root: string): Set<string> {
  const out = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) if (u.parentId && out.has(u.parentId) && !out.has(u.id)) { out.add(u.id); grew = true; }
  }
  return out;
}

/** The page shows a view (or an error card) once its data has loaded. */
async function viewShown(page: Page, testid: string): Promise<void> {
  await page.locator(`[data-testid=${testid}], [data-testid=error]`).first().waitFor();
  const error = page.getByTestId('error');
  if (await error.count()) throw new Error(`the page shows an error: ${await error.innerText()}`);
  await chartsDrawn(page);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-dashboard-'));
  const built = await buildBureauDb(dir);
  db = built.db;
  adminToken = await createToken(db, 'admin');
  server = await startServer(db, { clock: () => built.asOf });
  // Bulk imports leave risk detection to one scan afterwards (the loop's documented bulk path);
  // it is idempotent on each risk's dedup key, so an import that already scanned changes nothing.
  await server.kernel.loop.scan();
  browser = await launchBrowser();
  units = await apiGet<Unit[]>(adminToken, '/units');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dashboard (real server, small bureau)', () => {
  it('serves the page and ECharts from its own origin, and asks for a token first', async () => {
    const { page, problems } = await openPage(browser, server.baseUrl);
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('login-form').waitFor();
    expect(await page.getByTestId('login-form').innerText()).toContain('请输入考评部门发放的 API 令牌');
    await page.getByTestId('login-token').fill('kp_not-a-real-token');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('令牌无效或已过期');
    await screenshot(page, 'login-refused');
    expect(await page.evaluate(() => typeof (globalThis as { echarts?: unknown }).echarts)).toBe('object');
    // The refused sign-in is a 401 the page handled, not a broken page.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.context().close();
  });

  it('shows the evaluation department everything: overview charts for the year', async () => {
    const { page, problems } = await openPage(browser, server.baseUrl);
    await signIn(page, server.baseUrl, adminToken);
    await viewShown(page, 'overview');
    expect(await page.getByTestId('me-role').innerText()).toBe('考评部门');
    expect(await page.getByTestId('me-scope').innerText()).toBe('范围: 全部');
    expect(await page.getByTestId('period-select').inputValue()).toBe(String(YEAR));
    const people = await apiGet<unknown[]>(adminToken, `/composites?period=${YEAR}&subjectKind=person`);
    expect(await page.getByTestId('kpi-people').locator('.kpi-value').innerText()).toBe(String(people.length));
    for (const id of ['histogram', 'tiers-chart']) expect(await page.getByTestId(id).locator('canvas').count()).toBe(1);
    await screenshot(page, 'overview-admin');

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-overview').innerText()).toBe('Overview');
    await viewShown(page, 'overview');
    expect(await page.getByTestId('me-role').innerText()).toBe('Evaluation dept.');
    await screenshot(page, 'overview-admin-en');
    // The language choice survives a reload (localStorage).
    await page.reload();
    await viewShown(page, 'overview');
    expect(await page.getByTestId('nav-units').innerText()).toBe('Units');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows a leader only the units of its subtree, in the list and side by side', async () => {
    const district = units.find((u) => u.kind === 'district')!;
    const subtree = subtreeOf(district.id);
    expect(subtree.size).toBeGreaterThan(1);
    expect(subtree.size).toBeLessThan(units.length);
    const leaderToken = await createToken(db, 'leader', ['--unit', district.id]);

    const { page, problems } = await openPage(browser, server.baseUrl);
    await signIn(page, server.baseUrl, leaderToken, '#/units');
    await viewShown(page, 'units');
    expect(await page.getByTestId('me-role').innerText()).toBe('单位领导');
    expect(await page.getByTestId('me-scope').innerText()).toBe(`范围: ${district.name}`);

    const listed = await page.getByTestId('unit-link').evaluateAll((links) => links.map((a) => (a as HTMLElement).dataset.unitId));
    expect(new Set(listed)).toEqual(subtree);
    const charted = (await page.getByTestId('units-chart').getAttribute('data-units'))!.split(',');
    expect(charted.length).toBeGreaterThan(1);
    for (const id of charted) expect(subtree.has(id), `unit ${id} in the side-by-side chart`).toBe(true);
    const outside = units.find((u) => !subtree.has(u.id) && u.kind === 'district')!;
    expect(await page.getByTestId('units').innerText()).not.toContain(outside.name);
    await screenshot(page, 'units-leader');

    // A unit outside the subtree is refused by the server, and the page says so.
    await page.goto(`${server.baseUrl}/#/unit/${outside.id}`);
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('error').innerText()).toContain('KP_ERR_FORBIDDEN');
    await screenshot(page, 'unit-outside-scope');
    expect(problems.filter((p) => !p.includes('403'))).toEqual([]);
    await page.context().close();
  });

  it('drills down from a unit to a person to an explanation to the records behind the score (以事见人)', async () => {
    const { page, problems } = await openPage(browser, server.baseUrl);
    await signIn(page, server.baseUrl, adminToken, '#/units');
    await viewShown(page, 'units');
    const section = units.find((u) => u.kind === 'section' && units.find((p) => p.id === u.parentId)?.kind === 'district')!;
    await page.locator(`[data-testid=unit-link][data-unit-id="${section.id}"]`).click();
    await viewShown(page, 'unit');
    expect(await page.getByTestId('unit-name').innerText()).toBe(section.name);
    expect(await page.getByTestId('unit-trend').locator('canvas').count()).toBe(1);
    await screenshot(page, 'drill-1-unit');

    const firstPerson = page.getByTestId('person-link').first();
    const personId = (await firstPerson.getAttribute('data-person-id'))!;
    await firstPerson.click();
    await viewShown(page, 'person');
    expect(page.url()).toContain(`#/person/${personId}`);
    expect(await page.getByTestId('person-radar').locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('gate-answer').getAttribute('data-allowed')).toMatch(/^(true|false)$/);
    expect(await page.getByTestId('tier-row').count()).toBe(4);
    await screenshot(page, 'drill-2-person');

    // The on-time rate is a business indicator every clerk of a section has records for.
    const scored = page.locator('[data-testid=score-link]', { hasNotText: '—' });
    const indicator = (await scored.first().getAttribute('data-indicator'))!;
    const shownScore = await scored.first().innerText();
    await scored.first().click();
    await viewShown(page, 'explain');
    const explanation = await apiGet<{ score: number; events: { count: number; ids: string[] } }>(
      adminToken, `/explain?period=${YEAR}&person=${personId}&indicator=${indicator}`);
    expect(await page.getByTestId('fact-score').innerText()).toBe(shownScore);
    expect(shownScore).toBe(explanation.score.toFixed(1));
    expect(await page.getByTestId('fact-count').innerText()).toBe(String(explanation.events.count));
    expect(explanation.events.count).toBeGreaterThan(0);

    const rows = page.getByTestId('record-row');
    await rows.first().waitFor();
    const shownIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2].textContent));
    expect([...shownIds].sort()).toEqual([...explanation.events.ids].sort());
    await screenshot(page, 'drill-3-explain-records');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('lets a staff member acknowledge and submit a task from the board, and an evaluator verify it', async () => {
    interface Task { id: string; assigneeId: string; state: string; risk: { message: string } | null }
    const open = await apiGet<Task[]>(adminToken, '/tasks?state=open');
    expect(open.length).toBeGreaterThan(0);
    const task = open[0];
    const staffToken = await createToken(db, 'staff', ['--person', task.assigneeId]);
    const cardOf = (page: Page, state: string) => page.locator(`[data-testid=task-column][data-state=${state}] [data-testid=task-card][data-task-id="${task.id}"]`);

    const { page, problems } = await openPage(browser, server.baseUrl);
    await signIn(page, server.baseUrl, staffToken, '#/risks');
    await viewShown(page, 'risks');
    expect(await page.getByTestId('me-role').innerText()).toBe('干部职工');
    // Staff see their own tasks only.
    const mine = await apiGet<Task[]>(staffToken, '/tasks');
    expect(mine.every((x) => x.assigneeId === task.assigneeId)).toBe(true);
    expect(await cardOf(page, 'open').innerText()).toContain(task.risk!.message);
    await screenshot(page, 'tasks-1-staff-open');

    await cardOf(page, 'open').locator('[data-testid=task-action][data-to=acknowledged]').click();
    await cardOf(page, 'acknowledged').waitFor();
    expect((await apiGet<Task[]>(adminToken, `/tasks?assignee=${task.assigneeId}`)).find((x) => x.id === task.id)!.state).toBe('acknowledged');
    await screenshot(page, 'tasks-2-acknowledged');

    await cardOf(page, 'acknowledged').locator('[data-testid=task-action][data-to=submitted]').click();
    await cardOf(page, 'acknowledged').getByTestId('task-note').fill('已补办超期事项并复核办理时限');
    await cardOf(page, 'acknowledged').getByTestId('task-note-ok').click();
    await cardOf(page, 'submitted').waitFor();
    // Verifying is not the assignee's step: the board offers no such button to staff.
    expect(await cardOf(page, 'submitted').getByTestId('task-action').count()).toBe(0);
    await screenshot(page, 'tasks-3-submitted');
    expect(problems).toEqual([]);
    await page.context().close();

    const admin = await openPage(browser, server.baseUrl);
    await signIn(admin.page, server.baseUrl, adminToken, `#/risks?assignee=${task.assigneeId}`);
    await viewShown(admin.page, 'risks');
    await cardOf(admin.page, 'submitted').locator('[data-testid=task-action][data-to=verified]').click();
    await cardOf(admin.page, 'verified').waitFor();
    expect((await apiGet<Task[]>(adminToken, `/tasks?assignee=${task.assigneeId}`)).find((x) => x.id === task.id)!.state).toBe('verified');
    await screenshot(admin.page, 'tasks-4-verified');
    expect(admin.problems).toEqual([]);
    await admin.page.context().close();
  });
});
