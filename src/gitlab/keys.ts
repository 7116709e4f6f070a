/**
 * Every ritual issue and note carries a stable key, such as `dri-rotation/distribution/team-tasks/2026-11-16`,
 * as a hidden HTML comment in its description. GitLab keeps comments in the raw description
 * but does not render them, so readers never see it, and a rerun (or a retry after a lost
 * response) can find what an earlier run created instead of creating it again.
 *
 * This file is the only place that knows how the key is stored. The mappers read it into
 * `TeamIssue.key` / `TeamNote.key` and take the marker out of the text rituals see; the writer
 * puts it back on every create and on every update that replaces a description.
 *
 * A key counts only in teamops' exact marker on a line of its own, the last such line of the
 * text (the writer puts it at the end; people may write below it). Text that came from people
 * (titles and descriptions in an OKR file, issue templates, anything rendered from them) has every
 * marker-like comment taken out before it is stored, so it can never carry a key of its own. The
 * reader also counts a key only on issues and notes written by teamops' own user, or by the person
 * the key belongs to (`keyOwners`, applied in reader.ts).
 */
const MARKER_PREFIX = 'teamops:key=';
/** teamops' marker exactly as the writer writes it, alone on its line. */
const MARKER_LINE = /^<!-- teamops:key=([^\s>]+) -->$/gm;
/** Anything that looks like a marker, in any spacing or case, with the rest of its line. */
const MARKER_LIKE = /<!--\s*teamops\s*:\s*key\s*=[\s\S]*?-->[ \t]*(?:\r?\n)?/gi;
const LOOKS_LIKE_MARKER = /<!--\s*teamops\s*:\s*key\s*=/i;
/** The writer's blank lines and marker at the end of a stored text. */
const TRAILING_MARKER = /\s*<!-- teamops:key=[^\s>]+ -->\s*$/;

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

/** `text` without anything that looks like a key marker: what people wrote can never carry a key. */
export function withoutMarkers(text: string): string {
  return text.replace(TRAILING_MARKER, '').replace(MARKER_LIKE, '');
}

/** `text` as GitLab stores it: followed by a blank line and the key's marker, or (no key) as it is. */
export function storedText(text: string, key: string | null): string {
  const clean = withoutMarkers(text);
  return key === null ? clean : `${clean.replace(/\s+$/, '')}\n\n${keyMarker(key)}\n`;
}

/**
 * A stored description or comment, split into the text people (and rituals) read and the key it
 * carries (the last exact marker line), or null. Every marker-like comment is taken out, so an
 * update cannot copy one.
 */
export function splitKey(stored: string): { text: string; key: string | null } {
  const key = [...stored.matchAll(MARKER_LINE)].at(-1)?.[1] ?? null;
  if (key === null && !LOOKS_LIKE_MARKER.test(stored)) return { text: stored, key: null };
  return { text: withoutMarkers(stored), key };
}

/** `async-update/<author>/<template>/<period>`: one person's async update (rituals/updates/identity.ts). */
const ASYNC_UPDATE = /^async-update\/([^/]+)\//;
/** `okr-checkin/<key result>/<week>`: a key result's weekly check-in comment (rituals/okr/checkins.ts). */
const CHECKIN = 'okr-checkin/';

/**
 * Who besides teamops (the token's user and `keys.trusted_authors`) may write an issue or comment
 * that carries `key`. Most keys belong to a ritual (DRI issues and hand-overs, objectives and key
 * results, summaries, reminders, rituals, retrospectives): nobody else may, or anyone could make a
 * ritual skip, hand over to or close the wrong issue. Two belong to a person, who writes them with
 * their own token:
 * - an async update (`update print --create`) belongs to the author its key names: nobody else can
 *   post it for them;
 * - a check-in comment (`okr checkin`) belongs to the assignees of the key result it is on (`on`).
 */
export function keyOwners(key: string, on: { assignees?: readonly string[] } = {}): readonly string[] {
  const author = ASYNC_UPDATE.exec(key)?.[1];
  if (author !== undefined) return [author];
  if (key.startsWith(CHECKIN)) return on.assignees ?? [];
  return [];
}
