/**
 * Milestone rollover, as GitLab's handbook asks at the end of every milestone: each open issue
 * (and, when asked, open merge request) of the milestone that ended moves to the next milestone,
 * labelled with the milestone it missed (`missed:16.5`). Closed issues stay where they shipped.
 * An issue's slip count is how many milestones it has missed; the handbook's circuit breaker asks
 * for a retrospective at two slips and a larger evaluation (escalation) at three or more.
 *
 * By default the rollover goes from the active milestone that ended most recently (due on or
 * before today; the closed one that did, when no active one has) to the active milestone that
 * starts next after it. When that choice is not
 * clear-cut (a tie, or nothing to choose from) the user must name the milestone: guessing would
 * move a whole team's work into the wrong milestone.
 */
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../plan/plan.js';
import { compareDates, type IsoDate } from './shared/calendar.js';
import { fillPattern, labelPatternProblem, readPatternAll } from './shared/pattern.js';
import { counted } from './shared/text.js';

export interface RolloverMilestone {
  /** Global id (milestone routes and `milestone_id` take it). */
  id: number;
  title: string;
  state: 'active' | 'closed';
  startDate: string | null;
  dueDate: string | null;
  webUrl: string;
  /** Where the milestone lives; a project's issues may use its ancestor groups' milestones. */
  owner: { kind: 'project' | 'group'; id: number };
}

export interface RolloverItem {
  kind: 'issue' | 'merge-request';
  projectId: number;
  iid: number;
  /** `group/project#12` or `group/project!3` */
  reference: string;
  title: string;
  webUrl: string;
  labels: string[];
}

export interface MilestoneRequest {
  /** --from / --to: milestone titles; absent means "choose by date". */
  from?: string;
  to?: string;
  /** `project group/app` or `group distribution`, for messages. */
  scopeName: string;
}

export interface ChosenMilestones {
  from: RolloverMilestone;
  to: RolloverMilestone;
  warnings: string[];
}

export type MilestoneChoice = ({ ok: true } & ChosenMilestones) | { ok: false; problems: string[] };

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

export interface MilestoneSummary {
  id: number;
  title: string;
  state: RolloverMilestone['state'];
  startDate: string | null;
  dueDate: string | null;
  webUrl: string;
}

/** The report: what `--json` carries as the plan's context, and what people read. */
export interface RolloverReport {
  from: MilestoneSummary;
  to: MilestoneSummary;
  assignee: string | null;
  missedLabel: string | null;
  close: boolean;
  includeMergeRequests: boolean;
  items: RolloverEntry[];
  counts: { toMove: number; alreadyMoved: number; retrospective: number; escalate: number };
}

/** The handbook's circuit breaker: two missed milestones get a retrospective, three an escalation. */
export const RETROSPECTIVE_AT = 2;
export const ESCALATE_AT = 3;

/** What is wrong with a missed-label pattern (from a flag or teamops.yml), or null. */
export function missedLabelPatternProblem(pattern: string): string | null {
  // Slip counts are read back from these labels, so each missed milestone needs its own label.
  return labelPatternProblem(pattern, 'milestone');
}

export function missedLabelFor(pattern: string, milestoneTitle: string): string {
  return fillPattern(pattern, { milestone: milestoneTitle }, 'milestone.missed_label');
}

/** The milestone titles an item's labels say it missed, for a pattern such as `missed:{milestone}`. */
export function missedMilestones(labels: readonly string[], pattern: string): string[] {
  return readPatternAll(pattern, 'milestone', labels);
}

export function callOutFor(slips: number): CallOut | null {
  if (slips >= ESCALATE_AT) return 'escalate';
  if (slips >= RETROSPECTIVE_AT) return 'retrospective';
  return null;
}

const describeDates = (m: RolloverMilestone): string => {
  const parts = [m.startDate ? `starts ${m.startDate}` : '', m.dueDate ? `due ${m.dueDate}` : 'no due date', m.state === 'closed' ? 'closed' : ''];
  return parts.filter(Boolean).join(', ');
};

const describeMilestone = (m: RolloverMilestone): string => `"${m.title}" (${m.owner.kind} milestone, ${describeDates(m)})`;

