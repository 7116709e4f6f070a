import type { SeedDocument } from '../seed.js';

// `--seed demo`: a small organisation modelled on GitLab's Distribution team. Every date is
// placed relative to `today` so the demo always looks current: last week's DRI issue, a previous
// milestone that ended last week or the week before with work left in it, a current and a next
// milestone, and async updates from the last seven days.

const DAY_MS = 86_400_000;

export const DEMO_ROSTER = ['amara.okafor', 'bruno.silva', 'chen.wei', 'dana.kowalski', 'emeka.eze', 'farah.haddad'] as const;

export const DRI_TEMPLATE = `## Distribution DRI for the week of {{ week_start }} to {{ week_end }}

DRI: @{{ dri }}
Previous DRI: @{{ previous_dri }} (handover from {{ previous_issue }})

### Handover: open requests
{% for request in handover %}- {{ request.reference }} {{ request.title }}
{% endfor %}
### Responsibilities
- [ ] Triage new issues labelled ~"dri::active-request" every working day
- [ ] Watch the nightly omnibus-gitlab and CNG pipelines; open an issue for every new failure
- [ ] Answer Support and release-manager pings in #g_distribution within one working day
- [ ] Hand over open requests to the next DRI on Friday
`;

const ASYNC_UPDATE_TEMPLATE = `## Async update

HIGHLIGHT:

### Progress

### Risks and blockers
`;

interface Clock {
  today: Date;
  /** `days` days (and `hours` hours) before the sandbox's now. */
  ago(days: number, hours?: number): string;
  /** A calendar day relative to today, as YYYY-MM-DD. */
  day(offset: number): string;
  /** 09:00 UTC on a calendar day relative to today. */
  morning(offset: number): string;
}

function clockFor(today: Date): Clock {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return {
    today,
    ago: (days, hours = 0) => new Date(today.getTime() - days * DAY_MS - hours * 3_600_000).toISOString(),
    day: (offset) => new Date(midnight + offset * DAY_MS).toISOString().slice(0, 10),
    morning: (offset) => new Date(midnight + offset * DAY_MS + 9 * 3_600_000).toISOString(),
  };
}

/** `FY27::Q4` for a day of November 2026: GitLab's fiscal year starts in February and is named after the year it ends in. */
function fiscalQuarterLabel(isoDay: string): string {
  const [year = 2026, month = 1] = isoDay.split('-').map(Number);
  const fiscalYear = month >= 2 ? year + 1 : year;
  return `FY${String(fiscalYear % 100).padStart(2, '0')}::Q${Math.floor(((month - 2 + 12) % 12) / 3) + 1}`;
}

/** GitLab's monthly release numbering: 16.0 shipped in May 2023, 17.0 in May 2024. */
function releaseFor(isoDay: string, offset = 0): string {
  const [year = 2023, month = 5] = isoDay.split('-').map(Number);
  const months = (year - 2023) * 12 + (month - 5) + offset;
  return `${16 + Math.floor(months / 12)}.${((months % 12) + 12) % 12}`;
}

