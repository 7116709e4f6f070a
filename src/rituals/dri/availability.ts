// Anyone away for any day of a rotation, by dri.absences or a GitLab status of Busy, is skipped for it.
import type { DateRange, DriState } from './model.js';

function describeRange(range: DateRange): string {
  return range.from === range.to ? `away on ${range.from}` : `away ${range.from} to ${range.to}`;
}

/** Why `username` cannot be DRI for the rotation; empty when they can. */
export function reasonsAway(
  username: string,
  rotation: DateRange,
  state: Pick<DriState, 'settings' | 'busy'>,
  isNextRotation: boolean,
): string[] {
  const reasons = (state.settings.absences[username] ?? [])
    .filter((range) => range.from <= rotation.to && range.to >= rotation.from)
    .map(describeRange);
  const busy = state.busy[username];
  // A status describes now: without an end date it only tells about the rotation being decided now.
  if (busy && (busy.until === null ? isNextRotation : busy.until >= rotation.from)) {
    reasons.push(`GitLab status is Busy${busy.message ? ` ("${busy.message}")` : ''}${busy.until ? ` until ${busy.until}` : ''}`);
  }
  return reasons;
}