function listing(milestones: RolloverMilestone[]): string {
  if (milestones.length === 0) return 'there are none';
  return milestones.map(describeMilestone).join('; ');
}

/** The day a milestone begins, as far as its dates tell (a milestone may have only a due date). */
const beginsOn = (m: RolloverMilestone): string | null => m.startDate ?? m.dueDate;

/** Code-point order, so plans do not depend on the machine's locale. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byDates = (a: RolloverMilestone, b: RolloverMilestone): number =>
  compareDates(beginsOn(a) ?? '9999-12-31', beginsOn(b) ?? '9999-12-31') || compareDates(a.dueDate ?? '9999-12-31', b.dueDate ?? '9999-12-31') || compareText(a.title, b.title);

function findByTitle(milestones: RolloverMilestone[], title: string, flag: string, scopeName: string, problems: string[]): RolloverMilestone | undefined {
  const matches = milestones.filter((m) => m.title === title);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    problems.push(`${flag} "${title}" matches ${matches.length} milestones in ${scopeName}: ${listing(matches)}; rename one of them in GitLab`);
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

/**
 * The default --from: the active milestone that ended most recently, on or before today. When no
 * active milestone has ended, the closed one that ended most recently: a rerun after `--close`
 * finds its moves done and the milestone closed, instead of failing.
 */
function defaultFrom(milestones: RolloverMilestone[], today: IsoDate, scopeName: string, problems: string[]): RolloverMilestone | undefined {
  const active = milestones.filter((m) => m.state === 'active');
  const hasEnded = (m: RolloverMilestone) => m.dueDate !== null && compareDates(m.dueDate, today) <= 0;
  const activeEnded = active.filter(hasEnded);
  const ended = activeEnded.length > 0 ? activeEnded : milestones.filter((m) => m.state === 'closed' && hasEnded(m));
  if (ended.length === 0) {
    problems.push(
      `cannot tell which milestone to roll over from: no active milestone in ${scopeName} is due on or before ${today}; active milestones: ${listing(active.sort(byDates))}; pass --from TITLE`,
    );
    return undefined;
  }
  const latest = ended.reduce((max, m) => (compareDates(m.dueDate!, max) > 0 ? m.dueDate! : max), ended[0]!.dueDate!);
  const tied = ended.filter((m) => m.dueDate === latest);
  if (tied.length > 1) {
    problems.push(`cannot tell which milestone to roll over from: ${tied.length} ${tied[0]!.state} milestones ended on ${latest}: ${listing(tied.sort(byDates))}; pass --from with one of their titles`);
    return undefined;
  }
  return tied[0];
}

/** The default --to: the active milestone that starts next after `from` (gaps between them are fine). */
function defaultTo(milestones: RolloverMilestone[], from: RolloverMilestone, scopeName: string, problems: string[]): RolloverMilestone | undefined {
  const active = milestones.filter((m) => m.state === 'active' && m.id !== from.id);
  const fromBegins = beginsOn(from);
  if (fromBegins === null) {
    problems.push(`cannot tell which milestone comes after "${from.title}": it has no start or due date; pass --to TITLE (active milestones: ${listing(active.sort(byDates))})`);
    return undefined;
  }
  const later = active.filter((m) => {
    const begins = beginsOn(m);
    if (begins === null || compareDates(begins, fromBegins) <= 0) return false;
    // A milestone nested inside `from` (it starts later but ends no later) is not "the next one".
    return from.dueDate === null || m.dueDate === null || compareDates(m.dueDate, from.dueDate) > 0;
  });
  if (later.length === 0) {
    problems.push(
      `cannot tell which milestone to roll over to: no active milestone in ${scopeName} starts after "${from.title}" (${describeDates(from)}); active milestones: ${listing(active.sort(byDates))}; create the next milestone or pass --to TITLE`,
    );
    return undefined;
  }
  const next = later.sort(byDates)[0]!;
  const tied = later.filter((m) => beginsOn(m) === beginsOn(next));
  if (tied.length > 1) {
    problems.push(`cannot tell which milestone to roll over to: ${tied.length} active milestones start on ${beginsOn(next)}: ${listing(tied)}; pass --to with one of their titles`);
    return undefined;
  }
  return next;
}

