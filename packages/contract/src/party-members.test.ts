import { describe, expect, it } from 'vitest';
import type { Person } from './model.js';
import { appliesToMembers, memberStatusProperty } from './party-members.js';
import { createAjv } from './validation.js';

const person = (politicalStatus: string): Person => ({ id: 'P1', name: '王芳', unitId: 'U1', postId: 'P01', since: 0, politicalStatus });

describe('party members', () => {
  const defaults = { memberStatus: '中共党员' };

  it('applies to people whose 政治面貌 is the configured one, else the default', () => {
    const applies = appliesToMembers(defaults);
    expect(applies(person('中共党员'))).toBe(true);
    expect(applies(person('群众'))).toBe(false);
    expect(applies(person('共青团员'), { memberStatus: '共青团员' })).toBe(true);
    expect(applies(person('中共党员'), { memberStatus: '共青团员' })).toBe(false);
  });

  it('declares memberStatus as a non-empty string with its default', () => {
    const validate = createAjv().compile({ type: 'object', properties: { memberStatus: memberStatusProperty(defaults) } });
    expect(memberStatusProperty(defaults)).toMatchObject({ type: 'string', default: '中共党员' });
    expect(validate({ memberStatus: '' })).toBe(false);
    expect(validate({ memberStatus: '群众' })).toBe(true);
  });
});
