// The plan as a person reads it (stdout): a block per resource, marked as terraform marks
// changes (+ create, ~ update), with the statement build would run and the calls the
// engine would send for it, then one summary line.
import type { PlanAction, PlanResult, PlannedCall, PlanStatement, ResourcePlan } from './plan.js';

const MARK: Record<PlanAction, string> = { create: '+', update: '~', apply: '*', run: '!', none: ' ', read: ' ', skip: ' ' };

export function formatPlan(plan: PlanResult): string {
  const n = plan.resources.length;
  const out = [`plan ${plan.stack} (${plan.env}): ${n} resource${n === 1 ? '' : 's'}, checked live; nothing was written`, ''];
  for (const r of plan.resources) out.push(...resourceBlock(r), '');
  out.push(summary(plan));
  return `${out.join('\n')}\n`;
}

function resourceBlock(r: ResourcePlan): string[] {
  const lines = [`${MARK[r.action]} ${r.name}: ${r.reason}`];
  for (const s of r.statements) lines.push(...statementLines(s));
  if (r.exports.length > 0) {
    const shown = r.exports.map((e) => `${e.name} = ${e.protected && e.known ? '****' : text(e.value)}`);
    lines.push(`    exports: ${shown.join(', ')}`);
  }
  return lines;
}

function statementLines(s: PlanStatement): string[] {
  const lines = s.sql.split('\n').map((l) => `    ${l}`);
  for (const c of s.calls ?? []) lines.push(...callLines(c));
  if (s.note) lines.push(`    (${s.note})`);
  return lines;
}

function callLines(c: PlannedCall): string[] {
  const head = `    => ${c.operation} ${c.typeName}${c.identifier ? ` '${c.identifier}'` : ''} in ${c.region}`;
  if (c.request === undefined) return [head];
  const what = c.operation === 'CreateResource' ? 'desired state' : c.operation === 'UpdateResource' ? 'patch' : 'request';
  return [head, `       ${what}: ${c.request}`];
}

function text(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function summary(plan: PlanResult): string {
  const c = plan.counts;
  const parts = [`${c.create} to create`, `${c.update} to update`];
  if (c.apply) parts.push(`${c.apply} to apply (createorupdate)`);
  if (c.run) parts.push(`${c.run} command${c.run === 1 ? '' : 's'} to run`);
  const quiet = [`${c.none} unchanged`];
  if (c.read) quiet.push(`${c.read} read`);
  if (c.skip) quiet.push(`${c.skip} skipped`);
  if (plan.changes === 0) return `No changes: build would write nothing (${quiet.join(', ')}).`;
  return `Plan: ${parts.join(', ')}; ${quiet.join(', ')}.`;
}
