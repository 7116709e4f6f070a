import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CreateIssueAction, LinkIssuesAction, UpdateIssueAction } from '../../src/plan/plan.js';
import {
  checkObjectives,
  formatTarget,
  okrWarnings,
  parseMeasure,
  planOkrCycle,
  slugify,
  withKeyResultLines,
  withUnit,
  type ExistingOkrIssue,
  type ObjectiveDraft,
  type ObjectiveSpec,
  type OkrRequest,
  type OkrState,
} from '../../src/rituals/okr-cycle.js';
import { parseQuarter } from '../../src/rituals/shared/quarter.js';

const template = (name: string) => ({ name: `templates/${name}`, text: readFileSync(new URL(`../../templates/${name}`, import.meta.url), 'utf8') });
const quarter = parseQuarter('FY27-Q1', 2)!;
const m = (value: number, percent = false) => ({ value, percent, text: `${value}${percent ? '%' : ''}` });

const objective: ObjectiveSpec = {
  slug: 'faster-builds',
  title: 'Faster builds',
  team: 'distribution',
  project: 'distribution/okrs',
  assignees: ['grace.hopper', 'director.lee'],
  description: 'Halve the wait for a green build.',
  keyResults: [
    { slug: 'pipeline-time', title: 'Pipeline time', project: 'distribution/omnibus', from: m(95), to: m(45), current: m(95), unit: 'minutes', assignees: ['amara.okafor'], description: '' },
    { slug: 'cache-hits', title: 'Cache hits', project: 'distribution/omnibus', from: m(40, true), to: m(85, true), current: m(40, true), unit: '', assignees: ['bruno.silva'], description: '' },
    { slug: 'flaky-retries', title: 'Flaky retries', project: 'distribution/team-tasks', from: m(30), to: m(5), current: m(20), unit: 'retries', assignees: ['chen.wei'], description: 'Fewer retries.' },
  ],
};

const request: OkrRequest = {
  quarter,
  labels: { quarter: '2027-q1', objective: 'okr:o', keyResult: 'okr:kr', team: { distribution: 'team:distribution' }, extra: ['OKR'] },
  objectives: [objective],
  templates: { objective: template('okr-objective.md'), keyResult: template('okr-key-result.md') },
  userIds: { 'grace.hopper': 7, 'director.lee': 8, 'amara.okafor': 1, 'bruno.silva': 2, 'chen.wei': 3 },
};

const OBJ = 'okr/FY27-Q1/distribution/faster-builds';
const KR = (slug: string) => `${OBJ}/kr/${slug}`;

