import { canAdminIssues, canReadProject, type Actor } from './access.js';
import { paramError } from './errors.js';
import { isoDay, startedMilestoneIds, upcomingMilestoneIds } from './milestones.js';
import { declare, isHash, mutuallyExclusive, type ParamHash } from './params.js';
import type { Tier } from './entities.js';
import { matchesSearch, parseSearch, searchVector, usesFullTextSearch, type SearchColumn, type SearchVector } from './full-text.js';
import type { IssueRecord, ProjectRecord } from './records.js';
import type { Store } from './store.js';

// IssuesFinder as the REST API drives it (lib/api/issues.rb `issues_params`, IssuableFinder).
// Lists are built from per-project arrays kept sorted per ordering, so a filtered page over a
// project with 20,000 issues costs one pass and no sort.

export const ISSUE_ORDER_BY = [
  'created_at',
  'due_date',
  'label_priority',
  'milestone_due',
  'popularity',
  'priority',
  'relative_position',
  'title',
  'updated_at',
  'weight',
] as const;
export type IssueOrderBy = (typeof ISSUE_ORDER_BY)[number];
export type SortDirection = 'asc' | 'desc';
export type IssueListKind = 'project' | 'group' | 'global';

const NONE = 'none';
const ANY = 'any';

const negatableSpec = {
  labels: { type: 'string-list' },
  milestone: { type: 'string' },
  milestone_id: { type: 'string', values: ['None', 'Any', 'Upcoming', 'Started'] },
  author_id: { type: 'integer' },
  author_username: { type: 'string' },
  assignee_id: { type: 'string' },
  assignee_username: { type: 'string-list' },
  iids: { type: 'integer-list' },
  my_reaction_emoji: { type: 'string' },
  weight: { type: 'string' },
} as const;

const listSpec = {
  ...negatableSpec,
  state: { type: 'string', values: ['opened', 'closed', 'all'], default: 'all' },
  order_by: { type: 'string', values: ISSUE_ORDER_BY, default: 'created_at' },
  sort: { type: 'string', values: ['asc', 'desc'], default: 'desc' },
  scope: { type: 'string', values: ['created-by-me', 'assigned-to-me', 'created_by_me', 'assigned_to_me', 'all'] },
  search: { type: 'string' },
  in: { type: 'string' },
  created_after: { type: 'datetime' },
  created_before: { type: 'datetime' },
  updated_after: { type: 'datetime' },
  updated_before: { type: 'datetime' },
  due_date: {
    type: 'string',
    values: ['0', 'any', 'today', 'tomorrow', 'overdue', 'week', 'month', 'next_month_and_previous_two_weeks', ''],
  },
  confidential: { type: 'boolean' },
  issue_type: { type: 'string', values: ['issue', 'incident', 'test_case', 'task'] },
  with_labels_details: { type: 'boolean', default: false },
  not: { type: 'hash' },
  non_archived: { type: 'boolean' },
} as const;

export interface IssueListRequest {
  predicate: (issue: IssueRecord) => boolean;
  /** True when no filter applies, so whole cached lists can be taken as they are. */
  matchesAll: boolean;
  orderBy: IssueOrderBy;
  sort: SortDirection;
  withLabelsDetails: boolean;
  /** `iids[]` narrows a project list to direct lookups. */
  iids?: readonly number[];
}

