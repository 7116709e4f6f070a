import { ValidationError } from '../../errors.js';
import type { GitLabReader, Scope, TeamIssue } from '../../gitlab/port.js';
import { driIssueKeyPrefix, followUpKeyPrefix } from '../../rituals/dri/markers.js';
import { checkMembers, wantedUsernames, type FoundPeople } from '../../rituals/dri/members.js';
import type {
  BusyStatus,
  DriIssue,
  DriMember,
  DriRotationState,
  DriSettings,
  DriState,
  DriTemplate,
  RequestIssue,
} from '../../rituals/dri/model.js';
import { issuesAround, recogniseDriIssue } from '../../rituals/dri/rotation-issues.js';
import { BUNDLED_DRI_TEMPLATE } from '../../rituals/dri/template.js';
import type { SettingsResult } from '../../rituals/dri/settings.js';
import { titleSearchTerm } from '../../rituals/dri/title.js';
import { toTeamDate, type IsoDate } from '../../rituals/common/calendar.js';
import { counted } from '../../rituals/common/text.js';
import type { CommandContext } from '../common/context.js';
import { loadIssueTemplate } from '../common/templates.js';

export interface ReadDriOptions {
  /** The verb, for the error summary ("cannot rotate the DRI"). */
  doing: string;
  /** --to: must exist in GitLab too. */
  substitute?: string;
}

async function findPeople(reader: GitLabReader, settings: DriSettings, substitute: string | undefined): Promise<FoundPeople> {
  const [project, users] = await Promise.all([
    settings.project ? reader.getProject(settings.project) : Promise.resolve(null),
    Promise.all(wantedUsernames(settings, substitute).map(async (username) => ({ username, user: await reader.findUser(username) }))),
  ]);
  const projectMemberIds = project ? (await reader.listProjectMembers(settings.project)).map((user) => user.id) : null;
  return { projectFound: settings.project ? project !== null : null, users, projectMemberIds };
}

export async function findDriIssues(reader: GitLabReader, settings: DriSettings): Promise<DriIssue[]> {
  const project = { kind: 'project', ref: settings.project } as const;
  const titleTerm = titleSearchTerm(settings.title);
  // Most GitLab instances answer `search` with PostgreSQL full-text search, which matches words, not
  // substrings; listing by the DRI labels as well finds teamops' issues however the key is tokenised,
  // and the title search finds the weeks people opened by hand.
  const [byKey, byTitle, byLabel] = await Promise.all([
    reader.listIssuesByKeyPrefix(project, driIssueKeyPrefix(settings.project)),
    titleTerm.length >= 3 ? reader.listIssues(project, { titleSearch: titleTerm }) : Promise.resolve([]),
    settings.labels.length > 0 ? reader.listIssues(project, { labels: settings.labels }) : Promise.resolve([]),
  ]);
  const unique = new Map([...byKey, ...byTitle, ...byLabel].map((issue) => [issue.id, issue]));
  return [...unique.values()]
    .flatMap((issue) => recogniseDriIssue(issue, settings) ?? [])
    .sort((a, b) => (a.weekStart < b.weekStart ? -1 : a.weekStart > b.weekStart ? 1 : a.iid - b.iid));
}

async function readBusy(reader: GitLabReader, members: DriMember[], timezone: string): Promise<Record<string, BusyStatus>> {
  const statuses = await Promise.all(members.map(async (member) => ({ member, status: await reader.userStatus(member.username) })));
  const busy: Record<string, BusyStatus> = {};
  for (const { member, status } of statuses) {
    if (status.availability !== 'busy') continue;
    // GitLab clears the status at this instant; the last busy day is the team-zone day just before it.
    const until = status.clearStatusAt ? toTeamDate(new Date(Date.parse(status.clearStatusAt) - 1), timezone) : null;
    busy[member.username] = { message: status.message, until };
  }
  return busy;
}

/**
 * What `dri schedule` and `dri rotate` both need. The checks of the settings and of the people come
 * first, and every problem they find is reported together, before anything else is read.
 */
export async function readDriState(context: CommandContext, configured: SettingsResult, options: ReadDriOptions): Promise<DriState> {
  const { settings } = configured;
  const reader = context.reader();
  const { members, problems } = checkMembers(settings, await findPeople(reader, settings, options.substitute));
  const all = [...configured.problems, ...problems];
  if (all.length > 0) {
    throw new ValidationError(`${options.doing}: found ${counted(all.length, 'problem')}`, all, {
      hint: 'nothing was written to GitLab; fix these and run again',
    });
  }

  const rosterMembers = members.filter((m) => settings.roster.includes(m.username));
  const [issues, busy] = await Promise.all([
    findDriIssues(reader, settings),
    context.config.dri.busy_counts_as_away ? readBusy(reader, rosterMembers, context.config.timezone) : Promise.resolve({}),
  ]);
  return { settings, members, issues, busy };
}

