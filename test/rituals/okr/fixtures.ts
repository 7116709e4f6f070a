import { readFileSync } from 'node:fs';
import type { ObjectiveDraft, ObjectiveSpec } from '../../../src/rituals/okr/model.js';
import type { ExistingOkrIssue, OkrRequest, OkrState } from '../../../src/rituals/okr/plan-okrs.js';
import { parseQuarter } from '../../../src/rituals/common/quarter.js';

export const template = (name: string) => ({
  name: `templates/${name}`,
  text: readFileSync(new URL(`../../../templates/${name}`, import.meta.url), 'utf8'),
});
export const quarter = parseQuarter('FY27-Q1', 2)!;
export const m = (value: number, percent = false) => ({ value, percent, text: `${value}${percent ? '%' : ''}` });

/** A checked objective of the handbook's shape. */
const about = {
  title: 'Faster builds',
  team: 'distribution',
  project: 'distribution/okrs',
  assignees: ['grace.hopper', 'director.lee'],
  description: 'Halve the wait for a green build.',
};

export const objectiveSpec: ObjectiveSpec = {
  slug: 'faster-builds',
  ...about,
  keyResults: [
    {
      slug: 'pipeline-time',
      title: 'Pipeline time',
      project: 'distribution/omnibus',
      from: m(95),
      to: m(45),
      current: m(95),
      unit: 'minutes',
      assignees: ['amara.okafor'],
      description: '',
    },
    {
      slug: 'cache-hits',
      title: 'Cache hits',
      project: 'distribution/omnibus',
      from: m(40, true),
      to: m(85, true),
      current: m(40, true),
      unit: '',
      assignees: ['bruno.silva'],
      description: '',
    },
    {
      slug: 'flaky-retries',
      title: 'Flaky retries',
      project: 'distribution/team-tasks',
      from: m(30),
      to: m(5),
      current: m(20),
      unit: 'retries',
      assignees: ['chen.wei'],
      description: 'Fewer retries.',
    },
  ],
};

/** The same objective as the OKR file gives it, before it is checked. */
export const objective: ObjectiveDraft = {
  ...about,
  keyResults: [
    { title: 'Pipeline time', project: 'distribution/omnibus', from: 95, to: 45, unit: 'minutes', assignees: ['amara.okafor'] },
    { title: 'Cache hits', project: 'distribution/omnibus', from: '40%', to: '85%', unit: '', assignees: ['bruno.silva'] },
    {
      title: 'Flaky retries',
      project: 'distribution/team-tasks',
      from: 30,
      to: 5,
      current: 20,
      unit: 'retries',
      assignees: ['chen.wei'],
      description: 'Fewer retries.',
    },
  ],
};

export const request: OkrRequest = {
  quarter: { quarter: { quarter, label: '2027-q1' }, problems: [] },
  objectives: [objective],
  labels: { team: 'team:{team}', objective: 'okr:o', keyResult: 'okr:kr', extra: ['OKR'] },
  strict: false,
};

export const OBJ = 'okr/FY27-Q1/distribution/faster-builds';
export const KR = (slug: string) => `${OBJ}/kr/${slug}`;

/** GitLab as grace.hopper sees it: the three projects, everyone assigned, the bundled templates, and these OKR issues. */
export function stateWith(okrs: Pick<OkrState, 'issues' | 'linkedTo'>): OkrState {
  return {
    me: { username: 'grace.hopper' },
    projects: {
      'distribution/okrs': { id: 2, accessLevel: 40 },
      'distribution/omnibus': { id: 3, accessLevel: 30 },
      'distribution/team-tasks': { id: 4, accessLevel: 30 },
    },
    userIds: { 'grace.hopper': 7, 'director.lee': 8, 'amara.okafor': 1, 'bruno.silva': 2, 'chen.wei': 3 },
    templates: { objective: template('okr-objective.md'), keyResult: template('okr-key-result.md') },
    ...okrs,
  };
}

export function issue(key: string, iid: number, overrides: Partial<ExistingOkrIssue> = {}): ExistingOkrIssue {
  const kr = key.includes('/kr/');
  const project = kr ? 'distribution/omnibus' : 'distribution/okrs';
  return {
    key,
    project,
    projectId: kr ? 3 : 2,
    iid,
    title: key,
    reference: `${project}#${iid}`,
    webUrl: `https://gitlab.test/${project}/-/issues/${iid}`,
    labels: kr ? ['okr:kr', 'team:distribution', '2027-q1', 'OKR'] : ['okr:o', 'team:distribution', '2027-q1', 'OKR'],
    description: '',
    ...overrides,
  };
}
