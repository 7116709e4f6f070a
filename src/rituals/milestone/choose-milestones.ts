// The rollover goes from the milestone that ended most recently to the active one starting next; when that is not clear-cut, the user names them.
import type { IsoDate } from '../common/calendar.js';
import { compareDates } from '../common/iso-date.js';
import { compareText } from '../common/text.js';
import { NO_MILESTONE, type MilestoneRequest, type RolloverMilestone } from './model.js';

export interface ChosenMilestones {
  from: RolloverMilestone;
  to: RolloverMilestone;
  warnings: string[];
}

export type MilestoneChoice = ({ ok: true } & ChosenMilestones) | { ok: false; problems: string[] };

const describeDates = (m: RolloverMilestone): string => {
  const parts = [
    m.startDate ? `starts ${m.startDate}` : '',
    m.dueDate ? `due ${m.dueDate}` : 'no due date',
    m.state === 'closed' ? 'closed' : '',
  ];
  return parts.filter(Boolean).join(', ');
};

const describeMilestone = (m: RolloverMilestone): string => `"${m.title}" (${m.owner.kind} milestone, ${describeDates(m)})`;

function listing(milestones: RolloverMilestone[]): string {
  if (milestones.length === 0) return 'there are none';
  return milestones.map(describeMilestone).join('; ');
}

/** The day a milestone begins, as far as its dates tell (a milestone may have only a due date). */
const beginsOn = (m: RolloverMilestone): string | null => m.startDate ?? m.dueDate;

const byDates = (a: RolloverMilestone, b: RolloverMilestone): number =>
  compareDates(beginsOn(a) ?? '9999-12-31', beginsOn(b) ?? '9999-12-31') ||
  compareDates(a.dueDate ?? '9999-12-31', b.dueDate ?? '9999-12-31') ||
  compareText(a.title, b.title);

function findByTitle(
  milestones: RolloverMilestone[],
  title: string,
  flag: string,
  scopeName: string,
  problems: string[],
): RolloverMilestone | undefined {
  const matches = milestones.filter((m) => m.title === title);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    problems.push(
      `${flag} "${title}" matches ${matches.length} milestones in ${scopeName}: ${listing(matches)}; rename one of them in GitLab`,
    );
    return undefined;
  }
  const sameLetters = milestones.filter((m) => m.title.toLowerCase() === title.toLowerCase());
  const active = milestones.filter((m) => m.state === 'active').sort(byDates);
  problems.push(
    sameLetters.length > 0
      ? `${flag} "${title}": no milestone has that exact title in ${scopeName}; did you mean ${sameLetters.map((m) => `"${m.title}"`).join(' or ')}?`
      : `${flag} "${title}": no such milestone in ${scopeName}; active milestones: ${listing(active)}`,
  );
  return undefined;
}

/** A milestone has ended on its due date. */
const hasEnded = (m: RolloverMilestone, today: IsoDate): boolean => m.dueDate !== null && compareDates(m.dueDate, today) <= 0;

/**
 * The active milestones that ended most recently, on or before today (more than one when they
 * tie). When no active milestone has ended, the closed ones that did: a rerun after `--close` finds
 * its moves done and the milestone closed, instead of failing.
 */
function endedLast(milestones: RolloverMilestone[], today: IsoDate): RolloverMilestone[] {
  const activeEnded = milestones.filter((m) => m.state === 'active' && hasEnded(m, today));
  const ended = activeEnded.length > 0 ? activeEnded : milestones.filter((m) => m.state === 'closed' && hasEnded(m, today));
  const latest = ended
    .map((m) => m.dueDate)
    .sort()
    .at(-1);
  return ended.filter((m) => m.dueDate === latest).sort(byDates);
}

/**
 * The milestones a rollover can go from: those --from names, else those that ended last. Their
 * items are all a rollover reads; `chooseMilestones` then settles on one of them or says why not.
 */
export function rolloverCandidates(milestones: RolloverMilestone[], from: string | undefined, today: IsoDate): RolloverMilestone[] {
  return from !== undefined ? milestones.filter((m) => m.title === from) : endedLast(milestones, today);
}

/** The default --from: the one milestone that ended last. */
function defaultFrom(
  milestones: RolloverMilestone[],
  today: IsoDate,
  scopeName: string,
  problems: string[],
): RolloverMilestone | undefined {
  const ended = endedLast(milestones, today);
  if (ended.length === 0) {
    const active = milestones.filter((m) => m.state === 'active').sort(byDates);
    problems.push(
      `cannot tell which milestone to roll over from: no active milestone in ${scopeName} is due on or before ${today}; active milestones: ${listing(active)}; pass --from TITLE`,
    );
    return undefined;
  }
  if (ended.length > 1) {
    problems.push(
      `cannot tell which milestone to roll over from: ${ended.length} ${ended[0]!.state} milestones ended on ${ended[0]!.dueDate}: ${listing(ended)}; pass --from with one of their titles`,
    );
    return undefined;
  }
  return ended[0];
}