export function demoSeed(today: Date): SeedDocument {
  const clock = clockFor(today);
  const weekday = (today.getUTCDay() + 6) % 7;
  const thisMonday = -weekday;
  const lastMonday = thisMonday - 7;
  const mondayBefore = thisMonday - 14;

  const previousDue = -10;
  const currentStart = previousDue + 1;
  const currentDue = currentStart + 27;
  const nextStart = currentDue + 1;
  const current = releaseFor(clock.day(currentDue));
  const previous = releaseFor(clock.day(currentDue), -1);
  const next = releaseFor(clock.day(currentDue), 1);
  const older = releaseFor(clock.day(currentDue), -2);

  return {
    users: [
      { username: 'root', name: 'Administrator', email: 'admin@example.com' },
      ...DEMO_ROSTER.map((username) => ({
        username,
        name: username
          .split('.')
          .map((part) => part[0]?.toUpperCase() + part.slice(1))
          .join(' '),
        email: `${username.replace('.', '')}@example.com`,
        job_title: 'Backend Engineer, Distribution',
        organization: 'Example Corp',
        ...(username === 'dana.kowalski'
          ? { status: { availability: 'busy' as const, emoji: 'palm_tree', message: `On leave until ${clock.day(thisMonday + 14)}` } }
          : {}),
      })),
      {
        username: 'grace.hopper',
        name: 'Grace Hopper',
        email: 'grace@example.com',
        job_title: 'Engineering Manager, Distribution',
        organization: 'Example Corp',
      },
      {
        username: 'director.lee',
        name: 'Jordan Lee',
        email: 'jlee@example.com',
        job_title: 'Director of Engineering, Enablement',
        organization: 'Example Corp',
      },
    ],
    groups: [
      {
        path: 'distribution',
        name: 'Distribution',
        description: 'Installing, upgrading and running GitLab everywhere.',
        members: {
          ...Object.fromEntries(DEMO_ROSTER.map((username) => [username, 'developer' as const])),
          'grace.hopper': 'maintainer',
          'director.lee': 'owner',
        },
        labels: [
          { name: 'DRI', color: '#8fbc8f', description: 'Weekly Distribution DRI rotation issue' },
          { name: 'dri::active-request', color: '#d9534f', description: 'A request the DRI is handling' },
          { name: 'dri::completed', color: '#5cb85c', description: 'A DRI request that is done' },
          { name: 'OpsSection::AsyncUpdate', color: '#428bca', description: 'Async update for the Ops section' },
          { name: 'OpsSection::Weekly-Update', color: '#428bca', description: 'Weekly update (before async updates)' },
          { name: 'Deliverable', color: '#330066', description: 'Committed for the milestone' },
          { name: 'Stretch', color: '#cc338b', description: 'Nice to have in the milestone' },
          { name: 'type::bug', color: '#dc143c' },
          { name: 'type::feature', color: '#009966' },
          { name: 'type::maintenance', color: '#8e44ad' },
          { name: 'workflow::ready for development', color: '#e5e5e5' },
          { name: 'workflow::in dev', color: '#f0ad4e' },
          { name: 'workflow::in review', color: '#5843ad' },
          { name: `missed:${older}`, color: '#d1d100', description: `Planned for ${older} but not done` },
          { name: 'Unplanned', color: '#ed9121', description: 'Added to the milestone after it started' },
          // The quarter labels of the milestones' due dates, on GitLab's fiscal year (from February).
          ...[...new Set([previousDue, currentDue, nextStart + 27].map((offset) => fiscalQuarterLabel(clock.day(offset))))].map((name) => ({
            name,
            color: '#7f8c8d',
            description: 'The fiscal quarter the work is due in',
          })),
        ],
        milestones: [
          { title: older, start_date: clock.day(previousDue - 55), due_date: clock.day(previousDue - 28), state: 'closed' },
          { title: previous, start_date: clock.day(previousDue - 27), due_date: clock.day(previousDue) },
          { title: current, start_date: clock.day(currentStart), due_date: clock.day(currentDue) },
          { title: next, start_date: clock.day(nextStart), due_date: clock.day(nextStart + 27) },
        ],
      },
    ],
    projects: [
      teamTasks(clock, { lastMonday, mondayBefore }),
      {
        path: 'distribution/okrs',
        name: 'OKRs',
        description: 'Objectives and key results of the Distribution team.',
        labels: [
          { name: 'OKR', color: '#6699cc' },
          { name: 'okr::objective', color: '#0033cc' },
          { name: 'okr::key-result', color: '#00b140' },
          { name: 'health::on-track', color: '#108548' },
          { name: 'health::needs-attention', color: '#c17d10' },
          { name: 'health::at-risk', color: '#dd2b0e' },
        ],
      },
      omnibus(clock, { older, previous, current, next, olderDue: previousDue - 28, previousDue, currentStart }),
    ],
  };
}

