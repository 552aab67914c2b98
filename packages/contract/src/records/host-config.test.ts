import { describe, expect, it } from 'vitest';
import { createAjv } from '../validation.js';
import { fileNameOf, hostConfig } from './host-config.js';

describe('hostConfig', () => {
  const { schema, defaults } = hostConfig({ folder: 'oa', encoding: 'utf-8', files: { documents: 'documents.csv' }, delivery: 'outbox' });
  const validate = createAjv().compile(schema);

  it('gives defaults its own schema accepts', () => {
    expect(defaults).toEqual({ folder: 'oa', encoding: 'utf-8', timeZone: 'Asia/Shanghai', files: { documents: 'documents.csv' } });
    expect(validate(defaults)).toBe(true);
  });

  it('refuses unknown keys, encodings and files, and the other delivery setting', () => {
    expect(validate({ encoding: 'latin1' })).toBe(false);
    expect(validate({ files: { other: 'x.csv' } })).toBe(false);
    expect(validate({ webhookUrl: 'http://x' })).toBe(false);
    expect(validate({ outboxDir: 'out' })).toBe(true);
  });

  it('resolves a file name from the override or the default', () => {
    expect(fileNameOf({ files: { documents: 'gw.csv' } }, { documents: 'documents.csv' }, 'documents')).toBe('gw.csv');
    expect(fileNameOf({}, { documents: 'documents.csv' }, 'documents')).toBe('documents.csv');
  });
});
