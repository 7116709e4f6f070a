// `slo status`: each service's attainment, error budget and burn rates, as a table and as JSON.
import type { BudgetStatus } from './budget.js';
import { formatDuration, formatPercent } from './measures.js';
import { crossedRules, type PolicyRule } from './policy.js';

export interface ServiceReport extends BudgetStatus {
  /** The policy's rules the service crosses now, most severe first. */
  crossed: Array<{ rule: string; value: number }>;
}

export interface StatusDocument {
  schemaVersion: 1;
  command: string;
  /** The instant the figures are for (ISO 8601). */
  at: string;
  services: ServiceReport[];
}

export function statusDocument(command: string, at: Date, statuses: BudgetStatus[], policy: PolicyRule[]): StatusDocument {
  return {
    schemaVersion: 1,
    command,
    at: at.toISOString(),
    services: statuses.map((status) => ({
      ...status,
      crossed: crossedRules(policy, status).map(({ rule, value }) => ({ rule: rule.name, value })),
    })),
  };
}

const count = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toFixed(2))));

/** `64 of 8,064` */
export function eventsLeft(status: BudgetStatus): string {
  const events = status.budget.events;
  return events ? `${count(events.remaining)} of ${count(events.total)}` : '-';
}

/** `19s of 40m 19s` */
export function timeLeft(status: BudgetStatus): string {
  const { remaining, total } = status.budget.seconds;
  return `${formatDuration(remaining)} of ${formatDuration(total)}`;
}

export function budgetLeft(status: BudgetStatus): string {
  return status.budget.remainingRatio === null ? 'no events' : formatPercent(status.budget.remainingRatio, 1);
}

export function burnText(rate: number | null): string {
  return rate === null ? '-' : rate.toFixed(1);
}

export function statusHeader(burnWindows: string[]): string[] {
  return [
    'SERVICE',
    'OBJECTIVE',
    'WINDOW',
    'SLI',
    'BUDGET LEFT',
    'EVENTS LEFT',
    'TIME LEFT',
    ...burnWindows.map((w) => `BURN ${w}`),
    'POLICY',
  ];
}

export function statusRows(document: StatusDocument): string[][] {
  return document.services.map((service) => [
    service.service,
    formatPercent(service.objective),
    service.window,
    service.sli === null ? '-' : formatPercent(service.sli),
    budgetLeft(service),
    eventsLeft(service),
    timeLeft(service),
    ...service.burnRates.map((burn) => burnText(burn.rate)),
    service.crossed.length === 0 ? 'ok' : service.crossed.map((c) => c.rule).join(', '),
  ]);
}
