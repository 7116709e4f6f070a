/**
 * Every ritual issue and note carries a stable key, such as `dri-rotation/distribution/team-tasks/2026-11-16`,
 * as a hidden HTML comment in its description. GitLab keeps comments in the raw description
 * but does not render them, so readers never see it, and a rerun (or a retry after a lost
 * response) can find what an earlier run created instead of creating it again.
 *
 * This file is the only place that knows how the key is stored. The mappers read it into
 * `TeamIssue.key` / `TeamNote.key` and take the marker out of the text rituals see; the writer
 * puts it back on every create and on every update that replaces a description.
 */
const MARKER_PREFIX = 'teamops:key=';
const MARKER = /<!--\s*teamops:key=([^\s>]+)\s*-->/;
/** A marker ending the text, with the blank lines the writer put before it. */
const TRAILING_MARKER = /\s*<!--\s*teamops:key=[^\s>]+\s*-->\s*$/;
/** A marker anywhere else (people may have written below it), with the rest of its line. */
const INNER_MARKER = /<!--\s*teamops:key=[^\s>]+\s*-->[ \t]*(?:\r?\n)?/g;

function keyMarker(key: string): string {
  if (/\s|-->/.test(key)) throw new Error(`idempotency key must not contain spaces or "-->": ${key}`);
  return `<!-- ${MARKER_PREFIX}${key} -->`;
}

/**
 * The text to search GitLab's descriptions for: it is in the stored text of every key that starts
 * with `prefix`. Search matches loosely, so what it finds is checked against the key.
 */
export function keySearchTerm(prefix: string): string {
  return `${MARKER_PREFIX}${prefix}`;
}

/** `text` as GitLab stores it: followed by a blank line and the key's marker, or (no key) as it is. */
export function storedText(text: string, key: string | null): string {
  const clean = splitKey(text).text;
  return key === null ? clean : `${clean.replace(/\s+$/, '')}\n\n${keyMarker(key)}\n`;
}

/**
 * A stored description or comment, split into the text people (and rituals) read and the key it
 * carries (the first marker), or null. Every marker is taken out, so an update cannot copy one.
 */
export function splitKey(stored: string): { text: string; key: string | null } {
  const key = MARKER.exec(stored)?.[1] ?? null;
  if (key === null) return { text: stored, key: null };
  return { text: stored.replace(TRAILING_MARKER, '').replace(INNER_MARKER, ''), key };
}
