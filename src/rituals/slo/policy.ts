// The error budget policy: thresholds of budget left or of burn rate, each with what the team does.
// The bundled policy follows the talk's template: the error budget is an *additional* signal for
// planning, not a switch that stops feature work ("avoid dogma: no budget? no features!").
// The burn-rate thresholds are the SRE workbook's multiwindow alerts for a 30-day budget: 14.4×
// over an hour spends 2% of it, 6× over six hours spends 5%.
import type { BudgetStatus } from './budget.js';

export type PolicyRule =
  | { name: string; kind: 'budget-remaining'; threshold: number; action: string }
  | { name: string; kind: 'burn-rate'; threshold: number; window: string; action: string };

export const BUNDLED_POLICY: PolicyRule[] = [
  {
    name: 'budget spent',
    kind: 'budget-remaining',
    threshold: 0,
    action:
      'The SLO was missed over its window. Treat the error budget as an additional signal for planning, not a freeze: the product owner (accountable) decides with the engineering lead and manager which reliability work from the SLO roadmap comes first in the next planning, and which risky changes wait. Avoid dogma: "no budget? no features!" is not the rule.',
  },
  {
    name: 'budget low',
    kind: 'budget-remaining',
    threshold: 0.25,
    action:
      'Less than a quarter of the error budget is left. Review what spent it (incidents, slow burns) at the weekly SLO workstream meeting, and plan the reliability work that protects the rest alongside feature work.',
  },
  {
    name: 'fast burn',
    kind: 'burn-rate',
    threshold: 14.4,
    window: '1h',
    action:
      'The budget is burning more than 14.4 times as fast as the SLO allows: at this rate an hour spends 2% of a 30-day budget. Handle it as an incident first; its follow-ups go into planning.',
  },
  {
    name: 'slow burn',
    kind: 'burn-rate',
    threshold: 6,
    window: '6h',
    action:
      'The budget is burning more than 6 times as fast as the SLO allows: six hours at this rate spend 5% of a 30-day budget. Find the cause this week and plan the fix.',
  },
];

export interface TriggeredRule {
  rule: PolicyRule;
  /** The figure that crossed the threshold: the share of budget left, or the burn rate. */
  value: number;
}

/** The rules a service crosses now, in the policy's order (the first is the most severe). */
export function crossedRules(policy: PolicyRule[], status: BudgetStatus): TriggeredRule[] {
  return policy.flatMap((rule): TriggeredRule[] => {
    if (rule.kind === 'budget-remaining') {
      const left = status.budget.remainingRatio;
      return left !== null && left < rule.threshold ? [{ rule, value: left }] : [];
    }
    const burn = status.burnRates.find((b) => b.window === rule.window)?.rate ?? null;
    return burn !== null && burn > rule.threshold ? [{ rule, value: burn }] : [];
  });
}

export function describeRule(rule: PolicyRule): string {
  return rule.kind === 'budget-remaining'
    ? `less than ${Number((rule.threshold * 100).toFixed(2))}% of the error budget left`
    : `burn rate above ${rule.threshold} over ${rule.window}`;
}
