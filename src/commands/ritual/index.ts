import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerRitualCheck } from './check.js';
import { registerRitualRun } from './run.js';

export function registerRitual(program: Command, deps: Deps): void {
  const ritual = program
    .command('ritual')
    .description(
      'recurring ritual issues from rituals: in teamops.yml (showcases, review prep, meeting agendas): open the due ones, check them',
    );
  registerRitualRun(ritual, deps);
  registerRitualCheck(ritual, deps);
}
