import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeskClock, runEmbeddedDemo, startFrontDeskKernel, type FrontDeskKernel, type StepReport } from '@kaoping/example-embedded-host';
import type { HookResult } from '@kaoping/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpBackend } from './http-backend.js';
import { runSidecarDemo } from './sidecar-demo.js';
import { startSidecar } from './start-sidecar.js';

const dir = mkdtempSync(join(tmpdir(), 'kp-sidecar-'));
const quiet = { info() {}, warn() {}, error() {} };
const lines: string[] = [];
const pairs: { id: string; overHttp: HookResult; inProcess: HookResult }[] = [];
let reports: StepReport[];
let twin: FrontDeskKernel;

beforeAll(async () => {
  // The in-process twin: same config, same directory, same clock as the kernel behind the server.
  const clock = new DeskClock();
  twin = await startFrontDeskKernel({ dbFile: join(dir, 'twin.db'), clock: clock.read, logger: quiet });
  reports = await runSidecarDemo({
    dbFile: join(dir, 'sidecar.db'), clock, logger: quiet, print: (l) => lines.push(l),
    wrap: (http) => ({
      ...http,
      async hook(event) {
        const overHttp = await http.hook(event);
        pairs.push({ id: event.id, overHttp, inProcess: twin.kernel.hook(event) });
        return overHttp;
      },
    }),
  });
});

afterAll(async () => {
  await twin.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sidecar (the front desk calling Kaoping over HTTP)', () => {
  it('answers every POST /v1/hook exactly as kernel.hook answers in-process', () => {
    expect(pairs.map((p) => p.id)).toEqual(['SX001#a', 'SX002#a', 'SX001#c', 'SX003#a', 'SX004#a', 'SX003#c', 'SX004#c', 'SX002#c']);
    for (const { overHttp, inProcess } of pairs) {
      expect(inProcess.accepted).toBe(true);
      expect(overHttp).toEqual(JSON.parse(JSON.stringify(inProcess)));
    }
    expect(pairs.find((p) => p.id === 'SX003#c')!.overHttp.changed).toContainEqual({ subject: { kind: 'person', id: 'P001' }, indicator: 'business.on-time-rate', period: '2026-03', value: 0.5 });
  });

  it('shows the same on-time rates and hook-raised warnings as the embedded desk', async () => {
    const embedded = await runEmbeddedDemo({ dbFile: join(dir, 'embedded.db'), logger: quiet, print: () => {} });
    expect(reports.map((r) => r.onTime)).toEqual(embedded.map((r) => r.onTime));
    const risksOf = (r: StepReport) => r.raised.map((x) => x.message);
    // Up to the scheduled check, which runs in the server over stored matters (the hook stores none).
    const beforeCheck = reports.findIndex((r) => r.step.kind === 'check');
    expect(reports.slice(0, beforeCheck).map(risksOf)).toEqual(embedded.slice(0, beforeCheck).map(risksOf));
    expect(lines).toContain('  ⚠ 预警 risk [medium 时效] 张敏: 办税事项 SX001#a 未办结，距办理期限还有 7.9 小时（期限 2026-03-02 17:00）(open tax matter SX001#a is due in 7.9 h, deadline 2026-03-02 17:00)');
  });

  it('refuses the hook to a token without the integrator role, and an invalid event with the field named', async () => {
    const clock = new DeskClock(Date.UTC(2026, 2, 2, 1));
    const sidecar = await startSidecar({ dbFile: join(dir, 'refusals.db'), clock: clock.read, logger: quiet });
    try {
      const asLeader = httpBackend({ baseUrl: sidecar.url, integratorToken: sidecar.leaderToken, readerToken: sidecar.leaderToken });
      const event = { id: 'SX9#a', source: 'tax-collection', type: 'tax.matter.accepted', actorId: 'P001', unitId: null, occurredAt: clock.now, attrs: {} };
      await expect(asLeader.hook(event)).rejects.toThrow(/^POST \/v1\/hook SX9#a: HTTP 403 KP_ERR_FORBIDDEN/);
      const desk = httpBackend({ baseUrl: sidecar.url, integratorToken: sidecar.integratorToken, readerToken: sidecar.leaderToken });
      await expect(desk.hook({ ...event, occurredAt: 'today' as never })).rejects.toThrow(/HTTP 400 KP_ERR_REQUEST_INVALID .*occurredAt must be integer/);
      expect((await desk.hook(event)).accepted).toBe(true);
    } finally {
      await sidecar.close();
    }
  });
});
