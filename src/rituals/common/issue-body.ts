/**
 * Issue bodies are filled from Markdown templates with Liquid (`{{ dri }}`, `{% for r in handover %}`).
 * Liquid cannot run code, and here it cannot read files either: templates come from GitLab or
 * from teamops' bundled templates/ folder, passed in as text. A variable the template uses but
 * teamops does not provide is an error that names the variable and the template.
 */
import { Liquid, type FS } from 'liquidjs';
import { TemplateError } from './template-error.js';

const noFiles: FS = {
  readFileSync: () => {
    throw new Error('templates cannot include files');
  },
  readFile: async () => {
    throw new Error('templates cannot include files');
  },
  existsSync: () => false,
  exists: async () => false,
  contains: async () => false,
  containsSync: () => false,
  resolve: (_root: string, file: string) => file,
};

/**
 * A template is data from a project or a file, so it may loop a billion times or build gigabytes:
 * liquidjs' limits turn that into an error before anything is written. An issue description may
 * hold 1,048,576 characters, so no useful template comes near these.
 */
export const TEMPLATE_LIMITS = {
  /** Characters of template text. */
  parseLimit: 1_000_000,
  /** Milliseconds of rendering, per render. */
  renderLimit: 2_000,
  /** liquidjs' count of what loops, ranges and filters allocate (characters, array items). */
  memoryLimit: 20_000_000,
  /** Tags, text and outputs rendered, per render: the same bound as renderLimit, but the same on every machine. */
  templateLimit: 200_000,
} as const;

const engine = new Liquid({
  ...TEMPLATE_LIMITS,
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  fs: noFiles,
  root: [],
  relativeReference: false,
  greedy: false,
});

/** Liquid's "undefined variable: x" becomes "template X uses {{ x }}, which teamops does not provide". */
function explain(error: unknown, templateName: string, variables: Record<string, unknown>): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  const undefinedVariable = /undefined variable: ([\w.[\]"']+)/.exec(message)?.[1];
  if (undefinedVariable) {
    const known = Object.keys(variables).sort().join(', ');
    return new TemplateError(
      `template "${templateName}" uses {{ ${undefinedVariable} }}, which teamops does not provide (available: ${known})`,
      templateName,
    );
  }
  if (/limit exceeded/i.test(message)) {
    return new TemplateError(
      `template "${templateName}" is too big to render: ${message.split(', line:')[0]} (teamops allows ${TEMPLATE_LIMITS.renderLimit / 1000} s of rendering and templates of up to ${TEMPLATE_LIMITS.parseLimit.toLocaleString('en')} characters; look for a loop over a huge range)`,
      templateName,
    );
  }
  const undefinedFilter = /undefined filter: (\w+)/.exec(message)?.[1];
  if (undefinedFilter) return new TemplateError(`template "${templateName}" uses an unknown filter "${undefinedFilter}"`, templateName);
  return new TemplateError(`template "${templateName}" cannot be rendered: ${message.split(', line:')[0]}`, templateName);
}

/** Names of the top-level variables a template refers to (for validating before any write). */
function templateVariables(template: string, templateName: string): string[] {
  try {
    return engine.globalVariablesSync(engine.parse(template)).sort();
  } catch (error) {
    throw explain(error, templateName, {});
  }
}

/** A failed template check as a problem to list with others, or null when the check passes. */
export function templateProblemOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
}

/**
 * What is wrong with a template, found before GitLab is read or written: bad syntax, top-level
 * variables (in any branch) that `sample` does not hold, and fields that rendering against
 * `sample` does not find. The sample holds one made-up item per list, so that loop bodies are
 * checked too (`{% for request in handover %}{{ request.colour }}`).
 */
export function templateProblems(template: string, templateName: string, sample: Record<string, unknown>): string[] {
  let used: string[] = [];
  const syntax = templateProblemOf(() => (used = templateVariables(template, templateName)));
  if (syntax) return [syntax];
  const unknown = used.filter((name) => !Object.hasOwn(sample, name));
  if (unknown.length > 0) {
    const names = unknown.map((name) => `{{ ${name} }}`).join(', ');
    return [
      `template "${templateName}" uses ${names}, which teamops does not provide (available: ${Object.keys(sample).sort().join(', ')})`,
    ];
  }
  const rendering = templateProblemOf(() => renderIssueBody(template, sample, templateName));
  return rendering ? [rendering] : [];
}

export function renderIssueBody(template: string, variables: Record<string, unknown>, templateName: string): string {
  try {
    return engine.parseAndRenderSync(template, variables);
  } catch (error) {
    throw explain(error, templateName, variables);
  }
}
