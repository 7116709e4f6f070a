import { counted } from '../../rituals/common/text.js';
import type { Deps } from '../../deps.js';
import { planUpdateHighlights, type HighlightsRequest } from '../../rituals/updates/highlights.js';
import { UsageError } from '../../errors.js';
import { planDirectorUpdate } from '../../rituals/updates/director-update.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext, type CommandContext } from '../common/context.js';
import { readDirectorState, readHighlightsState } from './read-state.js';
import { printDocument, updateScope } from './update-scope.js';
import type { UpdateHighlightsOptions } from './highlights.js';

export async function runUpdateHighlights(options: UpdateHighlightsOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { config } = context;
  const request: HighlightsRequest = {
    scope: updateScope(options, config),
    since: options.since,
    until: options.until,
    period: options.period,
    labels: [...config.updates.labels, ...config.updates.legacy_labels],
    comments: options.comments ?? config.updates.highlights_from_comments,
    timeZone: config.timezone,
    teamLabel: config.labels.team,
  };
  if (options.create) return createDirectorUpdate(request, context, deps);
  const state = await readHighlightsState(context, request);
  const document = planUpdateHighlights(state, request);
  printDocument(deps, options.globals.json, document);
  context.debug(`${document.highlights.length} highlights in ${document.updates} updates labelled ${request.labels.join(' or ')}`);
}

async function createDirectorUpdate(request: HighlightsRequest, context: CommandContext, deps: Deps): Promise<void> {
  const { updates } = context.config;
  if (!updates.project)
    throw new UsageError("--create needs a project for the director's update", { hint: 'set updates.project in teamops.yml' });
  const director = {
    ...request,
    project: updates.project,
    titlePattern: updates.director_title,
    labels: updates.director_labels,
    templateName: updates.director_template,
    director: updates.director,
  };
  const state = await readDirectorState(context, { ...director, labels: request.labels }, deps.cwd);
  const document = planUpdateHighlights(state.highlights, request);
  const plan = planDirectorUpdate(
    { period: state.highlights.period, document, checked: state.checked, existing: state.existing },
    { ...director, assigneeIds: state.assigneeIds },
    context.today,
  );
  const { since, until } = state.highlights.period;
  await emitAndApply(plan, context, deps, {
    lock: { kind: 'project', ref: director.project },
    notes: [`${counted(document.highlights.length, 'highlight')} in ${counted(document.updates, 'update')}, ${since} to ${until}.`],
  });
}
