import type { IO } from '../../io/io.js';
import { printTable, status } from '../../io/output.js';
import { formatScore } from '../../rituals/okr/progress.js';
import type { Verdict } from '../../rituals/okr/scoreboard.js';
import type { KeyResultStatus, OkrStatusDocument } from '../../rituals/okr/status.js';
import { counted } from '../../rituals/common/text.js';

const day = (iso: string) => iso.slice(0, 10);
const state = (s: string) => (s === 'opened' ? 'open' : s);
const people = (assignees: string[]) => assignees.map((a) => `@${a}`).join(' ');

const BAR_CELLS = 10;

/** `▰▰▰▰▰▱▱▱▱▱ 0.5` on a terminal, green when on course for today's expected score; `0.5` piped. */
function scoreCell(score: number | null, expected: number, io: IO): string {
  if (score === null) return '';
  if (!io.stdoutIsTTY) return formatScore(score);
  const filled = Math.round(score * BAR_CELLS);
  const bar = `${'▰'.repeat(filled)}${'▱'.repeat(BAR_CELLS - filled)}`;
  return `${score >= expected ? io.out.green(bar) : io.out.yellow(bar)} ${formatScore(score)}`;
}

/** One row per objective, each followed by its key results (indented on a terminal); unlinked key results last, as KR?. */
function rowsOf(document: OkrStatusDocument, indent: string, io: IO): string[][] {
  const expected = document.scoreboard.expectedScore.toFixed(2);
  const krRow = (type: string, kr: KeyResultStatus): string[] => [
    type,
    kr.reference,
    `${indent}${kr.title}`,
    state(kr.state),
    people(kr.assignees),
    kr.target ?? '',
    kr.current ?? '',
    scoreCell(kr.score, kr.expectedScore, io),
    day(kr.updatedAt),
    expected,
    kr.lastCheckin ?? '',
    kr.overdue ? 'overdue' : '',
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
        scoreCell(objective.score, document.scoreboard.expectedScore, io),
        day(objective.updatedAt),
        expected,
        '',
        '',
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
  const header = [
    'TYPE',
    'ISSUE',
    'TITLE',
    'STATE',
    'ASSIGNEES',
    'TARGET',
    'CURRENT',
    'SCORE',
    'UPDATED',
    'EXPECTED',
    'CHECKED IN',
    'OVERDUE',
  ];
  const rows = rowsOf(document, io.stdoutIsTTY ? '  ' : '', io);
  if (io.stdoutIsTTY) {
    // On a terminal the expected score (the same on every row) is in the summary below, and "overdue"
    // joins the check-in date, so that the table fits 80 columns.
    const narrow = (row: string[]) => [...row.slice(0, 9), [row[10], row[11]].filter(Boolean).join(' ')];
    printTable(io, narrow([...header.slice(0, 11), '']).slice(0, 10), rows.map(narrow), { shrink: [2, 4, 5, 6] });
  } else printTable(io, header, rows);
  const { scoreboard } = document;
  for (const team of scoreboard.teams) status(io, `team ${team.team}: ${verdictLine(team, scoreboard.targetScore)}`);
  status(
    io,
    `${quarter.name}: ${verdictLine(scoreboard.quarter, scoreboard.targetScore)} (${Math.round(scoreboard.elapsed * 100)}% of the quarter passed)`,
  );
  if (unlinkedKeyResults.length > 0) status(io, `KR? = key results labelled ${quarter.label} that are not linked to any objective shown.`);
}

/** `0.40 on average over 3 key results, 0.30 expected by today for 0.7 at the end: on course` */
function verdictLine(verdict: Verdict, target: number): string {
  const average = verdict.score === null ? 'no score yet' : `${verdict.score.toFixed(2)} on average`;
  return (
    `${average} over ${counted(verdict.keyResults, 'key result')}, ${verdict.expectedScore.toFixed(2)} expected by today ` +
    `for ${formatScore(target)} at the end: ${verdict.onCourse ? 'on course' : 'behind'}`
  );
}
