// --report-md: the rollover's call-outs as a Markdown section to paste into the milestone's retrospective.
import { counted } from '../common/text.js';
import { describeTarget } from './model.js';
import type { RolloverReport } from './report.js';
import type { CallOut, RolloverEntry } from './slips.js';

/** Markdown's inline specials, so a title stays text: never a link, emphasis, code or a table cell. */
const escapeMarkdown = (text: string): string => text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);

const SECTIONS: Array<{ callOut: CallOut; heading: string }> = [
  { callOut: 'retrospective', heading: 'Slipped twice: hold a retrospective' },
  { callOut: 'escalate', heading: 'Slipped three or more times: escalate for a larger evaluation' },
];

/**
 * The section for these items: those whose move was applied (`moved`, by reference) and those an
 * earlier run moved. Items whose move failed are left out: they are still in the old milestone.
 */
export function renderReportMarkdown(report: RolloverReport, moved: ReadonlySet<string>, date: string): string {
  const items = report.items.filter((item) => item.status === 'already-moved' || moved.has(item.reference));
  const to = describeTarget(report.to);
  const label = report.missedLabel ? `, labelled \`${report.missedLabel}\`` : '';
  const lines = [
    `## Milestone rollover: ${escapeMarkdown(report.from.title)}`,
    '',
    `On ${date}, ${counted(items.length, 'item')} moved from "${escapeMarkdown(report.from.title)}" to ${escapeMarkdown(to)}${label}.`,
  ];
  for (const { callOut, heading } of SECTIONS) {
    const entries = items.filter((item) => item.callOut === callOut);
    if (entries.length === 0) continue;
    lines.push('', `### ${heading} (${entries.length})`, '', ...entries.map(bullet));
  }
  if (!items.some((item) => item.callOut !== null)) lines.push('', 'No item has slipped twice or more.');
  return `${lines.join('\n')}\n`;
}

function bullet(entry: RolloverEntry): string {
  const missed = entry.missed.map((m) => `"${escapeMarkdown(m)}"`).join(', ');
  return `- [${escapeMarkdown(entry.reference)}](${entry.webUrl}) ${escapeMarkdown(entry.title)}: missed ${missed}`;
}
