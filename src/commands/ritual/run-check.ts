import type { Deps } from '../../deps.js';
import { TeamopsError } from '../../errors.js';
import { printJson, printTable } from '../../io/output.js';
import { planRituals } from '../../rituals/recurring/plan-rituals.js';
import { counted } from '../../rituals/common/text.js';
import { openContext } from '../common/context.js';
import type { RitualCheckOptions } from './check.js';
import { readRitualsState } from './read-state.js';

export async function runRitualCheck(options: RitualCheckOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { targets, occurrences, state } = await readRitualsState(context, deps.cwd, options.rituals);
  const { rituals } = planRituals(targets, occurrences, state, context.today, 'ritual check').context;
  if (options.globals.json) printJson(deps.io, { schemaVersion: 1, command: 'ritual check', date: context.today, rituals });
  else
    printTable(
      deps.io,
      ['RITUAL', 'TEAM', 'DATE', 'OPENS', 'STATUS', 'ISSUE'],
      rituals.map((r) => [
        r.ritual,
        r.team ?? '',
        r.date ?? '',
        r.opensOn ?? '',
        r.status === 'not-due' ? 'upcoming' : r.status,
        r.issue?.url ?? (r.status === 'missing' ? `${r.project}: ${r.title ?? ''}` : ''),
      ]),
    );
  const missing = rituals.filter((r) => r.status === 'missing').length;
  if (missing > 0) throw new TeamopsError(`${counted(missing, 'ritual issue')} due but not opened`, { hint: 'run teamops ritual run' });
}
