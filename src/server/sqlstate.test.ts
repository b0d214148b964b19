import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InternalError, ParseError, PlanError, ProviderError, UsageError, WriteReportError } from '../errors.js';
import { StatementCancelled } from './cancellation.js';
import { toWireError } from './sqlstate.js';

test('typed errors become SQLSTATEs', () => {
  const cases: [unknown, string][] = [
    [new ParseError('syntax error at line 1, column 3', 1, 3), '42601'],
    [new PlanError("Unknown column 'x'. Did you mean 'y'?"), '42703'],
    [new PlanError("Unknown resource 'aws.ec2.vpc'. Did you mean 'aws.ec2.vpcs'?"), '42P01'],
    [new PlanError("Unknown service 'aws.foo'."), '42P01'],
    [new PlanError("aws.ec2.vpcs needs a region: Cloud Control is regional. Add it to the WHERE clause:\n  SELECT …"), '22023'],
    [new PlanError('INSERT INTO aws.ec2.vpcs is missing required property CidrBlock: add it'), '22023'],
    [new PlanError('DELETE on aws.ec2.vpcs names nothing but region: it would delete every resource of the type. Add a condition, or pass --allow-unbounded if that is what you mean.'), '0A000'],
    [new UsageError("template syntax error (line 1): '{{' is never closed with '}}'"), '42601'],
    [new UsageError("template variable 'x' is not defined (line 1): pass --var x=…"), '22023'],
    [new ProviderError('GetResource failed: AccessDeniedException: no', 'AccessDeniedException'), 'XX000'],
    [new WriteReportError('1 of 1 CreateResource calls did not succeed (1 failed):\n  row 1: failed', 'failed', 'InvalidRequest'), 'XX000'],
    [new WriteReportError('1 of 1 CreateResource calls did not succeed (1 unknown):\n  row 1: UNKNOWN', 'unknown', 'Unknown'), '40003'],
    [new StatementCancelled('statement_timeout'), '57014'],
    [new InternalError('oops'), 'XX000'],
    [new TypeError('x is undefined'), 'XX000'],
  ];
  for (const [e, code] of cases) assert.equal(toWireError(e).code, code, String(e));
});

test('provider and write errors carry the AWS code and the whole report in the detail; bugs carry no stack', () => {
  assert.equal(toWireError(new ProviderError('GetResource failed: X: y', 'ThrottlingException')).detail, 'AWS error code: ThrottlingException');
  const report = new WriteReportError('2 of 2 calls did not succeed (2 failed):\n  row 1: failed: A: a\n  row 2: failed: B: b\nnothing was changed', 'failed', 'A');
  const w = toWireError(report);
  assert.equal(w.message, '2 of 2 calls did not succeed (2 failed):');
  assert.equal(w.detail, `${report.message}\nAWS error code: A`);
  const logged: unknown[] = [];
  const bug = toWireError(new TypeError('boom'), { logInternal: (e) => logged.push(e) });
  assert.equal(bug.message, 'internal error (a bug in skyql, please report it): boom');
  assert.equal(logged.length, 1);
});

test('a cancelled write reports 57014 with its per-row report', () => {
  const report = new WriteReportError('1 of 1 calls did not succeed (1 unknown):\n  row 1: UNKNOWN …', 'unknown', 'Unknown');
  const w = toWireError(report, { cancelled: new StatementCancelled('statement_timeout') });
  assert.equal(w.code, '57014');
  assert.match(w.detail ?? '', /row 1: UNKNOWN/);
});
