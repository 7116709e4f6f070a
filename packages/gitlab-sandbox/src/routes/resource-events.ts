import { canReadIssue } from '../access.js';
import { ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { presentLabelEvent, presentMilestoneEvent, presentStateEvent, type Json } from '../entities.js';
import { notFound, recordNotFound } from '../errors.js';
import { paginate } from '../pagination.js';
import type { EventableType } from '../records.js';
import type { Router } from '../router.js';
import { findProject, integerPathParam, requireUser } from './lookup.js';

// lib/api/resource_{milestone,label,state}_events.rb: `authenticate!`, then `find_noteable`
// ("404 Issue Not Found", "404 MergeRequest Not Found"), then the events in the order they were
// recorded. A single event that is not the issuable's is ActiveRecord's "404 Not found".

const EVENTABLES: ReadonlyArray<{ type: EventableType; segment: string; iidParam: string }> = [
  { type: 'Issue', segment: 'issues', iidParam: 'issue_iid' },
  { type: 'MergeRequest', segment: 'merge_requests', iidParam: 'merge_request_iid' },
];

/** Each kind's events of one issue or merge request, presented. */
const KINDS = {
  milestone: (ctx: RequestContext, type: EventableType, id: number) =>
    ctx.store.resourceEvents.milestone.forResource(type, id).map((event) => presentMilestoneEvent(ctx.present, event)),
  label: (ctx: RequestContext, type: EventableType, id: number) =>
    ctx.store.resourceEvents.label.forResource(type, id).map((event) => presentLabelEvent(ctx.present, ctx.store, event)),
  state: (ctx: RequestContext, type: EventableType, id: number) =>
    ctx.store.resourceEvents.state.forResource(type, id).map((event) => presentStateEvent(ctx.present, event)),
} as const;

export function registerResourceEventRoutes(router: Router<Handler>): void {
  for (const eventable of EVENTABLES) {
    for (const kind of ['milestone', 'label', 'state'] as const) {
      const base = `/projects/:id/${eventable.segment}/:${eventable.iidParam}/resource_${kind}_events`;
      router.add('GET', base, (ctx) => listEvents(ctx, eventable, kind));
      router.add('GET', `${base}/:event_id`, (ctx) => getEvent(ctx, eventable, kind));
    }
  }
}

type Kind = keyof typeof KINDS;

function listEvents(ctx: RequestContext, eventable: (typeof EVENTABLES)[number], kind: Kind): Reply {
  requireUser(ctx);
  const resourceId = findEventable(ctx, eventable);
  return paginate(ctx, KINDS[kind](ctx, eventable.type, resourceId), (json: Json) => json);
}

function getEvent(ctx: RequestContext, eventable: (typeof EVENTABLES)[number], kind: Kind): Reply {
  requireUser(ctx);
  const resourceId = findEventable(ctx, eventable);
  const wanted = ctx.pathParams['event_id'] ?? '';
  const event = KINDS[kind](ctx, eventable.type, resourceId).find(
    (json) => typeof json === 'object' && json !== null && !Array.isArray(json) && String(json['id']) === wanted,
  );
  if (!event) throw recordNotFound();
  return ok(event);
}

/** `find_noteable(eventable_type, iid)`: the issue or merge request, if the user may read it. */
function findEventable(ctx: RequestContext, eventable: (typeof EVENTABLES)[number]): number {
  const project = findProject(ctx);
  const iid = integerPathParam(ctx, eventable.iidParam);
  if (eventable.type === 'Issue') {
    const issue = ctx.store.issueByIid(project.id, iid);
    if (!issue || !canReadIssue(ctx.store, ctx.user, project, issue)) throw notFound('Issue');
    return issue.id;
  }
  const mr = ctx.store.projectMergeRequests(project.id).find((candidate) => candidate.iid === iid);
  if (!mr) throw notFound('MergeRequest');
  return mr.id;
}
