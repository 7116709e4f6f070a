import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';

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
});