function teamTasks(clock: Clock, weeks: { lastMonday: number; mondayBefore: number }): NonNullable<SeedDocument['projects']>[number] {
  const { lastMonday, mondayBefore } = weeks;
  const weekTitle = (monday: number) => `Distribution DRI rotation week of ${clock.day(monday)}`;
  const driDescription = (monday: number, dri: string, previousDri: string, previousIssue: string, handover: string[]) =>
    DRI_TEMPLATE.replace('{{ week_start }}', clock.day(monday))
      .replace('{{ week_end }}', clock.day(monday + 4))
      .replace('{{ dri }}', dri)
      .replace('{{ previous_dri }}', previousDri)
      .replace('{{ previous_issue }}', previousIssue)
      .replace(/\{% for request in handover %\}[\s\S]*?\{% endfor %\}\n/, handover.map((line) => `- ${line}\n`).join(''));

  return {
    path: 'distribution/team-tasks',
    name: 'team-tasks',
    description: 'Planning, DRI rotation and async updates of the Distribution team.',
    issue_templates: { 'Distribution-DRI': DRI_TEMPLATE, 'Async-Update': ASYNC_UPDATE_TEMPLATE },
    issues: [
      {
        iid: 1,
        title: weekTitle(mondayBefore),
        description: driDescription(mondayBefore, 'bruno.silva', 'amara.okafor', 'none', []),
        labels: ['DRI'],
        assignees: ['bruno.silva'],
        author: 'grace.hopper',
        state: 'closed',
        created_at: clock.morning(mondayBefore - 3),
        closed_at: clock.morning(lastMonday),
      },
      {
        iid: 2,
        title: weekTitle(lastMonday),
        description: driDescription(lastMonday, 'chen.wei', 'bruno.silva', '#1', []),
        labels: ['DRI'],
        assignees: ['chen.wei'],
        author: 'grace.hopper',
        created_at: clock.morning(lastMonday - 3),
        links: ['#3', '#4', '#5'],
        notes: [
          {
            author: 'chen.wei',
            body: 'Picked up #3 and #4; #5 answered in the Support ticket.',
            created_at: clock.morning(lastMonday + 2),
          },
        ],
      },
      {
        iid: 3,
        title: 'Investigate flaky omnibus-gitlab ARM64 package build',
        description: 'The nightly ARM64 package job failed three times this week with a timeout in the `gitlab-rails` software definition.',
        labels: ['dri::active-request', 'type::bug'],
        assignees: ['chen.wei'],
        author: 'emeka.eze',
        created_at: clock.morning(lastMonday + 1),
      },
      {
        iid: 4,
        title: 'Review request: PostgreSQL 16 upgrade documentation',
        description: 'Docs team asks for a technical review of the PostgreSQL 16 upgrade page before the release post.',
        labels: ['dri::active-request'],
        author: 'director.lee',
        created_at: clock.morning(lastMonday + 2),
      },
      {
        iid: 5,
        title: 'Support question: Geo replication log rotation',
        description: 'A customer asks whether Geo replication logs are rotated by logrotate in Omnibus installs.',
        labels: ['dri::active-request'],
        author: 'farah.haddad',
        state: 'closed',
        created_at: clock.morning(lastMonday),
        closed_at: clock.morning(lastMonday + 3),
      },
      {
        iid: 6,
        title: `Distribution:Build async update ${clock.day(-6)}`,
        description: [
          '## Distribution:Build async update',
          '',
          'HIGHLIGHT: All omnibus-gitlab packages for the release candidate are green, and ARM64 builds dropped from 47 to 31 minutes.',
          '',
          'Capacity is reduced this week: one engineer is on leave and two issues carried over from last milestone.',
          '',
          'HIGHLIGHT: The FIPS pipeline now runs on every merge to the default branch.',
          '',
          '```text',
          'HIGHLIGHT: this line sits in a code block and is not a highlight',
          '```',
        ].join('\n'),
        labels: ['OpsSection::AsyncUpdate'],
        author: 'grace.hopper',
        created_at: clock.ago(6, 2),
      },
      {
        iid: 7,
        title: `Distribution:Deploy async update ${clock.day(-4)}`,
        description: [
          '## Distribution:Deploy async update',
          '',
          'HIGHLIGHT: The GitLab chart now supports zero-downtime upgrades of the Gitaly StatefulSet.',
          '',
          'We are still waiting on a review from the Security team; as written in the last sync, the word HIGHLIGHT: in the middle of a sentence is not a highlight.',
        ].join('\n'),
        labels: ['OpsSection::AsyncUpdate'],
        author: 'grace.hopper',
        created_at: clock.ago(4, 3),
        notes: [
          { author: 'bruno.silva', body: 'The Gitaly change also needs a docs update, tracked in omnibus.', created_at: clock.ago(3, 20) },
        ],
      },
      {
        iid: 8,
        title: `Enablement section async update ${clock.day(-2)}`,
        description: [
          '## Enablement section async update',
          '',
          'HIGHLIGHT: Distribution shipped the PostgreSQL 16 upgrade path ahead of schedule.',
          '',
          'Hiring: one Backend Engineer offer accepted.',
        ].join('\n'),
        labels: ['OpsSection::AsyncUpdate'],
        author: 'director.lee',
        created_at: clock.ago(2, 5),
      },
      {
        iid: 9,
        title: `Distribution weekly update ${clock.day(-20)}`,
        description:
          '## Weekly update\n\nHIGHLIGHT: Old-style weekly update; it predates the async update process and is older than a week.',
        labels: ['OpsSection::Weekly-Update'],
        author: 'grace.hopper',
        state: 'closed',
        created_at: clock.ago(20, 4),
        closed_at: clock.ago(13),
      },
    ],
  };
}

