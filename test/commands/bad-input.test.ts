import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../support/sandbox.js';
import { runCli, tempDir } from '../support/run-cli.js';

// Each bad input is a clear error with exit 3, and nothing is written to GitLab.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const demoConfig = readFileSync(path.join(root, 'scripts', 'demo', 'teamops.yml'), 'utf8');

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
});
afterEach(() => sandbox.stop());

const writes = () => sandbox.requestLog.filter((entry) => entry.method !== 'GET');

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

async function expectRefused(args: string[], cwd: string, message: RegExp | string) {
  const result = await runCli([...args, '--yes'], { env: sandbox.env(), cwd });
  expect(result.exitCode, result.stderr).toBe(3);
  if (typeof message === 'string') expect(result.stderr).toContain(message);
  else expect(result.stderr).toMatch(message);
  expect(writes()).toEqual([]);
  return result;
}

describe('bad input', () => {
  it('a comma in a label in teamops.yml', async () => {
    const cwd = dirWith({ 'teamops.yml': demoConfig.replace('labels: [DRI]', 'labels: ["DRI,oncall"]') });
    await expectRefused(['dri', 'rotate'], cwd, 'teamops.yml: dri.labels[0]: a label name cannot contain a comma');
  });

  it('--config naming a device, a directory or a huge file', async () => {
    const cwd = tempDir();
    await expectRefused(['dri', 'rotate', '--config', '/dev/zero'], cwd, 'is not a regular file');
    mkdirSync(path.join(cwd, 'conf.d'));
    await expectRefused(['dri', 'rotate', '--config', 'conf.d'], cwd, 'conf.d is a directory, not a file');
    writeFileSync(path.join(cwd, 'big.yml'), `# ${'x'.repeat(1024 * 1024)}\n`);
    await expectRefused(
      ['dri', 'rotate', '--config', 'big.yml'],
      cwd,
      /big\.yml is 1,048,579 bytes; teamops reads files of up to 1,048,576 bytes/,
    );
  });

  it('a YAML alias bomb, in teamops.yml and in an OKR file', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((n, i) => `${n}: &${n} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    await expectRefused(['dri', 'rotate'], dirWith({ 'teamops.yml': `${bomb}\n` }), /teamops\.yml: .*alias/i);
    const cwd = dirWith({ 'teamops.yml': demoConfig, 'okrs.yml': `${bomb}\nquarter: FY27-Q1\nobjectives: []\n` });
    await expectRefused(['okr', 'create', '--file', 'okrs.yml'], cwd, /okrs\.yml cannot be read[\s\S]*alias/i);
  });

  it('a file that is not UTF-8', async () => {
    await expectRefused(
      ['dri', 'rotate'],
      dirWith({ 'teamops.yml': Buffer.from([0x74, 0x69, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) }),
      'teamops.yml is not UTF-8 text',
    );
  });

  it('a control character in an OKR title', async () => {
    const okrs =
      'quarter: FY27-Q1\nteam: distribution\nobjectives:\n  - title: "Faster\\u0007 builds"\n    key_results:\n      - { title: Cache hits, from: 40, to: 85, unit: percent }\n';
    const cwd = dirWith({ 'teamops.yml': demoConfig, 'okrs.yml': okrs });
    await expectRefused(['okr', 'create', '--file', 'okrs.yml'], cwd, 'the title contains a control character or line break');
  });

  it('an OKR title longer than GitLab allows, naming the item', async () => {
    const okrs = `quarter: FY27-Q1\nteam: distribution\nobjectives:\n  - title: "${'Long '.repeat(60)}"\n    key_results:\n      - { title: Cache hits, from: 40, to: 85, unit: percent }\n`;
    const cwd = dirWith({ 'teamops.yml': demoConfig, 'okrs.yml': okrs });
    await expectRefused(
      ['okr', 'create', '--file', 'okrs.yml'],
      cwd,
      /create objective "Long Long .*…: the title has 299 characters; GitLab allows at most 255/,
    );
  });

  it('dates before 1970 or with a year below 100, which must not become 19xx', async () => {
    const cwd = dirWith({ 'teamops.yml': demoConfig });
    await expectRefused(['dri', 'rotate', '--date', '1969-12-31'], cwd, '--date');
    await expectRefused(['dri', 'rotate', '--date', '0099-01-05'], cwd, '--date');
  });

  it('a runaway issue template, before anything is written', async () => {
    const cwd = dirWith({ 'teamops.yml': demoConfig, 'runaway.md': '{% for i in (1..1000000000) %}x{% endfor %}' });
    await expectRefused(['update', 'print', '--template', 'runaway.md', '--create'], cwd, 'is too big to render');
  });

  it('prints a JSON document with an error under --json when the run fails before planning', async () => {
    const result = await runCli(['dri', 'rotate', '--json', '--config', '/dev/zero'], { env: sandbox.env(), cwd: tempDir() });
    expect(result.exitCode).toBe(3);
    expect(result.json()).toMatchObject({
      schemaVersion: 1,
      command: 'dri rotate',
      error: { message: expect.stringContaining('is not a regular file'), exitCode: 3 },
    });
  });
});

describe('the token', () => {
  it('never appears, short and with characters JSON and URLs escape, in the --json error document or on stderr', async () => {
    const token = 'a"b\\c d';
    const result = await runCli(['dri', 'rotate', '--json', '--host', `http://[${token}`], {
      env: { GITLAB_TOKEN: token },
      cwd: tempDir(),
    });
    expect(result.exitCode).toBe(3);
    const output = result.stdout + result.stderr;
    for (const form of [token, JSON.stringify(token).slice(1, -1), encodeURIComponent(token)]) expect(output).not.toContain(form);
    expect(result.stdout).toContain('[REDACTED]');
  });
});
