import { changeOf, type Change, type Plan } from './plan.js';

export interface PlanStyles {
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const SYMBOL: Record<Change, string> = { create: '+', change: '~', close: '-' };

function paint(change: Change, text: string, styles: PlanStyles): string {
  if (change === 'create') return styles.green(text);
  if (change === 'change') return styles.yellow(text);
  return styles.red(text);
}

/** "2 to create, 1 to change, 1 to close, 3 unchanged" */
export function summarisePlan(plan: Plan): string {
  const counts: Record<Change, number> = { create: 0, change: 0, close: 0 };
  for (const action of plan.actions) counts[changeOf(action.kind)] += 1;
  const parts = [
    counts.create ? `${counts.create} to create` : '',
    counts.change ? `${counts.change} to change` : '',
    counts.close ? `${counts.close} to close` : '',
    plan.unchanged.length ? `${plan.unchanged.length} unchanged` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'nothing to do';
}

/** One line per action with its symbol (+ create, ~ change, - close, = unchanged), then the count. */
export function renderPlan(plan: Plan, styles: PlanStyles): string[] {
  const lines: string[] = [];
  for (const entry of plan.unchanged) lines.push(styles.dim(`= ${entry.summary}`));
  for (const action of plan.actions) {
    const change = changeOf(action.kind);
    lines.push(paint(change, `${SYMBOL[change]} ${action.summary}`, styles));
  }
  lines.push(styles.bold(`Plan: ${summarisePlan(plan)}.`));
  return lines;
}
