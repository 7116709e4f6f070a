import { beforeAll, describe, expect, it } from 'vitest';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { ritualWrites, startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';

// The RACI chart of the issue, as the talk draws it. Columns: Service Owner, Product Owner(s),
// Eng/Quality Lead, Sw. Eng/QE, SRE IC, Eng Manager/Director, Exec (VP).
const CHART = `
| Existence of SLO     | A/R | C | R   | A | C   | C | I |
| Propose SLO          | C   | R | R   | C | C   | A | I |
| Agree on SLO         | A   | R | R   | C | I   | I | I |
| Measure+Track SLO    | I   | I | R   | I | A/R | I | I |
| Propose SLO Roadmap  | C   | C | A/R | C | C   | I | I |
| Agree SLO Roadmap    | A/R | R | C   | C | C   | R | I |
| Execute SLO Roadmap  | I   | I | A   | R | R   | C | I |
| Handle Error Budget  | C   | A | R   | C | I   | R | I |
| Recalibrate/Planning | A   | R | R   | C | C   | C | I |
`;
const COLUMNS = ['Service Owner', 'Product Owner(s)', 'Eng/Quality Lead', 'Sw. Eng/QE', 'SRE IC', 'Eng Manager/Director', 'Exec (VP)'];
// Each persona's people; login has its own service owner.
const PEOPLE: Record<string, string[]> = {
  'Service Owner': ['owner.login'],
  'Product Owner(s)': ['pat'],
  'Eng/Quality Lead': ['lee'],
  'Sw. Eng/QE': ['sam', 'kim'],
  'SRE IC': ['jo'],
  'Eng Manager/Director': ['max'],
  'Exec (VP)': ['val'],
};
const PHASES = [
  'Research',
  'Research',
  'Research',
  'Implementation',
  'Implementation',
  'Implementation',
  'Implementation',
  'Iteration',
  'Iteration',
];

const rows = CHART.trim()
  .split('\n')
  .map((line) =>
    line
      .split('|')
      .map((cell) => cell.trim())
      .filter(Boolean),
  )
  .map(([step, ...letters], index) => ({ step: step!, index, letters, phase: PHASES[index]! }));

function expected(letters: string[]) {
  const having = (...wanted: string[]) => COLUMNS.filter((_, i) => wanted.includes(letters[i]!));
  const people = (personas: string[]) => [...new Set(personas.flatMap((p) => PEOPLE[p]!))].sort();
  return {
    assignees: people(having('R', 'A/R')),
    roles: {
      Responsible: having('R', 'A/R'),
      Accountable: having('A', 'A/R'),
      Consulted: having('C'),
      Informed: having('I'),
    },
  };
}

const CONFIG = `
slo:
  project: acme/slo
  personas:
    service_owner: [owner.all]
    product_owner: [pat]
    eng_lead: [lee]
    engineer: [sam, kim]
    sre: [jo]
    eng_manager: [max]
    exec: [val]
  services:
    login:
      description: We'll handle /login API requests in under 50ms, 99.9% of the time.
      objective: 99.9%
      sli: { ratio: 'sum(rate(good[{{window}}])) / sum(rate(total[{{window}}]))' }
      personas:
        service_owner: [owner.login]
`;
const USERS = ['owner.all', 'owner.login', 'pat', 'lee', 'sam', 'kim', 'jo', 'max', 'val'];
const seed: SeedDocument = {
  users: USERS.map((username) => ({ username })),
  groups: [{ path: 'acme', members: Object.fromEntries(USERS.map((u) => [u, 'developer'])) }],
  projects: [{ path: 'acme/slo' }],
};

interface ApiIssue {
  iid: number;
  title: string;
  description: string;
  labels: string[];
  assignees: Array<{ username: string }>;
}
// Creates run concurrently, so GitLab's order is the order they arrived in: read them in the chart's order.
const stepOf = (issue: ApiIssue) => Number(/^SLO \w+: (\d+)\./.exec(issue.title)?.[1] ?? 0);
const issuesOf = async (s: Sandbox) =>
  (await s.api<ApiIssue[]>('/projects/acme%2Fslo/issues?state=all&per_page=100&sort=asc&order_by=created_at')).sort(
    (a, b) => stepOf(a) - stepOf(b),
  );
const writes = (s: Sandbox) => s.requestLog.filter((entry) => entry.method !== 'GET');
const init = (s: Sandbox, args: string[], config = CONFIG): Promise<CliResult> =>
  runCli(['slo', 'init', 'login', ...args], { env: s.env(), cwd: withConfig(config) });

/** The description's RACI table: role → persona → mentioned usernames. */
function raciOf(description: string): Record<string, Record<string, string[]>> {
  const table: Record<string, Record<string, string[]>> = {};
  for (const line of description.split('\n')) {
    const match = /^\| (Responsible|Accountable|Consulted|Informed) \| (.+?) \| (.*) \|$/.exec(line);
    if (!match) continue;
    (table[match[1]!] ??= {})[match[2]!] = [...match[3]!.matchAll(/@([\w.-]+)/g)].map((m) => m[1]!);
  }
  return table;
}

describe('teamops slo init: the chart becomes exactly the assignments and mentions it says', () => {
  let sandbox: Sandbox;
  let issues: ApiIssue[];
  let first: CliResult;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed });
    first = await init(sandbox, ['--yes']);
    issues = await issuesOf(sandbox);
  });

  it('opens one issue per step, in order, and prints their URLs', () => {
    expect(first.stderr).toContain('Applied 17 changes to acme/slo.');
    expect(first.exitCode).toBe(0);
    expect(issues.map((i) => i.title)).toEqual(rows.map((r) => `SLO login: ${r.index + 1}. ${r.step} (${r.phase})`));
    expect(first.stdout.trim().split('\n')).toEqual(issues.map((i) => `${sandbox.url}/acme/slo/-/issues/${i.iid}`));
  });

  it.each(rows)('$step: assigned, listed and mentioned as the chart says', ({ step, index, letters, phase }) => {
    const issue = issues[index]!;
    expect(issue.title).toContain(step);
    const want = expected(letters);
    expect(issue.assignees.map((a) => a.username).sort()).toEqual(want.assignees);
    expect(issue.labels.sort()).toEqual([`slo-service::login`, `slo::${phase.toLowerCase()}`]);
    const raci = raciOf(issue.description);
    for (const [role, personas] of Object.entries(want.roles)) {
      expect(Object.keys(raci[role] ?? {}), role).toEqual(personas);
      for (const persona of personas) expect(raci[role]![persona], `${role} ${persona}`).toEqual(PEOPLE[persona]);
    }
    expect(issue.description).toContain("> We'll handle /login API requests in under 50ms, 99.9% of the time.");
  });

  it('links each step to the one before it', async () => {
    for (const [index, issue] of issues.entries()) {
      const links = await sandbox.api<Array<{ iid: number }>>(`/projects/acme%2Fslo/issues/${issue.iid}/links`);
      const neighbours = [issues[index - 1]?.iid, issues[index + 1]?.iid].filter((iid) => iid !== undefined).sort();
      expect(links.map((l) => l.iid).sort(), issue.title).toEqual(neighbours);
    }
  });

  it('finds everything on a rerun and changes nothing', async () => {
    const before = writes(sandbox).length;
    const rerun = await init(sandbox, ['--yes']);
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stderr).toContain('Nothing to do: all 17 are already in place.');
    expect(writes(sandbox).length).toBe(before);
  });
});

