// `slo budget --apply-policy`: the error budget policy, applied from a pipeline. When a service
// crosses a rule of the policy, an episode starts: one "Handle error budget" issue, assigned as the
// chart's Handle Error Budget row says, with the figures and what the policy says to do. While the
// episode lasts, nothing more is opened, however often the pipeline runs or however many rules are
// crossed. When the service is back within every rule, the episode ends with a comment on its
// issue; the next crossing is a new episode. Episodes are numbered (`slo/<service>/error-budget/<n>`),
// so two runs that see the same state open the same issue, never two.
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import type { BudgetStatus } from './budget.js';
import type { ChartStep } from './chart.js';
import { figuresTable } from './figures.js';
import { episodeKey, episodeNumber, phaseLabel, recoveryKey, serviceLabel } from './keys.js';
import { formatPercent } from './measures.js';
import { raciTable, whoGetsWhat } from './people.js';
import { sloSummary, type ExistingSloIssue } from './plan-init.js';
import { crossedRules, describeRule, type PolicyRule, type TriggeredRule } from './policy.js';
import { assigneesOf, type SloService, type StepPeople } from './settings.js';

export interface ServiceBudgetState {
  service: SloService;
  status: BudgetStatus;
  /** Existing SLO issues of the service, by key. */
  existing: Record<string, ExistingSloIssue>;
  /** Whether the latest episode's issue carries its recovery comment. */
  latestRecovered: boolean;
  people: StepPeople;
}

export interface SloBudgetState {
  project: string;
  at: Date;
  services: ServiceBudgetState[];
  userIds: Record<string, number>;
}

export interface SloBudgetRequest {
  policy: PolicyRule[];
  step: ChartStep;
}

export interface SloBudgetContext {
  at: string;
  services: Array<{
    service: string;
    crossed: string[];
    episode: number | null;
    outcome: 'opened' | 'ongoing' | 'recovered' | 'within-policy';
  }>;
}

/** The latest episode of a service, by number, or null. */
export function latestEpisode(
  service: string,
  existing: Record<string, ExistingSloIssue>,
): { number: number; key: string; issue: ExistingSloIssue } | null {
  let latest: { number: number; key: string; issue: ExistingSloIssue } | null = null;
  for (const [key, issue] of Object.entries(existing)) {
    const number = episodeNumber(service, key);
    if (number !== undefined && (!latest || number > latest.number)) latest = { number, key, issue };
  }
  return latest;
}

function valueText(triggered: TriggeredRule): string {
  return triggered.rule.kind === 'budget-remaining'
    ? `${formatPercent(triggered.value, 1)} left`
    : `burn rate ${triggered.value.toFixed(1)}`;
}

function episodeDescription(state: SloBudgetState, entry: ServiceBudgetState, crossed: TriggeredRule[], number: number): string {
  return [
    `The error budget of **${entry.service.name}** crossed the error budget policy (episode ${number}).`,
    '',
    sloSummary(entry.service),
    '',
    figuresTable(entry.status, state.at),
    '',
    '### What the policy says',
    '',
    ...crossed.flatMap((c) => [`**${c.rule.name}** (${describeRule(c.rule)}; now ${valueText(c)}): ${c.rule.action}`, '']),
    'The error budget is an additional signal for planning: weigh it with the roadmap, not instead of it.',
    'teamops comments here when the service is back within the policy.',
    '',
    '### RACI',
    '',
    raciTable(entry.people),
  ].join('\n');
}

function recoveryNote(state: SloBudgetState, entry: ServiceBudgetState): string {
  return [
    `The error budget of **${entry.service.name}** is back within the policy: this episode is over.`,
    '',
    figuresTable(entry.status, state.at),
  ].join('\n');
}

export function planSloBudget(state: SloBudgetState, request: SloBudgetRequest, today: string): Plan<SloBudgetContext> {
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  const context: SloBudgetContext = { at: state.at.toISOString(), services: [] };
  for (const entry of state.services) {
    const name = entry.service.name;
    const crossed = crossedRules(request.policy, entry.status);
    const latest = latestEpisode(name, entry.existing);
    const ongoing = latest !== null && !entry.latestRecovered ? latest : null;
    const crossedNames = crossed.map((c) => c.rule.name);
    if (crossed.length > 0 && ongoing) {
      unchanged.push({
        key: ongoing.key,
        summary: `${name}: error budget episode ${ongoing.number} is open: ${ongoing.issue.reference}`,
        url: ongoing.issue.webUrl,
      });
      context.services.push({ service: name, crossed: crossedNames, episode: ongoing.number, outcome: 'ongoing' });
    } else if (crossed.length > 0) {
      const number = (latest?.number ?? 0) + 1;
      const key = episodeKey(name, number);
      const assignees = assigneesOf(entry.people);
      const title = `Handle error budget: ${name}, ${crossed[0]!.rule.name} (${today})`;
      actions.push({
        kind: 'create-issue',
        key,
        summary: `create "${title}" in ${state.project} (${crossedNames.join(', ')}), ${whoGetsWhat(entry.people, assignees)}`,
        project: state.project,
        issue: {
          title,
          description: episodeDescription(state, entry, crossed, number),
          labels: [phaseLabel(request.step.phase), serviceLabel(name)],
          assigneeIds: assignees.map((username) => state.userIds[username]!),
        },
      });
      context.services.push({ service: name, crossed: crossedNames, episode: number, outcome: 'opened' });
    } else if (ongoing) {
      actions.push({
        kind: 'create-note',
        key: recoveryKey(ongoing.key),
        summary: `comment on ${ongoing.issue.reference}: the error budget of ${name} has recovered`,
        target: { project: ongoing.issue.project, iid: ongoing.issue.iid },
        body: recoveryNote(state, entry),
      });
      context.services.push({ service: name, crossed: [], episode: ongoing.number, outcome: 'recovered' });
    } else {
      unchanged.push({ key: `slo/${name}/error-budget`, summary: `${name}: within the error budget policy` });
      context.services.push({ service: name, crossed: [], episode: latest?.number ?? null, outcome: 'within-policy' });
    }
  }
  return createPlan({ command: 'slo budget', scope: state.project, date: today, actions, unchanged, context });
}