const ENGINEERING_WORK = [
  'Upgrade bundled OpenSSL to 3.0.15',
  'Add Ubuntu 24.04 packages',
  'Drop support for Debian 10',
  'Make gitlab-ctl reconfigure idempotent for Patroni settings',
  'Bump Ruby to 3.3 in omnibus-gitlab',
  'Fix logrotate config for Gitaly logs',
  'Document the Redis 7 upgrade path',
  'Speed up package builds with a shared cache',
  'Ship PostgreSQL 16 as the default for new installs',
  'Investigate memory growth in Puma workers on RHEL 9',
  'Add FIPS-compliant Go toolchain to the build images',
  'Remove deprecated grafana configuration keys',
  'Allow custom CA bundles for the container registry',
  'Support Amazon Linux 2023 packages',
  'Replace mail_room configuration templates',
  'Harden file permissions of /etc/gitlab/gitlab-secrets.json',
  'Add health check for the KAS service in gitlab-ctl status',
  'Run pg_upgrade in parallel for large databases',
  'Add ARM64 runners for nightly builds',
  'Pin bundled libxml2 to a patched release',
  'Migrate CNG images to UBI 9',
  'Expose Praefect metrics in the bundled Prometheus',
  'Make the backup task skip the registry when disabled',
  'Remove the bundled NGINX status page from the default config',
  'Validate gitlab.rb for unknown keys during reconfigure',
  'Add upgrade stop for 18.x background migrations',
  'Improve error message when the license file is missing',
  'Update Helm chart dependencies to the latest versions',
  'Publish SBOMs for every omnibus package',
  'Automate the monthly dependency update merge requests',
];

