import { describe, expect, it } from 'vitest';
import { summariseOkrs, type OkrIssue, type OkrStatusRequest } from '../../../src/rituals/okr/status.js';
import { quarter } from './fixtures.js';

const issue = (projectId: number, iid: number, labels: string[], description = ''): OkrIssue => ({
  projectId,
  iid,
  reference: `p${projectId}#${iid}`,
  webUrl: `https://gitlab.test/p${projectId}/-/issues/${iid}`,
  title: `issue ${projectId}#${iid}`,
  description,
  state: 'opened',
  labels,
  assignees: [],
  updatedAt: '2026-02-10T08:00:00.000Z',
});

const request: OkrStatusRequest = {
  quarter: { quarter, label: '2027-q1' },
  team: null,
  labels: { keyResult: 'okr:kr', teamPattern: 'team:{team}' },
  scoring: { today: '2026-03-17', targetScore: 0.7, cadence: 'weekly' },
};

describe('summariseOkrs', () => {
  const objective = issue(1, 1, ['okr:o', 'team:distribution']);
  const measured = issue(2, 10, ['okr:kr'], '- **Target:** from 10 to 20\n- **Current:** 15');
  const elsewhere = issue(9, 3, ['okr:kr'], '- **Score:** 0.7');
  const orphan = issue(2, 2, ['okr:kr']);

  it('lists each objective with the key results linked to it, wherever they live, and the key results linked to none apart', () => {
    const document = summariseOkrs(
      { objectives: [objective], keyResults: [orphan, measured], links: { '1#1': [elsewhere, measured, issue(2, 11, ['bug'])] } },
      request,
    );
    expect(document.quarter).toEqual({ name: 'FY27-Q1', start: '2026-02-01', end: '2026-04-30', label: '2027-q1' });
    expect(document.objectives.map((o) => [o.reference, o.team])).toEqual([['p1#1', 'distribution']]);
    expect(document.objectives[0]!.keyResults.map((kr) => [kr.reference, kr.target, kr.current, kr.score])).toEqual([
      ['p2#10', 'from 10 to 20', '15', 0.5],
      ['p9#3', null, null, 0.7],
    ]);
    expect(document.unlinkedKeyResults.map((kr) => kr.reference)).toEqual(['p2#2']);
  });
});
