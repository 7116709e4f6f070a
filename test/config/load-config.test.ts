import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';
import { tempDir, withConfig } from '../support/run-cli.js';

const load = (cwd: string, extra: { configPath?: string; host?: string; env?: Record<string, string> } = {}) =>
  loadConfig({ cwd, env: extra.env ?? {}, configPath: extra.configPath, host: extra.host });

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config discovery', () => {
  it('finds teamops.yml in the working directory', () => {
    const dir = withConfig('timezone: Europe/Amsterdam\n');
    const loaded = load(dir);
    expect(loaded.file).toBe(path.join(dir, 'teamops.yml'));
    expect(loaded.config.timezone).toBe('Europe/Amsterdam');
  });

  it('finds teamops.yml in a parent directory', () => {
    const dir = withConfig('timezone: Asia/Tokyo\n');
    const nested = path.join(dir, 'a', 'b');
    mkdirSync(nested, { recursive: true });
    expect(findConfigFile(nested)).toBe(path.join(dir, 'teamops.yml'));
    expect(load(nested).config.timezone).toBe('Asia/Tokyo');
  });

  it('uses the defaults when there is no file', () => {
    const loaded = load(tempDir());
    expect(loaded.file).toBeNull();
    expect(loaded.config.timezone).toBe('UTC');
    expect(loaded.config.fiscal_year_start_month).toBe(2);
    expect(loaded.config.dri.template).toBeUndefined();
    expect(loaded.host).toBe('https://gitlab.com');
  });

  it('reads the file named by --config', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'other.yml'), 'timezone: America/New_York\n');
    expect(load(tempDir(), { configPath: path.join(dir, 'other.yml') }).config.timezone).toBe('America/New_York');
  });

  it('fails clearly when --config names a missing file', () => {
    const error = errorOf(() => load(tempDir(), { configPath: 'nope.yml' }));
    expect(error.message).toBe('config file not found: nope.yml');
    expect(error.exitCode).toBe(3);
  });
});

describe('config errors name the file, the key and what was expected', () => {
  it('reports malformed YAML with its line', () => {
    const error = errorOf(() => load(withConfig('timezone: UTC\ndri:\n  roster: [a, b\n')));
    expect(error.message).toMatch(/^teamops\.yml:\d+: not valid YAML \(line \d+, column \d+\): /);
    expect(error.hint).toContain('YAML nests by indentation with spaces');
  });

  it('reports a top level that is not a mapping', () => {
    expect(errorOf(() => load(withConfig('- a\n- b\n'))).message).toBe('teamops.yml: expected a mapping of settings at the top level');
  });

  it('reports an unknown key', () => {
    expect(errorOf(() => load(withConfig('dri:\n  rooster: [a]\n'))).message).toBe('teamops.yml: dri: unknown key "rooster"');
  });

  it('reports a wrong type with its path', () => {
    const message = errorOf(() => load(withConfig('dri:\n  roster: [alice, 3]\n'))).message;
    expect(message).toContain('teamops.yml: dri.roster[1]:');
    expect(message).toContain('expected text, got a number');
  });

  it('reports an unknown time zone', () => {
    expect(errorOf(() => load(withConfig('timezone: Mars/Olympus\n'))).message).toBe(
      'teamops.yml: timezone: expected an IANA time zone such as Europe/Amsterdam',
    );
  });

  it('reports a fiscal year start month out of range', () => {
    expect(errorOf(() => load(withConfig('fiscal_year_start_month: 13\n'))).message).toMatch(/^teamops\.yml: fiscal_year_start_month: /);
  });

  it('reports a host that is not a URL', () => {
    expect(errorOf(() => load(withConfig('gitlab:\n  host: gitlab.example.com\n'))).message).toContain(
      'teamops.yml: gitlab.host: expected an http(s) URL',
    );
  });

  it('lists every problem at once', () => {
    const message = errorOf(() => load(withConfig('timezone: Nowhere\nfiscal_year_start_month: 0\ndri:\n  cadence: daily\n'))).message;
    expect(message.split('\n')).toHaveLength(3);
    expect(message).toContain('dri.cadence');
  });

  it('rejects a token in the file: the token comes from GITLAB_TOKEN only', () => {
    expect(errorOf(() => load(withConfig('gitlab:\n  host: https://gitlab.example.com\n  token: glpat-abc\n'))).message).toBe(
      'teamops.yml: gitlab: unknown key "token"',
    );
  });
});

describe('host precedence: flag, then environment, then file, then default', () => {
  const dir = () => withConfig('gitlab:\n  host: https://file.example.com/\n');

  it('prefers --host', () => {
    expect(load(dir(), { host: 'https://flag.example.com', env: { GITLAB_HOST: 'https://env.example.com' } })).toMatchObject({
      host: 'https://flag.example.com',
      hostSource: '--host',
    });
  });

  it('then GITLAB_HOST', () => {
    expect(
      load(dir(), { env: { GITLAB_HOST: 'https://env.example.com', GITLAB_CI: 'true', CI_SERVER_URL: 'https://ci.example.com' } }),
    ).toMatchObject({
      host: 'https://env.example.com',
      hostSource: 'GITLAB_HOST',
    });
  });

  it('then CI_SERVER_URL, but only inside GitLab CI', () => {
    expect(load(dir(), { env: { GITLAB_CI: 'true', CI_SERVER_URL: 'https://ci.example.com' } }).host).toBe('https://ci.example.com');
    expect(load(dir(), { env: { CI_SERVER_URL: 'https://ci.example.com' } }).host).toBe('https://file.example.com');
  });

  it('then the file, without its trailing slash', () => {
    expect(load(dir())).toMatchObject({ host: 'https://file.example.com', hostSource: 'teamops.yml' });
  });

  it('keeps a path prefix for instances served under a sub-path', () => {
    expect(load(tempDir(), { env: { GITLAB_HOST: 'https://example.com/gitlab/' } }).host).toBe('https://example.com/gitlab');
  });

  it('rejects a GITLAB_HOST that is not a URL', () => {
    expect(errorOf(() => load(tempDir(), { env: { GITLAB_HOST: 'gitlab.example.com' } })).message).toBe(
      'GITLAB_HOST: "gitlab.example.com" is not a URL; expected something like https://gitlab.example.com',
    );
  });
});
