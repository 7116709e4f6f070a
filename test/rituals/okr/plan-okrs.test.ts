import { describe, expect, it } from 'vitest';
import type { CreateIssueAction, LinkIssuesAction, UpdateIssueAction } from '../../../src/plan/plan.js';
import { planOkrs, type OkrRequest, type OkrState } from '../../../src/rituals/okr/plan-okrs.js';
import { issue, KR, OBJ, objective, request, stateWith } from './fixtures.js';

/** The plan, failing the test with the problems when there is none. */
function planOf(state: OkrState, okrs: OkrRequest, today: string) {
  const planning = planOkrs(state, okrs, today);
  if (!planning.ok) throw new Error(`no plan: ${planning.problems.join('; ')}`);
  return planning.plan;
}

const allExisting = (): OkrState => {
  const krs = [issue(KR('pipeline-time'), 11), issue(KR('cache-hits'), 12), issue(KR('flaky-retries'), 13)];
  const checklist = krs.map((k) => `- [x] ${k.reference} done`).join('\n');
  return stateWith({
    issues: [
      issue(OBJ, 1, { description: `Intro\n<!-- teamops:okr-key-results -->\n${checklist}\n<!-- /teamops:okr-key-results -->` }),
      ...krs,
    ],
    linkedTo: { [OBJ]: krs.map((k) => `${k.projectId}#${k.iid}`) },
  });
};

const byKind = <K extends string>(actions: Array<{ kind: string }>, kind: K) => actions.filter((a) => a.kind === kind);

describe('planOkrs', () => {
  it('creates each key result, then the objective listing them, then one link per key result', () => {
    const plan = planOf(stateWith({ issues: [], linkedTo: {} }), request, '2026-02-02');
    const creates = byKind(plan.actions, 'create-issue') as CreateIssueAction[];
    expect(creates.map((a) => a.key)).toEqual([KR('pipeline-time'), KR('cache-hits'), KR('flaky-retries'), OBJ]);

    const [pipeline, cache, flaky, obj] = creates as [CreateIssueAction, CreateIssueAction, CreateIssueAction, CreateIssueAction];
    expect(pipeline.project).toBe('distribution/omnibus');
    expect(pipeline.issue).toMatchObject({
      title: 'Pipeline time',
      labels: ['okr:kr', 'team:distribution', '2027-q1', 'OKR'],
      assigneeIds: [1],
    });
    expect(pipeline.issue.description).toContain('**Target:** from 95 to 45 minutes');
    expect(pipeline.issue.description).toContain('**Current:** 95 minutes');
    expect(pipeline.issue.description).toContain('**Score:** 0.0');
    expect(pipeline.issue.description).toContain('**Supports objective:** Faster builds');
    expect(cache.issue.description).toContain('**Target:** from 40% to 85%');
    expect(flaky.issue.description).toMatch(/^Fewer retries\./);
    expect(flaky.issue.description).toContain('**Score:** 0.4');

    expect(obj.project).toBe('distribution/okrs');
    expect(obj.issue).toMatchObject({
      title: 'Faster builds',
      labels: ['okr:o', 'team:distribution', '2027-q1', 'OKR'],
      assigneeIds: [7, 8],
    });
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
    const oses = {
      ...objective.keyResults[0]!,
      id: 'oses',
      title: 'FIPS operating systems',
      from: 1,
      to: 4,
      current: 1,
      unit: 'operating systems',
    };
    const plan = planOf(
      stateWith({ issues: [], linkedTo: {} }),
      { ...request, objectives: [{ ...objective, keyResults: [oses] }] },
      '2026-02-02',
    );
    const [create] = byKind(plan.actions, 'create-issue') as CreateIssueAction[];
    expect(create!.issue.description).toContain('- **Target:** from 1 to 4 operating systems');
    expect(create!.issue.description).toContain('- **Current:** 1 operating system\n');
    expect(plan.actions.find((a) => a.key === OBJ)!.summary).toBe('create objective "Faster builds" in distribution/okrs (1 key result)');
  });

  it('plans nothing when every issue and link exists', () => {
    const plan = planOf(allExisting(), request, '2026-02-09');
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged.map((u) => u.key)).toEqual([KR('pipeline-time'), KR('cache-hits'), KR('flaky-retries'), OBJ]);
  });

  it('creates and links a key result added to the file and appends it to the checklist, keeping ticked boxes', () => {
    const state = allExisting();
    state.issues = state.issues.filter((i) => i.key !== KR('flaky-retries'));
    const plan = planOf(state, request, '2026-02-09');
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
    const plan = planOf(state, request, '2026-02-02');
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
    const plan = planOf(state, request, '2026-02-09');
    expect(plan.actions.map((a) => `${a.kind} ${a.key}`)).toEqual([
      `update-issue ${KR('cache-hits')}/labels`,
      `link-issues ${KR('pipeline-time')}/link`,
    ]);
    expect((plan.actions[0] as UpdateIssueAction).change).toEqual({ addLabels: ['team:distribution', '2027-q1', 'OKR'] });
  });

  it('reports key results in GitLab that the file no longer lists, without touching them', () => {
    const state = allExisting();
    state.issues.push(issue(KR('dropped'), 14, { title: 'Dropped KR' }));
    state.linkedTo[OBJ]!.push('3#14');
    const plan = planOf(state, request, '2026-02-09');
    expect(plan.actions).toEqual([]);
    expect(plan.context.notInFile).toEqual([{ key: KR('dropped'), title: 'Dropped KR', reference: 'distribution/omnibus#14' }]);
  });
});

