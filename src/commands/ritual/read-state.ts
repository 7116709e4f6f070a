import { ValidationError } from '../../errors.js';
import type { GitLabReader, TeamUser } from '../../gitlab/port.js';
import type { Occurrence } from '../../rituals/recurring/cadence.js';
import {
  dueOccurrences,
  ritualKey,
  ritualSettings,
  ritualTitle,
  ritualValues,
  type RitualSettings,
  type RitualState,
  type RitualTarget,
} from '../../rituals/recurring/plan-rituals.js';
import { templateProblemOf, templateProblems } from '../../rituals/common/issue-body.js';
import { fillPattern } from '../../rituals/common/pattern.js';
import { compareText } from '../../rituals/common/text.js';
import type { CommandContext } from '../common/context.js';
import { bundledTemplate, bundledTemplateNames, loadIssueTemplate } from '../common/templates.js';

// What `ritual run` and `ritual check` read: the rituals of teamops.yml as targets (one per team
// when they fan out), the occurrence each has due, and for those the issue, template and assignees.
// Every problem is found and reported together before anything is written.

export interface RitualsRead {
  targets: RitualTarget[];
  occurrences: Array<Occurrence | null>;
  state: RitualState;
}

const DRI_KEY = 'dri-rotation/';

export async function readRitualsState(context: CommandContext, cwd: string, only: string[]): Promise<RitualsRead> {
  const { config } = context;
  const problems: string[] = [];
  const names = Object.keys(config.rituals);
  for (const name of only)
    if (!names.includes(name))
      problems.push(`--ritual ${name}: teamops.yml has no ritual of that name (rituals: ${names.join(', ') || 'none'})`);
  const settings: RitualSettings[] = [];
  for (const [name, entry] of Object.entries(config.rituals)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const result = ritualSettings(name, entry, config.timezone);
    if (Array.isArray(result)) problems.push(...result);
    else settings.push(result);
  }
  const targets: RitualTarget[] = settings.flatMap((ritual) =>
    (ritual.entry.teams ?? [null]).flatMap((team): RitualTarget[] => {
      const pattern = ritual.entry.project;
      let project = pattern ? null : team ? (config.okr.teams[team]?.project ?? null) : null;
      if (pattern && templateProblemOf(() => (project = fillPattern(pattern, { team: team ?? '' }, `rituals.${ritual.name}.project`))))
        project = null;
      if (!project) {
        problems.push(`rituals.${ritual.name}.project: set it${team ? `, or okr.teams.${team}.project` : ''} (it may use {team})`);
        return [];
      }
      return [{ ritual, team, project }];
    }),
  );
  if (problems.length > 0) throw new ValidationError('cannot read rituals: in teamops.yml', problems);

  const occurrences = dueOccurrences(targets, context.today);
  const reader = context.reader();
  const users = new Map<string, Promise<TeamUser | null>>();
  const user = (name: string) => {
    const key = name.replace(/^@/, '').toLowerCase();
    if (!users.has(key)) users.set(key, reader.findUser(name.replace(/^@/, '')));
    return users.get(key)!;
  };
  const driIssues = targets.some((t, i) => occurrences[i] && t.ritual.entry.assignees.includes('dri'))
    ? readDriIssues(reader, config.dri.project)
    : null;

  const perTarget = await Promise.all(
    targets.map(async (target, index) => {
      const occurrence = occurrences[index];
      if (!occurrence) return { existing: null, template: '', assignees: [], problems: [] as string[] };
      const where = `rituals.${target.ritual.name}${target.team ? ` (${target.team})` : ''}`;
      const values = ritualValues(target, occurrence);
      let title = '';
      const titleProblem = templateProblemOf(() => (title = ritualTitle(target, values)));
      const project = await reader.getProject(target.project);
      const [found, template, assignees] = await Promise.all([
        project
          ? reader.listIssuesByKeyPrefix({ kind: 'project', ref: target.project }, `ritual/${target.ritual.name}/`, title ? { title } : {})
          : [],
        project ? readTemplate(reader, target, cwd) : { name: '', text: '', problems: [] },
        resolveAssignees(target, occurrence, { user, context, driIssues }),
      ]);
      const problems = [
        ...(titleProblem ? [titleProblem] : []),
        ...(project ? [] : [`${where}: project ${target.project} does not exist, or the token cannot see it`]),
        ...template.problems,
        ...assignees.problems.map((p) => `${where}.assignees: ${p}`),
      ];
      if (template.problems.length === 0) {
        const sample = { ...values, assignees: assignees.users.map((u) => u.username) };
        problems.push(...templateProblems(template.text, template.name, sample).map((p) => `${where}.template: ${p}`));
      }
      const key = ritualKey(target, occurrence.date);
      const existing = found.find((issue) => issue.key === key) ?? null;
      return {
        existing: existing ? { reference: existing.reference, webUrl: existing.webUrl } : null,
        template: template.text,
        assignees: assignees.users,
        problems,
      };
    }),
  );
  const all = perTarget.flatMap((t) => t.problems).sort(compareText);
  if (all.length > 0)
    throw new ValidationError('cannot open the ritual issues', all, { hint: 'nothing was written to GitLab; fix these and run again' });
  return {
    targets,
    occurrences,
    state: {
      existing: perTarget.map((t) => t.existing),
      templates: perTarget.map((t) => t.template),
      assignees: perTarget.map((t) => t.assignees),
    },
  };
}

