// Every OKR issue carries a stable key: `okr/<quarter>/<team>/<objective>` for an objective and
// `<objective key>/kr/<key result>` for its key results, made from ids or titles. One prefix finds
// a quarter's (or a team's) issues, and a rerun finds what an earlier run created.
import type { Quarter } from '../common/quarter.js';

/** Key-friendly form of a title: `Ship FIPS builds!` → `ship-fips-builds`. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 50 || slug[50] === '-') return slug.slice(0, 50);
  const cut = slug.slice(0, 50);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}

/** Every OKR issue of a quarter carries a key starting with this, so one search finds them all. */
export function quarterKeyPrefix(quarter: Quarter): string {
  return `okr/${quarter.name}/`;
}

/** Every OKR issue of one team in a quarter carries a key starting with this. */
export function teamKeyPrefix(quarter: Quarter, team: string): string {
  return `${quarterKeyPrefix(quarter)}${slugify(team) || 'team'}/`;
}

export function objectiveKey(quarter: Quarter, team: string, objectiveSlug: string): string {
  return `${teamKeyPrefix(quarter, team)}${objectiveSlug}`;
}

export function keyResultKey(objective: string, keyResultSlug: string): string {
  return `${objective}/kr/${keyResultSlug}`;
}

export function isKeyResultKey(key: string): boolean {
  return key.includes('/kr/');
}