function omnibus(
  clock: Clock,
  release: { older: string; previous: string; current: string; next: string; olderDue: number; previousDue: number; currentStart: number },
): NonNullable<SeedDocument['projects']>[number] {
  const types = ['type::feature', 'type::maintenance', 'type::bug'];
  const roster = DEMO_ROSTER;
  const issues = ENGINEERING_WORK.map((title, index) => {
    const assignee = roster[index % roster.length] ?? 'amara.okafor';
    const labels = [types[index % types.length] ?? 'type::feature', index % 4 === 3 ? 'Stretch' : 'Deliverable'];
    let milestone: string | undefined;
    let state: 'opened' | 'closed' = 'opened';
    let createdDaysAgo: number;
    let closedDaysAgo: number | undefined;
    if (index < 10) {
      // The previous milestone: six done, four left open for the rollover.
      milestone = release.previous;
      createdDaysAgo = -release.previousDue + 30 - index;
      if (index < 6) {
        state = 'closed';
        closedDaysAgo = -release.previousDue + 2 + index;
      } else labels.push('workflow::in dev');
      if (index === 7 || index === 9) labels.push(`missed:${release.older}`);
    } else if (index < 22) {
      milestone = release.current;
      createdDaysAgo = -release.currentStart + 3 + (index % 5);
      if (index < 13) {
        state = 'closed';
        closedDaysAgo = 1 + (index % 3);
      } else labels.push(index % 2 === 0 ? 'workflow::in dev' : 'workflow::ready for development');
      if (index === 15) labels.push(`missed:${release.older}`);
    } else if (index < 28) {
      milestone = release.next;
      createdDaysAgo = 5 + (index % 4);
      labels.push('workflow::ready for development');
    } else {
      createdDaysAgo = 40 + index;
    }
    // History for the rituals that read resource events: three issues slipped out of the older
    // milestone (planned there, moved on the day after it ended), and one was added to the current
    // milestone after it had started (unplanned work).
    const history: Array<{ at: string; author: string; milestone?: string; add_labels?: string[] }> = [];
    let plannedIn = milestone;
    const missedLabel = `missed:${release.older}`;
    if (labels.includes(missedLabel)) {
      plannedIn = release.older;
      createdDaysAgo = -release.olderDue + 15 + index;
      history.push({
        at: clock.morning(release.olderDue + 1),
        author: 'grace.hopper',
        milestone: release.previous,
        add_labels: [missedLabel],
      });
      if (milestone === release.current)
        history.push({ at: clock.morning(release.previousDue + 1), author: 'grace.hopper', milestone: release.current });
    }
    if (index === 21) {
      plannedIn = undefined;
      history.push({ at: clock.morning(-3), author: 'grace.hopper', milestone: release.current });
    }
    return {
      title,
      description: `Tracking issue for: ${title.toLowerCase()}.`,
      labels: labels.filter((label) => history.length === 0 || label !== missedLabel),
      assignees: [assignee],
      milestone: plannedIn,
      state,
      author: index % 3 === 0 ? 'grace.hopper' : assignee,
      created_at: clock.ago(createdDaysAgo, 3),
      ...(closedDaysAgo !== undefined ? { closed_at: clock.ago(closedDaysAgo, 1) } : {}),
      ...(history.length > 0 ? { history } : {}),
    };
  });

  const mergeRequest = (index: number, state: 'merged' | 'opened' | 'closed', milestone: string, daysAgo: number, doneDaysAgo?: number) => {
    const title = ENGINEERING_WORK[index] ?? 'Maintenance';
    const author = roster[index % roster.length] ?? 'amara.okafor';
    // Every merge request but a draft has a reviewer (the next engineer on the roster) who left a review comment.
    const draft = state === 'opened' && index % 2 === 0;
    const reviewer = roster[(index + 1) % roster.length] ?? 'bruno.silva';
    return {
      title: state === 'opened' && index % 2 === 0 ? `Draft: ${title}` : title,
      description: `Closes #${index + 1}`,
      state,
      milestone,
      labels: [types[index % types.length] ?? 'type::feature'],
      author,
      assignees: [author],
      created_at: clock.ago(daysAgo, 2),
      ...(draft
        ? {}
        : {
            reviewers: [reviewer],
            notes: [
              {
                author: reviewer,
                body: state === 'opened' ? 'Please add a test for the upgrade path before this goes in.' : 'Looks good to me.',
                created_at: clock.ago(daysAgo - 1, 2),
              },
            ],
          }),
      ...(state === 'merged' && doneDaysAgo !== undefined ? { merged_at: clock.ago(doneDaysAgo, 1) } : {}),
      ...(state === 'closed' && doneDaysAgo !== undefined ? { closed_at: clock.ago(doneDaysAgo, 1) } : {}),
    };
  };

  const previousEnd = -release.previousDue;
  return {
    path: 'distribution/omnibus',
    name: 'omnibus',
    description: 'Omnibus GitLab packages (demo).',
    labels: [
      { name: 'priority::1', color: '#cc0000', priority: 1 },
      { name: 'priority::2', color: '#ff6600', priority: 2 },
    ],
    issues: [...issues, ...queueIssues(clock, release.current)],
    merge_requests: [
      mergeRequest(0, 'merged', release.previous, previousEnd + 20, previousEnd + 12),
      mergeRequest(1, 'merged', release.previous, previousEnd + 18, previousEnd + 9),
      mergeRequest(2, 'merged', release.previous, previousEnd + 15, previousEnd + 5),
      mergeRequest(4, 'merged', release.previous, previousEnd + 10, previousEnd + 1),
      mergeRequest(10, 'merged', release.current, 8, 5),
      mergeRequest(11, 'merged', release.current, 7, 3),
      mergeRequest(12, 'merged', release.current, 5, 1),
      mergeRequest(13, 'opened', release.current, 4),
      mergeRequest(14, 'opened', release.current, 2),
      mergeRequest(16, 'closed', release.current, 6, 4),
      ...queueMergeRequests(clock, release.current),
    ],
  };
}

