import type { TeamopsConfig } from '../../config/schema.js';
import type { GitLabReader, TeamProject, TeamUser } from '../../gitlab/port.js';
import {
  isKeyResultKey,
  keyResultName,
  objectiveName,
  quarterKeyPrefix,
  sampleOkrVariables,
  type ExistingOkrIssue,
  type IssueTemplate,
  type ObjectiveDraft,
  type OkrState,
} from '../../rituals/okr-cycle.js';
import { bundledTemplate, loadIssueTemplate, unusableTemplate } from '../shared/templates.js';
import type { Quarter } from '../../rituals/shared/quarter.js';

/** Planner role (15) or higher can create issues with labels and assignees and link them. */
const CAN_PLAN = 15;

export interface OkrReading {
  state: OkrState;
  userIds: Record<string, number>;
  templates: { objective: IssueTemplate; keyResult: IssueTemplate };
  /** Unknown users, missing or read-only projects, unusable templates: one line each. */
  problems: string[];
}

/** Who refers to a project or user, for messages: `objective 1 "X"` and how many others. */
function referrers(names: string[]): string {
  const [first, ...others] = names;
  return others.length === 0 ? first! : `${first} and ${others.length} more`;
}

function collect(drafts: ObjectiveDraft[]): { projects: Map<string, string[]>; users: Map<string, string[]> } {
  const projects = new Map<string, string[]>();
  const users = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string | undefined, who: string) => {
    if (!key) return;
    map.set(key, [...(map.get(key) ?? []), who]);
  };
  drafts.forEach((objective, o) => {
    const name = objectiveName(o, objective.title);
    add(projects, objective.project, name);
    for (const user of objective.assignees ?? []) add(users, user, name);
    objective.keyResults.forEach((kr, k) => {
      const krName = keyResultName(o, objective.title, k, kr.title);
      add(projects, kr.project, krName);
      for (const user of kr.assignees ?? []) add(users, user, krName);
    });
  });
  return { projects, users };
}

async function loadTemplate(
  reader: GitLabReader,
  configured: string | undefined,
  configKey: string,
  project: string | undefined,
  bundledFile: string,
  sample: Record<string, unknown>,
  problems: string[],
): Promise<IssueTemplate> {
  const loaded = await loadIssueTemplate(reader, { name: configured, project, bundledDefault: bundledFile, cwd: '.' });
  if (typeof loaded === 'string') {
    problems.push(`${configKey}: ${loaded}${project ? '' : '; set okr.project'}`);
    return bundledTemplate(bundledFile);
  }
  for (const problem of unusableTemplate(loaded, sample)) problems.push(`${configKey}: ${problem}`);
  return loaded;
}

/**
 * Everything okr create needs from GitLab, read before any write: that every project exists and
 * can be written to, that every assignee exists, the templates, and which of this quarter's OKR
 * issues and links exist already (one search per project finds every issue carrying one of the
 * quarter's keys, whatever labels people have changed since).
 */
export async function readOkrState(
  reader: GitLabReader,
  drafts: ObjectiveDraft[],
  quarter: { quarter: Quarter; label: string } | undefined,
  config: TeamopsConfig,
): Promise<OkrReading> {
  const problems: string[] = [];
  const { projects, users } = collect(drafts);
  const me = await reader.currentUser();

  const found = new Map<string, TeamProject>();
  const userIds: Record<string, number> = {};
  const templateProject = config.okr.project ?? drafts.find((d) => d.project)?.project;
  const samples = sampleOkrVariables();
  const [, , objectiveTemplate, keyResultTemplate] = await Promise.all([
    Promise.all(
      [...projects].map(async ([ref, who]) => {
        const project = await reader.getProject(ref);
        if (!project) {
          problems.push(`${referrers(who)}: project: ${ref} does not exist, or the token's user (@${me.username}) cannot see it`);
          return;
        }
        // GitLab leaves permissions empty for administrators who are not members; they can write anywhere.
        const canWrite = project.accessLevel === undefined ? me.isAdmin === true : project.accessLevel >= CAN_PLAN;
        if (!canWrite) problems.push(`${referrers(who)}: project: ${ref} cannot be written to by @${me.username}; it needs the Planner role or higher there`);
        else found.set(ref, project);
      }),
    ),
    Promise.all(
      [...users].map(async ([username, who]) => {
        const user: TeamUser | null = await reader.findUser(username);
        if (!user) problems.push(`${referrers(who)}: assignees: unknown user "${username}"`);
        else userIds[username] = user.id;
      }),
    ),
    loadTemplate(reader, config.okr.objective_template, 'okr.objective_template', templateProject, 'okr-objective.md', samples.objective, problems),
    loadTemplate(reader, config.okr.key_result_template, 'okr.key_result_template', templateProject, 'okr-key-result.md', samples.keyResult, problems),
  ]);

  const state: OkrState = { issues: [], linkedTo: {} };
  if (quarter) {
    const prefix = quarterKeyPrefix(quarter.quarter);
    const perProject = await Promise.all(
      [...found].map(async ([ref, project]) => {
        // The key search finds issues whose labels people changed; the quarter's label finds them
        // however a GitLab instance matches search terms (substring or full-text).
        const keyed = await reader.listIssuesByKeyPrefix({ kind: 'project', ref }, prefix, { labels: quarter.label ? [quarter.label] : [] });
        return keyed.map(
          (issue): ExistingOkrIssue => ({ key: issue.key, project: ref, projectId: project.id, iid: issue.iid, title: issue.title, reference: issue.reference, webUrl: issue.webUrl, labels: issue.labels, description: issue.description }),
        );
      }),
    );
    const byKey = new Map<string, ExistingOkrIssue>();
    for (const issue of perProject.flat().sort((a, b) => a.projectId - b.projectId || a.iid - b.iid)) {
      // Both lists, or two refs of one project, can return the same issue; for true duplicates the oldest wins.
      if (!byKey.has(issue.key)) byKey.set(issue.key, issue);
    }
    state.issues = [...byKey.values()];
    await Promise.all(
      state.issues
        .filter((issue) => !isKeyResultKey(issue.key))
        .map(async (objective) => {
          const links = await reader.listIssueLinks(objective.project, objective.iid);
          state.linkedTo[objective.key] = links.map((l) => `${l.projectId}#${l.iid}`);
        }),
    );
  }
  return { state, userIds, templates: { objective: objectiveTemplate, keyResult: keyResultTemplate }, problems: problems.sort() };
}
