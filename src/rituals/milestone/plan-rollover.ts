// At the end of a milestone, its open issues (and, when asked, merge requests) move to the next one, labelled with the milestone they missed; closed ones stay where they shipped.
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import type { IsoDate } from '../shared/calendar.js';
import { planClose } from './close-milestone.js';
import { missedLabelFor } from './missed-label.js';
import type { RolloverItem, RolloverMilestone } from './model.js';
import { alreadyMoved, byReference, moveAction, type Move } from './move-items.js';
import { countsOf, summaryOf, type RolloverReport } from './report.js';
import { slipEntry, type RolloverEntry } from './slips.js';

export interface RolloverState {
  scope: string;
  from: RolloverMilestone;
  to: RolloverMilestone;
  /** Open issues (and merge requests) still in `from`. */
  open: RolloverItem[];
  /** Items in `to` that already carry from's missed label: moved by an earlier, interrupted run. */
  alreadyMoved: RolloverItem[];
}

export interface RolloverRequest {
  /** The label pattern, with `{milestone}` for the missed milestone's title; slips are counted with it. */
  missedLabelPattern: string;
  /** false with --no-missed-label: move without labelling (slips are still counted from earlier labels). */
  addMissedLabel: boolean;
  close: boolean;
  assignee: string | null;
  includeMergeRequests: boolean;
  warnings?: string[];
}

export function planMilestoneRollover(state: RolloverState, request: RolloverRequest, today: IsoDate): Plan<RolloverReport> {
  const { from, to } = state;
  const move: Move = { from, to, label: request.addMissedLabel ? missedLabelFor(request.missedLabelPattern, from.title) : null };
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  const items: RolloverEntry[] = [];
  for (const item of [...state.alreadyMoved].sort(byReference)) {
    items.push(slipEntry(item, 'already-moved', from, request.missedLabelPattern));
    unchanged.push(alreadyMoved(item, move));
  }
  for (const item of [...state.open].sort(byReference)) {
    const entry = slipEntry(item, 'move', from, request.missedLabelPattern);
    items.push(entry);
    actions.push(moveAction(item, entry, move));
  }
  if (request.close) {
    const close = planClose(from, actions.map((a) => a.key));
    if ('action' in close) actions.push(close.action);
    else unchanged.push(close.unchanged);
  }
  const report: RolloverReport = {
    from: summaryOf(from),
    to: summaryOf(to),
    assignee: request.assignee,
    missedLabel: move.label,
    close: request.close,
    includeMergeRequests: request.includeMergeRequests,
    items,
    counts: countsOf(items),
  };
  return createPlan({ command: 'milestone rollover', scope: state.scope, date: today, actions, unchanged, warnings: request.warnings ?? [], context: report });
}
