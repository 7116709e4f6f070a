// --close closes the emptied milestone, after every move and only from the scope that owns it.
import type { CloseMilestoneAction, UnchangedEntry } from '../../plan/plan.js';
import type { RolloverMilestone } from './model.js';

/**
 * --close empties and closes `from`, so the rollover must have covered everything that can use it.
 * A group milestone is shared by every project below its group: closing it from one project (or a
 * subgroup) would strand the other projects' open issues in a closed milestone.
 */
export function closeProblem(from: RolloverMilestone, scope: { kind: 'project' | 'group'; id: number; name: string }): string | null {
  if (from.owner.kind === scope.kind && from.owner.id === scope.id) return null;
  return `--close: "${from.title}" is a milestone of a group above ${scope.name}, and projects outside it may still have open issues in it; roll over that group with --group to close it, or leave out --close`;
}

/** Closing `from` once the moves (the actions named by `after`) succeeded, or that it is closed already. */
export function planClose(from: RolloverMilestone, after: string[]): { action: CloseMilestoneAction } | { unchanged: UnchangedEntry } {
  const key = `milestone-rollover/close/${from.id}`;
  if (from.state === 'closed') return { unchanged: { key, summary: `milestone "${from.title}" is already closed`, url: from.webUrl } };
  return {
    action: {
      kind: 'close-milestone',
      key,
      summary: `close milestone "${from.title}" once every move has succeeded`,
      scope: { kind: from.owner.kind, ref: from.owner.id },
      milestoneId: from.id,
      // Closing while a move failed would strand that item in a closed milestone.
      after,
    },
  };
}