function issue(key: string, iid: number, overrides: Partial<ExistingOkrIssue> = {}): ExistingOkrIssue {
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

const allExisting = (): OkrState => {
  const krs = [issue(KR('pipeline-time'), 11), issue(KR('cache-hits'), 12), issue(KR('flaky-retries'), 13)];
  const checklist = krs.map((k) => `- [x] ${k.reference} done`).join('\n');
  return {
    issues: [issue(OBJ, 1, { description: `Intro\n<!-- teamops:okr-key-results -->\n${checklist}\n<!-- /teamops:okr-key-results -->` }), ...krs],
    linkedTo: { [OBJ]: krs.map((k) => `${k.projectId}#${k.iid}`) },
  };
};

const byKind = <K extends string>(actions: Array<{ kind: string }>, kind: K) => actions.filter((a) => a.kind === kind);

describe('planOkrCycle', () => {
  it('creates each key result, then the objective listing them, then one link per key result', () => {
    const plan = planOkrCycle({ issues: [], linkedTo: {} }, request, '2026-02-02');
    const creates = byKind(plan.actions, 'create-issue') as CreateIssueAction[];
    expect(creates.map((a) => a.key)).toEqual([KR('pipeline-time'), KR('cache-hits'), KR('flaky-retries'), OBJ]);

    const [pipeline, cache, flaky, obj] = creates as [CreateIssueAction, CreateIssueAction, CreateIssueAction, CreateIssueAction];
    expect(pipeline.project).toBe('distribution/omnibus');
    expect(pipeline.issue).toMatchObject({ title: 'Pipeline time', labels: ['okr:kr', 'team:distribution', '2027-q1', 'OKR'], assigneeIds: [1] });
    expect(pipeline.issue.description).toContain('**Target:** from 95 to 45 minutes');
    expect(pipeline.issue.description).toContain('**Current:** 95 minutes');
    expect(pipeline.issue.description).toContain('**Score:** 0.0');
    expect(pipeline.issue.description).toContain('**Supports objective:** Faster builds');
    expect(cache.issue.description).toContain('**Target:** from 40% to 85%');
    expect(flaky.issue.description).toMatch(/^Fewer retries\./);
    expect(flaky.issue.description).toContain('**Score:** 0.4');

    expect(obj.project).toBe('distribution/okrs');
    expect(obj.issue).toMatchObject({ title: 'Faster builds', labels: ['okr:o', 'team:distribution', '2027-q1', 'OKR'], assigneeIds: [7, 8] });
    expect(obj.issue.description).toContain('Halve the wait for a green build.');
    expect(obj.issue.description).toContain(`- [ ] {{ref:${KR('pipeline-time')}}} Pipeline time: from 95 to 45 minutes`);
    expect(obj.issue.description).toContain(`- [ ] {{ref:${KR('flaky-retries')}}} Flaky retries: from 30 to 5 retries`);
    expect(obj.issue.description).toContain('@grace.hopper @director.lee');

    const links = byKind(plan.actions, 'link-issues') as LinkIssuesAction[];
    expect(links.map((l) => [l.source, l.target])).toEqual(
      ['pipeline-time', 'cache-hits', 'flaky-retries'].map((slug, i) => [
        { project: i === 2 ? 'distribution/team-tasks' : 'distribution/omnibus', createdBy: KR(slug) },
        { project: 'distribution/okrs', createdBy: OBJ },
      ]),
    );
    expect(plan.unchanged).toEqual([]);
    expect(plan.context.objectives[0]?.keyResults).toHaveLength(3);
  });

  it('writes the current value with its unit in the singular when it is one', () => {
    const oses = { ...objective.keyResults[0]!, slug: 'oses', title: 'FIPS operating systems', from: m(1), to: m(4), current: m(1), unit: 'operating systems' };
    const plan = planOkrCycle({ issues: [], linkedTo: {} }, { ...request, objectives: [{ ...objective, keyResults: [oses] }] }, '2026-02-02');
    const [create] = byKind(plan.actions, 'create-issue') as CreateIssueAction[];
    expect(create!.issue.description).toContain('- **Target:** from 1 to 4 operating systems');
    expect(create!.issue.description).toContain('- **Current:** 1 operating system\n');
    expect(plan.actions.find((a) => a.key === OBJ)!.summary).toBe('create objective "Faster builds" in distribution/okrs (1 key result)');
  });

  it('plans nothing when every issue and link exists', () => {
    const plan = planOkrCycle(allExisting(), request, '2026-02-09');
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged.map((u) => u.key)).toEqual([KR('pipeline-time'), KR('cache-hits'), KR('flaky-retries'), OBJ]);
  });

  it('creates and links a key result added to the file and appends it to the checklist, keeping ticked boxes', () => {
    const state = allExisting();
    state.issues = state.issues.filter((i) => i.key !== KR('flaky-retries'));
    const plan = planOkrCycle(state, request, '2026-02-09');
    expect(plan.actions.map((a) => `${a.kind} ${a.key}`)).toEqual([
      `create-issue ${KR('flaky-retries')}`,
      `update-issue ${OBJ}/update`,
      `link-issues ${KR('flaky-retries')}/link`,
    ]);
    const update = plan.actions[1] as UpdateIssueAction;
    expect(update.target).toEqual({ project: 'distribution/okrs', iid: 1 });
    expect(update.change.description).toContain('- [x] distribution/omnibus#11 done');
    expect(update.change.description).toContain(`- [x] distribution/omnibus#13 done\n- [ ] {{ref:${KR('flaky-retries')}}} Flaky retries`);
    // The description replaces the stored one: it goes with the objective's key, which the writer puts back.
    expect(update.change).toMatchObject({ key: OBJ });
    expect(update.change.description).not.toContain('teamops:key');
    expect(update.summary).toContain('add 1 key result to its checklist');
  });

  it('finishes an interrupted run: the objective is created with the existing key results and every link is made', () => {
    const state = allExisting();
    state.issues = state.issues.filter((i) => i.key !== OBJ);
    state.linkedTo = {};
    const plan = planOkrCycle(state, request, '2026-02-02');
    expect(plan.actions.map((a) => `${a.kind} ${a.key}`)).toEqual([
      `create-issue ${OBJ}`,
      `link-issues ${KR('pipeline-time')}/link`,
      `link-issues ${KR('cache-hits')}/link`,
      `link-issues ${KR('flaky-retries')}/link`,
    ]);
    const create = plan.actions[0] as CreateIssueAction;
    expect(create.issue.description).toContain('- [ ] distribution/omnibus#11 Pipeline time');
    expect(create.issue.description).not.toContain('{{ref:');
    expect((plan.actions[1] as LinkIssuesAction).source).toEqual({ project: 'distribution/omnibus', iid: 11 });
  });

  it('links an existing key result that lost its link, and restores labels people removed', () => {
    const state = allExisting();
    state.linkedTo[OBJ] = state.linkedTo[OBJ]!.slice(1);
    state.issues[2]!.labels = ['okr:kr'];
    const plan = planOkrCycle(state, request, '2026-02-09');
    expect(plan.actions.map((a) => `${a.kind} ${a.key}`)).toEqual([`update-issue ${KR('cache-hits')}/labels`, `link-issues ${KR('pipeline-time')}/link`]);
    expect((plan.actions[0] as UpdateIssueAction).change).toEqual({ addLabels: ['team:distribution', '2027-q1', 'OKR'] });
  });

  it('reports key results in GitLab that the file no longer lists, without touching them', () => {
    const state = allExisting();
    state.issues.push(issue(KR('dropped'), 14, { title: 'Dropped KR' }));
    state.linkedTo[OBJ]!.push('3#14');
    const plan = planOkrCycle(state, request, '2026-02-09');
    expect(plan.actions).toEqual([]);
    expect(plan.context.notInFile).toEqual([{ key: KR('dropped'), title: 'Dropped KR', reference: 'distribution/omnibus#14' }]);
  });
});

