import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import type { TestSandbox } from '../../support/sandbox.js';

export const ENGINEERS = ['amara.okafor', 'bruno.silva', 'chen.wei', 'dana.kowalski', 'emeka.eze', 'farah.haddad'];

/** A team with its manager and director, an OKR project, the team's tracker, and a project grace.hopper may not write to. */
export const okrSeed: SeedDocument = {
  users: [...ENGINEERS, 'grace.hopper', 'director.lee', 'sam.sales'].map((username) => ({ username })),
  groups: [
    {
      path: 'distribution',
      members: {
        'grace.hopper': 'maintainer',
        'director.lee': 'owner',
        ...Object.fromEntries(ENGINEERS.map((u) => [u, 'developer' as const])),
      },
    },
    { path: 'sales', members: { 'sam.sales': 'owner', 'grace.hopper': 'guest' } },
  ],
  projects: [
    { path: 'distribution/okrs', visibility: 'internal' },
    { path: 'distribution/omnibus', visibility: 'internal' },
    { path: 'distribution/team-tasks', visibility: 'internal' },
    { path: 'sales/pipeline', visibility: 'internal' },
  ],
};

export const okrConfig = `
timezone: Europe/Amsterdam
fiscal_year_start_month: 2
okr:
  project: distribution/okrs
  teams:
    distribution:
      assignees: [grace.hopper, director.lee]
      project: distribution/omnibus
`;

export interface KeyResultInput {
  title: string;
  from: number | string;
  to: number | string;
  unit?: string;
  project?: string;
  assignees?: string[];
  current?: number | string;
  id?: string;
}

/** Three objectives with three key results each, the handbook's shape. */
export function threeByThree(): {
  quarter: string;
  team: string;
  objectives: Array<{ title: string; description?: string; key_results: KeyResultInput[]; project?: string }>;
} {
  const kr = (o: number, k: number): KeyResultInput => ({
    title: `O${o} KR${k}`,
    from: k === 2 ? `${10 * o}%` : 10 * k,
    to: k === 2 ? '90%' : 100 * k,
    unit: k === 2 ? undefined : 'builds',
    project: o === 3 ? 'distribution/team-tasks' : undefined,
    assignees: [ENGINEERS[(o + k) % ENGINEERS.length]!],
  });
  return {
    quarter: '2027-Q1',
    team: 'distribution',
    objectives: [1, 2, 3].map((o) => ({
      title: `Objective ${o}`,
      description: `Why objective ${o} matters.`,
      key_results: [1, 2, 3].map((k) => kr(o, k)),
    })),
  };
}

export function writeOkrFile(dir: string, data: unknown, name = 'okrs.yml'): string {
  writeFileSync(path.join(dir, name), typeof data === 'string' ? data : stringify(data));
  return name;
}

/** An issue as GitLab's REST API returns it, as far as these tests read it. */
export interface ApiIssue {
  iid: number;
  project_id: number;
  title: string;
  description: string;
  labels: string[];
  assignees: Array<{ username: string }>;
  references: { full: string };
  web_url: string;
}

/** Reads the sandbox through its HTTP API, as any GitLab client would. */
export function gitlabApi(sandbox: TestSandbox) {
  const api = <T>(pathAndQuery: string): Promise<T> => sandbox.api<T>(`/${pathAndQuery}`);
  /** Every issue of the three OKR projects, keyed by teamops or not. */
  const allIssues = async (): Promise<ApiIssue[]> =>
    (await Promise.all(OKR_PROJECTS.map((p) => api<ApiIssue[]>(`projects/${encodeURIComponent(p)}/issues?per_page=100`)))).flat();
  return { api, allIssues, issuesByKey: async () => byKey(await allIssues()) };
}

/** Issues by the teamops key in their description: after any run, each list should hold exactly one. */
export function byKey(issues: ApiIssue[]): Map<string, ApiIssue[]> {
  const found = new Map<string, ApiIssue[]>();
  for (const issue of issues) {
    const key = keyOf(issue.description);
    if (key) found.set(key, [...(found.get(key) ?? []), issue]);
  }
  return found;
}

const OKR_PROJECTS = ['distribution/okrs', 'distribution/omnibus', 'distribution/team-tasks'];

export const keyOf = (description: string) => /teamops:key=(\S+) -->/.exec(description)?.[1];
