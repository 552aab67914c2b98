import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { fileUnder } from './send-file.js';

const root = resolve(tmpdir(), 'kaoping-public');

describe('fileUnder', () => {
  it('maps a URL path to a file inside the root', () => {
    expect(fileUnder(root, 'js/main.js')).toBe(join(root, 'js', 'main.js'));
    expect(fileUnder(root, 'css/app%20x.css')).toBe(join(root, 'css', 'app x.css'));
    // A leading slash is still relative to the root, never the filesystem's.
    expect(fileUnder(root, '/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
  });

  it('refuses paths that leave the root, dotfiles, NUL, backslashes and bad escapes', () => {
    for (const path of ['../secret', 'js/../../secret', '%2e%2e/secret', '..%2fsecret', '.env', 'js/.git/config', 'a%00b', '..%5csecret', '%E0%A4%A']) {
      expect(fileUnder(root, path), path).toBeUndefined();
    }
  });
});
