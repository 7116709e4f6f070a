// What the SLO rituals take from teamops.yml, checked as a whole: every problem is reported
// together, before Prometheus or GitLab is asked anything.
import type { SloSection } from '../../config/sections/slo.js';
import { slugify } from '../okr/keys.js';
import { BUNDLED_CHART, BUNDLED_PERSONAS, rolesOf, type ChartStep, type StepRoles } from './chart.js';
import { parseDuration, parseObjective } from './measures.js';
import { BUNDLED_POLICY, type PolicyRule } from './policy.js';

export type SliQueries = { kind: 'counts'; good: string; total: string } | { kind: 'ratio'; ratio: string };

export interface SloService {
  name: string;
  description: string | null;
  /** 0.999 for 99.9%. */
  objective: number;
  /** As written: `28d`. */
  window: string;
  windowSeconds: number;
  sli: SliQueries;
  /** Persona → usernames, this service's overrides applied. */
  people: Record<string, string[]>;
}

export interface SloSettings {
  project: string | undefined;
  prometheus: { url: string | undefined; tenant: string | undefined };
  chart: ChartStep[];
  personaNames: Record<string, string>;
  /** The burn-rate windows status shows, and those the policy's rules use. */
  burnWindows: string[];
  policy: PolicyRule[];
  services: SloService[];
}

export interface SloSettingsResult {
  settings: SloSettings;
  problems: string[];
}

function percentage(value: string | number): number {
  return Number(String(value).replace('%', '').trim()) / 100;
}

function chartOf(section: SloSection, problems: string[]): ChartStep[] {
  if (!section.chart) return BUNDLED_CHART;
  const chart = section.chart.map((step) => ({ id: step.id ?? slugify(step.step), title: step.step, phase: step.phase, raci: step.raci }));
  const seen = new Set<string>();
  chart.forEach((step, i) => {
    if (seen.has(step.id)) problems.push(`slo.chart[${i}]: step id "${step.id}" is used twice; give one of them an id`);
    seen.add(step.id);
  });
  return chart;
}

function policyOf(section: SloSection): PolicyRule[] {
  if (!section.policy) return BUNDLED_POLICY;
  return section.policy.map((rule) =>
    rule.when.burn_rate_above !== undefined
      ? { name: rule.name, kind: 'burn-rate', threshold: rule.when.burn_rate_above, window: rule.when.window!, action: rule.action }
      : { name: rule.name, kind: 'budget-remaining', threshold: percentage(rule.when.budget_remaining_below!), action: rule.action },
  );
}

export function sloSettings(section: SloSection): SloSettingsResult {
  const problems: string[] = [];
  const chart = chartOf(section, problems);
  const chartPersonas = new Set(chart.flatMap((step) => Object.keys(step.raci)));
  const known = [...chartPersonas].join(', ');
  for (const persona of Object.keys(section.personas)) {
    if (!chartPersonas.has(persona)) problems.push(`slo.personas.${persona}: unknown persona; the chart's personas are ${known}`);
  }
  const policy = policyOf(section);
  const burnWindows = [
    ...new Set([...section.burn_rate_windows, ...policy.flatMap((rule) => (rule.kind === 'burn-rate' ? [rule.window] : []))]),
  ];
  const services = Object.entries(section.services).map(([name, service]): SloService => {
    for (const persona of Object.keys(service.personas)) {
      if (!chartPersonas.has(persona))
        problems.push(`slo.services.${name}.personas.${persona}: unknown persona; the chart's personas are ${known}`);
    }
    const { good, total, ratio } = service.sli;
    return {
      name,
      description: service.description ?? null,
      objective: parseObjective(service.objective)!,
      window: service.window,
      windowSeconds: parseDuration(service.window)!,
      sli: ratio !== undefined ? { kind: 'ratio', ratio } : { kind: 'counts', good: good!, total: total! },
      people: { ...section.personas, ...service.personas },
    };
  });
  return {
    settings: {
      project: section.project,
      prometheus: { url: section.prometheus.url, tenant: section.prometheus.tenant },
      chart,
      personaNames: { ...BUNDLED_PERSONAS, ...section.persona_names },
      burnWindows,
      policy,
      services,
    },
    problems,
  };
}

/** The service named on the command line, or every service; an unknown name is a problem. */
export function pickServices(settings: SloSettings, name: string | undefined): { services: SloService[]; problems: string[] } {
  if (settings.services.length === 0)
    return { services: [], problems: ['slo.services lists no service; add one with its objective and SLI queries'] };
  if (name === undefined) return { services: settings.services, problems: [] };
  const service = settings.services.find((s) => s.name === name);
  if (service) return { services: [service], problems: [] };
  return { services: [], problems: [`unknown service "${name}"; slo.services has ${settings.services.map((s) => s.name).join(', ')}`] };
}

export interface RolePeople {
  persona: string;
  personaName: string;
  usernames: string[];
}

export type StepPeople = { [Role in keyof StepRoles]: RolePeople[] };

/** Who plays each role of a step for a service; a persona the step names without people is a problem. */
export function peopleOfStep(settings: SloSettings, service: SloService, step: ChartStep, problems: string[]): StepPeople {
  const roles = rolesOf(step);
  const resolve = (personas: string[]): RolePeople[] =>
    personas.map((persona) => {
      const usernames = service.people[persona] ?? [];
      if (usernames.length === 0) {
        const problem = `service ${service.name}: persona ${persona} (${settings.personaNames[persona] ?? persona}) has no people; map it to GitLab usernames in slo.personas.${persona} or slo.services.${service.name}.personas.${persona}`;
        if (!problems.includes(problem)) problems.push(problem);
      }
      return { persona, personaName: settings.personaNames[persona] ?? persona, usernames };
    });
  return {
    responsible: resolve(roles.responsible),
    accountable: resolve(roles.accountable),
    consulted: resolve(roles.consulted),
    informed: resolve(roles.informed),
  };
}

/** The chart step that a command follows (`handle-error-budget`, `recalibrate-planning`). */
export function chartStep(settings: SloSettings, id: string, problems: string[]): ChartStep | undefined {
  const step = settings.chart.find((s) => s.id === id);
  if (!step) problems.push(`slo.chart has no step with id "${id}"; add it (id: ${id}) so teamops knows whom to assign`);
  return step;
}

/** Every username a set of steps names, for checking them against GitLab. */
export function usernamesOf(people: StepPeople[]): string[] {
  const all = people.flatMap((p) => Object.values(p).flatMap((roles: RolePeople[]) => roles.flatMap((role) => role.usernames)));
  return [...new Set(all)];
}

/** Assignees: the people of the Responsible personas (A/R included), each once. */
export function assigneesOf(people: StepPeople): string[] {
  return [...new Set(people.responsible.flatMap((role) => role.usernames))];
}
