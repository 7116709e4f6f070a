import type { Deps } from '../../deps.js';
import { printJson, printLine, printTable, status } from '../../io/output.js';
import { planQueue, type QueueResult } from '../../rituals/queue/plan-queue.js';
import type { QueueEntry } from '../../rituals/queue/model.js';
import { openContext } from '../common/context.js';
import { planningInstant } from '../common/planning-instant.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import type { QueueOptions } from './index.js';
import { readQueueState } from './read-state.js';
import { queueScope } from './scope.js';

export async function runQueue(options: QueueOptions, deps: Deps): Promise<void> {
  rejectProjectAndGroup(options, 'the queue looks at one place');
  const context = openContext(options.globals, deps);
  const scope = queueScope(options, context.config);
  const state = await readQueueState(context, scope, options.user);
  const result = planQueue(state, planningInstant(context, deps).toISOString());
  const entries = result.dri ? [] : result.entries.slice(0, options.limit);
  if (options.globals.json) {
    printJson(deps.io, {
      schemaVersion: 1,
      command: 'queue',
      user: result.user,
      date: result.date,
      dri: result.dri,
      entries,
      unplaced: result.unplaced,
    });
    return;
  }
  printQueue(deps, { ...result, entries });
}

function detail(entry: QueueEntry): string {
  if (entry.review) return `review SLO: ${entry.review.state} (${entry.review.workingHours} of ${entry.review.sloHours} working hours)`;
  if (entry.blockedBy) return entry.blockedBy.join(', ');
  if (entry.claimedFor) return `you claimed it from ${entry.claimedFor}`;
  return '';
}

function printQueue(deps: Deps, result: QueueResult): void {
  const { io } = deps;
  if (result.dri) {
    status(io, `@${result.user} is DRI this week (${result.dri.issue.reference}): the queue is the DRI duties. Open DRI requests:`);
    if (result.dri.requests.length === 0) status(io, 'none open');
    for (const request of result.dri.requests) printLine(io, `${request.reference}\t${request.title}\t${request.webUrl}`);
    return;
  }
  if (result.entries.length === 0) {
    status(io, `Nothing in @${result.user}'s queue for ${result.date}.`);
    return;
  }
  const rows = result.entries.map((e) => [String(e.level), e.do, e.reference, e.title, `${e.ageDays}d`, detail(e), e.webUrl]);
  printTable(io, ['LEVEL', 'DO', 'ITEM', 'TITLE', 'AGE', 'WHY', 'URL'], rows);
  if (result.unplaced > 0) status(io, `${result.unplaced} more item(s) have no priority label the table places; label them priority::1–4.`);
}
