// Plain-data DRI state for the planner tests: a four-person roster, rotation issues and requests.
import type { DriIssue, DriRotationState, DriSettings, RequestIssue } from '../../../src/rituals/dri/model.js';

export const PROJECT = 'distribution/team-tasks';
const TEMPLATE = 'DRI @{{ dri }} from {{ week_start }}, after {{ previous_dri }}.{% for r in handover %} {{ r.reference }}{% endfor %}';

export const settings = (overrides: Partial<DriSettings> = {}): DriSettings => ({
  project: PROJECT,
  roster: ['amara', 'bruno', 'chen', 'dana'],
  templateName: 'Distribution-DRI',
  title: 'Distribution DRI rotation week of {week_start}',
  labels: ['DRI'],
  cadence: 'weekly',
  weekStartsOn: 'monday',
  absences: {},
  activeRequestLabel: 'dri::active-request',
  teamName: 'Distribution',
  overrides: {},
  handoffLabels: { next: 'dri-handoff::next', sme: 'dri-handoff::sme', close: 'dri-handoff::close', sync: 'dri-handoff::sync' },
  ...overrides,
});

let nextId = 100;
export function driIssue(weekStart: string, assignee: string | null, overrides: Partial<DriIssue> = {}): DriIssue {
  nextId += 1;
  return {
    id: nextId,
    iid: nextId - 100,
    title: `Distribution DRI rotation week of ${weekStart}`,
    weekStart,
    assignee,
    rotationMember: assignee,
    state: 'opened',
    reference: `${PROJECT}#${nextId - 100}`,
    webUrl: `https://gitlab.test/${PROJECT}/-/issues/${nextId - 100}`,
    foundBy: 'key',
    ...overrides,
  };
}

export function request(iid: number, overrides: Partial<RequestIssue> = {}): RequestIssue {
  return {
    id: 1000 + iid,
    iid,
    projectId: 7,
    title: `request ${iid}`,
    state: 'opened',
    reference: `distribution/omnibus#${iid}`,
    webUrl: `https://gitlab.test/distribution/omnibus/-/issues/${iid}`,
    labels: [],
    ...overrides,
  };
}

export function state(overrides: Partial<DriRotationState> = {}): DriRotationState {
  const base = overrides.settings ?? settings();
  return {
    settings: base,
    members: [...base.roster, 'emeka'].map((username, i) => ({ username, id: i + 1, name: username.toUpperCase() })),
    issues: [],
    busy: {},
    template: { name: 'Distribution-DRI', source: 'project', text: TEMPLATE },
    previousLinks: [],
    labelledRequests: [],
    linkedToTarget: [],
    previousNoteKeys: [],
    handoffChoices: {},
    mitigations: {},
    followUps: {},
    requestNoteKeys: [],
    ...overrides,
  };
}

export const MONDAY = '2026-11-16';
