import * as fs from 'node:fs';

/**
 * Counts the security and reliability tests add up (operations × roles checked, hostile inputs tried,
 * faults injected, events lost, duplicates), printed once at the end of the run by the global teardown.
 * Each test file appends lines to the file the global setup named; files run in separate workers.
 */
export function recordSummary(metric: SummaryMetric, count: number): void {
  const file = process.env.TEST_SUMMARY_FILE;
  if (!file) return;
  fs.appendFileSync(file, `${JSON.stringify({ metric, count })}\n`);
}

export type SummaryMetric =
  | 'GraphQL operations × callers checked'
  | 'REST routes × callers checked'
  | 'scoped objects × roles checked'
  | 'hostile inputs tried'
  | 'abuse limits checked'
  | 'faults injected'
  | 'events lost'
  | 'duplicates'
  | 'GraphQL hostile arguments: operations'
  | 'GraphQL hostile arguments: argument paths'
  | 'GraphQL hostile arguments: requests'
  | 'GraphQL documents tried'
  | 'slowest refusal (ms)'
  | 'live alert after a bank post (ms)';

/** Metrics reported as the largest value any file saw rather than a sum. */
const MAXIMA = new Set<string>(['slowest refusal (ms)', 'live alert after a bank post (ms)']);

/** The table the global teardown prints, in a fixed order; metrics no test reported are left out. */
export function summaryTable(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const totals = new Map<string, number>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { metric, count } = JSON.parse(line) as { metric: string; count: number };
    totals.set(
      metric,
      MAXIMA.has(metric) ? Math.max(totals.get(metric) ?? 0, count) : (totals.get(metric) ?? 0) + count,
    );
  }
  if (totals.size === 0) return undefined;
  const width = Math.max(...[...totals.keys()].map((k) => k.length));
  return [
    'Security and reliability summary:',
    ...[...totals].map(([metric, count]) => `  ${metric.padEnd(width)}  ${count}`),
  ].join('\n');
}
