import { created, ok, type Handler, type RequestContext, type Reply } from '../context.js';
import type { JsonObject } from '../entities.js';
import { conflict, forbidden, notFound, paramError, validationError } from '../errors.js';
import { decodeCursor, encodeCursor, keysetNotAvailable, paginate, paginateKeyset, wantsKeyset } from '../pagination.js';
import { atLeastOneOf, declare } from '../params.js';
import type { UserRecord } from '../records.js';
import type { Router } from '../router.js';
import { DEFAULT_STATUS } from '../store.js';
import { requireUser } from './lookup.js';

// lib/api/users.rb, lib/api/version.rb

export const SANDBOX_GITLAB_VERSION = '18.2.0';

const USERNAME_FORMAT = /^[a-zA-Z0-9_.][a-zA-Z0-9_.-]*$/;
const USERNAME_ERROR = "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-' or end in '.', '.git' or '.atom'.";

/** `clear_status_after` values of PUT /user/status and their durations. */
const CLEAR_STATUS_AFTER: Record<string, number> = {
  '30_minutes': 30 * 60_000,
  '3_hours': 3 * 3_600_000,
  '8_hours': 8 * 3_600_000,
  '1_day': 86_400_000,
  '3_days': 3 * 86_400_000,
  '7_days': 7 * 86_400_000,
  '30_days': 30 * 86_400_000,
};

export function registerUserRoutes(router: Router<Handler>): void {
  router.add('GET', '/version', getVersion);
  router.add('GET', '/user', getCurrentUser);
  router.add('GET', '/user/status', getOwnStatus);
  router.add('PUT', '/user/status', putOwnStatus);
  router.add('PATCH', '/user/status', patchOwnStatus);
  router.add('GET', '/users', listUsers);
  router.add('POST', '/users', createUser);
  router.add('GET', '/users/:id', getUser);
  router.add('PUT', '/users/:id', updateUser);
  router.add('GET', '/users/:user_id/status', getUserStatus);
}

function getVersion(ctx: RequestContext): Reply {
  requireUser(ctx);
  const enterprise = ctx.tier === 'premium';
  return ok({
    version: enterprise ? `${SANDBOX_GITLAB_VERSION}-ee` : SANDBOX_GITLAB_VERSION,
    revision: 'sandbox',
    kas: { enabled: false, externalUrl: null, externalK8sProxyUrl: null, version: null },
    enterprise,
  });
}

/** `GET /user`: UserWithAdmin for administrators, UserPublic otherwise. */
function getCurrentUser(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  return ok(user.isAdmin ? ctx.present.userWithAdmin(user) : ctx.present.userPublic(user));
}

function listUsers(ctx: RequestContext): Reply {
  const params = declare(ctx.params, {
    username: { type: 'string' },
    search: { type: 'string' },
    active: { type: 'boolean' },
    blocked: { type: 'boolean' },
    external: { type: 'boolean' },
    humans: { type: 'boolean' },
    exclude_internal: { type: 'boolean' },
    order_by: { type: 'string', values: ['id', 'name', 'username', 'created_at', 'updated_at'], default: 'id' },
    sort: { type: 'string', values: ['asc', 'desc'], default: 'desc' },
  });
  // An anonymous caller may only look a user up by username, never list them all.
  if (!ctx.user && !params.username) throw forbidden('Not authorized to access /api/v4/users');

  let users = [...ctx.store.users.values()];
  if (params.username) {
    const wanted = params.username.toLowerCase();
    users = users.filter((user) => user.username.toLowerCase() === wanted);
  }
  if (params.search) {
    // User.search: name and username match in part, or exactly for terms under 3 characters
    // (use_minimum_char_limit); e-mail addresses match exactly, and private ones only for
    // administrators (with_private_emails) since the sandbox's users have no public e-mail.
    const term = params.search.toLowerCase().trim();
    const partial = term.length >= 3;
    const withEmails = ctx.user?.isAdmin === true;
    const matches = (field: string): boolean => (partial ? field.toLowerCase().includes(term) : field.toLowerCase() === term);
    users = users.filter((user) => matches(user.username) || matches(user.name) || (withEmails && user.email.toLowerCase() === term));
  }
  if (params.blocked === true || params.external === true) users = [];
  const key = params.order_by;
  const direction = params.sort === 'asc' ? 1 : -1;
  users.sort((a, b) => direction * compareUsers(a, b, key));
  const asAdmin = ctx.user?.isAdmin === true;
  const present = (user: UserRecord): JsonObject => (asAdmin ? ctx.present.userWithAdmin(user) : ctx.present.userBasic(user));
  if (wantsKeyset(ctx)) return keysetUsers(ctx, users, key, direction, present);
  return paginate(ctx, users, present);
}

