import type { Deps } from '../../deps.js';
import { ApplyError, AuthError, CancelledError, InterruptedError, UsageError, ValidationError, type TeamopsError } from '../../errors.js';
import { printJson, printLine, status, success, warn } from '../../io/output.js';
import { startProgress } from '../../io/progress.js';
import type { Scope } from '../../gitlab/port.js';
import { applyPlan, type ApplyResult } from '../../plan/apply-plan.js';
import { convergeDuplicates } from '../../plan/converge.js';
import { limitProblems } from '../../plan/gitlab-limits.js';
import { planDocument } from '../../plan/plan-json.js';
import { isEmpty, type Plan } from '../../plan/plan.js';
import { renderPlan, summarisePlan } from '../../plan/render-plan.js';
import { counted } from '../../rituals/common/text.js';
import { connectionStats, stopActivity, writerOf, type CommandContext } from './context.js';
import { withRunLock } from './run-lock.js';
import { checkWriteAccess } from './write-access.js';

export interface EmitOptions {
  /**
   * Where the ritual's run lock is held: the project (or group) it writes to, named by its
   * settings and flags, never by what the plan happens to contain: a run that plans while another
   * applies plans less, and must still take the same lock.
   */
  lock: Scope;
  /** Extra lines for people after the plan (who was skipped, slip report…), on stderr. */
  notes?: string[];
  /** What to call the changes in the confirmation question. */
  target?: string;
  /**
   * Prints what was applied, on stdout (not under --json, whose document has the results). Runs
   * even when some actions failed, before that failure is raised, so a partial run still says
   * what it did.
   */
  report?: (result: ApplyResult) => void;
  /** Told what was applied, under --json too and before a failure is raised (a command's own output files). */
  applied?: (result: ApplyResult) => void;
}

/**
 * Steps 5–9 of every ritual: show the plan, stop on --dry-run, confirm when interactive, apply,
 * report. stdout carries the product (the plan under --dry-run, created URLs, or one JSON
 * document); stderr carries the narration.
 */
