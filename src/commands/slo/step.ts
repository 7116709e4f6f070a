import { chartStep, peopleOfStep, type SloService, type SloSettings, type StepPeople } from '../../rituals/slo/settings.js';
import type { ChartStep } from '../../rituals/slo/chart.js';
import type { CommandContext } from '../common/context.js';
import { loadSlo } from './shared.js';

export interface LoadedStep {
  settings: SloSettings;
  services: SloService[];
  step: ChartStep;
  /** Per service, in the order of `services`: who plays each role of the step. */
  people: StepPeople[];
}

/** slo: with the chart step a command follows and its people for each service; every problem at once. */
export function loadSloStep(context: CommandContext, doing: string, service: string | undefined, stepId: string): LoadedStep {
  const people: StepPeople[] = [];
  let step: ChartStep | undefined;
  const { settings, services } = loadSlo(context, doing, service, (loaded, picked) => {
    const problems: string[] = [];
    step = chartStep(loaded, stepId, problems);
    if (step) people.push(...picked.map((s) => peopleOfStep(loaded, s, step!, problems)));
    return problems;
  });
  return { settings, services, step: step!, people };
}