/**
 * Resolves --from and --to (given or by date) against every milestone the scope can use.
 * Returns every problem at once, each naming the candidates and the flag that settles it.
 */
export function chooseMilestones(milestones: RolloverMilestone[], request: MilestoneRequest, today: IsoDate): MilestoneChoice {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (request.from !== undefined && request.from === request.to) {
    problems.push(`--from and --to are both "${request.from}"; pass two different milestones`);
    findByTitle(milestones, request.from, '--from', request.scopeName, problems);
    return { ok: false, problems };
  }
  const explicitFrom = request.from !== undefined ? findByTitle(milestones, request.from, '--from', request.scopeName, problems) : undefined;
  const explicitTo = request.to !== undefined ? findByTitle(milestones, request.to, '--to', request.scopeName, problems) : undefined;
  const from = request.from !== undefined ? explicitFrom : defaultFrom(milestones, today, request.scopeName, problems);
  const to = request.to !== undefined ? explicitTo : from ? defaultTo(milestones, from, request.scopeName, problems) : undefined;

  if (to && to.state === 'closed') {
    problems.push(`--to "${to.title}" is closed; reopen it in GitLab or pass an active milestone to --to`);
  }
  if (from && to && from.id === to.id) {
    problems.push(`--from and --to are both "${from.title}"; pass two different milestones`);
  }
  if (!from || !to || problems.length > 0) return { ok: false, problems };

  if (request.from === undefined) {
    const alsoEnded = milestones.filter(
      (m) => m.state === 'active' && m.id !== from.id && m.id !== to.id && m.dueDate !== null && compareDates(m.dueDate, from.dueDate ?? today) < 0,
    );
    if (alsoEnded.length > 0) {
      warnings.push(`other active milestones ended earlier and are not rolled over in this run: ${alsoEnded.sort(byDates).map((m) => `"${m.title}"`).join(', ')} (use --from)`);
    }
  }
  if (to.dueDate !== null && compareDates(to.dueDate, today) < 0) {
    warnings.push(`"${to.title}" is already past its due date (${to.dueDate}); issues moved there are overdue at once`);
  }
  return { ok: true, from, to, warnings };
}

/**
 * --close empties and closes `from`, so the rollover must have covered everything that can use it.
 * A group milestone is shared by every project below its group: closing it from one project (or a
 * subgroup) would strand the other projects' open issues in a closed milestone.
 */
export function closeProblem(from: RolloverMilestone, scope: { kind: 'project' | 'group'; id: number; name: string }): string | null {
  if (from.owner.kind === scope.kind && from.owner.id === scope.id) return null;
  return `--close: "${from.title}" is a milestone of a group above ${scope.name}, and projects outside it may still have open issues in it; roll over that group with --group to close it, or leave out --close`;
}

function summaryOf(m: RolloverMilestone): MilestoneSummary {
  return { id: m.id, title: m.title, state: m.state, startDate: m.startDate, dueDate: m.dueDate, webUrl: m.webUrl };
}

const shorten = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
};

/** Project path first, then iid as a number, so `#9` sorts before `#10`. */
function byReference(a: RolloverItem, b: RolloverItem): number {
  const split = (item: RolloverItem) => {
    const at = Math.max(item.reference.lastIndexOf('#'), item.reference.lastIndexOf('!'));
    return at >= 0 ? item.reference.slice(0, at) : item.reference;
  };
  return compareText(split(a), split(b)) || (a.kind === b.kind ? 0 : a.kind === 'issue' ? -1 : 1) || a.iid - b.iid;
}

