import type { Command } from 'commander';
import type { Deps } from '../deps.js';
import { registerClaims } from './claims/index.js';
import { registerCompletion } from './completion/index.js';
import { nounCommand, type Noun } from './nouns.js';
import { registerQueue } from './queue/index.js';
import { registerSandbox } from './sandbox/index.js';

type Register = (program: Command, deps: Deps) => unknown;

/**
 * teamops' commands in the order `teamops --help` lists them: the rituals by cadence, then the tools.
 * A noun that groups verbs (`okr`) has its verbs in a chunk of their own (scripts/bundle.mjs), loaded
 * when the run names the noun. A command without verbs (`queue`) registers whole every time: the list
 * shows its usage (`queue [options]`, `completion <shell>`), which only its registration knows.
 */
const COMMANDS: Array<{ noun: Noun; verbs: () => Promise<Register> } | { command: Register }> = [
  { noun: 'okr', verbs: async () => (await import('./okr/index.js')).registerOkr },
  { noun: 'dri', verbs: async () => (await import('./dri/index.js')).registerDri },
  { noun: 'milestone', verbs: async () => (await import('./milestone/index.js')).registerMilestone },
  { noun: 'labels', verbs: async () => (await import('./labels/index.js')).registerLabels },
  { noun: 'update', verbs: async () => (await import('./update/index.js')).registerUpdate },
  { command: registerQueue },
  { command: registerClaims },
  { noun: 'ritual', verbs: async () => (await import('./ritual/index.js')).registerRitual },
  { noun: 'slo', verbs: async () => (await import('./slo/index.js')).registerSlo },
  { command: registerSandbox },
  { noun: 'config', verbs: async () => (await import('./config/index.js')).registerConfig },
  { command: registerCompletion },
];

/**
 * Every command, and the verbs of the nouns `argv` names: `teamops --help` lists the nouns alone, and
 * `teamops okr create --help` (or `teamops help okr create`) registers okr's verbs only. A word of
 * argv that happens to be a noun (`--group slo`) registers one noun more, which costs a little time
 * and changes nothing. `completion` reads the whole tree, so it registers everything.
 */
export async function registerCommands(program: Command, deps: Deps, argv: readonly string[]): Promise<void> {
  const named = (noun: Noun) => argv.includes('completion') || argv.includes(noun);
  const verbs = await Promise.all(COMMANDS.map((entry) => ('noun' in entry && named(entry.noun) ? entry.verbs() : undefined)));
  COMMANDS.forEach((entry, index) => {
    if ('command' in entry) entry.command(program, deps);
    else if (verbs[index]) verbs[index](program, deps);
    else nounCommand(program, entry.noun);
  });
}