/** Active requests live anywhere in the team's group (a personal project has only itself). */
export async function requestScope(reader: GitLabReader, project: string): Promise<Scope> {
  const namespace = project.split('/').slice(0, -1).join('/');
  const group = namespace ? await reader.getGroup(namespace) : null;
  return group ? { kind: 'group', ref: group.fullPath } : { kind: 'project', ref: project };
}

function toRequest({ id, iid, projectId, title, state, reference, webUrl, labels }: TeamIssue): RequestIssue {
  return { id, iid, projectId, title, state, reference, webUrl, labels };
}

// The handbook asks for the mitigation to be documented on the request; the latest comment that
// starts with "Mitigation:" is it.
const MITIGATION = /^\s*\**mitigation:?\**:?\s*/i;

/** For the open requests: their documented mitigation and the keys of their comments (a request can be closed at the prompt too). */
async function readClosingRequests(
  reader: GitLabReader,
  requests: RequestIssue[],
): Promise<{ mitigations: Record<string, string>; noteKeys: string[] }> {
  const open = new Map(requests.filter((r) => r.state === 'opened').map((r) => [r.id, r]));
  const notes = await Promise.all([...open.values()].map(async (r) => ({ request: r, notes: await reader.listNotes(r.projectId, r.iid) })));
  const mitigations: Record<string, string> = {};
  for (const { request, notes: list } of notes) {
    const latest = list
      .filter((n) => !n.system && MITIGATION.test(n.body))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id))
      .pop();
    if (latest) mitigations[request.reference] = latest.body.replace(MITIGATION, '').trim();
  }
  return { mitigations, noteKeys: notes.flatMap(({ notes: list }) => list.flatMap((n) => n.key ?? [])) };
}

/** The project's template of the configured name, else teamops' own (the planner checks that it can be filled in). */
async function readTemplate(reader: GitLabReader, settings: DriSettings, options: ReadDriOptions & { cwd: string }): Promise<DriTemplate> {
  const request = {
    name: settings.templateName,
    project: settings.project,
    bundledDefault: BUNDLED_DRI_TEMPLATE,
    fallBackToDefault: true,
    cwd: options.cwd,
  };
  const loaded = await loadIssueTemplate(reader, request);
  if (typeof loaded === 'string') throw new ValidationError(`${options.doing}: no issue template`, [loaded]);
  return { ...loaded, name: settings.templateName };
}

/** The DRI state, the template and the hand-over material around `week`. */
export async function readDriRotationState(
  context: CommandContext,
  configured: SettingsResult,
  options: ReadDriOptions & { week: IsoDate; cwd: string },
): Promise<DriRotationState> {
  const base = await readDriState(context, configured, options);
  const { project, activeRequestLabel } = base.settings;
  const reader = context.reader();
  const { target, previous } = issuesAround(base.issues, options.week);
  const scope = await requestScope(reader, project);
  const [template, previousLinks, labelled, targetLinks, previousNotes, followUps] = await Promise.all([
    readTemplate(reader, base.settings, options),
    previous ? reader.listIssueLinks(project, previous.iid) : Promise.resolve([]),
    reader.listIssues(scope, { labels: [activeRequestLabel], state: 'opened' }),
    target ? reader.listIssueLinks(project, target.iid) : Promise.resolve([]),
    previous ? reader.listNotes(project, previous.iid) : Promise.resolve([]),
    reader.listIssuesByKeyPrefix(scope, followUpKeyPrefix(project, options.week)),
  ]);
  const previousRequests = previousLinks.map(toRequest);
  const labelledRequests = labelled.map(toRequest);
  const closing = await readClosingRequests(reader, [...previousRequests, ...labelledRequests]);
  return {
    ...base,
    template,
    previousLinks: previousRequests,
    labelledRequests,
    linkedToTarget: targetLinks.map((issue) => issue.id),
    previousNoteKeys: previousNotes.flatMap((note) => note.key ?? []),
    handoffChoices: {},
    mitigations: closing.mitigations,
    followUps: Object.fromEntries(
      followUps.map((issue) => [
        issue.key,
        { reference: issue.reference, webUrl: issue.webUrl, iid: issue.iid, projectId: issue.projectId },
      ]),
    ),
    requestNoteKeys: closing.noteKeys,
  };
}