export function parseIssueList(
  store: Store,
  params: ParamHash,
  user: Actor,
  kind: IssueListKind,
  tier: Tier = 'premium',
): IssueListRequest {
  mutuallyExclusive(params, ['milestone_id', 'milestone']);
  mutuallyExclusive(params, ['author_id', 'author_username']);
  mutuallyExclusive(params, ['assignee_id', 'assignee_username']);
  const declared = declare(params, listSpec);
  const negated = declared.not ? declareNegated(declared.not) : undefined;
  validateAssigneeId(declared.assignee_id, 'assignee_id');
  validateAssigneeId(declared.weight, 'weight');
  // `weight` is an EE parameter: on Free, GitLab does not declare it, so it filters nothing.
  if (tier !== 'premium') {
    declared.weight = undefined;
    if (negated) negated.weight = undefined;
  }
  if (declared.order_by === 'weight' && tier !== 'premium') throw paramError(['order_by does not have a valid value']);

  const today = isoDay(store.now());
  const checks: Array<(issue: IssueRecord) => boolean> = [];
  const scope = declared.scope?.replace(/-/g, '_') ?? (kind === 'global' ? 'created_by_me' : 'all');
  if (scope === 'created_by_me') checks.push((issue) => user !== null && issue.authorId === user.id);
  if (scope === 'assigned_to_me') checks.push((issue) => user !== null && issue.assigneeIds.includes(user.id));
  if (declared.state !== 'all') checks.push((issue) => issue.state === declared.state);

  addPositiveChecks(checks, store, declared, today, user);
  if (negated) addNegatedChecks(checks, store, negated, today, user);

  if (declared.search) checks.push(searchCheck(declared.search, declared.in ?? 'title,description'));
  pushTimeRange(checks, (issue) => issue.createdAt, declared.created_after, declared.created_before);
  pushTimeRange(checks, (issue) => issue.updatedAt, declared.updated_after, declared.updated_before);
  if (declared.due_date) checks.push(dueDateCheck(declared.due_date, store.now()));
  if (declared.confidential !== undefined && declared.confidential !== null) {
    const confidential = declared.confidential;
    checks.push((issue) => issue.confidential === confidential);
  }
  if (declared.issue_type && declared.issue_type !== 'issue') checks.push(() => false);

  return {
    predicate: (issue) => {
      for (let i = 0; i < checks.length; i += 1) if (!checks[i]?.(issue)) return false;
      return true;
    },
    matchesAll: checks.length === 0,
    orderBy: declared.order_by as IssueOrderBy,
    sort: declared.sort === 'asc' ? 'asc' : 'desc',
    withLabelsDetails: declared.with_labels_details,
    iids: declared.iids && declared.iids.length > 0 ? declared.iids : undefined,
  };
}

type NegatableParams = {
  labels?: string[] | null;
  milestone?: string | null;
  milestone_id?: string | null;
  author_id?: number | null;
  author_username?: string | null;
  assignee_id?: string | null;
  assignee_username?: string[] | null;
  iids?: number[] | null;
  my_reaction_emoji?: string | null;
  weight?: string | null;
};

function declareNegated(hash: ParamHash): NegatableParams {
  if (!isHash(hash)) return {};
  try {
    const negated = declare(hash, negatableSpec);
    validateAssigneeId(negated.assignee_id, 'not[assignee_id]');
    validateAssigneeId(negated.weight, 'not[weight]');
    return negated;
  } catch {
    throw paramError(['not is invalid']);
  }
}

/** `integer_none_any`: an integer id, `None` or `Any`. */
function validateAssigneeId(value: string | null | undefined, name: string): void {
  if (value === undefined || value === null) return;
  if (/^\d+$/.test(value) || [NONE, ANY].includes(value.toLowerCase())) return;
  throw paramError([`${name} is invalid`]);
}

function addPositiveChecks(
  checks: Array<(issue: IssueRecord) => boolean>,
  store: Store,
  params: NegatableParams,
  today: string,
  user: Actor,
): void {
  if (params.labels && params.labels.length > 0) checks.push(labelsCheck(params.labels));
  if (params.milestone_id) checks.push(milestoneCheck(store, params.milestone_id, today, true));
  else if (params.milestone) checks.push(milestoneCheck(store, params.milestone, today, false));
  if (params.author_id !== undefined && params.author_id !== null) {
    const authorId = params.author_id;
    checks.push((issue) => issue.authorId === authorId);
  }
  if (params.author_username) {
    const author = store.userByUsername(params.author_username);
    checks.push((issue) => author !== undefined && issue.authorId === author.id);
  }
  if (params.assignee_id) checks.push(assigneeIdCheck(params.assignee_id));
  if (params.assignee_username && params.assignee_username.length > 0) {
    const ids = params.assignee_username.map((username) => store.userByUsername(username)?.id ?? -1);
    checks.push((issue) => ids.every((id) => issue.assigneeIds.includes(id)));
  }
  if (params.iids && params.iids.length > 0) {
    const iids = new Set(params.iids);
    checks.push((issue) => iids.has(issue.iid));
  }
  // IssuableFinder#by_my_reaction_emoji: the signed-in user's reactions; ignored without a user.
  if (params.my_reaction_emoji && user) checks.push(myReactionCheck(store, params.my_reaction_emoji, user.id));
  if (params.weight) checks.push(weightCheck(params.weight));
}

/** An emoji name, `None` (no reaction of the user's) or `Any`. */
function myReactionCheck(store: Store, value: string, userId: number): (issue: IssueRecord) => boolean {
  const lowered = value.toLowerCase();
  const mine = (issue: IssueRecord) => store.awardsOf('Issue', issue.id).filter((award) => award.userId === userId);
  if (lowered === NONE) return (issue) => mine(issue).length === 0;
  if (lowered === ANY) return (issue) => mine(issue).length > 0;
  return (issue) => mine(issue).some((award) => award.name === value);
}

