// `slo recalibrate`: once a quarter, per service, the Recalibrate/Planning step of the chart as an
// issue: is the objective still the right one (an aspirational SLO is fine, as long as everyone
// knows it is one), does the SLI still measure what users feel, what spent the budget, and what the
// SLO roadmap holds for the next quarter. One issue per service and quarter, found by its key.
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import type { Quarter } from '../common/quarter.js';
import type { BudgetStatus } from './budget.js';
import type { ChartStep } from './chart.js';
import { figuresTable } from './figures.js';
import { episodeNumber, phaseLabel, recalibrationKey, serviceLabel } from './keys.js';
import { raciTable, whoGetsWhat } from './people.js';
import { sloSummary, type ExistingSloIssue } from './plan-init.js';
import { assigneesOf, type SloService, type StepPeople } from './settings.js';

export interface ServiceRecalibrationState {
  service: SloService;
  existing: Record<string, ExistingSloIssue>;
  /** The figures now, when slo.prometheus.url is set. */
  status: BudgetStatus | null;
  people: StepPeople;
}

export interface SloRecalibrateState {
  project: string;
  at: Date;
  services: ServiceRecalibrationState[];
  userIds: Record<string, number>;
}

export interface SloRecalibrateRequest {
  quarter: Quarter;
  step: ChartStep;
}

export interface SloRecalibrateContext {
  quarter: string;
  services: string[];
}

function description(state: SloRecalibrateState, entry: ServiceRecalibrationState, quarter: Quarter): string {
  const episodes = Object.entries(entry.existing)
    .filter(([key]) => episodeNumber(entry.service.name, key) !== undefined)
    .sort(([a], [b]) => episodeNumber(entry.service.name, a)! - episodeNumber(entry.service.name, b)!)
    .map(([, issue]) => `${issue.reference} (${issue.state === 'opened' ? 'open' : 'closed'})`);
  return [
    `Recalibrate the SLO of **${entry.service.name}** and plan ${quarter.name} (${quarter.start} to ${quarter.end}).`,
    '',
    sloSummary(entry.service),
    '',
    entry.status ? figuresTable(entry.status, state.at) : 'No figures: slo.prometheus.url is not set.',
    '',
    `Error budget episodes so far: ${episodes.length > 0 ? episodes.join(', ') : 'none'}.`,
    '',
    '### To decide',
    '',
    '- [ ] Is the objective still the right one? An aspirational SLO is fine, as long as everyone knows it is one.',
    '- [ ] Does the SLI still measure what users feel? Is the window still right?',
    '- [ ] What spent the error budget, and did the policy help planning?',
    '- [ ] What does the SLO roadmap hold for this quarter?',
    '',
    '### RACI',
    '',
    raciTable(entry.people),
  ].join('\n');
}

export function planSloRecalibrate(state: SloRecalibrateState, request: SloRecalibrateRequest, today: string): Plan<SloRecalibrateContext> {
  const { quarter, step } = request;
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  for (const entry of state.services) {
    const name = entry.service.name;
    const key = recalibrationKey(name, quarter.name);
    const existing = entry.existing[key];
    if (existing) {
      unchanged.push({ key, summary: `${name}: recalibration of ${quarter.name} exists: ${existing.reference}`, url: existing.webUrl });
      continue;
    }
    const assignees = assigneesOf(entry.people);
    const title = `Recalibrate/Planning: ${name} SLO, ${quarter.name}`;
    actions.push({
      kind: 'create-issue',
      key,
      summary: `create "${title}" in ${state.project}, ${whoGetsWhat(entry.people, assignees)}`,
      project: state.project,
      issue: {
        title,
        description: description(state, entry, quarter),
        labels: [phaseLabel(step.phase), serviceLabel(name)],
        assigneeIds: assignees.map((username) => state.userIds[username]!),
      },
    });
  }
  return createPlan({
    command: 'slo recalibrate',
    scope: state.project,
    date: today,
    actions,
    unchanged,
    context: { quarter: quarter.name, services: state.services.map((s) => s.service.name) },
  });
}
