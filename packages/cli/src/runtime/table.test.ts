import { describe, expect, it } from 'vitest';
import { LOCAL_OFFSET_MS } from '@kaoping/contract';
import { displayWidth, formatFields, formatTable, localTime } from './table.js';

describe('table printing', () => {
  it('counts Chinese characters two cells wide, ASCII one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('时效')).toBe(4);
    expect(displayWidth('类别 category')).toBe(13);
    expect(displayWidth('１２')).toBe(4);
  });

  it('lines columns up by display width, right-aligns numbers, leaves the last column unpadded', () => {
    const rows = [{ k: '时效', n: 7, m: 'late' }, { k: 'service', n: 12, m: '办结' }];
    const text = formatTable([
      { header: '类别 category', cell: (r) => r.k },
      { header: 'n', cell: (r) => String(r.n), align: 'right' },
      { header: '说明 message', cell: (r) => r.m },
    ], rows);
    expect(text.split('\n')).toEqual([
      '类别 category   n  说明 message',
      '时效            7  late',
      'service        12  办结',
    ]);
  });

  it('pads labels of a record to one width', () => {
    expect(formatFields([['风险 risk', 'R1'], ['状态 status', 'open']])).toBe('风险 risk    R1\n状态 status  open');
  });

  it('shows times in Asia/Shanghai, and a dash for none', () => {
    expect(localTime(Date.UTC(2026, 11, 20, 10) - LOCAL_OFFSET_MS)).toBe('2026-12-20 10:00');
    expect(localTime(null)).toBe('—');
  });
});
