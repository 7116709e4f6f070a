import type { IO } from '../../io/io.js';
import { printTable, status } from '../../io/output.js';
import { formatScore } from '../../rituals/okr/progress.js';
import type { KeyResultStatus, OkrStatusDocument } from '../../rituals/okr/status.js';
import { counted } from '../../rituals/shared/text.js';

const day = (iso: string) => iso.slice(0, 10);
const state = (s: string) => (s === 'opened' ? 'open' : s);
const people = (assignees: string[]) => assignees.map((a) => `@${a}`).join(' ');

/** One row per objective, each followed by its key results (indented on a terminal); unlinked key results last, as KR?. */
function rowsOf(document: OkrStatusDocument, indent: string): string[][] {
  const krRow = (type: string, kr: KeyResultStatus): string[] => [
    type,
    kr.reference,
    `${indent}${kr.title}`,
    state(kr.state),
    people(kr.assignees),
    kr.target ?? '',
    kr.current ?? '',
    kr.score === null ? '' : formatScore(kr.score),
    day(kr.updatedAt),
  ];
  return [
    ...document.objectives.flatMap((objective) => [
      [
        'O',
        objective.reference,
        objective.title,
        state(objective.state),
        people(objective.assignees),
        '',
        '',
        '',
        day(objective.updatedAt),
      ],
      ...objective.keyResults.map((kr) => krRow('KR', kr)),
    ]),
    ...document.unlinkedKeyResults.map((kr) => krRow('KR?', kr)),
  ];
}

/** The status as a table on stdout, with the quarter's summary on stderr. */
export function printStatus(document: OkrStatusDocument, io: IO): void {
  const { quarter, objectives, unlinkedKeyResults } = document;
  const krCount = objectives.reduce((n, o) => n + o.keyResults.length, 0) + unlinkedKeyResults.length;
  status(
    io,
    `${quarter.name} (${quarter.start} – ${quarter.end}, label ${quarter.label})${document.team ? `, team ${document.team}` : ''}: ` +
      `${counted(objectives.length, 'objective')}, ${counted(krCount, 'key result')}`,
  );
  if (objectives.length === 0 && unlinkedKeyResults.length === 0) {
    status(io, `No objectives labelled ${quarter.label} found.`);
    return;
  }
  printTable(
    io,
    ['TYPE', 'ISSUE', 'TITLE', 'STATE', 'ASSIGNEES', 'TARGET', 'CURRENT', 'SCORE', 'UPDATED'],
    rowsOf(document, io.stdoutIsTTY ? '  ' : ''),
    { shrink: [2, 4, 5] },
  );
  if (unlinkedKeyResults.length > 0) status(io, `KR? = key results labelled ${quarter.label} that are not linked to any objective shown.`);
}
