import type { Rng } from './prng.js';

// Common characters only, all in GB2312 (hence in GBK), so every name encodes.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯健俊帆帅旭宁龙林欣怡佳琪雪梅晨阳海波峰鑫磊婷倩颖璐瑶洁蕾慧丹莉雯博翔毅志宏伟立新春燕晓东亮光明云飞';

/** A Chinese personal name of 2 or 3 characters. */
export function personName(rng: Rng, length?: 2 | 3): string {
  const n = length ?? (rng.chance(0.7) ? 3 : 2);
  let name = SURNAMES[Math.floor(rng.next() * SURNAMES.length)];
  for (let i = 1; i < n; i++) name += GIVEN[Math.floor(rng.next() * GIVEN.length)];
  return name;
}

const PLACE_A = '东西南北中新安平和兴宁昌华江山湖阳城海泰';
const PLACE_B = '城湖山江河阳平安宁兴州林川源溪桥门港塘坪';

/** A unique two-character place name for the i-th 区局 (400 before they repeat). */
export function districtName(i: number): string {
  return PLACE_A[i % PLACE_A.length] + PLACE_B[Math.floor(i / PLACE_A.length) % PLACE_B.length];
}
