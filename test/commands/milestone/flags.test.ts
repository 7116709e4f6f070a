import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../support/parse-flags.js';
import { registerMilestoneRollover, type MilestoneRolloverOptions } from '../../../src/commands/milestone/rollover.js';

const parse = (args: string[]): Promise<MilestoneRolloverOptions> =>
  parseFlags(['milestone', 'rollover', ...args], registerMilestoneRollover);

describe('milestone rollover flags', () => {
  it('turns flags into options', async () => {
    const options = await parse([
      '--group',
      'g',
      '--from',
      '16.5',
      '--to',
      '16.6',
      '--assignee',
      '@amara',
      '--include-mrs',
      '--missed-label',
      'slipped::{milestone}',
      '--dry-run',
    ]);
    expect(options).toMatchObject({
      group: 'g',
      from: '16.5',
      to: '16.6',
      assignee: 'amara',
      includeMrs: true,
      missedLabel: 'slipped::{milestone}',
      close: false,
      globals: { dryRun: true },
    });
  });

  it('takes --label repeatedly, --to none, --health, --api and --report-md', async () => {
    expect(
      await parse(['--label', 'backend', '--label', 'type::bug', '--to', 'None', '--health', '--api', 'rest', '--report-md', 'r.md']),
    ).toMatchObject({ labels: ['backend', 'type::bug'], to: undefined, toNone: true, health: true, api: 'rest', reportMd: 'r.md' });
    expect(await parse([])).toMatchObject({ labels: [], toNone: false, health: false, reportMd: undefined });
  });

  it('takes --slips and --api, and leaves both to teamops.yml when not given', async () => {
    expect(await parse(['--slips', 'labels', '--api', 'graphql'])).toMatchObject({ slips: 'labels', api: 'graphql' });
    expect(await parse(['--slips', 'history'])).toMatchObject({ slips: 'history' });
    expect(await parse([])).toMatchObject({ slips: undefined, api: undefined });
  });

  it('leaves what teamops.yml can set unset, and says no to a label with --no-missed-label', async () => {
    expect(await parse([])).toMatchObject({ project: undefined, group: undefined, includeMrs: undefined, missedLabel: undefined });
    expect(await parse(['--no-missed-label', '--no-include-mrs', '--close'])).toMatchObject({
      missedLabel: false,
      includeMrs: false,
      close: true,
    });
  });

  it.each([
    [['--missed-label', 'missed'], '--missed-label must contain {milestone} exactly once, e.g. "missed:{milestone}"; got "missed"'],
    [['--from', '16.5', '--to', '16.5'], '--from and --to are both "16.5"; pass two different milestones'],
    [['--close', '--assignee', 'amara'], '--close cannot be used with --assignee'],
    [['--project', 'g/app', '--group', 'g'], '--project and --group cannot be used together'],
    [['--api', 'soap'], '--api must be rest, graphql or auto, got "soap"'],
    [['--slips', 'events'], '--slips must be history or labels, got "events"'],
    [['--to', 'none', '--api', 'graphql'], '--to none cannot be used with --api graphql'],
  ])('rejects %j before running', async (args, message) => {
    await expect(parse(args)).rejects.toThrow(message);
  });
});