/** EE IssuesFinder `by_weight`: a number, `None` (no weight) or `Any`. */
function weightCheck(value: string): (issue: IssueRecord) => boolean {
  const lowered = value.toLowerCase();
  if (lowered === NONE) return (issue) => (issue.weight ?? null) === null;
  if (lowered === ANY) return (issue) => (issue.weight ?? null) !== null;
  const weight = Number(value);
  return (issue) => issue.weight === weight;
}

/** `not[...]`: each given filter, inverted. */
function addNegatedChecks(
  checks: Array<(issue: IssueRecord) => boolean>,
  store: Store,
  negated: NegatableParams,
  today: string,
  user: Actor,
): void {
  const positive: Array<(issue: IssueRecord) => boolean> = [];
  const negatedLabels = negated.labels;
  if (negatedLabels && negatedLabels.length > 0) {
    // IssuableFinder excludes issues having *any* of the negated labels.
    checks.push((issue) => !negatedLabels.some((label) => issue.labels.includes(label)));
  }
  addPositiveChecks(positive, store, { ...negated, labels: undefined }, today, user);
  for (const check of positive) checks.push((issue) => !check(issue));
}

function labelsCheck(labels: readonly string[]): (issue: IssueRecord) => boolean {
  const lowered = labels.map((label) => label.toLowerCase());
  if (lowered.includes(NONE) || lowered.includes('no label') || lowered.includes('no+label')) return (issue) => issue.labels.length === 0;
  if (lowered.includes(ANY)) {
    const rest = labels.filter((label) => label.toLowerCase() !== ANY);
    return (issue) => issue.labels.length > 0 && rest.every((label) => issue.labels.includes(label));
  }
  return (issue) => labels.every((label) => issue.labels.includes(label));
}

/**
 * IssuableFinder::Params: `milestone` is a title, where only `None`/`Any` (any case), GitLab's own
 * "No Milestone"/"Any Milestone" titles and the `#upcoming`/`#started` names are wildcards, so
 * `milestone=Upcoming` looks for a milestone titled "Upcoming". `milestone_id` is the wildcard enum.
 */
function milestoneCheck(store: Store, value: string, today: string, wildcardId: boolean): (issue: IssueRecord) => boolean {
  const lowered = value.toLowerCase();
  if (lowered === NONE || (!wildcardId && value === 'No Milestone')) return (issue) => issue.milestoneId === null;
  if (lowered === ANY || (!wildcardId && value === 'Any Milestone')) return (issue) => issue.milestoneId !== null;
  if (wildcardId ? lowered === 'upcoming' : value === '#upcoming') {
    const ids = upcomingMilestoneIds(store.milestones.values(), today);
    return (issue) => issue.milestoneId !== null && ids.has(issue.milestoneId);
  }
  if (wildcardId ? lowered === 'started' : value === '#started') {
    const ids = startedMilestoneIds(store.milestones.values(), today);
    return (issue) => issue.milestoneId !== null && ids.has(issue.milestoneId);
  }
  const ids = new Set([...store.milestones.values()].filter((m) => m.title === value).map((m) => m.id));
  return (issue) => issue.milestoneId !== null && ids.has(issue.milestoneId);
}

function assigneeIdCheck(value: string): (issue: IssueRecord) => boolean {
  const lowered = value.toLowerCase();
  if (lowered === NONE) return (issue) => issue.assigneeIds.length === 0;
  if (lowered === ANY) return (issue) => issue.assigneeIds.length > 0;
  const id = Number(value);
  return (issue) => issue.assigneeIds.includes(id);
}

/**
 * IssuableFinder#by_search: PostgreSQL full-text search (see full-text.ts) for searches in Latin
 * characters; otherwise Issuable.full_search, where every word must appear in one of the fields.
 */
function searchCheck(search: string, inFields: string): (issue: IssueRecord) => boolean {
  const fields = new Set(inFields.split(',').map((field) => field.trim()));
  if (usesFullTextSearch(search)) {
    const terms = parseSearch(search);
    const columns = new Set([...fields].filter((field): field is SearchColumn => field === 'title' || field === 'description'));
    return (issue) => matchesSearch(issueSearchVector(issue), terms, columns);
  }
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const inTitle = fields.has('title') || fields.size === 0;
  const inDescription = fields.has('description');
  return (issue) => {
    const title = inTitle ? issue.title.toLowerCase() : '';
    const description = inDescription ? (issue.description ?? '').toLowerCase() : '';
    return words.every((word) => title.includes(word) || description.includes(word));
  };
}

const searchVectors = new WeakMap<IssueRecord, { title: string; description: string | null; vector: SearchVector }>();

