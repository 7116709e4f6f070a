// The new rotation issue is the DRI template filled in for the DRI and assigned to them, with a hidden
// note of whose turn in the roster it is, so that a substitute leaves the roster order as it was.
import type { CreateIssueAction } from '../../plan/plan.js';
import { renderIssueBody } from '../shared/issue-body.js';
import { driIssueKey, rotationMemberMarker } from './markers.js';
import type { DriRotationState } from './model.js';
import { driVariables, templateErrorName, type NewIssueFacts } from './template.js';
import { driTitle } from './title.js';

export function newIssueAction(
  state: DriRotationState,
  facts: Omit<NewIssueFacts, 'member'> & { rotationMember: string | null },
): CreateIssueAction {
  const { settings } = state;
  const { dri, substituteFor } = facts;
  const member = state.members.find((m) => m.username.toLowerCase() === dri.toLowerCase());
  const body = renderIssueBody(state.template.text, driVariables(settings, { ...facts, member }), templateErrorName(state.template));
  const title = driTitle(settings.title, facts.week);
  return {
    kind: 'create-issue',
    key: driIssueKey(settings.project, facts.week.start),
    summary: `issue "${title}" in ${settings.project}, assigned to @${dri}${substituteFor ? ` (substituting for @${substituteFor})` : ''}`,
    project: settings.project,
    issue: {
      title,
      description: `${body.replace(/\s+$/, '')}\n\n${rotationMemberMarker(facts.rotationMember ?? dri)}`,
      labels: settings.labels,
      ...(member ? { assigneeIds: [member.id] } : {}),
    },
  };
}