describe('planOkrs validation', () => {
  const problemsOf = (state: OkrState, okrs: OkrRequest) => {
    const planning = planOkrs(state, okrs, '2026-02-02');
    return planning.ok ? [] : planning.problems;
  };
  const empty = () => stateWith({ issues: [], linkedTo: {} });

  it('lists what GitLab lacks after the problems of the file (sorted, as read), and plans nothing', () => {
    // A project the user only has the Guest role in is no problem of the file: the write-access check
    // every ritual makes on its plan reports it, as a permission failure.
    const state = {
      ...empty(),
      projects: { ...empty().projects, 'distribution/team-tasks': { id: 4, accessLevel: 10 } },
      userIds: { ...empty().userIds, 'chen.wei': null },
    };
    const okrs = { ...request, objectives: [{ ...objective, title: ' ', project: 'distribution/missing' }] };
    expect(problemsOf(state, okrs)).toEqual([
      'objective 1: title: missing',
      'objective 1, key result 3 "Flaky retries": assignees: unknown user "chen.wei"',
      "objective 1: project: distribution/missing does not exist, or the token's user (@grace.hopper) cannot see it",
    ]);
  });

  it('lists a labels.team pattern it cannot fill even when the quarter is malformed', () => {
    const okrs: OkrRequest = {
      ...request,
      quarter: { problems: ['quarter: "2027-Q9" is not a quarter'] },
      labels: { ...request.labels, team: 'team:{name}' },
    };
    expect(problemsOf(empty(), okrs)).toEqual([
      'quarter: "2027-Q9" is not a quarter',
      'labels.team uses {name}, which is not one of {team}',
    ]);
  });

  it('lists a template that only the real values break like one the sample values break: by its config key, with nothing planned', () => {
    // The sample has one key result, so the loop body for the second is first rendered with the file's three.
    const objectiveTemplate = {
      name: 'issue template "OKR" of distribution/okrs',
      text: '{% for kr in key_results %}{% if forloop.index == 2 %}{{ kr.owner }}{% endif %}{% endfor %}',
    };
    const keyResultTemplate = { name: 'templates/broken.md', text: '{{ owner }}' };
    expect(problemsOf({ ...empty(), templates: { ...empty().templates, objective: objectiveTemplate } }, request)).toEqual([
      expect.stringMatching(/^okr\.objective_template: template "issue template "OKR" of distribution\/okrs" uses \{\{ kr\.owner \}\}/),
    ]);
    expect(problemsOf({ ...empty(), templates: { ...empty().templates, keyResult: keyResultTemplate } }, request)).toEqual([
      expect.stringMatching(/^okr\.key_result_template: template "templates\/broken\.md" uses \{\{ owner \}\}/),
    ]);
  });

  it('makes the warnings problems under --strict, and shows them as warnings otherwise', () => {
    const oneKr = { ...request, objectives: [{ ...objective, keyResults: objective.keyResults.slice(0, 1) }] };
    const warning = 'objective 1 "Faster builds": key_results: 1 key result; the handbook asks for about three per objective';
    expect(planOkrs(empty(), { ...oneKr, strict: true }, '2026-02-02')).toEqual({
      ok: false,
      problems: [`${warning} (a warning; --strict makes it an error)`],
      warnings: [],
    });
    expect(planOf(empty(), oneKr, '2026-02-02').warnings).toEqual([warning]);
  });
});
