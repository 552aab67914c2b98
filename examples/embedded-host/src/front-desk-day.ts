/** One thing that happens at the front desk, at a local time (Asia/Shanghai). */
export type Step =
  | { kind: 'accept'; at: string; matter: { id: string; type: string; clerk: string; deadline: string } }
  | { kind: 'complete'; at: string; matterId: string }
  /** The scheduled deadline check a deployment runs every few minutes (`kernel.loop.scan()`). */
  | { kind: 'check'; at: string };

/**
 * Three days at 第一办税服务厅 in March 2026: matters accepted close to their deadline (warned at
 * once), one completed late (the clerk's on-time rate drops and the trend warning fires), and
 * one left open past its deadline (the scheduled check raises it as overdue).
 */
export const FRONT_DESK_DAY: readonly Step[] = [
  { kind: 'accept', at: '2026-03-02 09:05', matter: { id: 'SX001', type: '设立登记', clerk: 'P001', deadline: '2026-03-02 17:00' } },
  { kind: 'accept', at: '2026-03-02 09:30', matter: { id: 'SX002', type: '增值税申报', clerk: 'P002', deadline: '2026-03-06 17:00' } },
  { kind: 'complete', at: '2026-03-02 10:10', matterId: 'SX001' },
  { kind: 'accept', at: '2026-03-02 11:00', matter: { id: 'SX003', type: '发票领用', clerk: 'P001', deadline: '2026-03-03 10:00' } },
  { kind: 'accept', at: '2026-03-02 15:00', matter: { id: 'SX004', type: '退税申请', clerk: 'P002', deadline: '2026-03-04 17:00' } },
  { kind: 'complete', at: '2026-03-03 11:30', matterId: 'SX003' },
  { kind: 'check', at: '2026-03-05 08:30' },
  { kind: 'complete', at: '2026-03-05 10:00', matterId: 'SX004' },
  { kind: 'complete', at: '2026-03-05 10:30', matterId: 'SX002' },
];
