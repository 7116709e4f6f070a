import type { CheckedItem, LabelFix, RuleName, Violation } from './model.js';

/** A rule's finding, before the planner knows whether its fix can be applied where the item is. */
export type Finding = Omit<Violation, 'notFixable' | 'fixText'> & {
  /** For a finding without a fix: what a person should do. */
  advice?: string;
};

export function violationOf(item: CheckedItem, rule: RuleName, problem: string, fix: LabelFix | null, advice?: string): Finding {
  const { kind, projectId, iid, reference, webUrl } = item;
  return { kind, projectId, iid, reference, webUrl, rule, problem, fix, ...(advice ? { advice } : {}) };
}
