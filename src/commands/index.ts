import type { Command } from 'commander';
import type { Deps } from '../deps.js';
import { NOUNS, nounCommand, type Noun } from './nouns.js';

type Register = (program: Command, deps: Deps) => unknown;

/** Each noun's verbs and flags, a chunk of its own in the start-up bundle (scripts/bundle.mjs). */
const REGISTER: Record<Noun, () => Promise<Register>> = {
  okr: async () => (await import('./okr/index.js')).registerOkr,
  dri: async () => (await import('./dri/index.js')).registerDri,
  milestone: async () => (await import('./milestone/index.js')).registerMilestone,
  labels: async () => (await import('./labels/index.js')).registerLabels,
  update: async () => (await import('./update/index.js')).registerUpdate,
  queue: async () => (await import('./queue/index.js')).registerQueue,
  claims: async () => (await import('./claims/index.js')).registerClaims,
  ritual: async () => (await import('./ritual/index.js')).registerRitual,
  slo: async () => (await import('./slo/index.js')).registerSlo,
  sandbox: async () => (await import('./sandbox/index.js')).registerSandbox,
  config: async () => (await import('./config/index.js')).registerConfig,
  completion: async () => (await import('./completion/index.js')).registerCompletion,
};

const ALL = Object.keys(NOUNS) as Noun[];

/**
 * Every noun, and the verbs of those `argv` names: `teamops --help` lists the nouns alone, and
 * `teamops okr create --help` (or `teamops help okr create`) registers okr's verbs only. A word of
 * argv that happens to be a noun (`--group slo`) registers one noun more, which costs a little time
 * and changes nothing. `completion` reads the whole tree, so it registers everything.
 */
export async function registerCommands(program: Command, deps: Deps, argv: readonly string[]): Promise<void> {
  for (const noun of ALL) nounCommand(program, noun);
  const named = argv.includes('completion') ? ALL : ALL.filter((noun) => argv.includes(noun));
  const registers = await Promise.all(named.map((noun) => REGISTER[noun]()));
  for (const register of registers) register(program, deps);
}