/** The issue's search vector, rebuilt when its title or description changes (GitLab's issue_search_data). */
function issueSearchVector(issue: IssueRecord): SearchVector {
  const cached = searchVectors.get(issue);
  if (cached && cached.title === issue.title && cached.description === issue.description) return cached.vector;
  const vector = searchVector(issue.title, issue.description);
  searchVectors.set(issue, { title: issue.title, description: issue.description, vector });
  return vector;
}

function pushTimeRange(
  checks: Array<(issue: IssueRecord) => boolean>,
  pick: (issue: IssueRecord) => string,
  after?: Date | null,
  before?: Date | null,
): void {
  if (after) {
    const bound = after.getTime();
    checks.push((issue) => Date.parse(pick(issue)) >= bound);
  }
  if (before) {
    const bound = before.getTime();
    checks.push((issue) => Date.parse(pick(issue)) <= bound);
  }
}

function dueDateCheck(filter: string, now: Date): (issue: IssueRecord) => boolean {
  const day = (offsetDays: number, from: Date = now): string => isoDay(new Date(from.getTime() + offsetDays * 86_400_000));
  const today = day(0);
  const between = (from: string, to: string) => (issue: IssueRecord) =>
    issue.dueDate !== null && issue.dueDate >= from && issue.dueDate <= to;
  switch (filter) {
    case '0':
      return (issue) => issue.dueDate === null;
    case 'any':
      return (issue) => issue.dueDate !== null;
    case 'today':
      return between(today, today);
    case 'tomorrow':
      return between(day(1), day(1));
    case 'overdue':
      return (issue) => issue.dueDate !== null && issue.dueDate < today;
    case 'week': {
      const weekday = (now.getUTCDay() + 6) % 7;
      return between(day(-weekday), day(6 - weekday));
    }
    case 'month': {
      const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
      const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
      return between(isoDay(first), isoDay(last));
    }
    case 'next_month_and_previous_two_weeks': {
      return between(day(-14), day(30));
    }
    default:
      return () => true;
  }
}

// ---- ordering ---------------------------------------------------------------------------------

