import type { ApplyResult } from './apply-plan.js';
import type { ClosedDuplicate } from './converge.js';
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
  /** Issues found after applying with the key of an older one, and closed as its duplicates. */
  duplicates?: ClosedDuplicate[];
}

/** The one JSON document that --json prints: the plan and, after applying, what happened. */
export function planDocument(plan: Plan, options: { dryRun: boolean; result?: ApplyResult; duplicates?: ClosedDuplicate[] }): PlanDocument {
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
  if (options.duplicates && options.duplicates.length > 0) document.duplicates = options.duplicates;
  return document;
}