/**
 * Work for `teamops queue` and `teamops claims`: prioritised Deliverables nobody has taken yet, claimed
 * in comments (one valid, one lapsed, one without a date), and merge requests in review.
 */
function queueIssues(clock: Clock, milestone: string): NonNullable<NonNullable<SeedDocument['projects']>[number]['issues']> {
  const open = (
    title: string,
    priority: number,
    daysAgo: number,
    notes: Array<{ author: string; body: string; daysAgo: number }> = [],
  ) => ({
    title,
    description: `Tracking issue for: ${title.toLowerCase()}.`,
    labels: ['Deliverable', `priority::${priority}`, 'type::feature'],
    milestone,
    author: 'grace.hopper',
    created_at: clock.ago(daysAgo, 4),
    notes: notes.map((note) => ({ author: note.author, body: note.body, created_at: clock.ago(note.daysAgo, 2) })),
  });
  return [
    open('Package the new Gitaly backup tool', 1, 9),
    open('Add SELinux policy for the registry', 2, 8, [
      { author: 'emeka.eze', body: `I'll pick this up, starting ${clock.day(3)}`, daysAgo: 1 },
    ]),
    open('Rotate the package signing key', 2, 8, [{ author: 'farah.haddad', body: `I can take this on ${clock.day(-3)}`, daysAgo: 6 }]),
    open('Trim the bundled locale files', 3, 7, [{ author: 'bruno.silva', body: "I'd like to work on this one", daysAgo: 2 }]),
  ];
}

function queueMergeRequests(clock: Clock, milestone: string): NonNullable<NonNullable<SeedDocument['projects']>[number]['merge_requests']> {
  return [
    {
      title: 'Package the new Gitaly backup tool',
      labels: ['priority::1', 'type::feature'],
      milestone,
      author: 'bruno.silva',
      reviewers: ['amara.okafor'],
      created_at: clock.ago(1, 3),
    },
    {
      title: 'Cache the Go module downloads in package builds',
      labels: ['priority::2', 'type::maintenance'],
      milestone,
      author: 'chen.wei',
      reviewers: ['amara.okafor'],
      created_at: clock.ago(4, 0),
    },
    {
      title: 'Split the omnibus build stage',
      labels: ['priority::2', 'type::maintenance'],
      milestone,
      author: 'amara.okafor',
      reviewers: ['chen.wei'],
      has_conflicts: true,
      created_at: clock.ago(2, 5),
    },
  ];
}
