// The SLO lifecycle's RACI chart, from the Red Hat SRE talk: each step of the lifecycle, the phase
// it belongs to, and for each persona whether they are Responsible, Accountable, Consulted or
// Informed. It is data: teamops.yml's `slo.chart` replaces it.
//
// The talk groups the steps into three phases without placing every step; teamops places them so
// that each phase ends with a decision the next one builds on:
// - Research ends when the SLO is agreed (existence, proposal, agreement);
// - Implementation measures it and runs the roadmap that makes it hold (measure and track, propose,
//   agree and execute the roadmap);
// - Iteration is the standing work once it is measured (handle the error budget, recalibrate and
//   plan each quarter).

export const PHASES = ['research', 'implementation', 'iteration'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_NAMES: Record<Phase, string> = { research: 'Research', implementation: 'Implementation', iteration: 'Iteration' };

/** `A/R` is both Accountable and Responsible, as the chart writes it. */
export const RACI_LETTERS = ['R', 'A', 'A/R', 'C', 'I'] as const;
export type RaciLetter = (typeof RACI_LETTERS)[number];

export interface ChartStep {
  /** Stable: idempotency keys use it, and `handle-error-budget` and `recalibrate-planning` name the steps `slo budget` and `slo recalibrate` follow. */
  id: string;
  title: string;
  phase: Phase;
  /** Persona id → letter; personas not listed have no part in the step. */
  raci: Record<string, RaciLetter>;
}

export const HANDLE_ERROR_BUDGET = 'handle-error-budget';
export const RECALIBRATE_PLANNING = 'recalibrate-planning';

/** The chart's columns, as the talk names them. */
export const BUNDLED_PERSONAS: Record<string, string> = {
  service_owner: 'Service Owner',
  product_owner: 'Product Owner(s)',
  eng_lead: 'Eng/Quality Lead',
  engineer: 'Sw. Eng/QE',
  sre: 'SRE IC',
  eng_manager: 'Eng Manager/Director',
  exec: 'Exec (VP)',
};

const row = (letters: string): Record<string, RaciLetter> => {
  const cells = letters.split(/\s+/) as RaciLetter[];
  return Object.fromEntries(Object.keys(BUNDLED_PERSONAS).map((persona, i) => [persona, cells[i]!]));
};

// Columns: Service Owner, Product Owner(s), Eng/Quality Lead, Sw. Eng/QE, SRE IC, Eng Manager/Director, Exec (VP).
export const BUNDLED_CHART: ChartStep[] = [
  { id: 'existence', title: 'Existence of SLO', phase: 'research', raci: row('A/R C R A C C I') },
  { id: 'propose', title: 'Propose SLO', phase: 'research', raci: row('C R R C C A I') },
  { id: 'agree', title: 'Agree on SLO', phase: 'research', raci: row('A R R C I I I') },
  { id: 'measure-track', title: 'Measure+Track SLO', phase: 'implementation', raci: row('I I R I A/R I I') },
  { id: 'propose-roadmap', title: 'Propose SLO Roadmap', phase: 'implementation', raci: row('C C A/R C C I I') },
  { id: 'agree-roadmap', title: 'Agree SLO Roadmap', phase: 'implementation', raci: row('A/R R C C C R I') },
  { id: 'execute-roadmap', title: 'Execute SLO Roadmap', phase: 'implementation', raci: row('I I A R R C I') },
  { id: HANDLE_ERROR_BUDGET, title: 'Handle Error Budget', phase: 'iteration', raci: row('C A R C I R I') },
  { id: RECALIBRATE_PLANNING, title: 'Recalibrate/Planning', phase: 'iteration', raci: row('A R R C C C I') },
];

export interface StepRoles {
  responsible: string[];
  accountable: string[];
  consulted: string[];
  informed: string[];
}

/** The personas of each role in a step, in the chart's column order; `A/R` counts in both. */
export function rolesOf(step: ChartStep): StepRoles {
  const having = (...letters: RaciLetter[]) =>
    Object.entries(step.raci)
      .filter(([, letter]) => letters.includes(letter))
      .map(([persona]) => persona);
  return {
    responsible: having('R', 'A/R'),
    accountable: having('A', 'A/R'),
    consulted: having('C'),
    informed: having('I'),
  };
}
