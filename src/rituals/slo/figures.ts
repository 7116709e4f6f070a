// The figures every budget issue and comment shows, as one Markdown table.
import type { BudgetStatus } from './budget.js';
import { formatDuration, formatPercent } from './measures.js';
import { budgetLeft, burnText, eventsLeft, timeLeft } from './status.js';

export function figuresTable(status: BudgetStatus, at: Date): string {
  const spent = [
    status.budget.events ? `${status.budget.events.spent.toLocaleString('en-US')} events` : null,
    formatDuration(status.budget.seconds.spent),
  ].filter(Boolean);
  return [
    `Figures at ${at.toISOString()}:`,
    '',
    '| Figure | Value |',
    '| --- | --- |',
    `| SLI over ${status.window} | ${status.sli === null ? 'no events' : formatPercent(status.sli)} (objective ${formatPercent(status.objective)}) |`,
    `| Error budget left | ${budgetLeft(status)}: ${status.budget.events ? `${eventsLeft(status)} events, ` : ''}${timeLeft(status)} |`,
    `| Error budget spent | ${spent.join(', ')} |`,
    `| Burn rate (${status.burnRates.map((b) => b.window).join(' / ')}) | ${status.burnRates.map((b) => burnText(b.rate)).join(' / ')} |`,
  ].join('\n');
}
