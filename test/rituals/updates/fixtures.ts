import type { UpdateIssue, WorkIssue } from '../../../src/rituals/updates/model.js';
import type { UpdatePeriod } from '../../../src/rituals/updates/period.js';
import type { UpdateContext } from '../../../src/rituals/updates/variables.js';

export const week: UpdatePeriod = { kind: 'week', since: '2026-11-10', until: '2026-11-16' };

export const issue = (fields: Partial<WorkIssue> & Pick<WorkIssue, 'iid'>): WorkIssue => ({
  title: `Issue ${fields.iid}`,
  description: '',
  state: 'opened',
  labels: [],
  assignees: [],
  author: 'amara.okafor',
  milestone: null,
  webUrl: `https://gitlab.example.com/d/o/-/issues/${fields.iid}`,
  reference: `d/o#${fields.iid}`,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-12T10:00:00Z',
  closedAt: null,
  ...fields,
});

export const context: UpdateContext = {
  templateName: 'em-weekly',
  author: { username: 'grace.hopper', name: 'Grace Hopper' },
  scope: 'distribution',
  period: week,
  timeZone: 'Europe/Amsterdam',
  quarter: '2026-q4',
  missedLabel: 'missed:{milestone}',
};

export const update = (fields: Partial<UpdateIssue> & Pick<UpdateIssue, 'iid'>): UpdateIssue => ({
  title: `Update ${fields.iid}`,
  description: '',
  key: null,
  author: 'grace.hopper',
  labels: ['OpsSection::AsyncUpdate'],
  webUrl: `https://gitlab.example.com/d/t/-/issues/${fields.iid}`,
  reference: `d/t#${fields.iid}`,
  createdAt: '2026-11-13T10:00:00Z',
  ...fields,
});
