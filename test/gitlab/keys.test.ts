import { describe, expect, it } from 'vitest';
import { keyOwners, keySearchTerm, splitKey, storedText } from '../../src/gitlab/keys.js';

describe('the stored idempotency key', () => {
  it('is hidden after a blank line, and read back with the text as it was written', () => {
    const stored = storedText('Body\n\nwith lines\n', 'dri-rotation/g/p/2026-11-16');
    expect(stored).toBe('Body\n\nwith lines\n\n<!-- teamops:key=dri-rotation/g/p/2026-11-16 -->\n');
    expect(splitKey(stored)).toEqual({ text: 'Body\n\nwith lines', key: 'dri-rotation/g/p/2026-11-16' });
  });

  it('survives any number of reads and writes unchanged', () => {
    const once = storedText('Text', 'k/1');
    expect(storedText(splitKey(once).text, 'k/1')).toBe(once);
  });

  it('stores an empty text as the marker alone', () => {
    expect(splitKey(storedText('', 'k/1'))).toEqual({ text: '', key: 'k/1' });
  });

  it('is read when people wrote below it, and taken out with its line', () => {
    expect(splitKey('Body\n\n<!-- teamops:key=k/1 -->\nAdded by hand\n')).toEqual({ text: 'Body\n\nAdded by hand\n', key: 'k/1' });
  });

  it('keeps other hidden comments, such as a ritual’s own markers', () => {
    const stored = storedText('Body\n\n<!-- teamops:dri-rotation-member=chen -->', 'k/1');
    expect(splitKey(stored).text).toBe('Body\n\n<!-- teamops:dri-rotation-member=chen -->');
  });

  it('is the last exact marker on a line of its own, which is where teamops writes it, and none is left in the text', () => {
    const { text, key } = splitKey('<!-- teamops:key=first -->\nBody\n\n<!-- teamops:key=second -->\n');
    expect(key).toBe('second');
    expect(text).toBe('Body');
  });

  it('counts no marker inside a line of text, nor one written in another spacing', () => {
    expect(splitKey('Title <!-- teamops:key=forged --> here\n').key).toBeNull();
    expect(splitKey('Body\n<!--teamops:key=forged-->\n').key).toBeNull();
    expect(splitKey('Body\n<!-- teamops:key=forged -->\n').key).toBe('forged');
  });

  it('takes every marker-like comment out of text people wrote before storing it, so that text never carries a key', () => {
    const text = 'A <!-- teamops:key=x --> B\n<!--TEAMOPS : key = y-->\n<!-- teamops:key=z -->\nEnd';
    expect(storedText(text, 'k/1')).toBe('A B\nEnd\n\n<!-- teamops:key=k/1 -->\n');
    expect(storedText(text, null)).toBe('A B\nEnd');
  });

  it('replaces a marker already in the text rather than adding a second one', () => {
    expect(storedText('Body\n<!-- teamops:key=other -->\n', 'k/1')).toBe('Body\n\n<!-- teamops:key=k/1 -->\n');
  });

  it('leaves a text without a key as it is', () => {
    expect(splitKey('Plain\n')).toEqual({ text: 'Plain\n', key: null });
    expect(storedText('Plain\n', null)).toBe('Plain\n');
  });

  it('refuses a key that would end the comment early', () => {
    expect(() => storedText('x', 'a b')).toThrow(/must not contain spaces/);
    expect(() => storedText('x', 'a-->b')).toThrow(/must not contain spaces or "-->"/);
  });

  it('is searched for by the marker text, which every key with the prefix contains', () => {
    expect(storedText('x', 'okr/2027-Q1/o1')).toContain(keySearchTerm('okr/2027-Q1/'));
  });
});

describe('who besides teamops may write a key', () => {
  it('is the author an async update’s key names, and nobody else', () => {
    expect(keyOwners('async-update/grace/em-weekly/week/2026-11-16')).toEqual(['grace']);
    expect(keyOwners('async-update/grace/em-weekly/week/2026-11-16', { assignees: ['dana'] })).toEqual(['grace']);
  });

  it('is the assignees of the key result a check-in is on', () => {
    expect(keyOwners('okr-checkin/distribution/omnibus#3/2027-W03', { assignees: ['bruno.silva', 'chen.wei'] })).toEqual([
      'bruno.silva',
      'chen.wei',
    ]);
    expect(keyOwners('okr-checkin/distribution/omnibus#3/2027-W03')).toEqual([]);
  });

  it('is nobody for the keys of a ritual’s own issues and comments', () => {
    for (const key of [
      'async-update-summary/week/2026-11-16',
      'okr-checkin-reminder/distribution/omnibus#3/2027-W03',
      'okr/2027-Q1/distribution/faster-builds',
      'okr/2027-Q1/distribution/faster-builds/kr/pipeline-minutes',
      'dri-rotation/distribution/team-tasks/2026-11-16',
      'circuit-breaker/retrospective/distribution/omnibus#7',
    ])
      expect(keyOwners(key, { assignees: ['grace'] })).toEqual([]);
  });
});