describe('withKeyResultLines', () => {
  it.each([
    ['adds a block at the end when the description has none', 'Text\n', 'Text\n\n### Key results\n\n<!-- teamops:okr-key-results -->\n- [ ] g/p#2 two\n<!-- /teamops:okr-key-results -->\n', 1],
    ['leaves a description that lists every key result alone', '<!-- teamops:okr-key-results -->\n- [x] g/p#1 one\n- [ ] g/p#2 two\n<!-- /teamops:okr-key-results -->', '<!-- teamops:okr-key-results -->\n- [x] g/p#1 one\n- [ ] g/p#2 two\n<!-- /teamops:okr-key-results -->', 0],
    ['does not take #21 for #2', '<!-- teamops:okr-key-results -->\n- [x] g/p#1 one\n- [ ] g/p#21 x\n<!-- /teamops:okr-key-results -->', '<!-- teamops:okr-key-results -->\n- [x] g/p#1 one\n- [ ] g/p#21 x\n- [ ] g/p#2 two\n<!-- /teamops:okr-key-results -->', 1],
  ])('%s', (_name, before, after, added) => {
    const lines = [
      { reference: 'g/p#1', line: '- [ ] g/p#1 one' },
      { reference: 'g/p#2', line: '- [ ] g/p#2 two' },
    ];
    const withOne = before.includes('g/p#1') ? lines : lines.slice(1);
    expect(withKeyResultLines(before, withOne)).toEqual({ description: after, added });
  });
});

describe('checkObjectives', () => {
  const kr = { title: 'KR', project: 'g/p', from: 1, to: 2 };
  const draft = (overrides: Partial<ObjectiveDraft> = {}): ObjectiveDraft => ({ title: 'Obj', team: 't', project: 'g/okrs', keyResults: [kr, { ...kr, title: 'KR2' }, { ...kr, title: 'KR3' }], ...overrides });

  it.each<[string, ObjectiveDraft[], string[]]>([
    ['a valid objective', [draft()], []],
    ['a missing objective title', [draft({ title: '  ' })], ['objective 1: title: missing']],
    ['a missing team and project', [draft({ team: undefined, project: undefined })], ['objective 1 "Obj": team: missing', 'objective 1 "Obj": project: missing']],
    ['a key result without title', [draft({ keyResults: [{ ...kr, title: undefined }] })], ['objective 1 "Obj", key result 1: title: missing']],
    ['a key result without from', [draft({ keyResults: [{ ...kr, from: undefined }] })], ['objective 1 "Obj", key result 1 "KR": from: missing; a key result is measured "from x to y"']],
    ['a non-numeric to', [draft({ keyResults: [{ ...kr, to: 'lots' }] })], ['objective 1 "Obj", key result 1 "KR": to: "lots" is not a number']],
    ['a non-numeric current', [draft({ keyResults: [{ ...kr, current: 'soon' }] })], ['objective 1 "Obj", key result 1 "KR": current: "soon" is not a number']],
    ['a target equal to its start', [draft({ keyResults: [{ ...kr, to: 1 }] })], ['objective 1 "Obj", key result 1 "KR": to: the target equals from (1)']],
    ['two key results with the same title', [draft({ keyResults: [kr, kr] })], ['objective 1 "Obj", key result 2 "KR": title: same key "kr" as objective 1 "Obj", key result 1 "KR"']],
    ['two objectives with the same title in a team', [draft(), draft()], ['objective 2 "Obj": title: same key "obj" as objective 1 "Obj"']],
    ['a bad id', [draft({ id: 'Bad Id' })], ['objective 1 "Obj": id: "Bad Id" must be lower-case letters, digits and dashes']],
  ])('%s', (_name, drafts, expected) => {
    const { errors } = checkObjectives(drafts);
    expect(errors).toHaveLength(expected.length);
    expected.forEach((message, i) => expect(errors[i]).toContain(message));
  });

  it('accepts percentages and keeps the objective assignees for key results that name none', () => {
    const { objectives, errors } = checkObjectives([draft({ assignees: ['a'], keyResults: [{ title: 'Rate', project: 'g/p', from: '40%', to: '85 %' }] })]);
    expect(errors).toEqual([]);
    expect(objectives[0]?.keyResults[0]).toMatchObject({ slug: 'rate', from: { value: 40, percent: true }, to: { value: 85, percent: true }, current: { value: 40 }, assignees: ['a'] });
  });
});

