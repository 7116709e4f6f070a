/**
 * The handbook's circuit breakers, acted on: "If a project goes more than 2 milestones without
 * delivering … a detailed evaluation/retrospective should be performed. If the project goes 3
 * milestones without meeting success criteria, then a larger evaluation should be performed with the
 * section leaders." At two slips an item gets one retrospective issue (linked to it, assigned to its
 * assignees); at three or more one evaluation, an issue mentioning the section leaders or a comment on
 * the retrospective. Each has a key per item, so reruns and later rollovers never open a second.
 */
import { ValidationError } from '../../errors.js';
import type { Action, IssueTarget, UnchangedEntry } from '../../plan/plan.js';
import { renderIssueBody, templateProblems } from '../common/issue-body.js';
import { truncate } from '../common/text.js';
import { isNoMilestone, type RolloverItem, type RolloverMilestone } from './model.js';
import type { RolloverEntry } from './slips.js';

export interface CircuitBreakerSettings {
  enabled: boolean;
  /** GitLab usernames the evaluation mentions. */
  sectionLeaders: string[];
  evaluation: 'issue' | 'comment';
}

export interface BreakerIssue {
  projectId: number;
  iid: number;
  reference: string;
  webUrl: string;
}

/** What the circuit breakers need besides the rollover: what an earlier run opened, the template, the people. */
export interface CircuitBreakerState {
  /** Retrospectives and evaluations teamops opened, by key. */
  existing: Record<string, BreakerIssue>;
  /** Keys of the comments on those retrospectives (evaluation comments). */
  noteKeys: string[];
  template: { name: string; text: string };
  /** GitLab user ids by username, for assignees. */
  userIds: Record<string, number>;
}

export const retrospectiveKey = (reference: string) => `circuit-breaker/retrospective/${reference}`;
export const evaluationKey = (reference: string) => `circuit-breaker/evaluation/${reference}`;
export const CIRCUIT_BREAKER_KEY_PREFIX = 'circuit-breaker/';

// GitLab refuses titles over 255 characters (Issuable: `validates :title, length: { maximum: 255 }`).
const TITLE_MAX = 255;

function variables(item: RolloverItem, entry: RolloverEntry, to: RolloverMilestone): Record<string, unknown> {
  return {
    reference: item.reference,
    title: item.title,
    url: item.webUrl,
    slips: entry.slips,
    missed: entry.missed,
    assignees: item.assignees,
    next_milestone: isNoMilestone(to) ? 'no milestone' : to.title,
  };
}

/** A broken template is an error before anything is written. */
export function assertUsableRetrospectiveTemplate(template: CircuitBreakerState['template']): void {
  const sample = {
    reference: 'group/project#1',
    title: 'An item',
    url: 'https://gitlab.example.com/group/project/-/issues/1',
    slips: 2,
    missed: ['16.4', '16.5'],
    assignees: ['someone'],
    next_milestone: '16.6',
  };
  const problems = templateProblems(template.text, template.name, sample);
  if (problems.length > 0) {
    throw new ValidationError(`cannot roll over: the retrospective template ${template.name} cannot be filled in`, problems, {
      hint: 'nothing was written to GitLab; fix the template (milestone.retrospective_template) and run again',
    });
  }
}

export function planCircuitBreakers(
  entries: Array<{ item: RolloverItem; entry: RolloverEntry }>,
  to: RolloverMilestone,
  settings: CircuitBreakerSettings,
  state: CircuitBreakerState,
): { actions: Action[]; unchanged: UnchangedEntry[] } {
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  for (const { item, entry } of entries.filter(({ entry }) => entry.callOut !== null)) {
    const retroKey = retrospectiveKey(item.reference);
    const existing = state.existing[retroKey];
    let retro: IssueTarget;
    if (existing) {
      retro = { project: existing.projectId, iid: existing.iid };
      unchanged.push({ key: retroKey, summary: `retrospective ${existing.reference} for ${item.reference}`, url: existing.webUrl });
    } else {
      retro = { project: item.projectId, createdBy: retroKey };
      const assigneeIds = item.assignees.flatMap((name) => state.userIds[name.toLowerCase()] ?? []);
      const title = truncate(`Retrospective: "${item.title}" missed ${entry.slips} milestones`, TITLE_MAX);
      actions.push({
        kind: 'create-issue',
        key: retroKey,
        summary: `retrospective issue for ${item.reference} (${entry.slips} slips)${item.assignees.length ? `, assigned to ${item.assignees.map((a) => `@${a}`).join(', ')}` : ''}`,
        project: item.projectId,
        issue: {
          title,
          description: renderIssueBody(state.template.text, variables(item, entry, to), state.template.name),
          ...(assigneeIds.length > 0 ? { assigneeIds } : {}),
        },
      });
      // GitLab's issue links join issues only; a merge request is named in the description instead.
      if (item.kind === 'issue') {
        actions.push({
          kind: 'link-issues',
          key: `${retroKey}/link`,
          summary: `link the retrospective to ${item.reference}`,
          source: retro,
          target: { project: item.projectId, iid: item.iid },
        });
      }
    }
    if (entry.callOut === 'escalate') actions.push(...evaluation(item, entry, retro, existing, settings, state, unchanged));
  }
  return { actions, unchanged };
}

function evaluation(
  item: RolloverItem,
  entry: RolloverEntry,
  retro: IssueTarget,
  existingRetro: BreakerIssue | undefined,
  settings: CircuitBreakerSettings,
  state: CircuitBreakerState,
  unchanged: UnchangedEntry[],
): Action[] {
  const key = evaluationKey(item.reference);
  const leaders = settings.sectionLeaders.map((name) => `@${name}`).join(' ');
  const retroRef = existingRetro ? existingRetro.reference : `{{ref:${retrospectiveKey(item.reference)}}}`;
  const body = [
    `${item.reference} has missed ${entry.slips} milestones (${entry.missed.map((m) => `"${m}"`).join(', ')}).`,
    '',
    `The Distribution handbook: "If the project goes 3 milestones without meeting success criteria, then a larger evaluation should be performed with the section leaders."${leaders ? ` ${leaders}, please join the evaluation.` : ''}`,
    '',
    `Retrospective: ${retroRef}`,
    `Item: ${item.webUrl}`,
  ].join('\n');
  if (settings.evaluation === 'comment') {
    if (state.noteKeys.includes(key)) {
      unchanged.push({ key, summary: `evaluation comment on the retrospective of ${item.reference}` });
      return [];
    }
    return [
      {
        kind: 'create-note',
        key,
        summary: `evaluation comment on the retrospective of ${item.reference}${leaders ? ` mentioning ${leaders}` : ''}`,
        target: retro,
        body,
      },
    ];
  }
  const existing = state.existing[key];
  if (existing) {
    unchanged.push({ key, summary: `evaluation ${existing.reference} for ${item.reference}`, url: existing.webUrl });
    return [];
  }
  const actions: Action[] = [
    {
      kind: 'create-issue',
      key,
      summary: `evaluation issue for ${item.reference} (${entry.slips} slips)${leaders ? ` mentioning ${leaders}` : ''}`,
      project: item.projectId,
      issue: { title: truncate(`Evaluation: "${item.title}" missed ${entry.slips} milestones`, TITLE_MAX), description: body },
    },
  ];
  if (item.kind === 'issue') {
    actions.push({
      kind: 'link-issues',
      key: `${key}/link`,
      summary: `link the evaluation to ${item.reference}`,
      source: { project: item.projectId, createdBy: key },
      target: { project: item.projectId, iid: item.iid },
    });
  }
  return actions;
}
