import type { TeamopsConfig } from '../../config/schema.js';
import type { Scope } from '../../gitlab/port.js';
import { pickScope } from '../common/scope.js';

/**
 * Where the queue and the claims are read: the flags, then `queue:`, then the milestone's place,
 * since the team's milestone work is what the queue and its claims are about.
 */
export function queueScope(flags: { group?: string; project?: string }, config: Pick<TeamopsConfig, 'queue' | 'milestone'>): Scope {
  return pickScope(
    [
      ['group', flags.group],
      ['project', flags.project],
      ['group', config.queue.group],
      ['project', config.queue.project],
      ['group', config.milestone.group],
      ['project', config.milestone.project],
    ],
    { flags: '--group or --project', configKeys: 'queue.group (or milestone.group)' },
  );
}
