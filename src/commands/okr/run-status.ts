import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import { printJson } from '../../io/output.js';
import { teamLabel } from '../../rituals/okr/labels.js';
import { issueId } from '../../rituals/okr/model.js';
import { resolveOkrQuarter } from '../../rituals/okr/quarter.js';
import { summariseOkrs, type OkrStatusRequest } from '../../rituals/okr/status.js';
import type { IsoDate } from '../../rituals/common/calendar.js';
import { openContext } from '../common/context.js';
import { printStatus } from './print-status.js';
import { readQuarterKeyResults } from './read-key-results.js';
import { type NamedScope, type StatusLabels } from './read-status.js';
import { okrSettings } from './settings.js';
import type { OkrStatusOptions } from './status.js';

export async function runOkrStatus(options: OkrStatusOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { request, labels } = statusRequest(options, context.config, context.today);
  const scopes = scopesOf(options, context.config);
  const { status: state, keyResults } = await readQuarterKeyResults(context.reader(), scopes, labels);
  const document = summariseOkrs({ ...state, notes: Object.fromEntries(keyResults.map((kr) => [issueId(kr), kr.notes])) }, request);
  if (options.globals.json) printJson(deps.io, document);
  else printStatus(document, deps.io);
}

/** The quarter and team asked for, and the labels that find their issues; a label teamops.yml cannot make stops the command. */
export function statusRequest(
  options: Pick<OkrStatusOptions, 'quarter' | 'team'>,
  config: TeamopsConfig,
  today: IsoDate,
): { request: OkrStatusRequest; labels: StatusLabels } {
  const settings = okrSettings(config);
  const { quarter, problems } = resolveOkrQuarter({ flag: options.quarter }, today, settings.quarters);
  if (!quarter) throw new UsageError(problems.join('; '));
  const team = options.team === undefined ? undefined : teamLabel(options.team, settings.labels.team, problems);
  if (problems.length > 0)
    throw new ValidationError('teamops.yml: cannot make the OKR labels to look for', problems, {
      hint: 'fix labels.* in teamops.yml and run the command again',
    });
  return {
    request: {
      quarter,
      team: options.team ?? null,
      labels: { keyResult: settings.labels.keyResult, teamPattern: settings.labels.team },
      scoring: { today, targetScore: config.okr.target_score, cadence: config.okr.checkin_cadence },
    },
    labels: { quarter: quarter.label, objective: settings.labels.objective, keyResult: settings.labels.keyResult, team },
  };
}

/** Where to look, each with where it was named, for messages: --group, else --project, else teamops.yml. */
export function scopesOf(options: Pick<OkrStatusOptions, 'projects' | 'group'>, config: TeamopsConfig): NamedScope[] {
  if (options.group) return [{ scope: { kind: 'group', ref: options.group }, source: '--group' }];
  const configured: Array<[string, string | undefined]> = [
    ['okr.project', config.okr.project],
    ...Object.entries(config.okr.teams).map(([name, t]): [string, string | undefined] => [`okr.teams.${name}.project`, t.project]),
  ];
  const named =
    options.projects.length > 0
      ? options.projects.map((p): [string, string] => ['--project', p])
      : configured.filter((c): c is [string, string] => Boolean(c[1]));
  if (named.length === 0)
    throw new UsageError('missing --project', { hint: 'pass --project or --group, or set okr.project in teamops.yml' });
  const byRef = new Map<string, string>();
  for (const [source, ref] of named) if (!byRef.has(ref)) byRef.set(ref, source);
  return [...byRef].map(([ref, source]) => ({ scope: { kind: 'project', ref }, source }));
}
