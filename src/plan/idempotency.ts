/**
 * Every ritual issue and note carries a stable key, such as `dri-rotation/distribution/team-tasks/2026-11-16`,
 * as a hidden HTML comment in its description. GitLab keeps comments in the raw description
 * but does not render them, so readers never see it, and a rerun (or a retry after a lost
 * response) can find what an earlier run created instead of creating it again.
 */
const MARKER_PREFIX = 'teamops:key=';
const MARKER_PATTERN = /<!--\s*teamops:key=([^\s>]+)\s*-->/;

export function keyMarker(key: string): string {
  if (/\s|-->/.test(key)) throw new Error(`idempotency key must not contain spaces or "-->": ${key}`);
  return `<!-- ${MARKER_PREFIX}${key} -->`;
}

/** The text to search GitLab for (its issue search matches substrings of the description). */
export function keySearchTerm(key: string): string {
  return `${MARKER_PREFIX}${key}`;
}

export function withKeyMarker(body: string, key: string): string {
  const trimmed = body.replace(/\s+$/, '');
  return `${trimmed}\n\n${keyMarker(key)}\n`;
}

export function readKey(description: string | null | undefined): string | undefined {
  return description ? MARKER_PATTERN.exec(description)?.[1] : undefined;
}

export function hasKey(description: string | null | undefined, key: string): boolean {
  return readKey(description) === key;
}