const KEYSET_USER_ORDERS = ['id', 'name', 'username', 'created_at', 'updated_at'];

/** Cursor-based keyset pagination (Gitlab::Pagination::CursorBasedKeyset supports users): `cursor` holds the last row's keys. */
function keysetUsers(
  ctx: RequestContext,
  sorted: UserRecord[],
  key: string,
  direction: number,
  present: (user: UserRecord) => JsonObject,
): Reply {
  if (!KEYSET_USER_ORDERS.includes(key)) throw keysetNotAvailable();
  const { cursor } = declare(ctx.params, { cursor: { type: 'string' } });
  let users = sorted;
  if (cursor) {
    const position = decodeCursor(cursor);
    const id = Number(position?.['id']);
    if (!position || !Number.isSafeInteger(id)) throw paramError(['cursor is invalid']);
    const value = key === 'id' ? id : String(position[key]);
    users = sorted.filter((user) => {
      const mine = userSortValue(user, key);
      const order = mine < (value as string | number) ? -1 : mine > (value as string | number) ? 1 : user.id - id;
      return direction * order > 0;
    });
  }
  return paginateKeyset(ctx, users, present, (last) => ({ cursor: encodeCursor({ [key]: userSortValue(last, key), id: last.id }) }));
}

function userSortValue(user: UserRecord, key: string): string | number {
  return key === 'name'
    ? user.name
    : key === 'username'
      ? user.username
      : key === 'created_at' || key === 'updated_at'
        ? user.createdAt
        : user.id;
}

function compareUsers(a: UserRecord, b: UserRecord, key: string): number {
  const left = userSortValue(a, key);
  const right = userSortValue(b, key);
  if (left < right) return -1;
  if (left > right) return 1;
  return a.id - b.id;
}

function getUser(ctx: RequestContext): Reply {
  const { id } = declare({ id: ctx.pathParams['id'] ?? '' }, { id: { type: 'integer', required: true } });
  const user = ctx.store.users.get(id);
  if (!user) throw notFound('User');
  return ok(ctx.user?.isAdmin ? ctx.present.userWithAdmin(user) : ctx.present.user(user));
}

function createUser(ctx: RequestContext): Reply {
  const params = declare(ctx.params, {
    email: { type: 'string', required: true },
    password: { type: 'string' },
    reset_password: { type: 'boolean' },
    force_random_password: { type: 'boolean' },
    skip_confirmation: { type: 'boolean' },
    name: { type: 'string', required: true },
    username: { type: 'string', required: true },
    admin: { type: 'boolean' },
    bio: { type: 'string' },
    location: { type: 'string' },
    job_title: { type: 'string' },
    organization: { type: 'string' },
    pronouns: { type: 'string' },
  });
  atLeastOneOf(ctx.params, ['password', 'reset_password', 'force_random_password']);
  const caller = requireUser(ctx);
  // `authenticated_as_admin!` runs inside the endpoint, after Grape has validated the params.
  if (!caller.isAdmin) throw forbidden();

  if (ctx.store.users.size > 0 && [...ctx.store.users.values()].some((user) => user.email.toLowerCase() === params.email.toLowerCase())) {
    throw conflict('Email has already been taken');
  }
  if (ctx.store.userByUsername(params.username)) throw conflict('Username has already been taken');

  const errors: Record<string, string[]> = {};
  if (!/^[^@\s]+@[^@\s]+$/.test(params.email)) errors['email'] = ['is invalid'];
  if (params.name.trim() === '') errors['name'] = ["can't be blank"];
  if (!USERNAME_FORMAT.test(params.username) || /(\.|\.git|\.atom)$/.test(params.username)) errors['username'] = [USERNAME_ERROR];
  if (params.password !== undefined && params.password !== null && params.password.length < 8) {
    errors['password'] = ['is too short (minimum is 8 characters)'];
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);

  const user = ctx.store.addUser({
    username: params.username,
    name: params.name,
    email: params.email,
    isAdmin: params.admin === true,
    bio: params.bio ?? '',
    location: params.location ?? '',
    jobTitle: params.job_title ?? '',
    pronouns: params.pronouns ?? null,
    organization: params.organization ?? '',
  });
  return created(ctx.present.userWithAdmin(user));
}

function getUserStatus(ctx: RequestContext): Reply {
  const user = ctx.store.findUser(ctx.pathParams['user_id'] ?? '');
  if (!user) throw notFound('User');
  expireStatus(ctx, user);
  return ok(ctx.present.userStatus(user));
}

function getOwnStatus(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  expireStatus(ctx, user);
  return ok(ctx.present.userStatus(user));
}

