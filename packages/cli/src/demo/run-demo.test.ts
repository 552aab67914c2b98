import { describe, expect, it } from 'vitest';
import { runDemo } from './run-demo.js';

describe('kaoping demo', () => {
  it('scores the generated events through the hook and prints person, unit and plugin tables', async () => {
    const lines: string[] = [];
    const summary = await runDemo({ print: (l) => lines.push(l), events: 300 });
    const out = lines.join('\n');
    expect(summary).toMatchObject({ accepted: 300, rejected: 1 });
    // 20 people in sections three levels deep: each event changes person + 3 units × (year, quarter, month).
    expect(summary.changed).toBe(300 * 12);
    expect(out).toContain('办税时限达标率');
    expect(out).toContain('拒收 Rejected: event SX-BAD#c — /occurredAt must be integer');
    expect(out).toMatch(/王芳\s+23300001\s+上城区纳税服务科\s+\d+\.\d%/);
    expect(out).toMatch(/^杭州市税务局\s+13301000000\s+bureau\s+\d+\.\d%/m);
    expect(out).toMatch(/business\.on-time-rate\s+indicator\s+\S+\s+started/);
    expect(out).toContain('内核已停止 Kernel stopped (business.on-time-rate: stopped)');
  });
});
