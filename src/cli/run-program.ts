import { CommanderError } from 'commander';
import type { Deps } from '../deps.js';
import { ExitCode, InternalError, TeamopsError, UsageError } from '../errors.js';
import { redactingStream } from '../io/redact.js';
import { stopActivities } from '../io/activities.js';
import { printError, printJson } from '../io/lines.js';
import { createProgram } from './create-program.js';

/**
 * Runs one teamops invocation and returns its exit code. Both main.ts and the in-process tests
 * come through here, so what tests see is what users see, redaction included.
 */
export async function runProgram(argv: string[], base: Deps, version?: string): Promise<number> {
  // `teamops sandbox` never reads GITLAB_TOKEN; it prints its own token, which is GITLAB_TOKEN when a shell
  // that loaded an earlier run's two lines restarts it with --data. Redacting that would break the .env file.
  let servingSandbox = false;
  const secrets = () =>
    [servingSandbox ? '' : (base.env.GITLAB_TOKEN ?? ''), base.env.PROMETHEUS_TOKEN ?? '']
      .filter((s) => s.trim() !== '')
      .map((s) => s.trim());
  let wroteStdout = false;
  const deps: Deps = {
    ...base,
    io: {
      ...base.io,
      stdout: redactingStream(base.io.stdout, secrets, () => (wroteStdout = true)),
      stderr: redactingStream(base.io.stderr, secrets),
    },
  };
  let commandName = '';
  // --json promises one document on stdout, also when the run fails; unless the command printed its own.
  const jsonError = (error: { message: string; hint?: string; exitCode: number }) => {
    if (!argv.includes('--json') || wroteStdout) return;
    printJson(deps.io, { schemaVersion: 1, command: commandName, dryRun: argv.includes('--dry-run'), error });
  };
  const debug = argv.includes('--debug') || /(^|,)teamops(,|$)/.test(base.env.DEBUG ?? '');
  const program = await createProgram(deps, argv, version);
  program.hook('preAction', (_, action) => {
    servingSandbox = action.name() === 'sandbox' && action.parent === program;
    commandName = action.parent && action.parent !== program ? `${action.parent.name()} ${action.name()}` : action.name();
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    stopActivities();
    return ExitCode.Success;
  } catch (error) {
    stopActivities();
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return ExitCode.Success;
      // commander has already printed the message and the --help pointer.
      jsonError({ message: error.message.replace(/^error: /, ''), exitCode: ExitCode.Usage });
      return ExitCode.Usage;
    }
    const known = error instanceof TeamopsError ? error : new InternalError(error);
    const hint = known instanceof UsageError && !known.hint ? 'run with --help for usage' : known.hint;
    printError(deps.io, known.message, hint);
    jsonError({ message: known.message, ...(hint ? { hint } : {}), exitCode: known.exitCode });
    if (debug && known.stack) {
      deps.io.stderr.write(`${known.stack}\n`);
      if (known.cause instanceof Error && known.cause.stack) deps.io.stderr.write(`caused by: ${known.cause.stack}\n`);
    }
    return known.exitCode;
  }
}
