/**
 * Which API moves the issues. GitLab's GraphQL `issuesBulkUpdate` (15.9+, behind the
 * `bulk_update_issues_mutation` feature flag, default off) changes up to 100 issues in one request,
 * milestone and labels together, where REST needs one request per issue; it takes labels by ID, so
 * a missed label that does not exist yet is created first. `--api auto` uses it when GitLab says it
 * can and it saves requests; merge requests always move through REST.
 */
import type { Action } from '../../plan/plan.js';
import { describeSetting, type RolloverItem, type RolloverRequest, type RolloverScope, type RolloverState } from './model.js';
import { moveKey } from './move-items.js';

/**
 * From this many issues the bulk path costs fewer requests: it spends one on the probe, one on the
 * label lookup and two per 100 issues (the mutation and the read-back), against one per issue.
 */
export const BULK_MIN_ISSUES = 10;

/** GitLab's default colour for a label it creates itself (Label::DEFAULT_COLOR), as REST's add_labels would. */
const MISSED_LABEL_COLOR = '#6699cc';

export interface ApiPath {
  path: 'rest' | 'graphql';
  /** Why, for --debug, the report and the JSON document. */
  reason: string;
}

/** Whether to ask GitLab about issuesBulkUpdate at all: never under --api rest, and under auto only when it may pay off. */
export function shouldProbeBulkUpdate(request: Pick<RolloverRequest, 'api' | 'toNone'>, openIssues: number): boolean {
  if (request.api === 'rest' || request.toNone) return false;
  return request.api === 'graphql' || openIssues >= BULK_MIN_ISSUES;
}

/** The path for this rollover, or the problem that stops it when --api graphql cannot be honoured. */
export function chooseApiPath(
  request: Pick<RolloverRequest, 'api' | 'apiSetting' | 'toNone' | 'scopeName'>,
  bulk: RolloverState['bulk'],
  issuesToMove: number,
): ApiPath | { problem: string } {
  if (request.api === 'rest') return { path: 'rest', reason: describeSetting(request.apiSetting, 'rest') };
  // Issuable::BulkUpdateService drops blank values (`params.delete_if { |k, v| v.blank? }`), so it cannot clear a milestone.
  if (request.toNone) return { path: 'rest', reason: 'issuesBulkUpdate cannot take issues out of their milestone' };
  if (bulk === undefined) return { path: 'rest', reason: `fewer than ${BULK_MIN_ISSUES} issues to move: REST costs fewer requests` };
  if (!bulk.probe.usable) {
    if (request.api === 'graphql')
      return {
        problem:
          request.apiSetting === '--api'
            ? `--api graphql: GitLab cannot use issuesBulkUpdate for ${request.scopeName}: ${bulk.probe.reason}; pass --api rest`
            : `milestone.api is graphql, but GitLab cannot use issuesBulkUpdate for ${request.scopeName}: ${bulk.probe.reason}; pass --api rest or set milestone.api to rest or auto`,
      };
    return { path: 'rest', reason: `issuesBulkUpdate is not available: ${bulk.probe.reason}` };
  }
  if (request.api === 'auto' && issuesToMove < BULK_MIN_ISSUES)
    return { path: 'rest', reason: `fewer than ${BULK_MIN_ISSUES} issues to move: REST costs fewer requests` };
  return { path: 'graphql', reason: 'issuesBulkUpdate, 100 issues per mutation, read back to check' };
}

export const bulkBatchKey = (scope: RolloverScope, toTitle: string) => `milestone-rollover/bulk/${scope.path}/${toTitle}`;
export const labelKey = (scope: RolloverScope, label: string) => `milestone-rollover/label/${scope.path}/${label}`;

/**
 * The issue moves, sent through issuesBulkUpdate: each keeps its own action (the report and a
 * rerun see every item), marked with the batch it goes in, after the missed label exists.
 */
export function sendInBulk(
  actions: Action[],
  issues: readonly RolloverItem[],
  move: { scope: RolloverScope; to: { title: string }; label: string | null; existingLabels: readonly string[] },
): Action[] {
  const { scope, to, label, existingLabels } = move;
  const issueIds = new Map(issues.flatMap((item) => (item.kind === 'issue' && item.id !== undefined ? [[moveKey(item), item.id]] : [])));
  if (!actions.some((action) => issueIds.has(action.key))) return actions;
  const createLabel: Action[] =
    label !== null && !existingLabels.includes(label)
      ? [
          {
            kind: 'create-label',
            key: labelKey(scope, label),
            summary: `label "${label}" in ${scope.kind} ${scope.path} (GraphQL adds labels by ID)`,
            scope: { kind: scope.kind, ref: scope.id },
            name: label,
            color: MISSED_LABEL_COLOR,
          },
        ]
      : [];
  const batch = bulkBatchKey(scope, to.title);
  return [
    ...createLabel,
    ...actions.map((action): Action => {
      const issueId = issueIds.get(action.key);
      if (action.kind !== 'update-issue' || issueId === undefined) return action;
      return {
        ...action,
        ...(createLabel.length > 0 ? { after: [...(action.after ?? []), createLabel[0]!.key] } : {}),
        bulk: { batch, parent: { kind: scope.kind, id: scope.id }, issueId, milestoneTitle: to.title },
      };
    }),
  ];
}
