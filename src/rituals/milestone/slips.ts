// The handbook's circuit breaker: an item that missed two milestones gets a retrospective, three or more an escalation.
import type { RolloverItem, RolloverMilestone } from './model.js';
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
}

export function callOutFor(slips: number): CallOut | null {
  if (slips >= ESCALATE_AT) return 'escalate';
  if (slips >= RETROSPECTIVE_AT) return 'retrospective';
  return null;
}

/** An item's slips: the milestones its labels say it missed, and `from`. */
export function slipEntry(item: RolloverItem, status: RolloverEntry['status'], from: RolloverMilestone, pattern: string): RolloverEntry {
  // This milestone counts as missed whether or not the label is (or was) added.
  const missed = [...new Set([...missedMilestones(item.labels, pattern), from.title])];
  return {
    kind: item.kind,
    reference: item.reference,
    title: item.title,
    webUrl: item.webUrl,
    status,
    slips: missed.length,
    missed,
    callOut: callOutFor(missed.length),
  };
}

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
};

/** `2nd slip: retrospective`, for the line that moves the item. */
export const describeSlip = (entry: RolloverEntry): string => `${ordinal(entry.slips)} slip${entry.callOut ? `: ${entry.callOut}` : ''}`;
