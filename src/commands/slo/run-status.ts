import type { Deps } from '../../deps.js';
import { printJson, printTable } from '../../io/output.js';
import { statusDocument, statusHeader, statusRows } from '../../rituals/slo/status.js';
import { openContext } from '../common/context.js';
import { planningInstant } from '../common/planning-instant.js';
import { loadSlo, openPrometheus, readBudgets } from './shared.js';
import type { SloStatusOptions } from './status.js';

export async function runSloStatus(options: SloStatusOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { settings, services } = loadSlo(context, 'cannot read the SLOs', options.service);
  const at = planningInstant(context, deps);
  const statuses = await readBudgets(openPrometheus(context, deps, settings), settings, services, at);
  const document = statusDocument('slo status', at, statuses, settings.policy);
  if (options.globals.json) printJson(deps.io, document);
  else printTable(deps.io, statusHeader(settings.burnWindows), statusRows(document));
}