function entryFor(item: RolloverItem, status: RolloverEntry['status'], from: RolloverMilestone, pattern: string): RolloverEntry {
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

export function planMilestoneRollover(state: RolloverState, request: RolloverRequest, today: IsoDate): Plan<RolloverReport> {
  const { from, to } = state;
  const label = request.addMissedLabel ? missedLabelFor(request.missedLabelPattern, from.title) : null;
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  const items: RolloverEntry[] = [];

  const alreadyMoved = [...state.alreadyMoved].sort(byReference);
  for (const item of alreadyMoved) {
    const entry = entryFor(item, 'already-moved', from, request.missedLabelPattern);
    items.push(entry);
    unchanged.push({ key: moveKey(item), summary: `${item.reference} already moved to "${to.title}" (${label ?? 'no label'})`, url: item.webUrl });
  }

  const open = [...state.open].sort(byReference);
  for (const item of open) {
    const entry = entryFor(item, 'move', from, request.missedLabelPattern);
    items.push(entry);
    const labelling = label ? `, add ${label}` : '';
    const slip = `${ordinal(entry.slips)} slip${entry.callOut ? `: ${entry.callOut}` : ''}`;
    const summary = `move ${item.reference} "${shorten(item.title)}" from "${from.title}" to "${to.title}"${labelling} (${slip})`;
    // One write per item: add_labels keeps the item's other labels and never doubles one.
    const change = { milestoneId: to.id, ...(label ? { addLabels: [label] } : {}) };
    actions.push(
      item.kind === 'issue'
        ? { kind: 'update-issue', key: moveKey(item), summary, target: { project: item.projectId, iid: item.iid }, change }
        : { kind: 'update-merge-request', key: moveKey(item), summary, project: item.projectId, iid: item.iid, change },
    );
  }

  if (request.close) {
    const key = `milestone-rollover/close/${from.id}`;
    if (from.state === 'closed') {
      unchanged.push({ key, summary: `milestone "${from.title}" is already closed`, url: from.webUrl });
    } else {
      actions.push({
        kind: 'close-milestone',
        key,
        summary: `close milestone "${from.title}" once every move has succeeded`,
        scope: { kind: from.owner.kind, ref: from.owner.id },
        milestoneId: from.id,
        // Closing while a move failed would strand that item in a closed milestone.
        after: actions.map((a) => a.key),
      });
    }
  }

  const report: RolloverReport = {
    from: summaryOf(from),
    to: summaryOf(to),
    assignee: request.assignee,
    missedLabel: label,
    close: request.close,
    includeMergeRequests: request.includeMergeRequests,
    items,
    counts: {
      toMove: open.length,
      alreadyMoved: alreadyMoved.length,
      retrospective: items.filter((i) => i.callOut === 'retrospective').length,
      escalate: items.filter((i) => i.callOut === 'escalate').length,
    },
  };
  return createPlan({
    command: 'milestone rollover',
    scope: state.scope,
    date: today,
    actions,
    unchanged,
    warnings: request.warnings ?? [],
    context: report,
  });
}

/** The key of the action that moves this issue or merge request. */
export function moveKey(item: Pick<RolloverItem, 'kind' | 'reference'>): string {
  return `milestone-rollover/${item.kind}/${item.reference}`;
}

/** Lines for people: the rollover in one sentence, then the handbook's call-outs with links. */
export function describeRollover(report: RolloverReport): string[] {
  const issues = report.items.filter((i) => i.kind === 'issue');
  const mergeRequests = report.items.filter((i) => i.kind === 'merge-request');
  const toMove = (list: RolloverEntry[]) => list.filter((i) => i.status === 'move').length;
  const parts = [counted(toMove(issues), 'issue'), ...(report.includeMergeRequests ? [counted(toMove(mergeRequests), 'merge request')] : [])];
  const whose = report.assignee ? ` assigned to @${report.assignee}` : '';
  const lines = [
    `Rollover from "${report.from.title}"${report.from.dueDate ? ` (due ${report.from.dueDate})` : ''} to "${report.to.title}"${report.to.startDate ? ` (starts ${report.to.startDate})` : ''}: ${parts.join(' and ')}${whose} to move${report.counts.alreadyMoved ? `, ${report.counts.alreadyMoved} moved by an earlier run` : ''}.`,
  ];
  const block = (callOut: CallOut, heading: string) => {
    const entries = report.items.filter((i) => i.callOut === callOut);
    if (entries.length === 0) return;
    lines.push(heading);
    for (const e of entries) lines.push(`  ${e.reference} "${shorten(e.title)}" missed ${e.missed.map((m) => `"${m}"`).join(', ')}: ${e.webUrl}`);
  };
  block('retrospective', `Slipped twice (handbook: hold a retrospective): ${report.counts.retrospective}`);
  block('escalate', `Slipped three or more times (handbook: escalate for a larger evaluation): ${report.counts.escalate}`);
  return lines;
}
