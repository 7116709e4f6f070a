import stringWidth from 'string-width';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { printTable } from '../../src/io/output.js';
import { createTestIO } from '../support/test-io.js';

const HEADER = ['ISSUE', 'TITLE', 'STATE', 'ASSIGNEES'];
const ROWS = [
  [
    'group/project#1',
    'Reduce the median pipeline time of every omnibus package build across all supported platforms and the documentation site',
    'open',
    '@grace.hopper',
  ],
  [
    'group/project#2',
    '日本語のタイトルはターミナルで二倍の幅を取るので正しく切り詰める必要があります',
    'closed',
    '@amara.okafor @bruno.silva',
  ],
  ['group/project#3', 'Short', 'open', ''],
];

function table(columns: number, stdoutTTY = true): string[] {
  const test = createTestIO({ stdoutTTY, columns });
  printTable(test.io, HEADER, ROWS, { shrink: [1, 3] });
  return stripVTControlCharacters(test.stdout()).trimEnd().split('\n');
}

describe('printTable', () => {
  it.each([80, 160])('fits a %i-column terminal, cutting long titles with an ellipsis measured in terminal cells', (columns) => {
    const lines = table(columns);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
    expect(lines[1]).toMatch(/^group\/project#1 {2}Reduce the median .*… {2}open {4}@grace\.hopper$/);
    expect(lines[2]).toContain('日本語');
    // 39 wide characters take 78 cells: cut on 80 columns, whole on 160.
    expect(lines[2]!.includes('…')).toBe(columns === 80);
    expect(lines[3]).toMatch(/^group\/project#3 {2}Short +open$/);
    // Columns stay aligned: STATE starts in the same terminal column on every row, wide characters included.
    const stateColumn = (line: string) => stringWidth(line.slice(0, line.search(/ (open|closed|STATE)/) + 1));
    expect(new Set(lines.map(stateColumn)).size).toBe(1);
  });

  it('cuts more on the narrower terminal and nothing when everything fits', () => {
    expect(stringWidth(table(80)[1]!)).toBeLessThan(stringWidth(table(160)[1]!));
    const wide = table(400);
    expect(wide[1]).toContain(ROWS[0]![1]);
    expect(wide.join('\n')).not.toContain('…');
  });

  it('prints tab-separated, untruncated rows when piped, whatever the width', () => {
    expect(table(80, false)).toEqual(ROWS.map((row) => row.join('\t').trimEnd()));
  });
});
