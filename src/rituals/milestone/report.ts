// The slip report: the rollover in one sentence, then the handbook's call-outs with links.
import { counted } from '../common/text.js';
import { describeSetting, describeTarget, type RolloverMilestone, type RolloverRequest, type SlipsChoice } from './model.js';
import type { ApiPath } from './bulk-moves.js';
import type { CallOut, RolloverEntry } from './slips.js';

export interface MilestoneSummary {
  id: number;
  title: string;
  state: RolloverMilestone['state'];
  startDate: string | null;
  dueDate: string | null;
  webUrl: string;
}

/** The report: what `--json` carries as the plan's context, and what people read. */
export interface RolloverReport {
  from: MilestoneSummary;
  to: MilestoneSummary;
  assignee: string | null;
  missedLabel: string | null;
  close: boolean;
  includeMergeRequests: boolean;
  items: RolloverEntry[];
  /** How issues move: through GraphQL's issuesBulkUpdate or REST, and why. */
  api: ApiPath;
  /** --label: only items with every one of these labels. */
  labels: string[];
  health: boolean;
  /** --slips / milestone.slips: counted from the milestone history (each item's `slipSource` says which record it had), or from the missed labels. */
  slips: { choice: SlipsChoice; setting: RolloverRequest['slipsSetting'] };
  counts: { toMove: number; alreadyMoved: number; retrospective: number; escalate: number };
}

export function summaryOf(m: RolloverMilestone): MilestoneSummary {
  return { id: m.id, title: m.title, state: m.state, startDate: m.startDate, dueDate: m.dueDate, webUrl: m.webUrl };
}

export function countsOf(items: RolloverEntry[]): RolloverReport['counts'] {
  const count = (keep: (item: RolloverEntry) => boolean) => items.filter(keep).length;
  return {
    toMove: count((i) => i.status === 'move'),
    alreadyMoved: count((i) => i.status === 'already-moved'),
    retrospective: count((i) => i.callOut === 'retrospective'),
    escalate: count((i) => i.callOut === 'escalate'),
  };
}

export const shorten = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Lines for people: the rollover in one sentence, then the handbook's call-outs with links. */
export function describeRollover(report: RolloverReport): string[] {
  const lines = [headline(report), ...slipSourceLines(report)];
  const block = (callOut: CallOut, heading: string) => {
    const entries = report.items.filter((i) => i.callOut === callOut);
    if (entries.length === 0) return;
    lines.push(heading);
    for (const e of entries)
      lines.push(`  ${e.reference} "${shorten(e.title)}" missed ${e.missed.map((m) => `"${m}"`).join(', ')}: ${e.webUrl}`);
  };
  block('retrospective', `Slipped twice (handbook: hold a retrospective): ${report.counts.retrospective}`);
  block('escalate', `Slipped three or more times (handbook: escalate for a larger evaluation): ${report.counts.escalate}`);
  return lines;
}

function headline(report: RolloverReport): string {
  const toMove = (kind: RolloverEntry['kind']) => report.items.filter((i) => i.kind === kind && i.status === 'move').length;
  const parts = [
    counted(toMove('issue'), 'issue'),
    ...(report.includeMergeRequests ? [counted(toMove('merge-request'), 'merge request')] : []),
  ];
  const labelled = report.labels.length > 0 ? ` labelled ${report.labels.map((l) => `"${l}"`).join(' and ')}` : '';
  const whose = `${labelled}${report.assignee ? ` assigned to @${report.assignee}` : ''}`;
  const from = `"${report.from.title}"${report.from.dueDate ? ` (due ${report.from.dueDate})` : ''}`;
  const to = `${describeTarget(report.to)}${report.to.startDate ? ` (starts ${report.to.startDate})` : ''}`;
  const earlier = report.counts.alreadyMoved ? `, ${report.counts.alreadyMoved} moved by an earlier run` : '';
  return `Rollover from ${from} to ${to}: ${parts.join(' and ')}${whose} to move${earlier}.`;
}

/** Which record the slips were counted from, so a reader knows how far to trust them. */
function slipSourceLines(report: RolloverReport): string[] {
  const { items, slips } = report;
  if (items.length === 0) return [];
  if (slips.choice === 'labels') {
    const chosen = `Slips are counted from the missed labels (chosen by ${describeSetting(slips.setting, 'labels')}); GitLab's milestone history was not read.`;
    // Counting from labels, a slip that leaves no label is invisible to the next rollover.
    if (report.missedLabel !== null) return [chosen];
    return [chosen, 'This run adds no missed label, so a later rollover that counts labels will not count this slip.'];
  }
  const fromLabels = items.filter((i) => i.slipSource === 'labels').length;
  if (fromLabels === 0) return ["Slips are counted from GitLab's milestone history (resource milestone events)."];
  if (fromLabels === items.length)
    return ['Slips are counted from the missed labels: this GitLab keeps no milestone history for these items.'];
  return [`Slips are counted from GitLab's milestone history, and from the missed labels for ${counted(fromLabels, 'item')} without one.`];
}
