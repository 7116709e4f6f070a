import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, tempDir, withConfig } from '../../support/run-cli.js';

const GOOD = `
okr:
  project: distribution/okrs
  teams:
    distribution: { assignees: [grace.hopper, director.lee] }
dri:
  project: distribution/team-tasks
  roster: [amara.okafor, bruno.silva]
milestone:
  group: distribution
`;

describe('teamops config check', () => {
  let sandbox: Sandbox;
  let env: Record<string, string>;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    env = { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token };
  });
  afterAll(() => sandbox.stop());

  it('says who the token belongs to and that every project, group and user named exists', async () => {
    const result = await runCli(['config', 'check'], { env, cwd: withConfig(GOOD) });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('✓ token belongs to @root (Administrator)');
    expect(result.stdout).toContain('✓ project distribution/team-tasks (dri.project)');
    expect(result.stdout).toContain('✓ group distribution (milestone.group)');
    expect(result.stdout).toContain('✓ 4 users named in teamops.yml exist');
  });

  it('lists every project, group and user GitLab does not have, and exits 3', async () => {
    const bad = GOOD.replace('distribution/team-tasks', 'distribution/nope')
      .replace('bruno.silva', 'bruno.silvaa')
      .replace('group: distribution', 'group: nowhere');
    const result = await runCli(['config', 'check', '--json'], { env, cwd: withConfig(bad) });
    expect(result.exitCode).toBe(3);
    expect(result.json()).toMatchObject({
      ok: false,
      users: expect.arrayContaining([{ username: 'bruno.silvaa', key: 'dri.roster[1]', exists: false }]),
    });
    expect(result.stderr).toContain('dri.project: project distribution/nope cannot be found');
    expect(result.stderr).toContain('milestone.group: group nowhere cannot be found');
    expect(result.stderr).toContain('dri.roster[1]: bruno.silvaa is not a GitLab user');
  });

  it("checks the people of updates.authors, the recurring rituals and slo: too, and the authors' groups", async () => {
    const people = `${GOOD}
updates:
  authors:
    em-weekly:
      - grace.hopper
      - { group: distribution, job_title: Engineering Manager }
      - { group: no-such-group }
    pe-weekly: [dana.kowalsky]
rituals:
  showcase:
    every: month
    on: 1st thursday
    teams: [distribution]
    title: "{team} showcase: {month}"
    assignees: [em, director.leee]
  agenda:
    every: week
    on: thursday
    project: distribution/team-tasks
    title: "Agenda {date}"
    assignees: [host]
    rotation:
      - { zone: Europe/Amsterdam, time: "10:00", host: amara.okafor }
      - { zone: America/Los_Angeles, time: "09:00", host: bruno.silvia }
slo:
  personas:
    sre: [farah.haddad]
    exec: [director.lee]
  services:
    packages:
      objective: 99.9%
      window: 28d
      sli: { ratio: 'sum(rate(ok[{{window}}])) / sum(rate(all[{{window}}]))' }
      personas: { sre: [chen.wie] }
`;
    const result = await runCli(['config', 'check', '--json'], { env, cwd: withConfig(people) });
    expect(result.exitCode, result.stderr).toBe(3);
    const document = result.json<{ users: Array<{ username: string; key: string; exists: boolean }> }>();
    expect(document.users.filter((u) => !u.exists)).toEqual([
      { username: 'dana.kowalsky', key: 'updates.authors.pe-weekly[0]', exists: false },
      { username: 'director.leee', key: 'rituals.showcase.assignees[1]', exists: false },
      { username: 'bruno.silvia', key: 'rituals.agenda.rotation[1].host', exists: false },
      { username: 'chen.wie', key: 'slo.services.packages.personas.sre[0]', exists: false },
    ]);
    // Found, and not taken for usernames: the team's manager (em) and the rotation's host.
    expect(document.users.map((u) => u.username)).toEqual(expect.arrayContaining(['amara.okafor', 'farah.haddad', 'director.lee']));
    expect(document.users.map((u) => u.username)).not.toContain('em');
    expect(document.users.map((u) => u.username)).not.toContain('host');
    expect(result.stderr).toContain('updates.authors.pe-weekly[0]: dana.kowalsky is not a GitLab user');
    expect(result.stderr).toContain('rituals.showcase.assignees[1]: director.leee is not a GitLab user');
    expect(result.stderr).toContain('rituals.agenda.rotation[1].host: bruno.silvia is not a GitLab user');
    expect(result.stderr).toContain('slo.services.packages.personas.sre[0]: chen.wie is not a GitLab user');
    expect(result.stderr).toContain('updates.authors.em-weekly[2].group: group no-such-group cannot be found');
  });
});

describe('teamops config check, item by item', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo' });
  });
  afterAll(() => sandbox.stop());

  it('shows a missing teamops.yml as a warning with how to create one, not as a pass', async () => {
    const result = await runCli(['config', 'check'], { env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('! config: no teamops.yml found; using the defaults (teamops config init writes a starter file)');
    expect(result.stdout).not.toContain('✓ config');
    expect(result.stdout).toContain('✓ token belongs to @root');
  });

  it('goes on past a missing token and reports each item', async () => {
    const result = await runCli(['config', 'check'], { env: { GITLAB_HOST: sandbox.url }, cwd: withConfig(GOOD) });
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toContain('✓ config: teamops.yml');
    expect(result.stdout).toContain(`✓ GitLab: ${sandbox.url} (from GITLAB_HOST)`);
    expect(result.stdout).toContain('✓ time zone: UTC');
    expect(result.stdout).toContain('✗ token: GITLAB_TOKEN is not set');
    expect(result.stderr).toContain('error: GITLAB_TOKEN is not set');
  });

  it('reports an invalid teamops.yml as a failed item and says GitLab was not checked', async () => {
    const result = await runCli(['config', 'check'], {
      env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token },
      cwd: withConfig('dri:\n  roster: 3\n'),
    });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/^✗ config: /m);
    expect(result.stdout).toContain('✗ GitLab: not checked; fix teamops.yml first');
  });
});

describe('teamops config init', () => {
  it('writes a commented starter teamops.yml that config check accepts, and refuses to overwrite it without --force', async () => {
    const cwd = tempDir();
    const written = await runCli(['config', 'init'], { cwd });
    expect(written.exitCode, written.stderr).toBe(0);
    expect(written.stderr).toContain('Wrote teamops.yml');
    const text = readFileSync(path.join(cwd, 'teamops.yml'), 'utf8');
    expect(text).toContain('# teamops.yml: settings for teamops');
    expect(text).toContain('timezone: UTC');

    const sandbox = await startSandbox({ seed: 'demo' });
    try {
      const check = await runCli(['config', 'check'], { cwd, env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token } });
      expect(check.exitCode, check.stderr).toBe(0);
      expect(check.stdout).toContain('✓ config: teamops.yml');
    } finally {
      await sandbox.stop();
    }

    writeFileSync(path.join(cwd, 'teamops.yml'), 'timezone: Europe/Amsterdam\n');
    const again = await runCli(['config', 'init'], { cwd });
    expect(again.exitCode).toBe(3);
    expect(again.stderr).toContain('error: teamops.yml exists already; nothing was written');
    expect(readFileSync(path.join(cwd, 'teamops.yml'), 'utf8')).toBe('timezone: Europe/Amsterdam\n');
    expect((await runCli(['config', 'init', '--force'], { cwd })).exitCode).toBe(0);
    expect(readFileSync(path.join(cwd, 'teamops.yml'), 'utf8')).toContain('# teamops.yml: settings for teamops');
  });
});
