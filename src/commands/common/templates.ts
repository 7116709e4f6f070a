import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GitLabReader } from '../../gitlab/port.js';
import { packageFile } from '../../package-root.js';

// Issue templates, wherever they come from. A named template is a file (a path ending in `.md`),
// else the project's `.gitlab/issue_templates/<name>.md` (a team's own template wins), else teamops'
// bundled template of that name; without a name, the ritual's bundled default.

const BUNDLED_ROOT = packageFile('templates');

export interface IssueTemplate {
  /** For messages: `templates/okr-objective.md`, `issue template "OKR" of distribution/okrs`. */
  name: string;
  source: 'project' | 'bundled' | 'file';
  text: string;
}

export interface TemplateRequest {
  /** The configured or given template, if any. */
  name?: string;
  /** The project whose issue templates are read. */
  project?: string;
  /** The bundled file (under templates/) used when no name is given. */
  bundledDefault?: string;
  /** A folder under templates/ whose `<name>.md` files may be named (the async update templates). */
  bundledFolder?: string;
  /** When the project has no template of the name: fall back to `bundledDefault` (the DRI template). */
  fallBackToDefault?: boolean;
  /** Working directory for template files. */
  cwd: string;
}

/** teamops' own template `templates/<file>`. */
export function bundledTemplate(file: string): IssueTemplate {
  return { name: `templates/${file}`, source: 'bundled', text: readFileSync(path.join(BUNDLED_ROOT, file), 'utf8') };
}

/** The names of the bundled templates in a folder under templates/ (`em-weekly`, …). */
export function bundledTemplateNames(folder: string): string[] {
  return readdirSync(path.join(BUNDLED_ROOT, folder))
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -3))
    .sort();
}

/** The template, or the one line that says why there is none. */
export async function loadIssueTemplate(reader: GitLabReader, request: TemplateRequest): Promise<IssueTemplate | string> {
  const { name, project } = request;
  if (!name) {
    if (!request.bundledDefault) return 'no template given';
    return bundledTemplate(request.bundledDefault);
  }
  if (/\.md$/i.test(name) || name.includes('/') || name.includes('\\')) {
    const file = path.resolve(request.cwd, name);
    return existsSync(file) ? { name, source: 'file', text: readFileSync(file, 'utf8') } : `template file ${name} does not exist`;
  }
  const fromProject = project ? await reader.getIssueTemplate(project, name) : null;
  if (fromProject !== null) return { name: `issue template "${name}" of ${project}`, source: 'project', text: fromProject };
  if (request.fallBackToDefault && request.bundledDefault) return bundledTemplate(request.bundledDefault);
  const bundledNames = request.bundledFolder ? bundledTemplateNames(request.bundledFolder) : [];
  if (request.bundledFolder && /^[\w.-]+$/.test(name) && bundledNames.includes(name))
    return bundledTemplate(`${request.bundledFolder}/${name}.md`);
  const where = project
    ? `project ${project} has no issue template "${name}" (.gitlab/issue_templates/${name}.md)`
    : `"${name}" is a project issue template, but no project is known to read it from`;
  return request.bundledFolder ? `${where}, and no bundled template of that name (bundled: ${bundledNames.join(', ')})` : where;
}