describe('okrWarnings', () => {
  const kr = (slug: string) => ({ ...objective.keyResults[0]!, slug, title: slug });
  const withKrs = (slug: string, n: number): ObjectiveSpec => ({ ...objective, slug, title: slug, keyResults: Array.from({ length: n }, (_, i) => kr(`kr-${i}`)) });

  it.each<[string, ObjectiveSpec[], string[], string[]]>([
    ['three objectives of three', [withKrs('a', 3), withKrs('b', 3), withKrs('c', 3)], [], []],
    ['one objective with one', [withKrs('a', 1)], [], ['objective 1 "a": key_results: 1 key result; the handbook asks for about three per objective']],
    ['one objective with five', [withKrs('a', 5)], [], ['objective 1 "a": key_results: 5 key results']],
    ['an objective nobody is assigned to', [{ ...withKrs('a', 3), assignees: [] }], [], ['objective 1 "a": assignees: none; the handbook assigns objectives to the team\'s manager and director']],
    ['ten in one team', [withKrs('a', 4), withKrs('b', 3), withKrs('c', 3)], [], ['team distribution: 10 key results in FY27-Q1; the handbook asks for no more than nine a quarter']],
    ['nine in the file and one already in GitLab', [withKrs('a', 3), withKrs('b', 3), withKrs('c', 3)], [`okr/FY27-Q1/distribution/other/kr/x`, 'okr/FY27-Q1/other-team/o/kr/y'], ['team distribution: 10 key results']],
  ])('%s', (_name, objectives, existing, expected) => {
    const warnings = okrWarnings(objectives, quarter, existing);
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((message, i) => expect(warnings[i]).toContain(message));
  });
});

describe('measures, targets and progress', () => {
  it.each<[unknown, ReturnType<typeof parseMeasure>]>([
    [45, { value: 45, percent: false, text: '45' }],
    ['12.5', { value: 12.5, percent: false, text: '12.5' }],
    ['40%', { value: 40, percent: true, text: '40%' }],
    [' -3 ', { value: -3, percent: false, text: '-3' }],
    ['forty', undefined],
    ['', undefined],
    [null, undefined],
    [Number.NaN, undefined],
  ])('parseMeasure(%j)', (raw, expected) => {
    expect(parseMeasure(raw)).toEqual(expected);
  });

  it.each([
    [m(95), m(45), 'minutes', 'from 95 to 45 minutes'],
    [m(40, true), m(85, true), '', 'from 40% to 85%'],
    [m(40), m(85), '%', 'from 40% to 85%'],
    [m(5), m(1), 'incidents a month', 'from 5 to 1 incident a month'],
  ])('formatTarget %#', (from, to, unit, text) => {
    expect(formatTarget(from, to, unit)).toBe(text);
  });

  it.each([
    [m(1), 'operating systems', '1 operating system'],
    [m(4), 'operating systems', '4 operating systems'],
    [m(1), 'retries a week', '1 retry a week'],
    [m(-1), 'patches per release', '-1 patch per release'],
    [m(1), 'boxes', '1 box'],
    [m(1), 'people', '1 person'],
    [m(1), 'status', '1 status'],
    [m(0), 'hours', '0 hours'],
    [m(1.5), 'hours', '1.5 hours'],
    [m(1, true), '', '1%'],
    [m(1), '%', '1%'],
  ])('withUnit(%j, %j) reads %j', (measure, unit, text) => {
    expect(withUnit(measure, unit)).toBe(text);
  });

  it.each([
    ['Ship FIPS builds!', 'ship-fips-builds'],
    ['Crème brûlée  recipes', 'creme-brulee-recipes'],
    ['Reduce the number of flaky jobs that need a manual retry in the nightly pipeline', 'reduce-the-number-of-flaky-jobs-that-need-a-manual'],
    ['日本語', ''],
  ])('slugify(%j) is %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});
