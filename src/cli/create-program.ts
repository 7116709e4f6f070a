import { Command } from 'commander';
import { registerCommands } from '../commands/index.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { withoutColour } from '../io/io.js';
import { addGlobalOptions, examples } from '../commands/common/global-options.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  success, including "nothing to do"
  1  failure: a GitLab or network error, or some changes failed (run again to finish)
  2  cancelled at the confirmation prompt
  3  usage or configuration error, or a write without --yes off a terminal (nothing was written)
  4  authentication or permission error (check GITLAB_TOKEN and its "api" scope)
  130  interrupted with Ctrl-C while applying (run again to finish)
`;

/**
 * A fresh program per call, so tests can run many in one process and capture all output. `argv`
 * decides which nouns get their verbs (src/commands/index.ts).
 */
export async function createProgram(deps: Deps, argv: readonly string[], version = '0.0.0'): Promise<Command> {
  const program = new Command('teamops')
    .description("Run your team's GitLab rituals: OKRs, the weekly DRI hand-over, milestone rollover and async updates.")
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.io.stdout.write(text),
      writeErr: (text) => deps.io.stderr.write(text),
      outputError: (text, write) => write(deps.io.err.red(text)),
    })
    // Every subcommand's help lists the flags it inherits from here, as gh's "Inherited flags" do.
    // Set before the commands are added: commander copies help settings to each new subcommand.
    .configureHelp({ showGlobalOptions: true })
    .helpCommand(false);
  addGlobalOptions(program);
  program.hook('preAction', (_, action) => {
    const options = action.optsWithGlobals<{ color?: boolean; json?: boolean }>();
    if (options.color === false) deps.io = withoutColour(deps.io);
    else if (options.json) deps.io = { ...deps.io, out: withoutColour(deps.io).out };
  });
  await registerCommands(program, deps, argv);
  addHelpCommand(program);
  program.addHelpText(
    'after',
    `${examples(
      'teamops dri rotate --dry-run',
      'teamops milestone rollover --group distribution --close',
      'teamops okr create --file okrs.yml --quarter FY27-Q1',
      'teamops sandbox --seed demo',
    )}${EXIT_CODES_HELP}
The token is read from GITLAB_TOKEN only. Configuration: teamops.yml (teamops config init writes one).
Documentation: https://gitlab.com/teamops/teamops  Bugs: https://gitlab.com/teamops/teamops/-/issues
`,
  );
  return program;
}

/**
 * `teamops help okr create`: commander's own help command takes one name and shows the noun's page
 * for `help <noun> <verb>`, so this one walks the whole path.
 */
function addHelpCommand(program: Command): void {
  program
    .command('help [command...]')
    .description('show the help of a command, e.g. teamops help okr create')
    .action((names: string[]) => {
      let command = program;
      for (const [index, name] of names.entries()) {
        const next = command.commands.find((sub) => sub.name() === name || sub.aliases().includes(name));
        if (!next) {
          const known = command.commands.map((sub) => sub.name()).filter((sub) => sub !== 'help');
          throw new UsageError(`unknown command "teamops ${names.slice(0, index + 1).join(' ')}"`, {
            hint: `${['teamops', ...names.slice(0, index)].join(' ')} has: ${known.join(', ')}`,
          });
        }
        command = next;
      }
      command.help();
    });
}
