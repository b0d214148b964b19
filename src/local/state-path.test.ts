import { test } from 'node:test';
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { defaultStatePath } from './state-path.js';

test('the default state file lives in the XDG data directory', () => {
  assert.equal(defaultStatePath({ XDG_DATA_HOME: '/data' }), '/data/skyql/local-cloud.sqlite');
  assert.equal(defaultStatePath({}), `${homedir()}/.local/share/skyql/local-cloud.sqlite`);
  assert.equal(defaultStatePath({ XDG_DATA_HOME: 'relative' }), `${homedir()}/.local/share/skyql/local-cloud.sqlite`, 'relative paths are ignored, as the spec says');
});
