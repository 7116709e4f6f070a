// Who of the expected authors (`updates.authors`) has not posted this period's update, per template;
// with --remind, one comment per template and period mentioning them, on the period's summary
// issue or `updates.reminder_issue`. A rerun finds the reminder by its key and adds none.
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import type { IsoDate, Weekday } from '../common/calendar.js';
import { counted } from '../common/text.js';
import { expectedAuthors, postedUpdate, type AuthorSource, type GroupMember } from './authors.js';
import type { Checked, UpdateIssue } from './model.js';
import {
  checkedPeriod,
  periodKeyPart,
  periodKindOf,
  periodValues,
  type PeriodChoice,
  type PeriodKind,
  type UpdatePeriod,
} from './period.js';

export interface MissingRequest {
  /** --template, or every template of `updates.authors`. */
  templates: string[];
  authors: Record<string, AuthorSource[]>;
  periods: Record<string, PeriodKind>;
  period?: PeriodChoice;
  weekStartsOn: Weekday;
  timeZone: string;
  remind: boolean;
  /** updates.project: the plan's scope. */
  project: string;
}

export interface TemplatePeriod {
  templateName: string;
  period: UpdatePeriod;
}

/** Step one, before GitLab is read: every template has authors configured, and its period. */
export function missingPeriods(request: MissingRequest, today: IsoDate): Checked<TemplatePeriod[]> {
  const configured = Object.keys(request.authors);
  if (request.templates.length === 0)
    return {
      ok: false,
      summary: 'no update authors are configured',
      problems: ['set updates.authors in teamops.yml: per template, usernames or { group, role }'],
    };
  const problems = request.templates
    .filter((name) => !configured.includes(name))
    .map((name) => `--template ${name}: updates.authors names no authors for it (configured: ${configured.join(', ') || 'none'})`);
  if (problems.length > 0) return { ok: false, summary: 'cannot tell who has not posted', problems };
  const value = request.templates.map((templateName) => {
    const kind = periodKindOf(templateName, request.periods);
    const period = checkedPeriod({ kind, period: request.period, weekStartsOn: request.weekStartsOn }, today) as UpdatePeriod;
    return { templateName, period };
  });
  return { ok: true, value };
}

export interface PostedEntry {
  author: string;
  reference: string;
  url: string;
}

export interface MissingReport {
  template: string;
  period: { kind: PeriodKind; since: IsoDate; until: IsoDate; week: string; month: string };
  expected: string[];
  posted: PostedEntry[];
  missing: string[];
}

/** Who of the template's authors has, and has not, posted for the period. */
export function missingReport(
  { templateName, period }: TemplatePeriod,
  sources: readonly AuthorSource[],
  state: { members: ReadonlyMap<string, readonly GroupMember[]>; issues: readonly UpdateIssue[] },
  timeZone: string,
): MissingReport {
  const expected = expectedAuthors(sources, state.members);
  const posted: PostedEntry[] = [];
  const missing: string[] = [];
  for (const author of expected) {
    const update = postedUpdate(state.issues, { author, templateName, period, timeZone });
    if (update) posted.push({ author, reference: update.reference, url: update.webUrl });
    else missing.push(author);
  }
  const { kind, since, until, week, month } = periodValues(period);
  return { template: templateName, period: { kind, since, until, week, month }, expected, posted, missing };
}

/** `em-weekly, 2026-W49 (2026-11-30 to 2026-12-06): 2 of 4 not yet posted: @amara, @bruno` */
export function renderMissingLine(report: MissingReport): string {
  const { kind, since, until, week, month } = report.period;
  const when = `${kind === 'month' ? month : week} (${since} to ${until})`;
  if (report.expected.length === 0) return `${report.template}, ${when}: nobody is expected to post`;
  if (report.missing.length === 0) return `${report.template}, ${when}: all ${report.expected.length} posted`;
  return `${report.template}, ${when}: ${report.missing.length} of ${report.expected.length} not yet posted: ${report.missing.map((a) => `@${a}`).join(', ')}`;
}

/** Where a template's reminder goes, and the keys of the teamops comments already on it; or why there is no such issue. */
export type ReminderTarget = { project: string; iid: number; reference: string; webUrl: string; noteKeys: string[] } | string;

export interface MissingState {
  members: ReadonlyMap<string, readonly GroupMember[]>;
  /** Update issues created since the earliest period began. */
  issues: UpdateIssue[];
  /** --remind: per template. */
  targets: ReadonlyMap<string, ReminderTarget>;
}

export interface MissingDocument {
  schemaVersion: 1;
  command: 'update missing';
  templates: MissingReport[];
  markdown: string;
}

export function reminderKey(templateName: string, period: UpdatePeriod): string {
  return `async-update-reminder/${templateName.trim().replace(/[^\w.@-]+/g, '-')}/${periodKeyPart(period)}`;
}

/** Step two, after reading: the report, and under --remind the plan of reminder comments. */
export function planUpdateMissing(
  periods: TemplatePeriod[],
  state: MissingState,
  request: MissingRequest,
  today: IsoDate,
): { document: MissingDocument; plan: Plan<{ templates: MissingReport[] }> | null; problems: string[] } {
  const reports = periods.map((tp) => missingReport(tp, request.authors[tp.templateName] ?? [], state, request.timeZone));
  const document: MissingDocument = {
    schemaVersion: 1,
    command: 'update missing',
    templates: reports,
    markdown: `${reports.map(renderMissingLine).join('\n')}\n`,
  };
  if (!request.remind) return { document, plan: null, problems: [] };
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  const problems: string[] = [];
  periods.forEach(({ templateName, period }, index) => {
    const report = reports[index]!;
    if (report.missing.length === 0) return;
    const target = state.targets.get(templateName);
    if (target === undefined || typeof target === 'string') {
      problems.push(target ?? `no issue to remind ${templateName} authors on`);
      return;
    }
    const key = reminderKey(templateName, period);
    if (target.noteKeys.includes(key)) {
      unchanged.push({
        key,
        summary: `${templateName} reminder for ${period.since} to ${period.until} is on ${target.reference}`,
        url: target.webUrl,
      });
      return;
    }
    const mentions = report.missing.map((a) => `@${a}`).join(' ');
    actions.push({
      kind: 'create-note',
      key,
      summary: `remind ${counted(report.missing.length, 'author')} on ${target.reference} of the ${templateName} update for ${period.since} to ${period.until}`,
      target: { project: target.project, iid: target.iid },
      body: `${mentions}: your ${templateName} update for ${period.since} to ${period.until} is not in yet. Please post it when you can.`,
    });
  });
  const plan = createPlan({
    command: 'update missing',
    scope: request.project,
    date: today,
    actions,
    unchanged,
    context: { templates: reports },
  });
  return { document, plan, problems };
}
