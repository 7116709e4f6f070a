// The small organisation the `dri rotate` command tests run against: a roster in
// distribution/team-tasks, requests in distribution/omnibus, and helpers to run and inspect it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult, type RunCliOptions } from '../../support/run-cli.js';

export const PROJECT = 'distribution/team-tasks';
export const ROSTER = ['amara.okafor', 'bruno.silva', 'chen.wei', 'dana.kowalski'];
export const MONDAY = '2026-11-16';

export const PROJECT_TEMPLATE = [
  '## DRI {{ dri }} ({{ dri_name }}), {{ week_start }} to {{ week_end }}',
  'Taking over from {{ previous_dri }} in {{ previous_issue }}.',
  '{% for request in handover %}',
  '- {{ request.reference }} {{ request.title }}{% endfor %}',
].join('\n');

export const key = (week: string) => `<!-- teamops:key=dri-rotation/${PROJECT}/${week} -->`;

export type SeedIssue = NonNullable<NonNullable<SeedDocument['projects']>[number]['issues']>[number];
export type SeedUser = NonNullable<SeedDocument['users']>[number];

export interface World {
  /** Issues of distribution/team-tasks besides the requests. */
  driIssues?: SeedIssue[];
  /** Issues of distribution/omnibus: the requests a DRI hands over. */
  requests?: SeedIssue[];
  template?: string | null;
  statuses?: Record<string, SeedUser['status']>;
}

export function seed(world: World = {}): SeedDocument {
  const everyone = [...ROSTER, 'emeka.eze'];
  return {
    users: [...everyone, 'outside.contractor'].map((username) => ({
      username,
      ...(world.statuses?.[username] ? { status: world.statuses[username] } : {}),
    })),
    groups: [{ path: 'distribution', members: Object.fromEntries(everyone.map((u) => [u, 'developer'])) }],
    projects: [
      {
        path: PROJECT,
        ...(world.template === null ? {} : { issue_templates: { 'Distribution-DRI': world.template ?? PROJECT_TEMPLATE } }),
        labels: [{ name: 'DRI' }, { name: 'dri::active-request' }],
        issues: world.driIssues ?? [],
      },
      { path: 'distribution/omnibus', issues: world.requests ?? [] },
    ],
  };
}

/** A rotation issue as an earlier teamops run leaves it. */
export function driIssue(week: string, assignee: string, extra: Partial<SeedIssue> = {}): SeedIssue {
  return {
    title: `Distribution DRI rotation week of ${week}`,
    description: `DRI issue\n\n${key(week)}\n`,
    assignees: [assignee],
    labels: ['DRI'],
    created_at: `${week}T08:00:00Z`,
    ...extra,
  };
}

export const CONFIG = `timezone: Europe/Amsterdam
team:
  name: Distribution
dri:
  project: ${PROJECT}
  roster: [${ROSTER.join(', ')}]
`;

let sandbox: Sandbox | undefined;

/** For afterEach: each test starts its own sandbox. */
export async function stopSandbox(): Promise<void> {
  await sandbox?.stop();
  sandbox = undefined;
}

export function currentSandbox(): Sandbox {
  return sandbox!;
}

export async function start(world: World = {}): Promise<Sandbox> {
  sandbox = await startSandbox({ seed: seed(world), now: '2026-11-16T08:00:00Z' });
  return sandbox;
}

export interface Run extends CliResult {
  /** Methods and paths this run sent. */
  requests: string[];
  writes: string[];
}

export async function rotate(
  args: string[],
  options: { config?: string; now?: string; files?: Record<string, string> } & Pick<
    RunCliOptions,
    'prompter' | 'stdinTTY' | 'stdoutTTY'
  > = {},
): Promise<Run> {
  const box = sandbox!;
  const before = box.requestLog.length;
  const cwd = withConfig(options.config ?? CONFIG);
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(path.join(cwd, name), text);
  const result = await runCli(['dri', 'rotate', ...args], {
    cwd,
    now: options.now,
    env: { GITLAB_HOST: box.url, GITLAB_TOKEN: box.token },
    prompter: options.prompter,
    stdinTTY: options.stdinTTY,
    stdoutTTY: options.stdoutTTY,
  });
  const requests = box.requestLog.slice(before).map((entry) => `${entry.method} ${entry.path}`);
  return { ...result, requests, writes: requests.filter((r) => !r.startsWith('GET ')) };
}

export interface ApiIssue {
  id: number;
  iid: number;
  title: string;
  description: string | null;
  state: string;
  labels: string[];
  assignees: Array<{ username: string }>;
  references: { full: string };
  web_url: string;
}

export const api = <T>(path: string): Promise<T> => sandbox!.api<T>(path);

export const encoded = (path: string) => encodeURIComponent(path);
export const issues = () => api<ApiIssue[]>(`/projects/${encoded(PROJECT)}/issues?per_page=100&state=all`);
export const issueOfWeek = async (week: string) => (await issues()).filter((i) => i.title === `Distribution DRI rotation week of ${week}`);
export const notesOf = (iid: number) =>
  api<Array<{ body: string; system: boolean }>>(`/projects/${encoded(PROJECT)}/issues/${iid}/notes?per_page=100`);
export const linksOf = async (iid: number) =>
  (await api<ApiIssue[]>(`/projects/${encoded(PROJECT)}/issues/${iid}/links`)).map((i) => i.references.full).sort();
export const userNotes = async (iid: number) => (await notesOf(iid)).filter((n) => !n.system);

export function expectOk(run: CliResult): void {
  expect(run.exitCode, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(0);
}
