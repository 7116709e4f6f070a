// The DRI is the first roster member after whose turn it last was, wrapping round, who is not away
// for any day of the rotation, unless --to names a substitute; the roster order stays as it is.
import type { IsoDate } from '../common/calendar.js';
import { reasonsAway } from './availability.js';
import type { DateRange, DriIssue, DriRotationContext, DriRotationRequest, DriState, SkippedMember } from './model.js';

interface DriChoice {
  member: string | null;
  skipped: SkippedMember[];
  warnings: string[];
}

/** Where in the roster to start looking: after `after`, or at the top when there is nobody to follow. */
function startAfter(roster: string[], after: string | null): { start: number; warnings: string[] } {
  if (after === null) return { start: 0, warnings: [] };
  const index = roster.findIndex((name) => name.toLowerCase() === after.toLowerCase());
  if (index >= 0) return { start: index + 1, warnings: [] };
  return { start: 0, warnings: [`@${after}, the previous DRI, is not in dri.roster; starting again from the top of the roster`] };
}

/** The first roster member after `after` (wrapping) who is not away for any day of the rotation. */
export function pickDri(state: DriState, rotation: DateRange, after: string | null, isNextRotation: boolean): DriChoice {
  const roster = state.settings.roster;
  const { start, warnings } = startAfter(roster, after);
  const skipped: SkippedMember[] = [];
  for (let i = 0; i < roster.length; i += 1) {
    const candidate = roster[(start + i) % roster.length]!;
    const reasons = reasonsAway(candidate, rotation, state, isNextRotation);
    if (reasons.length === 0) return { member: candidate, skipped, warnings };
    skipped.push({ username: candidate, reasons });
  }
  return { member: null, skipped, warnings };
}

/** The planned swap (dri.overrides) for a rotation: the first day of it that has one. */
export function plannedSwap(settings: DriState['settings'], rotation: DateRange): { day: IsoDate; username: string } | null {
  const day = Object.keys(settings.overrides)
    .sort()
    .find((d) => d >= rotation.from && d <= rotation.to);
  return day ? { day, username: settings.overrides[day]! } : null;
}

export function everyoneAway(week: IsoDate): string {
  return `everyone on dri.roster is away during the week of ${week}`;
}

/** The roster member after whose turn it was, skipping whoever is away; or the substitute --to names. */
export function chooseDri(
  state: DriState,
  request: DriRotationRequest,
  rotation: DateRange,
  previous: DriIssue | undefined,
): Pick<DriRotationContext, 'dri' | 'rotationMember' | 'substituteFor' | 'skipped'> & { warnings: string[] } {
  const pick = pickDri(state, rotation, previous?.rotationMember ?? null, true);
  const swap = plannedSwap(state.settings, rotation);
  const substitute = request.substitute ?? swap?.username;
  const dri = substitute ?? pick.member;
  const warnings = [
    ...(request.substitute && swap && swap.username.toLowerCase() !== request.substitute.toLowerCase()
      ? [`--to ${request.substitute} replaces the planned swap to @${swap.username} (dri.overrides, ${swap.day})`]
      : []),
    ...(previous && previous.rotationMember === null
      ? [`${previous.reference} has no assignee; starting again from the top of the roster`]
      : []),
    ...pick.warnings,
  ];
  if (dri === null) warnings.push(`${everyoneAway(request.week)}; pass --to USERNAME to name a substitute`);
  const away = substitute ? reasonsAway(substitute, rotation, state, true) : [];
  const named = request.substitute ? '--to' : `dri.overrides, ${swap?.day}`;
  if (away.length > 0) warnings.push(`@${substitute} (${named}) is marked away: ${away.join('; ')}`);
  const substituteFor = substitute && pick.member && substitute.toLowerCase() !== pick.member.toLowerCase() ? pick.member : null;
  return { dri, rotationMember: pick.member ?? previous?.rotationMember ?? null, substituteFor, skipped: pick.skipped, warnings };
}
