import type { TeamopsConfig } from '../../config/schema.js';
import type { GitLabReader, TeamProject } from '../../gitlab/port.js';
import { namedIn } from '../../rituals/okr/access.js';
import { isKeyResultKey, quarterKeyPrefix } from '../../rituals/okr/keys.js';
import { issueId, type ObjectiveDraft } from '../../rituals/okr/model.js';
import type { ExistingOkrIssue, OkrState } from '../../rituals/okr/plan-okrs.js';
import type { OkrQuarter } from '../../rituals/okr/quarter.js';
import type { LoadedTemplates } from '../../rituals/okr/templates.js';
import { loadIssueTemplate } from '../common/templates.js';

async function loadTemplates(reader: GitLabReader, drafts: ObjectiveDraft[], config: TeamopsConfig, cwd: string): Promise<LoadedTemplates> {
  const project = config.okr.project ?? drafts.find((d) => d.project)?.project;
  const load = async (name: string | undefined, bundledDefault: string) => {
    const loaded = await loadIssueTemplate(reader, { name, project, bundledDefault, cwd });
    return typeof loaded === 'string' && !project ? `${loaded}; set okr.project` : loaded;
  };
  const [objective, keyResult] = await Promise.all([
    load(config.okr.objective_template, 'okr-objective.md'),
    load(config.okr.key_result_template, 'okr-key-result.md'),
  ]);
  return { objective, keyResult };
}

/**
 * The quarter's OKR issues in one project: the key search finds issues whose labels people changed;
 * the quarter's label finds them however a GitLab instance matches search terms (substring or full-text).
 */
async function readOkrIssues(reader: GitLabReader, ref: string, project: TeamProject, quarter: OkrQuarter): Promise<ExistingOkrIssue[]> {
  const keyed = await reader.listIssuesByKeyPrefix({ kind: 'project', ref }, quarterKeyPrefix(quarter.quarter), {
    labels: quarter.label ? [quarter.label] : [],
  });
  return keyed.map((issue) => ({
    key: issue.key,
    project: ref,
    projectId: project.id,
    iid: issue.iid,
    title: issue.title,
    reference: issue.reference,
    webUrl: issue.webUrl,
    labels: issue.labels,
    description: issue.description,
  }));
}

/** Each key once: both lists, or two refs of one project, can return the same issue; for true duplicates the oldest wins. */
function oncePerKey(issues: ExistingOkrIssue[]): ExistingOkrIssue[] {
  const byKey = new Map<string, ExistingOkrIssue>();
  for (const issue of issues.sort((a, b) => a.projectId - b.projectId || a.iid - b.iid))
    if (!byKey.has(issue.key)) byKey.set(issue.key, issue);
  return [...byKey.values()];
}

async function readLinks(reader: GitLabReader, issues: ExistingOkrIssue[]): Promise<Record<string, string[]>> {
  const objectives = issues.filter((issue) => !isKeyResultKey(issue.key));
  const links = await Promise.all(objectives.map((objective) => reader.listIssueLinks(objective.project, objective.iid)));
  return Object.fromEntries(objectives.map((objective, i) => [objective.key, links[i]!.map(issueId)]));
}

/**
 * Everything okr create needs from GitLab, read before any write: the token's user, every project
 * and assignee the file names, the templates, and which of this quarter's OKR issues and links
 * exist already (in the projects the user can see).
 */
export async function readOkrState(
  reader: GitLabReader,
  drafts: ObjectiveDraft[],
  quarter: OkrQuarter | undefined,
  config: TeamopsConfig,
  /** Where template files named in teamops.yml are found: the working directory, as for the other rituals. */
  cwd: string,
): Promise<OkrState> {
  const { projects, users } = namedIn(drafts);
  const me = await reader.currentUser();
  const [found, ids, templates] = await Promise.all([
    Promise.all([...projects.keys()].map((ref) => reader.getProject(ref))),
    Promise.all([...users.keys()].map((username) => reader.findUser(username))),
    loadTemplates(reader, drafts, config, cwd),
  ]);
  const refs = [...projects.keys()];
  const visible = refs.flatMap((ref, i) => (found[i] ? [[ref, found[i]] as const] : []));
  const issues = quarter
    ? oncePerKey((await Promise.all(visible.map(([ref, project]) => readOkrIssues(reader, ref, project, quarter)))).flat())
    : [];
  return {
    me,
    projects: Object.fromEntries(refs.map((ref, i) => [ref, found[i] ?? null])),
    userIds: Object.fromEntries([...users.keys()].map((username, i) => [username, ids[i]?.id ?? null])),
    templates,
    issues,
    linkedTo: await readLinks(reader, issues),
  };
}
