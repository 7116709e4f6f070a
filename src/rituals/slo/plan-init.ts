// `slo init SERVICE` opens the SLO lifecycle of a service: one issue per step of the RACI chart, in
// the chart's order, labelled with its phase and the service, assigned to the Responsible people,
// and each linked to the step before it. A step whose issue exists (found by its key) is left as
// people have made it; a rerun only fills what is missing.
import type { ProjectRef } from '../../gitlab/port.js';
import { createPlan, type Action, type IssueTarget, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import { PHASE_NAMES, type ChartStep } from './chart.js';
import { lifecycleKey, phaseLabel, serviceLabel } from './keys.js';
import { formatPercent } from './measures.js';
import { raciTable, whoGetsWhat } from './people.js';
import { assigneesOf, type SloService, type StepPeople } from './settings.js';

export interface ExistingSloIssue {
  project: ProjectRef;
  iid: number;
  reference: string;
  webUrl: string;
  title: string;
  state: 'opened' | 'closed';
  /** The iids of the issues linked to it. */
  linkedIids: number[];
}

export interface SloInitState {
  project: string;
  /** Existing SLO issues of the service, by key. */
  existing: Record<string, ExistingSloIssue>;
  userIds: Record<string, number>;
}

export interface SloInitRequest {
  service: SloService;
  chart: ChartStep[];
  people: StepPeople[];
}

export interface SloInitContext {
  service: string;
  steps: Array<{
    step: string;
    phase: string;
    key: string;
    assignees: string[];
    accountable: string[];
    consulted: string[];
    informed: string[];
  }>;
}

export function stepTitle(service: string, step: ChartStep, index: number): string {
  return `SLO ${service}: ${index + 1}. ${step.title} (${PHASE_NAMES[step.phase]})`;
}

/** The service's SLO as the talk writes it, for every SLO issue. */
export function sloSummary(service: SloService): string {
  const lines = [`**SLO:** ${formatPercent(service.objective)} over ${service.window}`];
  if (service.description) lines.push('', `> ${service.description}`);
  return lines.join('\n');
}

function stepDescription(request: SloInitRequest, index: number): string {
  const step = request.chart[index]!;
  const phaseSteps = request.chart.filter((s) => s.phase === step.phase);
  return [
    `Step ${index + 1} of ${request.chart.length} of the SLO lifecycle of **${request.service.name}**: ${PHASE_NAMES[step.phase]} phase (${phaseSteps.indexOf(step) + 1} of ${phaseSteps.length}).`,
    '',
    sloSummary(request.service),
    '',
    '### RACI',
    '',
    raciTable(request.people[index]!),
    '',
    'The Responsible people are assigned; the Accountable person decides, Consulted people are asked before, Informed people are told after.',
  ].join('\n');
}

export function planSloInit(state: SloInitState, request: SloInitRequest, today: string): Plan<SloInitContext> {
  const { service, chart } = request;
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  const targets: IssueTarget[] = [];
  const context: SloInitContext = { service: service.name, steps: [] };
  const usernames = (people: StepPeople[keyof StepPeople]) => [...new Set(people.flatMap((p) => p.usernames))];

  chart.forEach((step, index) => {
    const key = lifecycleKey(service.name, step.id);
    const people = request.people[index]!;
    const assignees = assigneesOf(people);
    const title = stepTitle(service.name, step, index);
    context.steps.push({
      step: step.title,
      phase: step.phase,
      key,
      assignees,
      accountable: usernames(people.accountable),
      consulted: usernames(people.consulted),
      informed: usernames(people.informed),
    });
    const existing = state.existing[key];
    if (existing) {
      unchanged.push({ key, summary: `step "${step.title}" exists: ${existing.reference}`, url: existing.webUrl });
      targets.push({ project: existing.project, iid: existing.iid });
    } else {
      actions.push({
        kind: 'create-issue',
        key,
        summary: `create "${title}" in ${state.project}, ${whoGetsWhat(people, assignees)}`,
        project: state.project,
        issue: {
          title,
          description: stepDescription(request, index),
          labels: [phaseLabel(step.phase), serviceLabel(service.name)],
          assigneeIds: assignees.map((username) => state.userIds[username]!),
        },
      });
      targets.push({ project: state.project, createdBy: key });
    }
    if (index === 0) return;
    const previous = chart[index - 1]!;
    const previousIssue = state.existing[lifecycleKey(service.name, previous.id)];
    const linkKey = `${key}/follows`;
    if (previousIssue && existing && existing.linkedIids.includes(previousIssue.iid)) {
      unchanged.push({ key: linkKey, summary: `"${step.title}" is linked to "${previous.title}"` });
      return;
    }
    actions.push({
      kind: 'link-issues',
      key: linkKey,
      summary: `link "${step.title}" to the step before it, "${previous.title}"`,
      source: targets[index - 1]!,
      target: targets[index]!,
    });
  });

  return createPlan({ command: 'slo init', scope: state.project, date: today, actions, unchanged, context });
}