export function compareIssues(store: Store, a: IssueRecord, b: IssueRecord, orderBy: IssueOrderBy, sort: SortDirection): number {
  const direction = sort === 'asc' ? 1 : -1;
  switch (orderBy) {
    case 'created_at':
      return direction * (compareText(a.createdAt, b.createdAt) || a.id - b.id);
    case 'updated_at':
      return direction * (compareText(a.updatedAt, b.updatedAt) || a.id - b.id);
    case 'title':
      return direction * (compareText(a.title.toLowerCase(), b.title.toLowerCase()) || a.id - b.id);
    case 'due_date':
      return compareNullsLast(a.dueDate, b.dueDate, direction) || b.id - a.id;
    case 'milestone_due':
      return compareNullsLast(milestoneDue(store, a), milestoneDue(store, b), direction) || b.id - a.id;
    case 'label_priority':
    case 'priority':
      return compareNullsLast(labelPriority(store, a), labelPriority(store, b), direction) || b.id - a.id;
    case 'relative_position':
      return direction * (a.id - b.id);
    case 'popularity':
      return b.id - a.id;
    case 'weight':
      // EE Issue.order_weight_asc/desc: issues without a weight last.
      return compareNullsLast(a.weight ?? null, b.weight ?? null, direction) || b.id - a.id;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNullsLast<T extends string | number>(a: T | null, b: T | null, direction: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return direction * (a < b ? -1 : 1);
}

function milestoneDue(store: Store, issue: IssueRecord): string | null {
  return issue.milestoneId === null ? null : (store.milestones.get(issue.milestoneId)?.dueDate ?? null);
}

function labelPriority(store: Store, issue: IssueRecord): number | null {
  if (issue.labels.length === 0) return null;
  let best: number | null = null;
  for (const label of store.labels.values()) {
    if (label.priority === null || label.projectId !== issue.projectId || !issue.labels.includes(label.name)) continue;
    if (best === null || label.priority < best) best = label.priority;
  }
  return best;
}

/** Orderings whose keys only change with `created_at` (the id breaks ties), so edits keep them valid. */
const STABLE_ORDERS: ReadonlySet<IssueOrderBy> = new Set<IssueOrderBy>(['created_at', 'relative_position', 'popularity']);

interface CachedOrder {
  version: number;
  /** The store's generation: milestone due dates and label priorities order some lists. */
  generation: number;
  orderVersion: number;
  /** How many of the project's issues (which are only ever appended) `issues` holds. */
  length: number;
  issues: IssueRecord[];
}

/**
 * Per-project orderings, rebuilt only when that project's issues change. Orderings by creation
 * time survive edits, and new issues are inserted into them rather than re-sorting 20,000.
 */
export class IssueOrderCache {
  private readonly cache = new Map<string, CachedOrder>();
  private readonly lists = new Map<string, { validity: string; issues: readonly IssueRecord[] }>();

  constructor(private readonly store: Store) {}

  sorted(projectId: number, orderBy: IssueOrderBy, sort: SortDirection): readonly IssueRecord[] {
    const key = `${projectId}:${orderBy}:${sort}`;
    const version = this.store.issuesVersion(projectId);
    const generation = this.store.generation;
    const hit = this.cache.get(key);
    if (hit && hit.version === version && (hit.generation === generation || STABLE_ORDERS.has(orderBy))) return hit.issues;
    const all = this.store.projectIssues(projectId);
    const orderVersion = this.store.issueOrderVersion(projectId);
    const compare = (a: IssueRecord, b: IssueRecord): number => compareIssues(this.store, a, b, orderBy, sort);
    if (hit && STABLE_ORDERS.has(orderBy) && hit.orderVersion === orderVersion && hit.length <= all.length) {
      for (let i = hit.length; i < all.length; i += 1) insertSorted(hit.issues, all[i] as IssueRecord, compare);
      hit.version = version;
      hit.generation = generation;
      hit.length = all.length;
      return hit.issues;
    }
    const issues = [...all].sort(compare);
    this.cache.set(key, { version, generation, orderVersion, length: all.length, issues });
    return issues;
  }

  /**
   * The result of one list query (filters, order, user, day: all in `key`), kept until `projects`
   * gain, lose or change an issue or anything else changes (the store's generation), so paging
   * through a filtered list of 20,000 issues filters them once.
   */
  listed(key: string, projects: readonly ProjectRecord[], compute: () => readonly IssueRecord[]): readonly IssueRecord[] {
    let validity = String(this.store.generation);
    for (const project of projects) validity += `:${this.store.issuesVersion(project.id)}`;
    const hit = this.lists.get(key);
    if (hit && hit.validity === validity) {
      // Most recently used last, so the oldest is the one to go.
      this.lists.delete(key);
      this.lists.set(key, hit);
      return hit.issues;
    }
    const issues = compute();
    this.lists.delete(key);
    this.lists.set(key, { validity, issues });
    if (this.lists.size > MAX_CACHED_LISTS) this.lists.delete(this.lists.keys().next().value as string);
    return issues;
  }
}

const MAX_CACHED_LISTS = 64;

function insertSorted(list: IssueRecord[], issue: IssueRecord, compare: (a: IssueRecord, b: IssueRecord) => number): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle] as IssueRecord, issue) <= 0) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, issue);
}

/** Issues of `projects` that `user` may see and that match, in the requested order. */
export function listIssues(
  store: Store,
  cache: IssueOrderCache,
  projects: readonly ProjectRecord[],
  user: Actor,
  request: IssueListRequest,
): readonly IssueRecord[] {
  // The common "everything, in the default order" list of one project is the cached array itself.
  const only = projects.length === 1 ? projects[0] : undefined;
  if (only && request.matchesAll && !request.iids && canAdminIssues(store, user, only))
    return cache.sorted(only.id, request.orderBy, request.sort);
  const result: IssueRecord[] = [];
  for (const project of projects) {
    if (!canReadProject(store, user, project)) continue;
    const seeConfidential = canAdminIssues(store, user, project);
    const visible = (issue: IssueRecord): boolean =>
      !issue.confidential || seeConfidential || (user !== null && (issue.authorId === user.id || issue.assigneeIds.includes(user.id)));
    if (request.iids && projects.length === 1) {
      for (const iid of request.iids) {
        const issue = store.issueByIid(project.id, iid);
        if (issue && visible(issue) && request.predicate(issue)) result.push(issue);
      }
      result.sort((a, b) => compareIssues(store, a, b, request.orderBy, request.sort));
      return result;
    }
    const sorted = cache.sorted(project.id, request.orderBy, request.sort);
    if (seeConfidential && request.matchesAll) {
      for (let i = 0; i < sorted.length; i += 1) result.push(sorted[i] as IssueRecord);
      continue;
    }
    for (let i = 0; i < sorted.length; i += 1) {
      const issue = sorted[i] as IssueRecord;
      if ((seeConfidential || visible(issue)) && request.predicate(issue)) result.push(issue);
    }
  }
  if (projects.length > 1) result.sort((a, b) => compareIssues(store, a, b, request.orderBy, request.sort));
  return result;
}
