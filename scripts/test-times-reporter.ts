// A node --test reporter run-tests adds beside the visible one: how long each test file
// took (run-tests names each file's suite by its path), as JSON, so the next run can
// split the files into groups of about equal length.
import type { TestEvent } from 'node:test/reporters';

export default async function* testTimes(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const times: Record<string, number> = {};
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, details } = event.data as { name: string; details: { duration_ms: number } };
    if (name.endsWith('.test.js')) times[name] = Math.round(details.duration_ms);
  }
  yield JSON.stringify(times);
}