/** The ritual's template: named (project, then bundled templates/rituals/), else the bundled one of its name, else a one-line body. */
async function readTemplate(
  reader: GitLabReader,
  target: RitualTarget,
  cwd: string,
): Promise<{ name: string; text: string; problems: string[] }> {
  const { name, entry } = target.ritual;
  if (!entry.template) {
    if (bundledTemplateNames('rituals').includes(name)) {
      const bundled = bundledTemplate(`rituals/${name}.md`);
      return { name: bundled.name, text: bundled.text, problems: [] };
    }
    return { name: `rituals.${name}`, text: 'Opened by `teamops ritual run` for {{ date }}.', problems: [] };
  }
  const loaded = await loadIssueTemplate(reader, { name: entry.template, project: target.project, bundledFolder: 'rituals', cwd });
  if (typeof loaded === 'string') return { name: entry.template, text: '', problems: [`rituals.${name}.template: ${loaded}`] };
  return { name: loaded.name, text: loaded.text, problems: [] };
}

/** The latest DRI issue teamops opened (its key ends in the week's Monday), newest first. */
async function readDriIssues(
  reader: GitLabReader,
  project: string | undefined,
): Promise<Array<{ week: string; assignee: string | null }> | null> {
  if (!project) return null;
  const issues = await reader.listIssuesByKeyPrefix({ kind: 'project', ref: project }, DRI_KEY);
  return issues
    .map((issue) => ({ week: issue.key.slice(issue.key.lastIndexOf('/') + 1), assignee: issue.assignees[0] ?? null }))
    .sort((a, b) => compareText(b.week, a.week));
}

async function resolveAssignees(
  target: RitualTarget,
  occurrence: Occurrence,
  deps: {
    user: (name: string) => Promise<TeamUser | null>;
    context: CommandContext;
    driIssues: Promise<Array<{ week: string; assignee: string | null }> | null> | null;
  },
): Promise<{ users: Array<{ id: number; username: string }>; problems: string[] }> {
  const { entry } = target.ritual;
  const problems: string[] = [];
  const names: string[] = [];
  for (const assignee of entry.assignees) {
    if (assignee === 'em') {
      const manager = target.team ? deps.context.config.okr.teams[target.team]?.assignees[0] : undefined;
      if (manager) names.push(manager);
      else
        problems.push(
          `"em" is the team's manager, the first of okr.teams.${target.team ?? '<team>'}.assignees${target.team ? '' : ' (and the ritual needs teams:)'}`,
        );
    } else if (assignee === 'host') {
      const host = ritualValues(target, occurrence).host;
      if (host) names.push(host);
      else problems.push(`"host": rotation entry ${occurrence.index % (entry.rotation?.length ?? 1)} names no host`);
    } else if (assignee === 'dri') {
      const issues = await deps.driIssues;
      const current = issues?.find((issue) => issue.week <= occurrence.date)?.assignee ?? null;
      if (current) names.push(current);
      else
        problems.push(
          issues ? `"dri": no DRI issue on or before ${occurrence.date} in ${deps.context.config.dri.project}` : '"dri" needs dri.project',
        );
    } else names.push(assignee);
  }
  const found = await Promise.all([...new Set(names)].map(async (name) => [name, await deps.user(name)] as const));
  for (const [name, user] of found) if (!user) problems.push(`no GitLab user "${name}"`);
  return { users: found.flatMap(([, user]) => (user ? [{ id: user.id, username: user.username }] : [])), problems };
}
