import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../errors.js';
import { makeFolder, prepareOutFolder } from './out-folder.js';

test('makeFolder makes missing parents and accepts an existing folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-folder-'));
  try {
    makeFolder(join(dir, 'a', 'b', 'c'));
    assert.ok(statSync(join(dir, 'a', 'b', 'c')).isDirectory());
    makeFolder(join(dir, 'a', 'b'));
    writeFileSync(join(dir, 'f'), '');
    assert.throws(() => makeFolder(join(dir, 'f', 'g')), { code: 'ENOTDIR' });
    assert.throws(() => prepareOutFolder(join(dir, 'f')), (e: unknown) => e instanceof UsageError && /it is a file, not a folder/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('under /proc the first refusal is thrown, not retried', { skip: !existsSync('/proc/self') && 'no /proc' }, () => {
  assert.throws(() => makeFolder('/proc/skyql-no/such/folder'), { code: 'ENOENT' });
  assert.throws(() => prepareOutFolder('/proc'), (e: unknown) => e instanceof UsageError && /cannot write into it/.test(e.message));
});