export async function emitAndApply(
  plan: Plan,
  context: CommandContext,
  deps: Deps,
  options: EmitOptions,
): Promise<ApplyResult | undefined> {
  stopActivity(context);
  const { io } = deps;
  const { globals } = context;
  const notes = options.notes ?? [];
  const beyondLimits = limitProblems(plan);
  if (beyondLimits.length > 0) throw new ValidationError("the plan would break GitLab's limits; nothing was written", beyondLimits);
  const { lock } = options;
  await checkWriteAccess(plan, lock, context);
  if (!globals.json) {
    for (const warning of plan.warnings) warn(io, warning);
  }

  if (globals.dryRun) {
    if (globals.json) {
      printJson(io, planDocument(plan, { dryRun: true }));
      return undefined;
    }
    for (const line of renderPlan(plan, io.out)) printLine(io, line);
    for (const note of notes) status(io, note);
    status(io, 'Dry run: nothing was written to GitLab.');
    return undefined;
  }

  if (isEmpty(plan)) {
    if (globals.json)
      printJson(io, planDocument(plan, { dryRun: false, result: { results: [], done: 0, failed: 0, skipped: 0, interrupted: false } }));
    else {
      for (const note of notes) status(io, note);
      const count = plan.unchanged.length;
      status(
        io,
        `Nothing to do: ${count === 0 ? 'GitLab already matches' : count === 1 ? 'it is already in place' : `all ${count} are already in place`}.`,
      );
    }
    return { results: [], done: 0, failed: 0, skipped: 0, interrupted: false };
  }

  if (!globals.json) {
    for (const line of renderPlan(plan, io.err)) status(io, line);
    for (const note of notes) status(io, note);
  }
  if (!globals.yes) {
    // Writing needs a yes: from a person at a terminal, or --yes in the invocation (gh and glab refuse the
    // same way; Terraform wants -auto-approve). A pipe, --json or --no-input is not a person saying yes.
    if (!context.canPrompt) {
      throw new UsageError(`--yes required when not running interactively; nothing was written to ${plan.scope}`, {
        hint: `pass --yes to apply the plan (${summarisePlan(plan)}), or --dry-run to only show it`,
      });
    }
    const proceed = await deps.prompter.confirm('apply', `Apply ${summarisePlan(plan)} to ${options.target ?? plan.scope}?`, true);
    if (!proceed) throw new CancelledError('cancelled: nothing was written to GitLab');
  }

  const writer = writerOf(context);
  // Ctrl-C stops new writes from starting; those in flight finish, so GitLab is left as a rerun expects.
  const interruption = new AbortController();
  const { result, duplicates } = await withRunLock(plan, lock, context, deps, writer, async () => {
    const progress = globals.json
      ? startProgress({ ...io, stderrIsTTY: false }, 0, '')
      : startProgress(io, plan.actions.length, 'Applying');
    const stopListening = deps.onInterrupt?.(() => {
      if (interruption.signal.aborted) return;
      interruption.abort();
      progress.stop();
      status(io, 'Interrupted: letting the changes in flight finish, starting no new ones…');
    });
    let applied: ApplyResult;
    try {
      applied = await applyPlan(plan, writer, {
        concurrency: globals.concurrency,
        onActionDone: (r) => progress.tick(r.status === 'failed' ? 'failed' : ''),
        signal: interruption.signal,
      });
    } finally {
      stopListening?.();
      progress.stop();
    }
    return { result: applied, duplicates: await convergeDuplicates(plan, applied, context.reader(), writer, globals.concurrency) };
  });
  for (const closed of duplicates.closed) {
    warn(
      io,
      `closed ${closed.closed.reference} as a duplicate of ${closed.kept.reference} (both carried ${closed.key}): ${closed.closed.webUrl}`,
    );
  }
  for (const problem of duplicates.failed) warn(io, `cannot close a duplicate: ${problem}`);
  options.applied?.(result);
  const stats = connectionStats(context);
  if (stats)
    context.debug(
      `${stats.requests} requests (${Object.entries(stats.byMethod)
        .map(([m, n]) => `${m} ${n}`)
        .join(', ')}), ${Math.round(stats.rateLimitWaitMs)} ms waiting on rate limits`,
    );

  const failure = failureOf(plan, result);
  if (globals.json) {
    printJson(io, {
      ...planDocument(plan, { dryRun: false, result, duplicates: duplicates.closed }),
      ...(failure ? { error: errorMember(failure) } : {}),
    });
  } else {
    for (const r of result.results) {
      if (r.kind === 'create-issue' && r.status === 'done' && r.issue) printLine(io, r.issue.webUrl);
    }
    for (const r of result.results.filter((r) => r.status !== 'done' && !(result.interrupted && r.status === 'skipped'))) {
      warn(io, `${r.status}: ${r.summary}: ${r.error ?? ''}`);
    }
    if (result.done > 0) options.report?.(result);
  }
  if (failure) throw failure;
  if (!globals.json) success(io, `Applied ${counted(result.done, 'change')} to ${plan.scope}.`);
  return result;
}

/** The error a run with failed changes ends with: a permission problem (exit 4) when GitLab refused any, else "run it again" (exit 1). */
export function failureOf(plan: Plan, result: ApplyResult): TeamopsError | undefined {
  if (result.interrupted) {
    return new InterruptedError(
      `interrupted: ${result.done} of ${counted(plan.actions.length, 'change')} applied to ${plan.scope}${result.failed ? `, ${result.failed} failed` : ''}, ${result.skipped} not started`,
    );
  }
  if (result.failed === 0 && result.skipped === 0) return undefined;
  const denied = result.results.filter((r) => r.denied).length;
  const tally = `${result.failed} of ${plan.actions.length} changes failed${result.skipped ? ` and ${result.skipped} were not attempted` : ''}; ${result.done} were applied`;
  if (denied > 0) {
    return new AuthError(`${tally}; GitLab refused ${denied} of them to the token's user`, {
      hint: `running it again will not help: the token needs the "api" scope and its user at least the Planner role (Developer to push) in ${plan.scope}; check with the same command and --dry-run`,
    });
  }
  return new ApplyError(tally);
}

/** How --json documents carry a failure. */
export function errorMember(error: TeamopsError): { message: string; hint?: string; exitCode: number } {
  return { message: error.message, ...(error.hint ? { hint: error.hint } : {}), exitCode: error.exitCode };
}