/** PUT replaces the whole status: fields that are not sent are cleared. */
function putOwnStatus(ctx: RequestContext): Reply {
  return setOwnStatus(ctx, false);
}

/** PATCH only changes the fields that are sent. */
function patchOwnStatus(ctx: RequestContext): Reply {
  return setOwnStatus(ctx, true);
}

function setOwnStatus(ctx: RequestContext, keepUnsent: boolean): Reply {
  const user = requireUser(ctx);
  const params = declare(ctx.params, {
    emoji: { type: 'string' },
    message: { type: 'string' },
    availability: { type: 'string', values: ['busy', 'not_set'] },
    clear_status_after: { type: 'string', values: Object.keys(CLEAR_STATUS_AFTER) },
  });
  if (params.message && params.message.length > 100) throw validationError({ message: ['is too long (maximum is 100 characters)'] });

  const previous = user.status;
  const pick = <T>(sent: T | null | undefined, kept: T): T | null => (sent === undefined ? (keepUnsent ? kept : null) : sent);
  const emoji = pick(params.emoji, previous.emoji);
  const message = pick(params.message, previous.message);
  const availability = pick(params.availability, previous.availability) === 'busy' ? 'busy' : 'not_set';
  const clearAfter = params.clear_status_after;
  const clearStatusAt = clearAfter
    ? new Date(ctx.store.now().getTime() + (CLEAR_STATUS_AFTER[clearAfter] ?? 0)).toISOString()
    : keepUnsent && clearAfter === undefined
      ? previous.clearStatusAt
      : null;

  if (!emoji && !message && availability === 'not_set') user.status = { ...DEFAULT_STATUS };
  else user.status = { emoji: emoji || 'speech_balloon', message: message || null, availability, clearStatusAt };
  return ok(ctx.present.userStatus(user));
}

/** Statuses with `clear_status_after` are cleared once their time has come. */
function expireStatus(ctx: RequestContext, user: UserRecord): void {
  const clearAt = user.status.clearStatusAt;
  if (clearAt && clearAt <= ctx.store.now().toISOString()) user.status = { ...DEFAULT_STATUS };
}

/** `PUT /users/:id` (lib/api/users.rb): administrators only; e-mail and username stay unique. */
function updateUser(ctx: RequestContext): Reply {
  const { id } = declare({ id: ctx.pathParams['id'] ?? '' }, { id: { type: 'integer', required: true } });
  const params = declare(ctx.params, {
    email: { type: 'string' },
    name: { type: 'string' },
    username: { type: 'string' },
    admin: { type: 'boolean' },
    bio: { type: 'string' },
    location: { type: 'string' },
    job_title: { type: 'string' },
    organization: { type: 'string' },
    pronouns: { type: 'string' },
    password: { type: 'string' },
  });
  const caller = requireUser(ctx);
  if (!caller.isAdmin) throw forbidden();
  const user = ctx.store.users.get(id);
  if (!user) throw notFound('User');

  const others = [...ctx.store.users.values()].filter((other) => other.id !== user.id);
  if (params.email && others.some((other) => other.email.toLowerCase() === params.email?.toLowerCase()))
    throw conflict('Email has already been taken');
  if (params.username && others.some((other) => other.username.toLowerCase() === params.username?.toLowerCase()))
    throw conflict('Username has already been taken');
  const errors: Record<string, string[]> = {};
  if (params.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(params.email ?? '')) errors['email'] = ['is invalid'];
  if (params.name !== undefined && (params.name ?? '').trim() === '') errors['name'] = ["can't be blank"];
  if (params.username !== undefined) {
    const username = params.username ?? '';
    if (!USERNAME_FORMAT.test(username) || /(\.|\.git|\.atom)$/.test(username)) errors['username'] = [USERNAME_ERROR];
  }
  if (params.password && params.password.length < 8) errors['password'] = ['is too short (minimum is 8 characters)'];
  if (Object.keys(errors).length > 0) throw validationError(errors);

  if (params.email) user.email = params.email;
  if (params.name) user.name = params.name;
  if (params.username) user.username = params.username;
  if (params.admin !== undefined && params.admin !== null) user.isAdmin = params.admin;
  if (params.bio !== undefined) user.bio = params.bio ?? '';
  if (params.location !== undefined) user.location = params.location ?? '';
  if (params.job_title !== undefined) user.jobTitle = params.job_title ?? '';
  if (params.organization !== undefined) user.organization = params.organization ?? '';
  if (params.pronouns !== undefined) user.pronouns = params.pronouns;
  ctx.store.reindexUsers();
  return ok(ctx.present.userWithAdmin(user));
}
