// Objective and key result descriptions come from issue templates (okr.objective_template and
// okr.key_result_template, else the bundled ones). A template is checked against sample values,
// loop bodies included, before anything is written; one that still fails on the real values stops
// the run the same way. Every template problem names the config key of its template.
import { renderIssueBody, templateProblemOf, templateProblems } from '../common/issue-body.js';
import type { IssueTemplate } from './model.js';
import { sampleOkrVariables } from './variables.js';

export type OkrTemplateKind = 'objective' | 'keyResult';

const CONFIG_KEYS: Record<OkrTemplateKind, string> = { objective: 'okr.objective_template', keyResult: 'okr.key_result_template' };
const KINDS = Object.keys(CONFIG_KEYS) as OkrTemplateKind[];

/** Each template as read: the template, or the one line that says why there is none. */
export type LoadedTemplates = Record<OkrTemplateKind, IssueTemplate | string>;

export type OkrTemplates = Record<OkrTemplateKind, IssueTemplate>;

/** The templates, or what stops them being filled: missing, bad syntax, a variable teamops does not provide. */
export function checkTemplates(
  loaded: LoadedTemplates,
): { templates: OkrTemplates; problems: [] } | { templates?: undefined; problems: string[] } {
  const samples = sampleOkrVariables();
  const problems = KINDS.flatMap((kind) => {
    const template = loaded[kind];
    const found = typeof template === 'string' ? [template] : templateProblems(template.text, template.name, samples[kind]);
    return found.map((problem) => `${CONFIG_KEYS[kind]}: ${problem}`);
  });
  return problems.length > 0 ? { problems } : { templates: loaded as OkrTemplates, problems: [] };
}

/** Fills a template with real values; what they break is noted in `problems` (once) and the body is ''. */
export function fillTemplate(
  templates: OkrTemplates,
  kind: OkrTemplateKind,
  variables: Record<string, unknown>,
  problems: string[],
): string {
  const template = templates[kind];
  let body = '';
  const problem = templateProblemOf(() => (body = renderIssueBody(template.text, variables, template.name)));
  const line = problem && `${CONFIG_KEYS[kind]}: ${problem}`;
  if (line && !problems.includes(line)) problems.push(line);
  return body;
}