/** `m` begins after `from` does and ends after it: a milestone nested inside `from` is not "the next one". */
function follows(m: RolloverMilestone, from: RolloverMilestone, fromBegins: string): boolean {
  const begins = beginsOn(m);
  if (begins === null || compareDates(begins, fromBegins) <= 0) return false;
  return from.dueDate === null || m.dueDate === null || compareDates(m.dueDate, from.dueDate) > 0;
}

/** The default --to: the active milestone that starts next after `from` (gaps between them are fine). */
function defaultTo(
  milestones: RolloverMilestone[],
  from: RolloverMilestone,
  scopeName: string,
  problems: string[],
): RolloverMilestone | undefined {
  const active = milestones.filter((m) => m.state === 'active' && m.id !== from.id);
  const fromBegins = beginsOn(from);
  if (fromBegins === null) {
    problems.push(
      `cannot tell which milestone comes after "${from.title}": it has no start or due date; pass --to TITLE (active milestones: ${listing(active.sort(byDates))})`,
    );
    return undefined;
  }
  const later = active.filter((m) => follows(m, from, fromBegins));
  if (later.length === 0) {
    problems.push(
      `cannot tell which milestone to roll over to: no active milestone in ${scopeName} starts after "${from.title}" (${describeDates(from)}); active milestones: ${listing(active.sort(byDates))}; create the next milestone or pass --to TITLE`,
    );
    return undefined;
  }
  const next = later.sort(byDates)[0]!;
  const tied = later.filter((m) => beginsOn(m) === beginsOn(next));
  if (tied.length > 1) {
    problems.push(
      `cannot tell which milestone to roll over to: ${tied.length} active milestones start on ${beginsOn(next)}: ${listing(tied)}; pass --to with one of their titles`,
    );
    return undefined;
  }
  return next;
}

/**
 * Resolves --from and --to (given or by date) against every milestone the scope can use.
 * Returns every problem at once, each naming the candidates and the flag that settles it: guessing
 * would move a whole team's work into the wrong milestone.
 */
export function chooseMilestones(milestones: RolloverMilestone[], request: MilestoneRequest, today: IsoDate): MilestoneChoice {
  const problems: string[] = [];
  if (request.from !== undefined && request.from === request.to) {
    problems.push(sameMilestoneProblem(request.from));
    findByTitle(milestones, request.from, '--from', request.scopeName, problems);
    return { ok: false, problems };
  }
  const explicitFrom =
    request.from !== undefined ? findByTitle(milestones, request.from, '--from', request.scopeName, problems) : undefined;
  const explicitTo = request.to !== undefined ? findByTitle(milestones, request.to, '--to', request.scopeName, problems) : undefined;
  const from = request.from !== undefined ? explicitFrom : defaultFrom(milestones, today, request.scopeName, problems);
  const to = request.toNone
    ? NO_MILESTONE
    : request.to !== undefined
      ? explicitTo
      : from
        ? defaultTo(milestones, from, request.scopeName, problems)
        : undefined;

  if (to && to.state === 'closed') {
    problems.push(`--to "${to.title}" is closed; reopen it in GitLab or pass an active milestone to --to`);
  }
  if (from && to && from.id === to.id) problems.push(sameMilestoneProblem(from.title));
  if (!from || !to || problems.length > 0) return { ok: false, problems };
  return { ok: true, from, to, warnings: choiceWarnings(milestones, { from, to }, request, today) };
}

/** --from and --to name the same milestone. */
export const sameMilestoneProblem = (title: string): string => `--from and --to are both "${title}"; pass two different milestones`;

/** What to know about the chosen milestones: earlier ones this run leaves behind, a target that is already overdue. */
function choiceWarnings(
  milestones: RolloverMilestone[],
  { from, to }: Omit<ChosenMilestones, 'warnings'>,
  request: MilestoneRequest,
  today: IsoDate,
): string[] {
  const warnings: string[] = [];
  const endedEarlier = (m: RolloverMilestone) =>
    m.state === 'active' && m.id !== from.id && m.id !== to.id && m.dueDate !== null && compareDates(m.dueDate, from.dueDate ?? today) < 0;
  const leftBehind = request.from === undefined ? milestones.filter(endedEarlier).sort(byDates) : [];
  if (leftBehind.length > 0) {
    const titles = leftBehind.map((m) => `"${m.title}"`).join(', ');
    warnings.push(`other active milestones ended earlier and are not rolled over in this run: ${titles} (use --from)`);
  }
  if (to.dueDate !== null && compareDates(to.dueDate, today) < 0) {
    warnings.push(`"${to.title}" is already past its due date (${to.dueDate}); issues moved there are overdue at once`);
  }
  return warnings;
}
