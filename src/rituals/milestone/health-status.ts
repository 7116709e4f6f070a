/**
 * triage-ops' lesson: a slipped item's health status was left "on track". With --health a moved
 * issue becomes "needs attention" on its first slip and "at risk" from its second. Health status is
 * a Premium feature; GitLab leaves the field out of issues on Free, which is how the planner tells.
 * Merge requests have no health status.
 */
import type { HealthStatus } from '../../gitlab/port.js';
import type { Action, UnchangedEntry } from '../../plan/plan.js';
import type { RolloverItem } from './model.js';
import { moveKey } from './move-items.js';
import type { RolloverEntry } from './slips.js';

export const healthStatusFor = (slips: number): HealthStatus => (slips <= 1 ? 'needs_attention' : 'at_risk');

const READABLE: Record<HealthStatus, string> = { on_track: 'on track', needs_attention: 'needs attention', at_risk: 'at risk' };

export const healthKey = (item: Pick<RolloverItem, 'reference'>) => `milestone-rollover/health/${item.reference}`;

/** The project path of `group/project#12`. */
const projectPathOf = (reference: string) => reference.slice(0, reference.lastIndexOf('#'));

/** Why --health cannot be honoured here (an issue without the field: a tier without health status), or null. */
export function healthProblem(issues: readonly RolloverItem[], scopeName: string): string | null {
  const without = issues.filter((item) => item.kind === 'issue' && item.healthStatus === undefined);
  if (without.length === 0) return null;
  return `--health needs GitLab Premium or Ultimate: GitLab shows no health status on the issues of ${scopeName} (${without[0]!.reference}${without.length > 1 ? ` and ${without.length - 1} more` : ''}), so its tier has none; leave out --health`;
}

/** A health status change per issue whose status is not already the one its slips call for. */
export function planHealthStatus(
  entries: ReadonlyArray<{ item: RolloverItem; entry: RolloverEntry }>,
  moving: ReadonlySet<string>,
): { actions: Action[]; unchanged: UnchangedEntry[] } {
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  for (const { item, entry } of entries) {
    if (item.kind !== 'issue') continue;
    const wanted = healthStatusFor(entry.slips);
    if (item.healthStatus === wanted) {
      unchanged.push({ key: healthKey(item), summary: `${item.reference} is already "${READABLE[wanted]}"`, url: item.webUrl });
      continue;
    }
    const move = moveKey(item);
    actions.push({
      kind: 'set-health-status',
      key: healthKey(item),
      summary: `health status of ${item.reference} to "${READABLE[wanted]}" (${entry.slips} slip${entry.slips === 1 ? '' : 's'})`,
      projectPath: projectPathOf(item.reference),
      iid: item.iid,
      healthStatus: wanted,
      // Only an item that did move is marked: a failed move leaves the item, and its health, as they were.
      ...(moving.has(move) ? { after: [move] } : {}),
    });
  }
  return { actions, unchanged };
}
