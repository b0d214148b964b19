import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqlEscape, sqlList } from './sql-filters.js';

test('sql_escape doubles single quotes; data is escaped as JSON', () => {
  assert.equal(String(sqlEscape("O'Brien's")), "O''Brien''s");
  assert.equal(String(sqlEscape({ a: "it's" })), `{"a":"it''s"}`);
  assert.equal(String(sqlEscape(5)), '5');
  assert.equal(sqlEscape(null), null);
});

test('sql_list writes a parenthesised list of quoted, escaped items', () => {
  assert.equal(String(sqlList(['us-east-1', 'eu-west-1'])), "('us-east-1','eu-west-1')");
  assert.equal(String(sqlList(['a', "b'c", 3, null])), "('a','b''c','3',NULL)");
  assert.equal(String(sqlList('["x","y"]')), "('x','y')");
  assert.equal(String(sqlList('solo')), "('solo')");
  assert.equal(String(sqlList([])), '(NULL)');
  assert.equal(String(sqlList(null)), '(NULL)');
  assert.throws(() => sqlList({ a: 1 }), /expects a list/);
});
