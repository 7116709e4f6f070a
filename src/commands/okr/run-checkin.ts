import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import { printLine, status } from '../../io/output.js';
import type { Prompter } from '../../prompts/prompter.js';
import { readCheckins } from '../../rituals/okr/checkins.js';
import type { KeyResultIssue } from '../../rituals/okr/key-result-issue.js';
import { MEASURE_EXAMPLES, parseMeasure } from '../../rituals/okr/measure.js';
import { planCheckin, type CheckinEntry } from '../../rituals/okr/plan-checkin.js';
import { planReminders } from '../../rituals/okr/plan-reminders.js';
import { formatScore, readKeyResultProgress } from '../../rituals/okr/progress.js';
import { compareText, counted } from '../../rituals/common/text.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { readQuarterKeyResults } from './read-key-results.js';
import { scopesOf, statusRequest } from './run-status.js';
import type { OkrCheckinOptions } from './checkin.js';

export async function runOkrCheckin(options: OkrCheckinOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { request, labels } = statusRequest(options, context.config, context.today);
  const scopes = scopesOf(options, context.config);
  const reader = context.reader();
  if (options.remind) {
    const { keyResults } = await readQuarterKeyResults(reader, scopes, labels, (kr) => kr.state === 'opened');
    const plan = planReminders(keyResults, { quarter: request.quarter, cadence: context.config.okr.checkin_cadence }, context.today);
    await emitAndApply(plan, context, deps, { lock: scopes[0]!.scope, target: `${counted(plan.actions.length, 'key result')}` });
    return;
  }
  if (!options.entry && !context.canPrompt)
    throw new UsageError('missing --kr and --current', {
      hint: 'pass --kr group/project#12 --current VALUE, or run in a terminal to be asked',
    });
  const me = options.entry ? undefined : (await reader.currentUser()).username.toLowerCase();
  const wanted = (kr: { reference: string; assignees: string[]; state: string }) =>
    options.entry
      ? kr.reference.toLowerCase() === options.entry.reference.toLowerCase()
      : kr.state === 'opened' && kr.assignees.some((a) => a.toLowerCase() === me);
  const { keyResults } = await readQuarterKeyResults(reader, scopes, labels, wanted);
  const entries = options.entry ? [options.entry] : await askCheckins(deps.prompter, keyResults.filter(wanted), deps);
  if (entries.length === 0) {
    status(deps.io, 'Nothing to do: no check-in given.');
    return;
  }
  const planning = planCheckin({ keyResults }, { quarter: request.quarter, entries }, context.today);
  if (!planning.ok)
    throw new ValidationError(
      `cannot check in: ${counted(planning.problems.length, 'problem')}; nothing was written to GitLab`,
      planning.problems,
      {
        hint: 'fix the value or the key result (its description needs a "Target: from X to Y" line) and run the command again',
      },
    );
  await emitAndApply(planning.plan, context, deps, {
    lock: scopes[0]!.scope,
    report: () => {
      for (const c of planning.plan.context.checkins)
        printLine(deps.io, `${c.reference}\t${c.current}\t${c.deltaText}\t${formatScore(c.score)}\t${c.webUrl}`);
    },
  });
}

/** One question per key result assigned to the user, showing its last check-in; an empty answer skips it. */
async function askCheckins(prompter: Prompter, keyResults: KeyResultIssue[], deps: Deps): Promise<CheckinEntry[]> {
  if (keyResults.length === 0) {
    status(deps.io, 'No open key result of the quarter is assigned to you.');
    return [];
  }
  const entries: CheckinEntry[] = [];
  for (const kr of [...keyResults].sort((a, b) => compareText(a.reference, b.reference))) {
    const progress = readKeyResultProgress(kr.description);
    const last = readCheckins(kr.reference, kr.notes).at(-1);
    const lastText = last ? `last check-in ${last.current ?? '?'} on ${last.date}` : `now ${progress.current ?? 'not set'}`;
    const value = await prompter.input(
      'okr.checkin.current',
      `${kr.reference} ${kr.title} (${progress.target ?? 'no target'}; ${lastText}): value today (empty: skip)`,
      { validate: (v) => (v.trim() === '' || parseMeasure(v) ? true : `enter ${MEASURE_EXAMPLES}, or nothing to skip`) },
    );
    if (value.trim() === '') continue;
    const note = await prompter.input('okr.checkin.note', 'A note for the check-in comment (optional)');
    entries.push({ reference: kr.reference, value: value.trim(), note: note.trim() || undefined });
  }
  return entries;
}
