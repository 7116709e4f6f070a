import type { Deps } from '../../deps.js';
import { planUpdateHighlights, type HighlightsRequest } from '../../rituals/updates/highlights.js';
import { openContext } from '../shared/context.js';
import { readHighlightsState } from './read-state.js';
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
  const state = await readHighlightsState(context, request);
  const document = planUpdateHighlights(state, request);
  printDocument(deps, options.globals.json, document);
  context.debug(`${document.highlights.length} highlights in ${document.updates} updates labelled ${request.labels.join(' or ')}`);
}
