import type { Deps } from '../../deps.js';
import { planSloInit } from '../../rituals/slo/plan-init.js';
import { assigneesOf, peopleOfStep, usernamesOf, type StepPeople } from '../../rituals/slo/settings.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import type { SloInitOptions } from './init.js';
import { readSloIssues, readSloPeople, sloProject } from './read-state.js';
import { loadSlo } from './shared.js';

export async function runSloInit(options: SloInitOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const doing = `cannot open the SLO lifecycle of ${options.service}`;
  const people: StepPeople[] = [];
  const { settings, services } = loadSlo(context, doing, options.service, (loaded, [picked]) => {
    const problems: string[] = [];
    if (picked) people.push(...loaded.chart.map((step) => peopleOfStep(loaded, picked, step, problems)));
    return problems;
  });
  const service = services[0]!;
  const project = sloProject(settings);
  const assignees = [...new Set(people.flatMap(assigneesOf))];
  const userIds = await readSloPeople(context, doing, project, usernamesOf(people), assignees);
  const existing = await readSloIssues(context, project, service, (key) => key.includes('/lifecycle/'));
  const plan = planSloInit({ project, existing, userIds }, { service, chart: settings.chart, people }, context.today);
  await emitAndApply(plan, context, deps, { lock: { kind: 'project', ref: project } });
}
