import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerUpdateHighlights } from './highlights.js';
import { registerUpdateMissing } from './missing.js';
import { registerUpdatePrint } from './print.js';
import { registerUpdateSummary } from './summary.js';
import { nounCommand } from '../nouns.js';

export function registerUpdate(program: Command, deps: Deps): void {
  const update = nounCommand(program, 'update');
  registerUpdatePrint(update, deps);
  registerUpdateHighlights(update, deps);
  registerUpdateSummary(update, deps);
  registerUpdateMissing(update, deps);
}
