import { describe, expect, it } from 'vitest';
import { colourEnabled } from '../../src/io/io.js';
import { printTable } from '../../src/io/output.js';
import { redact } from '../../src/io/redact.js';
import { createTestIO } from '../support/test-io.js';

describe('colour', () => {
  it.each([
    { tty: true, env: {}, noColor: false, expected: true },
    { tty: false, env: {}, noColor: false, expected: false },
    { tty: true, env: { NO_COLOR: '1' }, noColor: false, expected: false },
    { tty: true, env: { NO_COLOR: '' }, noColor: false, expected: true },
    { tty: true, env: { TERM: 'dumb' }, noColor: false, expected: false },
    { tty: true, env: {}, noColor: true, expected: false },
    { tty: false, env: { FORCE_COLOR: '1' }, noColor: false, expected: true },
    { tty: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, noColor: false, expected: true },
    { tty: true, env: { FORCE_COLOR: '0' }, noColor: false, expected: false },
    { tty: false, env: { FORCE_COLOR: '1' }, noColor: true, expected: false },
  ])('tty=$tty env=$env --no-color=$noColor → $expected', ({ tty, env, noColor, expected }) => {
    expect(colourEnabled(tty, env, noColor)).toBe(expected);
  });

  it('is decided per stream', () => {
    const { io } = createTestIO({ stdoutTTY: false, stderrTTY: true });
    expect(io.out.red('x')).toBe('x');
    expect(io.err.red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});

describe('printTable', () => {
  const rows = [
    ['amara.okafor', '2026-11-16'],
    ['bo', '2026-11-23'],
  ];

  it('aligns columns on a terminal', () => {
    const test = createTestIO({ stdoutTTY: true });
    printTable(test.io, ['DRI', 'WEEK'], rows);
    // eslint-disable-next-line no-control-regex -- strips the bold header's escape codes
    expect(test.stdout().replace(/\u001b\[\d+m/g, '')).toBe('DRI           WEEK\namara.okafor  2026-11-16\nbo            2026-11-23\n');
  });

  it('prints tab-separated rows without a header when piped', () => {
    const test = createTestIO({ stdoutTTY: false });
    printTable(test.io, ['DRI', 'WEEK'], rows);
    expect(test.stdout()).toBe('amara.okafor\t2026-11-16\nbo\t2026-11-23\n');
  });
});

describe('redact', () => {
  it('replaces every occurrence of the secret', () => {
    expect(redact('a glpat-123456789 b glpat-123456789', ['glpat-123456789'])).toBe('a [REDACTED] b [REDACTED]');
  });

  it('redacts a short token too: any non-empty token is a secret', () => {
    expect(redact('token=ab7 here', ['ab7'])).toBe('token=[REDACTED] here');
    expect(redact('nothing', [''])).toBe('nothing');
  });

  it('redacts the token JSON-escaped, as --json prints what a server echoed', () => {
    const token = 'to"k\\en';
    const json = JSON.stringify({ message: `proxy said ${token}` });
    expect(json).not.toContain(token);
    expect(redact(json, [token])).toBe('{"message":"proxy said [REDACTED]"}');
  });

  it('redacts the token URL-encoded, in a URL a server echoed', () => {
    const token = 'a b/c?d&e';
    expect(redact(`GET /api/v4/x?private_token=${encodeURIComponent(token)} and a+b%2Fc%3Fd%26e`, [token])).toBe(
      'GET /api/v4/x?private_token=[REDACTED] and [REDACTED]',
    );
  });
});
