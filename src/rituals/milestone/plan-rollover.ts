// At the end of a milestone, its open issues (and, when asked, merge requests) move to the next one, labelled with the milestone they missed; closed ones stay where they shipped.
import { ValidationError } from '../../errors.js';
import { createPlan, type Plan } from '../../plan/plan.js';
import type { IsoDate } from '../common/calendar.js';
import { chooseMilestones, type ChosenMilestones } from './choose-milestones.js';
import { closeProblem, planClose } from './close-milestone.js';
import { missedLabel, missedLabelProblems } from './missed-label.js';
import { isNoMilestone, type RolloverItem, type RolloverRequest, type RolloverScope, type RolloverState } from './model.js';
import { chooseApiPath, sendInBulk, type ApiPath } from './bulk-moves.js';
import { healthProblem, planHealthStatus } from './health-status.js';
import { planCircuitBreakers } from './circuit-breakers.js';
import { planMoves, type Moves } from './move-items.js';
import { countsOf, summaryOf, type RolloverReport } from './report.js';
import type { RolloverEntry } from './slips.js';

/** The milestones chosen, and the items the rollover moves or finds moved. */
interface Rollover extends Moves, ChosenMilestones {
  scope: RolloverScope;
  api: ApiPath;
}

/**
 * The rollover as a plan: the moves, the close when asked, and the slip report as its context.
 * Throws a ValidationError listing every problem when the rollover cannot be planned.
 */
export function planRollover(state: RolloverState, request: RolloverRequest, today: IsoDate): Plan<RolloverReport> {
  const rollover = chooseRollover(state, request, today);
  const moves = planMoves(rollover, request.missedLabelPattern);
  const { unchanged, items } = moves;
  const actions =
    rollover.api.path === 'graphql'
      ? sendInBulk(moves.actions, rollover.open, { ...rollover, existingLabels: state.bulk?.existingLabels ?? [] })
      : moves.actions;
  const byReference = new Map([...rollover.open, ...rollover.alreadyMoved].map((item) => [item.reference, item]));
  const entries = items.flatMap((entry) => {
    const item = byReference.get(entry.reference);
    return item ? [{ item, entry }] : [];
  });
  if (request.health) {
    const health = planHealthStatus(entries, new Set(actions.map((action) => action.key)));
    actions.push(...health.actions);
    unchanged.push(...health.unchanged);
  }
  if (request.circuitBreakers.enabled && state.breakers) {
    const breakers = planCircuitBreakers(entries, rollover.to, request.circuitBreakers, state.breakers);
    actions.push(...breakers.actions);
    unchanged.push(...breakers.unchanged);
  }
  if (request.close) {
    const moves = actions.filter((a) => a.kind === 'update-issue' || a.kind === 'update-merge-request').map((a) => a.key);
    const close = planClose(rollover.from, moves);
    if ('action' in close) actions.push(close.action);
    else unchanged.push(close.unchanged);
  }
  const context = reportOf(rollover, request, items);
  return createPlan({
    command: 'milestone rollover',
    scope: rollover.scope.path,
    date: today,
    actions,
    unchanged,
    warnings: rollover.warnings,
    context,
  });
}

/** The milestones and items of the rollover, once the scope, the person, the milestones and the label all check out. */
function chooseRollover(state: RolloverState, request: RolloverRequest, today: IsoDate): Rollover {
  const problems = state.assignee === null ? [`--assignee: no GitLab user is called @${request.assignee}`] : [];
  if ('problem' in state.scope) throw cannotRollOver([state.scope.problem, ...problems]);
  const choice = chooseMilestones(state.milestones, request, today);
  if (!choice.ok) throw cannotRollOver([...problems, ...choice.problems]);

  const { from, to } = choice;
  const label = missedLabel(request, from.title);
  const closing = request.close ? closeProblem(from, { ...state.scope, name: request.scopeName }) : null;
  problems.push(...(closing ? [closing] : []), ...missedLabelProblems(label, from.title));
  const toTitle = isNoMilestone(to) ? null : to.title;
  const open = state.open.filter((item) => item.milestoneTitle === from.title && hasLabels(item, request.labels));
  // Without the label an earlier run's moves cannot be told apart from other items in `to`.
  const alreadyMoved =
    label === null
      ? []
      : state.labelled.filter((item) => item.milestoneTitle === toTitle && item.labels.includes(label) && hasLabels(item, request.labels));
  const api = chooseApiPath(request, state.bulk, open.filter((item) => item.kind === 'issue').length);
  if ('problem' in api) problems.push(api.problem);
  const health = request.health ? healthProblem([...open, ...alreadyMoved], request.scopeName) : null;
  if (health) problems.push(health);
  if (problems.length > 0 || 'problem' in api) throw cannotRollOver(problems);
  return { ...choice, scope: state.scope, label, open, alreadyMoved, api };
}

/** --label: the item carries every one of them (as GitLab's `labels=` filter means). */
const hasLabels = (item: RolloverItem, labels: readonly string[]) => labels.every((label) => item.labels.includes(label));

const cannotRollOver = (problems: string[]) => new ValidationError('cannot roll over', problems);

function reportOf(rollover: Rollover, request: RolloverRequest, items: RolloverEntry[]): RolloverReport {
  return {
    from: summaryOf(rollover.from),
    to: summaryOf(rollover.to),
    assignee: request.assignee,
    missedLabel: rollover.label,
    close: request.close,
    includeMergeRequests: request.includeMergeRequests,
    api: rollover.api,
    labels: request.labels,
    health: request.health,
    slips: { choice: request.slips, setting: request.slipsSetting },
    items,
    counts: countsOf(items),
  };
}
