import type { ApplyResult } from './apply-plan.js';
import { PLAN_SCHEMA_VERSION, type Plan } from './plan.js';
import { summarisePlan } from './render-plan.js';

export interface PlanDocument {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  command: string;
  dryRun: boolean;
  summary: string;
  plan: Plan;
  results?: ApplyResult['results'];
  outcome?: { done: number; failed: number; skipped: number };
}

/** The one JSON document that --json prints: the plan and, after applying, what happened. */
export function planDocument(plan: Plan, options: { dryRun: boolean; result?: ApplyResult }): PlanDocument {
  const document: PlanDocument = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    command: plan.command,
    dryRun: options.dryRun,
    summary: summarisePlan(plan),
    plan,
  };
  if (options.result) {
    document.results = options.result.results;
    document.outcome = { done: options.result.done, failed: options.result.failed, skipped: options.result.skipped };
  }
  return document;
}