describe('teamops slo init --dry-run', () => {
  it('shows who gets what and writes nothing', async () => {
    const s = await startSandbox({ seed });
    const result = await init(s, ['--dry-run']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      '+ create "SLO login: 1. Existence of SLO (Research)" in acme/slo, assigned to @owner.login @lee; accountable @owner.login @sam @kim; consulted @pat @jo @max; informed @val',
    );
    expect(result.stdout).toContain('+ link "Propose SLO" to the step before it, "Existence of SLO"');
    expect(writes(s)).toEqual([]);
  });
});

describe('teamops slo init refuses bad input before any write', () => {
  it.each([
    {
      name: 'an unknown persona',
      config: CONFIG.replace('    exec: [val]', '    exec: [val]\n    architect: [lee]'),
      message:
        "slo.personas.architect: unknown persona; the chart's personas are service_owner, product_owner, eng_lead, engineer, sre, eng_manager, exec",
    },
    {
      name: 'a persona without people',
      config: CONFIG.replace('    sre: [jo]', '    sre: []'),
      message:
        'service login: persona sre (SRE IC) has no people; map it to GitLab usernames in slo.personas.sre or slo.services.login.personas.sre',
    },
    {
      name: 'a malformed objective',
      config: CONFIG.replace('objective: 99.9%', 'objective: 99.9 percent'),
      message: 'slo.services.login.objective: expected a percentage above 0 and below 100, such as 99.9%',
    },
    {
      name: 'a user GitLab does not know',
      config: CONFIG.replace('    eng_lead: [lee]', '    eng_lead: [lee.typo]'),
      message: 'slo.personas names lee.typo, who is not a GitLab user',
    },
    {
      name: 'an unknown service',
      config: CONFIG.replace('    login:', '    checkout:'),
      message: 'unknown service "login"; slo.services has checkout',
    },
  ])('$name', async ({ config, message }) => {
    const s = await startSandbox({ seed });
    const result = await init(s, ['--yes'], config);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(message);
    expect(writes(s)).toEqual([]);
  });
});

// Two runs started together (two pipelines, or a pipeline and a person): the run lock makes the
// second wait, and it then finds every step the first opened.
describe('two overlapping runs of slo init', () => {
  it('at 0 and 50 ms latency, repeated, open each step once, and a rerun writes nothing', async () => {
    for (const latencyMs of [0, 50]) {
      for (let round = 0; round < 2; round += 1) {
        const s = await startSandbox({ seed });
        s.setLatency(latencyMs);
        const [first, second] = await Promise.all([init(s, ['--yes']), init(s, ['--yes'])]);
        s.setLatency(0);
        expect([first.exitCode, second.exitCode], `${first.stderr}\n${second.stderr}`).toEqual([0, 0]);
        const titles = (await issuesOf(s)).map((i) => i.title);
        expect(titles, `${latencyMs} ms, round ${round + 1}`).toEqual(rows.map((r) => `SLO login: ${r.index + 1}. ${r.step} (${r.phase})`));
        const logged = s.requestLog.length;
        const rerun = await init(s, ['--yes']);
        expect(rerun.exitCode, rerun.stderr).toBe(0);
        expect(ritualWrites(s.requestLog.slice(logged))).toEqual([]);
        await s.stop();
      }
    }
  }, 120_000);
});
