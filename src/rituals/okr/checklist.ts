// The objective's description keeps a checklist of its key results. A key result added later is
// appended to it, never re-rendered, so boxes people ticked and lines they edited stay as they are.
import { escapeRegExp } from '../common/text.js';
import { formatTarget } from './measure.js';
import type { KeyResultSpec } from './model.js';

const CHECKLIST_START = '<!-- teamops:okr-key-results -->';
const CHECKLIST_END = '<!-- /teamops:okr-key-results -->';

/** `- [ ] group/project#12 Cache hits: from 40% to 85%` */
export function checklistLine(reference: string, kr: KeyResultSpec): string {
  return `- [ ] ${reference} ${kr.title}: ${formatTarget(kr.from, kr.to, kr.unit)}`;
}

/** The lines between teamops' markers, so that later runs find the block again. */
export function checklistBlock(lines: string[]): string {
  return [CHECKLIST_START, ...lines, CHECKLIST_END].join('\n');
}

/** Whether `text` mentions the issue reference `group/project#12` (and not `#123`). */
function mentions(text: string, reference: string): boolean {
  return new RegExp(`${escapeRegExp(reference)}(?!\\d)`).test(text);
}

/**
 * The objective's description with a checklist line for each key result it does not list yet.
 * Lines are appended to teamops' checklist block (or a new block at the end), so ticked boxes and
 * edits people made stay as they are.
 */
export function withKeyResultLines(
  description: string,
  lines: Array<{ reference: string; line: string }>,
): { description: string; added: number } {
  const start = description.indexOf(CHECKLIST_START);
  const end = description.indexOf(CHECKLIST_END, start);
  const hasBlock = start >= 0 && end > start;
  const listed = hasBlock ? description.slice(start, end) : description;
  const missing = lines.filter((l) => !mentions(listed, l.reference)).map((l) => l.line);
  if (missing.length === 0) return { description, added: 0 };
  if (hasBlock) {
    const before = description.slice(0, end).replace(/\n*$/, '\n');
    return { description: `${before}${missing.join('\n')}\n${description.slice(end)}`, added: missing.length };
  }
  return { description: `${description.replace(/\s+$/, '')}\n\n### Key results\n\n${checklistBlock(missing)}\n`, added: missing.length };
}
