// Each open item moves to the next milestone with one write that also adds the missed label, in a stable order.
import type { Action, UnchangedEntry } from '../../plan/plan.js';
import { compareText } from '../common/text.js';
import { describeTarget, type RolloverItem, type RolloverMilestone } from './model.js';
import { shorten } from './report.js';
import { describeSlip, slipEntry, type RolloverEntry } from './slips.js';

/** The key of the action that moves this issue or merge request. */
export function moveKey(item: Pick<RolloverItem, 'kind' | 'reference'>): string {
  return `milestone-rollover/${item.kind}/${item.reference}`;
}

/** Project path first, then iid as a number, so `#9` sorts before `#10`. */
function byReference(a: RolloverItem, b: RolloverItem): number {
  const split = (item: RolloverItem) => {
    const at = Math.max(item.reference.lastIndexOf('#'), item.reference.lastIndexOf('!'));
    return at >= 0 ? item.reference.slice(0, at) : item.reference;
  };
  return compareText(split(a), split(b)) || (a.kind === b.kind ? 0 : a.kind === 'issue' ? -1 : 1) || a.iid - b.iid;
}

interface Move {
  from: RolloverMilestone;
  to: RolloverMilestone;
  /** The missed label to add, or null with --no-missed-label. */
  label: string | null;
}

export interface Moves extends Move {
  /** Open items still in `from`. */
  open: RolloverItem[];
  /** Items in `to` that already carry from's missed label: moved by an earlier, interrupted run. */
  alreadyMoved: RolloverItem[];
}

/** A move per open item and an unchanged entry per item moved already, both by reference, with their slips (counted with `pattern`). */
export function planMoves(moves: Moves, pattern: string): { actions: Action[]; unchanged: UnchangedEntry[]; items: RolloverEntry[] } {
  const moved = [...moves.alreadyMoved].sort(byReference);
  const open = [...moves.open].sort(byReference).map((item) => ({ item, entry: slipEntry(item, 'move', moves.from, pattern) }));
  return {
    actions: open.map(({ item, entry }) => moveAction(item, entry, moves)),
    unchanged: moved.map((item) => alreadyMovedEntry(item, moves)),
    items: [...moved.map((item) => slipEntry(item, 'already-moved', moves.from, pattern)), ...open.map(({ entry }) => entry)],
  };
}

function moveAction(item: RolloverItem, entry: RolloverEntry, { from, to, label }: Move): Action {
  const labelling = label ? `, add ${label}` : '';
  const summary = `move ${item.reference} "${shorten(item.title)}" from "${from.title}" to ${describeTarget(to)}${labelling} (${describeSlip(entry)})`;
  // One write per item: add_labels keeps the item's other labels and never doubles one.
  const change = { milestoneId: to.id, ...(label ? { addLabels: [label] } : {}) };
  return item.kind === 'issue'
    ? { kind: 'update-issue', key: moveKey(item), summary, target: { project: item.projectId, iid: item.iid }, change }
    : { kind: 'update-merge-request', key: moveKey(item), summary, project: item.projectId, iid: item.iid, change };
}

/** An item an earlier, interrupted run moved already. */
function alreadyMovedEntry(item: RolloverItem, { to, label }: Move): UnchangedEntry {
  return {
    key: moveKey(item),
    summary: `${item.reference} already moved to ${describeTarget(to)} (${label ?? 'no label'})`,
    url: item.webUrl,
  };
}
