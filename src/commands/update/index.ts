import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerUpdateHighlights } from './highlights.js';
import { registerUpdateMissing } from './missing.js';
import { registerUpdatePrint } from './print.js';
import { registerUpdateSummary } from './summary.js';

export function registerUpdate(program: Command, deps: Deps): void {
  const update = program
    .command('update')
    .description('async updates: write your weekly update from GitLab, collect highlights, summarise the week, see who has not posted');
  registerUpdatePrint(update, deps);
  registerUpdateHighlights(update, deps);
  registerUpdateSummary(update, deps);
  registerUpdateMissing(update, deps);
}
