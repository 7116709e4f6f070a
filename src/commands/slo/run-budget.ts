import type { Deps } from '../../deps.js';
import { printJson, printLine } from '../../io/output.js';
import { HANDLE_ERROR_BUDGET } from '../../rituals/slo/chart.js';
import { recoveryKey } from '../../rituals/slo/keys.js';
import { latestEpisode, planSloBudget } from '../../rituals/slo/plan-budget.js';
import { assigneesOf, usernamesOf } from '../../rituals/slo/settings.js';
import { budgetLeft, eventsLeft, statusDocument, timeLeft, type StatusDocument } from '../../rituals/slo/status.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { planningInstant } from '../common/planning-instant.js';
import type { SloBudgetOptions } from './budget.js';
import { readSloIssues, readSloPeople, sloProject } from './read-state.js';
import { unchangedNotes, loadSlo, openPrometheus, readBudgets } from './shared.js';
import { loadSloStep } from './step.js';

function printBudgets(document: StatusDocument, actions: Map<string, string>): string[] {
  return document.services.flatMap((service) => [
    `${service.service}: ${budgetLeft(service)} of the error budget left (${service.events ? `${eventsLeft(service)} events, ` : ''}${timeLeft(service)}); ${
      service.crossed.length === 0 ? 'within the policy' : `crosses ${service.crossed.map((c) => c.rule).join(', ')}`
    }`,
    ...service.crossed.map((c) => `  - ${c.rule}: ${actions.get(c.rule) ?? ''}`),
  ]);
}

export async function runSloBudget(options: SloBudgetOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const doing = 'cannot apply the error budget policy';
  if (!options.applyPolicy) {
    const { settings, services } = loadSlo(context, 'cannot check the error budgets', options.service);
    const at = planningInstant(context, deps);
    const document = statusDocument(
      'slo budget',
      at,
      await readBudgets(openPrometheus(context, deps, settings), settings, services, at),
      settings.policy,
    );
    if (options.globals.json) return printJson(deps.io, document);
    for (const line of printBudgets(document, new Map(settings.policy.map((rule) => [rule.name, rule.action])))) printLine(deps.io, line);
    return;
  }
  const { settings, services, step, people } = loadSloStep(context, doing, options.service, HANDLE_ERROR_BUDGET);
  const project = sloProject(settings);
  const at = planningInstant(context, deps);
  const statuses = await readBudgets(openPrometheus(context, deps, settings), settings, services, at);
  const userIds = await readSloPeople(context, doing, project, usernamesOf(people), [...new Set(people.flatMap(assigneesOf))]);
  const entries = await Promise.all(
    services.map(async (service, i) => {
      const existing = await readSloIssues(context, project, service);
      const latest = latestEpisode(service.name, existing);
      const notes = latest ? await context.reader().listNotes(project, latest.issue.iid) : [];
      return {
        service,
        status: statuses[i]!,
        existing,
        latestRecovered: notes.some((n) => n.key === recoveryKey(latest!.key)),
        people: people[i]!,
      };
    }),
  );
  const plan = planSloBudget({ project, at, services: entries, userIds }, { policy: settings.policy, step }, context.today);
  await emitAndApply(plan, context, deps, { lock: { kind: 'project', ref: project }, notes: unchangedNotes(plan, context) });
}
