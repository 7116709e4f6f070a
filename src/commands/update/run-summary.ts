import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { counted } from '../../rituals/common/text.js';
import { periodKindOf } from '../../rituals/updates/period.js';
import { planUpdateSummary, type SummaryRequest } from '../../rituals/updates/summary.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { pickScope, scopeName } from '../common/scope.js';
import { readSummaryState } from './read-state.js';
import { printDocument, UPDATE_SCOPE_MISSING } from './update-scope.js';
import type { UpdateSummaryOptions } from './summary.js';

export async function runUpdateSummary(options: UpdateSummaryOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const request = summaryRequest(options, context.config);
  const state = await readSummaryState(context, request);
  const { document, plan } = planUpdateSummary(state, request, context.today);
  if (!plan) return printDocument(deps, options.globals.json, document);
  const { period } = state.summary;
  await emitAndApply(plan, context, deps, {
    notes: [`${counted(document.updates.length, 'update')} in ${scopeName(request.scope)}, ${period.since} to ${period.until}.`],
    lock: { kind: 'project', ref: plan.scope },
  });
}

function summaryRequest(options: UpdateSummaryOptions, config: TeamopsConfig): SummaryRequest {
  const { updates } = config;
  const target = options.create ? (options.project ?? updates.project) : undefined;
  if (options.create && !target)
    throw new UsageError('--create needs a project for the summary', { hint: 'pass --project or set updates.project in teamops.yml' });
  return {
    scope: readScope(options, config),
    since: options.since,
    until: options.until,
    period: options.period,
    weekStartsOn: updates.week_starts_on,
    target,
    timeZone: config.timezone,
    updateLabels: [...updates.labels, ...updates.legacy_labels],
    titlePattern: updates.summary_title,
    labels: updates.summary_labels,
    authors: Object.fromEntries(Object.entries(updates.authors).filter(([name]) => periodKindOf(name, updates.periods) === 'week')),
    reviewers: updates.reviewers,
  };
}

/** Where the updates are read: --group, else --project unless it names the summary's project, else teamops.yml, else that project. */
function readScope(options: UpdateSummaryOptions, config: TeamopsConfig) {
  return pickScope(
    [
      ['group', options.group],
      ['project', options.create ? undefined : options.project],
      ['group', config.updates.group],
      ['project', config.updates.project],
      ['project', options.project],
    ],
    UPDATE_SCOPE_MISSING,
  );
}
