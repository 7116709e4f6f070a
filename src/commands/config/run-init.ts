import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { success } from '../../io/output.js';
import type { ConfigInitOptions } from './init.js';

/** A starter teamops.yml: the keys most teams set, each explained; the README's "Configuration" has every key. */
export const STARTER_CONFIG = `# teamops.yml: settings for teamops (teamops config check validates this file and the GitLab behind it).
# Every key is optional. The GitLab token is never stored here: export GITLAB_TOKEN=<token> instead.
# Every key and its meaning: https://gitlab.com/teamops/teamops#configuration

gitlab:
  host: https://gitlab.com          # or your self-managed GitLab; GITLAB_HOST and --host win over it

timezone: UTC                       # the team's IANA time zone (Europe/Amsterdam): which day "today" is
fiscal_year_start_month: 1          # 2 for GitLab's fiscal year (FY27-Q1 = February-April 2026)

# okr:                              # teamops okr create / okr status
#   project: my-group/okrs          # where objective issues go
#   teams:
#     my-team:
#       assignees: [manager.name, director.name]
#       project: my-group/team-tasks

# dri:                              # teamops dri rotate / dri schedule
#   project: my-group/team-tasks    # where the weekly DRI issues live
#   roster: [first.person, second.person, third.person]
#   title: "DRI rotation week of {week_start}"

# milestone:                        # teamops milestone rollover
#   group: my-group                 # or project: my-group/app
#   slips: history                  # or labels: count slips from the missed labels, no history read per item

# labels:
#   rules:                          # teamops labels check: the labels every item is held to
#     group: my-group               # default: milestone.group (or project: my-group/app)
#     required: [group::my-team]
#     one_of:                       # exactly one of each group (scoped labels are not exclusive on Free)
#       - [group::my-team::build, group::my-team::deploy]
#     quarter: "FY{fy}::Q{q}"       # the quarter of the item's milestone due date
#     unplanned: Unplanned          # on items added to their milestone after it started

# updates:                          # teamops update print / highlights / summary
#   project: my-group/team-tasks
`;

export async function runConfigInit(options: ConfigInitOptions, deps: Deps): Promise<void> {
  const file = path.resolve(deps.cwd, options.globals.config ?? 'teamops.yml');
  const shown = path.relative(deps.cwd, file) || file;
  if (existsSync(file) && !options.force) {
    throw new UsageError(`${shown} exists already; nothing was written`, { hint: 'pass --force to replace it, or edit it' });
  }
  writeFileSync(file, STARTER_CONFIG);
  success(deps.io, `Wrote ${shown}; edit it, then run teamops config check`);
}
