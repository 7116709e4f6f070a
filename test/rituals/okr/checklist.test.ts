import { describe, expect, it } from 'vitest';
import { withKeyResultLines } from '../../../src/rituals/okr/checklist.js';

describe('withKeyResultLines', () => {
  it.each([
    [
      'adds a block at the end when the description has none',
      'Text\n',
      'Text\n\n### Key results\n\n<!-- teamops:okr-key-results -->\n- [ ] g/p#2 two\n<!-- /teamops:okr-key-results -->\n',
      1,
    ],
    [
      'leaves a description that lists every key result alone',
      '<!-- teamops:okr-key-results -->\n- [x] g/p#1 one\n- [ ] g/p#2 two\n<!-- /teamops:okr-key-results -->',
      '<!-- teamops:okr-key-results -->\n- [x] g/p#1 one\n- [ ] g/p#2 two\n<!-- /teamops:okr-key-results -->',
      0,
    ],
    [
      'does not take #21 for #2',
      '<!-- teamops:okr-key-results -->\n- [x] g/p#1 one\n- [ ] g/p#21 x\n<!-- /teamops:okr-key-results -->',
      '<!-- teamops:okr-key-results -->\n- [x] g/p#1 one\n- [ ] g/p#21 x\n- [ ] g/p#2 two\n<!-- /teamops:okr-key-results -->',
      1,
    ],
  ])('%s', (_name, before, after, added) => {
    const lines = [
      { reference: 'g/p#1', line: '- [ ] g/p#1 one' },
      { reference: 'g/p#2', line: '- [ ] g/p#2 two' },
    ];
    const withOne = before.includes('g/p#1') ? lines : lines.slice(1);
    expect(withKeyResultLines(before, withOne)).toEqual({ description: after, added });
  });
});
