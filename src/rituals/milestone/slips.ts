// The handbook's circuit breaker: an item that missed two milestones gets a retrospective, three or more an escalation.
import { compareDates } from '../common/iso-date.js';
import type { MilestoneChange, RolloverItem, RolloverMilestone } from './model.js';
import { missedMilestones } from './missed-label.js';

const RETROSPECTIVE_AT = 2;
const ESCALATE_AT = 3;

export type CallOut = 'retrospective' | 'escalate';

export interface RolloverEntry {
  kind: RolloverItem['kind'];
  reference: string;
  title: string;
  webUrl: string;
  status: 'move' | 'already-moved';
  /** Milestones missed so far, this one included. */
  slips: number;
  missed: string[];
  callOut: CallOut | null;
  /** Where the slips were counted from: GitLab's milestone history, or the missed labels where there is none. */
  slipSource: 'events' | 'labels';
}

/**
 * The milestones an item slipped from by its history: a slip is the item leaving a milestone while
 * open, on or after that milestone's due date (moving it earlier is replanning, not slipping). GitLab
 * records one event per change (ResourceEvents::ChangeMilestoneService: `add` of the new milestone, or
 * `remove` of the old one), so leaving a milestone is the next event after its `add`.
 */
export function slippedFrom(history: MilestoneChange[]): string[] {
  const slipped = new Set<string>();
  let current: { milestone: string; dueDate: string | null } | null = null;
  for (const change of history) {
    const leaves = current !== null && (change.action === 'remove' || change.milestone !== current.milestone);
    if (leaves && change.open && current!.dueDate !== null && compareDates(change.day, current!.dueDate) >= 0)
      slipped.add(current!.milestone);
    current = change.action === 'add' && change.milestone !== null ? { milestone: change.milestone, dueDate: change.dueDate } : null;
  }
  return [...slipped];
}

export function callOutFor(slips: number): CallOut | null {
  if (slips >= ESCALATE_AT) return 'escalate';
  if (slips >= RETROSPECTIVE_AT) return 'retrospective';
  return null;
}

/** An item's slips: the milestones its labels say it missed, and `from`. */
export function slipEntry(item: RolloverItem, status: RolloverEntry['status'], from: RolloverMilestone, pattern: string): RolloverEntry {
  // This milestone counts as missed whether or not the label is (or was) added, and whether or not the item left it yet.
  const before = item.history ? slippedFrom(item.history) : missedMilestones(item.labels, pattern);
  const missed = [...new Set([...before, from.title])];
  return {
    kind: item.kind,
    reference: item.reference,
    title: item.title,
    webUrl: item.webUrl,
    status,
    slips: missed.length,
    missed,
    callOut: callOutFor(missed.length),
    slipSource: item.history ? 'events' : 'labels',
  };
}

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
};

/** `2nd slip: retrospective`, for the line that moves the item. */
export const describeSlip = (entry: RolloverEntry): string => `${ordinal(entry.slips)} slip${entry.callOut ? `: ${entry.callOut}` : ''}`;
