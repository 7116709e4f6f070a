import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import { summaryTitle } from '../../rituals/updates/identity.js';
import { missingPeriods, planUpdateMissing, type MissingRequest } from '../../rituals/updates/plan-missing.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import type { UpdateMissingOptions } from './missing.js';
import { readAuthorMembers, readReminderTargets } from './read-authors.js';
import { checked, readUpdateIssues } from './read-state.js';
import { printDocument, updateScope } from './update-scope.js';

export async function runUpdateMissing(options: UpdateMissingOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { updates } = context.config;
  const project = updates.project ?? (updates.reminder_issue ? updates.reminder_issue.split('#')[0] : undefined);
  if (options.remind && !project)
    throw new UsageError('--remind needs an issue to comment on', {
      hint: 'set updates.project (its summary issues) or updates.reminder_issue',
    });
  const request: MissingRequest = {
    templates: options.templates.length > 0 ? options.templates : Object.keys(updates.authors),
    authors: updates.authors,
    periods: updates.periods,
    period: options.period,
    weekStartsOn: updates.week_starts_on,
    timeZone: context.config.timezone,
    remind: options.remind,
    project: project ?? '',
  };
  const periods = checked(missingPeriods(request, context.today));
  const reader = context.reader();
  const earliest = periods.reduce((first, p) => (p.period.since < first.since ? p.period : first), periods[0]!.period);
  const [members, issues, targets] = await Promise.all([
    readAuthorMembers(reader, updates.authors, request.templates),
    readUpdateIssues(reader, updateScope({}, context.config), earliest, {
      labels: [...updates.labels, ...updates.legacy_labels],
      withNotes: false,
      context,
      andLater: true,
    }),
    options.remind
      ? readReminderTargets(reader, periods, {
          reminderIssue: updates.reminder_issue,
          project: updates.project,
          summaryTitle: (period) => summaryTitle(updates.summary_title, period),
        })
      : new Map(),
  ]);
  const { document, plan, problems } = planUpdateMissing(periods, { members, issues, targets }, request, context.today);
  if (problems.length > 0) throw new ValidationError('cannot remind the authors who have not posted', problems);
  if (!plan) return printDocument(deps, options.globals.json, document);
  await emitAndApply(plan, context, deps, {
    lock: { kind: 'project', ref: request.project },
    notes: document.markdown.trimEnd().split('\n'),
  });
}
