// A DRI template may use exactly these variables; it is checked on made-up values, with one
// hand-over request, so that a mistake shows before anything is written.
import { ValidationError } from '../../errors.js';
import { templateProblems } from '../common/issue-body.js';
import type { HandedOff } from './handoff.js';
import type { DriIssue, DriMember, DriRotationContext, DriSettings, DriTemplate, HandoffOption, RequestIssue } from './model.js';

/** teamops' own template (under templates/), used when the project has no issue template of the configured name. */
export const BUNDLED_DRI_TEMPLATE = 'dri.md';
const BUNDLED_NAME = `templates/${BUNDLED_DRI_TEMPLATE}`;

/** The variables a DRI template can use; the sample and the real values must both give each one. */
type DriTemplateVariables = Record<
  | 'dri'
  | 'dri_name'
  | 'previous_dri'
  | 'previous_issue'
  | 'previous_issue_url'
  | 'week_start'
  | 'week_end'
  | 'handover'
  | 'to_discuss'
  | 'team'
  | 'missed_weeks'
  | 'substitute_for'
  | 'project'
  | 'active_request_label',
  unknown
>;

const handoverVariable = (request: Pick<RequestIssue, 'reference' | 'title' | 'webUrl'>, option: HandoffOption = 'next') => ({
  reference: request.reference,
  title: request.title,
  url: request.webUrl,
  option,
});

type TemplateSettings = Pick<DriSettings, 'project' | 'activeRequestLabel' | 'teamName'>;

/** Made-up values for every variable, with one hand-over request, to check a template before any write. */
function sampleDriVariables(settings: TemplateSettings): DriTemplateVariables {
  const sample = { reference: `${settings.project}#2`, title: 'An active request', webUrl: 'https://gitlab.example.com/issues/2' };
  return {
    dri: 'next.dri',
    dri_name: 'Next DRI',
    previous_dri: 'previous.dri',
    previous_issue: `${settings.project}#1`,
    previous_issue_url: 'https://gitlab.example.com/issues/1',
    week_start: '2026-01-05',
    week_end: '2026-01-11',
    handover: [handoverVariable(sample)],
    to_discuss: [handoverVariable(sample, 'sync')],
    team: settings.teamName ?? '',
    missed_weeks: 0,
    substitute_for: '',
    project: settings.project,
    active_request_label: settings.activeRequestLabel,
  };
}

/** The name template errors use: the configured one (a project template or a file), or teamops' own file. */
export function templateErrorName(template: Pick<DriTemplate, 'name' | 'source'>): string {
  return template.source === 'bundled' ? BUNDLED_NAME : template.name;
}

/** Which template the new issue is made from, for people. */
export function templateNote(template: Pick<DriTemplate, 'name' | 'source'>, project: string): string {
  switch (template.source) {
    case 'project':
      return `Issue template: "${template.name}" from ${project}`;
    case 'file':
      return `Issue template: the file ${template.name}`;
    case 'bundled':
      return `Issue template: ${project} has no "${template.name}" issue template; using teamops' ${BUNDLED_NAME}`;
  }
}

/** Throws a ValidationError listing what stops the template being filled in, before anything is written. */
export function assertUsableTemplate(template: DriTemplate, settings: TemplateSettings): void {
  const problems = templateProblems(template.text, templateErrorName(template), sampleDriVariables(settings));
  if (problems.length === 0) return;
  const which = {
    project: `the issue template "${template.name}" of ${settings.project}`,
    file: `the template file ${template.name}`,
    bundled: `teamops' ${BUNDLED_NAME}`,
  }[template.source];
  throw new ValidationError(`cannot rotate the DRI: ${which} cannot be filled in`, problems, {
    hint: 'nothing was written to GitLab; fix the template and run again',
  });
}

export interface NewIssueFacts extends Pick<DriRotationContext, 'week' | 'substituteFor' | 'missedRotations'> {
  dri: string;
  member: DriMember | undefined;
  previous: DriIssue | undefined;
  handoffs: HandedOff[];
}

/** The requests the new issue takes over: all but those closed at hand-over. */
export function takenOver(handoffs: HandedOff[]): HandedOff[] {
  return handoffs.filter((h) => h.option !== 'close');
}

/** The values the new rotation issue is filled in with. */
export function driVariables(settings: TemplateSettings, facts: NewIssueFacts): DriTemplateVariables {
  const { dri, previous } = facts;
  return {
    dri,
    dri_name: facts.member?.name ?? dri,
    previous_dri: previous?.assignee ?? '',
    previous_issue: previous?.reference ?? '',
    previous_issue_url: previous?.webUrl ?? '',
    week_start: facts.week.start,
    week_end: facts.week.end,
    handover: takenOver(facts.handoffs).map((h) => handoverVariable(h.request, h.option)),
    to_discuss: facts.handoffs.filter((h) => h.option === 'sync').map((h) => handoverVariable(h.request, h.option)),
    team: settings.teamName ?? '',
    missed_weeks: facts.missedRotations.length,
    substitute_for: facts.substituteFor ?? '',
    project: settings.project,
    active_request_label: settings.activeRequestLabel,
  };
}
