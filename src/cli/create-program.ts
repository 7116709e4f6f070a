import { Command } from 'commander';
import { registerCommands } from '../commands/index.js';
import type { Deps } from '../deps.js';
import { withoutColour } from '../io/io.js';
import { addGlobalOptions, examples } from '../commands/shared/global-options.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  success, including "nothing to do"
  1  failure: a GitLab or network error, or some changes failed (run again to finish)
  2  cancelled at the confirmation prompt
  3  usage or configuration error, or a write without --yes off a terminal (nothing was written)
  4  authentication or permission error (check GITLAB_TOKEN and its "api" scope)
`;

/** A fresh program per call, so tests can run many in one process and capture all output. */
export function createProgram(deps: Deps, version = '0.0.0'): Command {
  const program = new Command('teamops')
    .description("Run your team's GitLab rituals: OKRs, the weekly DRI hand-over, milestone rollover and async updates.")
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.io.stdout.write(text),
      writeErr: (text) => deps.io.stderr.write(text),
      outputError: (text, write) => write(deps.io.err.red(text)),
    });
  addGlobalOptions(program);
  program.hook('preAction', (_, action) => {
    const options = action.optsWithGlobals<{ color?: boolean; json?: boolean }>();
    if (options.color === false) deps.io = withoutColour(deps.io);
    else if (options.json) deps.io = { ...deps.io, out: withoutColour(deps.io).out };
  });
  registerCommands(program, deps);
  program.addHelpText(
    'after',
    `${examples(
      'teamops dri rotate --dry-run',
      'teamops milestone rollover --group distribution --close',
      'teamops okr create --file okrs.yml --quarter FY27-Q1',
      'teamops sandbox --seed demo',
    )}${EXIT_CODES_HELP}
The token is read from GITLAB_TOKEN only. Configuration: teamops.yml (see README).
`,
  );
  return program;
}
