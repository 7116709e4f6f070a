// The flags that say where a quarter's key results are, shared by the okr verbs that read them.
import { Option, type Command } from 'commander';
import { QUARTER_EXAMPLES } from '../../rituals/common/quarter.js';
import { collectRepeated, quarterName } from '../common/parsers.js';

/** A repeatable flag's values, in the order given. */
export { collectRepeated };

/** `--quarter`, `--team`, `--project` (repeatable) and `--group`. */
export function addKeyResultScopeFlags(command: Command): Command {
  return command
    .addOption(
      new Option('--quarter <quarter>', `the quarter, ${QUARTER_EXAMPLES} (default: the one containing today)`).argParser(
        quarterName('--quarter'),
      ),
    )
    .option('--team <team>', 'only this team’s key results')
    .option('--project <path>', 'where the key results are (repeatable; default: okr.project and the teams’ projects)', collectRepeated)
    .option('--group <path>', 'look for key results in every project of this group instead');
}
