// The new rotation issue is the DRI template filled in for the DRI and assigned to them, with a hidden
// note of whose turn in the roster it is, so that a substitute leaves the roster order as it was.
import type { CreateIssueAction } from '../../plan/plan.js';
import { renderIssueBody } from '../common/issue-body.js';
import type { HandedOff } from './handoff.js';
import { driIssueKey, rotationMemberMarker } from './markers.js';
import type { DriRotationState } from './model.js';
import { driVariables, templateErrorName, type NewIssueFacts } from './template.js';
import { driTitle } from './title.js';

/**
 * Requests to pass on synchronously are listed under "To discuss"; a template that does not place
 * `to_discuss` itself gets the section at the end, so the option works with any team's template.
 */
function toDiscussSection(template: string, handoffs: HandedOff[]): string {
  const sync = handoffs.filter((h) => h.option === 'sync');
  if (sync.length === 0 || /\bto_discuss\b/.test(template)) return '';
  return [
    '',
    '',
    '### To discuss',
    '',
    'Pass these on synchronously at hand-over:',
    ...sync.map((h) => `- [ ] ${h.request.reference} ${h.request.title}`),
  ].join('\n');
}

export function newIssueAction(
  state: DriRotationState,
  facts: Omit<NewIssueFacts, 'member'> & { rotationMember: string | null },
): CreateIssueAction {
  const { settings } = state;
  const { dri, substituteFor } = facts;
  const member = state.members.find((m) => m.username.toLowerCase() === dri.toLowerCase());
  const variables = driVariables(settings, { ...facts, member });
  const rendered = renderIssueBody(state.template.text, variables, templateErrorName(state.template));
  const body = `${rendered.replace(/\s+$/, '')}${toDiscussSection(state.template.text, facts.handoffs)}`;
  const title = driTitle(settings.title, facts.week);
  return {
    kind: 'create-issue',
    key: driIssueKey(settings.project, facts.week.start),
    summary: `issue "${title}" in ${settings.project}, assigned to @${dri}${substituteFor ? ` (substituting for @${substituteFor})` : ''}`,
    project: settings.project,
    issue: {
      title,
      description: `${body}\n\n${rotationMemberMarker(facts.rotationMember ?? dri)}`,
      labels: settings.labels,
      ...(member ? { assigneeIds: [member.id] } : {}),
    },
  };
}
