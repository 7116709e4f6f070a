import type { Tier } from './entities.js';
import type { GroupRecord, LabelRecord, ProjectRecord } from './records.js';
import type { Store } from './store.js';

// Label rules shared by the labels, issues and merge request routes.

/** BaseLabel::DEFAULT_COLOR: the colour of labels created on the fly from an issue. */
export const DEFAULT_LABEL_COLOR = '#6699cc';

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  pink: '#FFC0CB',
  brown: '#A52A2A',
  cyan: '#00FFFF',
  magenta: '#FF00FF',
  navy: '#000080',
  teal: '#008080',
  maroon: '#800000',
  olive: '#808000',
  lime: '#00FF00',
  silver: '#C0C0C0',
};

/** ColorValidator: `#RGB`, `#RRGGBB` or a CSS colour name (stored as its hex value). */
export function normalizeColor(color: string): string | undefined {
  const trimmed = color.trim();
  if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(trimmed)) return trimmed;
  return NAMED_COLORS[trimmed.toLowerCase()];
}

/** Label titles are trimmed, may not contain commas and are at most 255 characters. */
export function labelTitleErrors(title: string): string[] {
  const trimmed = title.trim();
  if (trimmed === '') return ["can't be blank"];
  if (trimmed.includes(',')) return ['is invalid'];
  if (trimmed.length > 255) return ['is too long (maximum is 255 characters)'];
  return [];
}

/** Labels usable in a project: its own and those of its ancestor groups. */
export function availableProjectLabels(store: Store, project: ProjectRecord): LabelRecord[] {
  const groupIds = new Set(store.projectGroups(project).map((group) => group.id));
  return [...store.labels.values()].filter(
    (label) => label.projectId === project.id || (label.groupId !== null && groupIds.has(label.groupId)),
  );
}

export function availableGroupLabels(store: Store, group: GroupRecord, includeAncestors: boolean): LabelRecord[] {
  const groupIds = new Set([group.id, ...(includeAncestors ? store.groupAncestors(group).map((g) => g.id) : [])]);
  return [...store.labels.values()].filter((label) => label.groupId !== null && groupIds.has(label.groupId));
}

/** Labels::FindOrCreateService: reuse a project or ancestor-group label, else create a project label. */
export function findOrCreateLabels(store: Store, project: ProjectRecord, titles: readonly string[]): string[] {
  const known = new Set(availableProjectLabels(store, project).map((label) => label.name));
  const result: string[] = [];
  for (const raw of titles) {
    const title = raw.trim();
    if (title === '' || title.includes(',') || result.includes(title)) continue;
    if (!known.has(title)) {
      store.addLabel({ name: title, color: DEFAULT_LABEL_COLOR, description: null, projectId: project.id, groupId: null, priority: null });
      known.add(title);
    }
    result.push(title);
  }
  return result;
}

/** The scope of `key::value` is everything before the last `::`. */
export function labelScope(title: string): string | undefined {
  const index = title.lastIndexOf('::');
  return index > 0 ? title.slice(0, index) : undefined;
}

/**
 * The label set after a change. `added` are labels being put on the issuable in this request, in
 * order. On Premium, scoped labels are exclusive: an added `scope::x` removes every other label of
 * that scope, and of several added labels with one scope only the last is kept.
 */
export function resolveLabels(current: readonly string[], added: readonly string[], removed: readonly string[], tier: Tier): string[] {
  const removedSet = new Set(removed);
  let result = current.filter((title) => !removedSet.has(title));
  for (const title of added) {
    if (removedSet.has(title)) continue;
    const scope = tier === 'premium' ? labelScope(title) : undefined;
    if (scope !== undefined) result = result.filter((existing) => existing === title || labelScope(existing) !== scope);
    if (!result.includes(title)) result.push(title);
  }
  return sortLabels(result);
}

/** `issue.labels.map(&:title).sort`: Ruby sorts strings by byte value. */
export function sortLabels(titles: readonly string[]): string[] {
  return [...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
