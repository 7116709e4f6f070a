import { createHash } from 'node:crypto';
import { canPushCode, canPushToBranch } from '../access.js';
import { created, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { apiError, forbidden, notFound, paramError } from '../errors.js';
import { paginate } from '../pagination.js';
import { declare } from '../params.js';
import type { BranchRecord, ProjectRecord } from '../records.js';
import type { Router } from '../router.js';
import { objectId } from '../store.js';
import { findProject, requireUser } from './lookup.js';

// lib/api/files.rb (enough to keep issue templates where GitLab keeps them) and
// lib/api/project_templates.rb (issue and merge request templates read from the default branch).

const TEMPLATE_TYPES = ['dockerfiles', 'gitignores', 'gitlab_ci_ymls', 'licenses', 'issues', 'merge_requests'] as const;
const TEMPLATE_FOLDERS: Partial<Record<string, string>> = {
  issues: '.gitlab/issue_templates/',
  merge_requests: '.gitlab/merge_request_templates/',
};

export function registerRepositoryRoutes(router: Router<Handler>): void {
  router.add('GET', '/projects/:id/repository/files/:file_path/raw', getRawFile);
  router.add('GET', '/projects/:id/repository/files/:file_path', getFile);
  router.add('POST', '/projects/:id/repository/files/:file_path', (ctx) => writeFile(ctx, 'create'));
  router.add('PUT', '/projects/:id/repository/files/:file_path', (ctx) => writeFile(ctx, 'update'));
  router.add('GET', '/projects/:id/templates/:type', listTemplates);
  router.add('GET', '/projects/:id/templates/:type/:name', getTemplate);
}

/**
 * Branch and file names come from the client, so lookups must not reach Object.prototype
 * (`ref=constructor`, a file called `__proto__`) and writes must create own properties.
 */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `user_project.commit(ref)`: a branch name or a commit id. */
function resolveRef(project: ProjectRecord, ref: string | undefined | null): BranchRecord {
  const name = ref ?? project.defaultBranch;
  const branch = own(project.branches, name) ?? Object.values(project.branches).find((candidate) => candidate.commitId === name);
  if (!branch) throw notFound('Commit');
  return branch;
}

function filePathParam(ctx: RequestContext): string {
  return ctx.pathParams['file_path'] ?? '';
}

function blobHeaders(
  path: string,
  ref: string,
  branch: BranchRecord,
): { data: Record<string, string | number | boolean>; headers: Record<string, string> } {
  const file = own(branch.files, path);
  if (!file) throw notFound('File');
  const bytes = Buffer.from(file.content, 'utf8');
  const data = {
    file_name: path.split('/').pop() ?? path,
    file_path: path,
    size: bytes.length,
    encoding: 'base64',
    content_sha256: createHash('sha256').update(bytes).digest('hex'),
    ref,
    blob_id: file.blobId,
    commit_id: branch.commitId,
    last_commit_id: file.lastCommitId,
    execute_filemode: false,
  };
  const headers: Record<string, string> = {
    'X-Gitlab-File-Name': data.file_name,
    'X-Gitlab-File-Path': data.file_path,
    'X-Gitlab-Size': String(data.size),
    'X-Gitlab-Encoding': data.encoding,
    'X-Gitlab-Content-Sha256': data.content_sha256,
    'X-Gitlab-Ref': ref,
    'X-Gitlab-Blob-Id': data.blob_id,
    'X-Gitlab-Commit-Id': data.commit_id,
    'X-Gitlab-Last-Commit-Id': data.last_commit_id,
    'X-Gitlab-Execute-Filemode': 'false',
  };
  return { data, headers };
}

function getFile(ctx: RequestContext): Reply {
  const params = declare(ctx.params, { ref: { type: 'string', required: true, allowBlank: false } });
  const project = findProject(ctx);
  const branch = resolveRef(project, params.ref);
  const path = filePathParam(ctx);
  const { data, headers } = blobHeaders(path, params.ref, branch);
  const content = Buffer.from(own(branch.files, path)?.content ?? '', 'utf8').toString('base64');
  return ok({ ...data, content }, headers);
}

/** The raw file as text/plain; `ref` defaults to the default branch (HEAD). */
function getRawFile(ctx: RequestContext): Reply {
  const params = declare(ctx.params, { ref: { type: 'string', allowBlank: false } });
  const project = findProject(ctx);
  const ref = params.ref ?? project.defaultBranch;
  const branch = resolveRef(project, ref);
  const path = filePathParam(ctx);
  const { headers } = blobHeaders(path, ref, branch);
  const fileName = path.split('/').pop() ?? path;
  return {
    status: 200,
    text: own(branch.files, path)?.content ?? '',
    headers: {
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `inline; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    },
  };
}

function writeFile(ctx: RequestContext, mode: 'create' | 'update'): Reply {
  const user = requireUser(ctx);
  const params = declare(ctx.params, {
    branch: { type: 'string', required: true, allowBlank: false },
    commit_message: { type: 'string', required: true, allowBlank: false },
    start_branch: { type: 'string' },
    author_email: { type: 'string' },
    author_name: { type: 'string' },
    content: { type: 'string', required: true },
    encoding: { type: 'string', values: ['base64', 'text'], default: 'text' },
    last_commit_id: { type: 'string' },
    execute_filemode: { type: 'boolean' },
  });
  const path = filePathParam(ctx);
  if (path === '' || path.startsWith('/') || path.split('/').includes('..')) throw paramError(['file_path should be a valid file path']);
  const project = findProject(ctx);
  if (!canPushCode(ctx.store, user, project)) throw forbidden();
  // Files::CreateService and UpdateService report their failures as 400 {"message": ...}.
  if (!canPushToBranch(ctx.store, user, project, params.branch)) throw apiError(400, 'You are not allowed to push into this branch');

  let branch = own(project.branches, params.branch);
  if (!branch) {
    const start = params.start_branch ? own(project.branches, params.start_branch) : undefined;
    if (!start) throw apiError(400, 'You can only create or edit files when you are on a branch');
    branch = { commitId: start.commitId, files: { ...start.files } };
    setOwn(project.branches, params.branch, branch);
  }
  const exists = own(branch.files, path) !== undefined;
  if (mode === 'create' && exists) throw apiError(400, 'A file with this name already exists');
  if (mode === 'update' && !exists) throw apiError(400, "A file with this name doesn't exist");
  if (mode === 'update' && params.last_commit_id && params.last_commit_id !== own(branch.files, path)?.lastCommitId) {
    throw apiError(400, 'You are attempting to update a file that has changed since you started editing it.');
  }

  const content = params.encoding === 'base64' ? Buffer.from(params.content, 'base64').toString('utf8') : params.content;
  const now = ctx.store.timestamp();
  const commitId = objectId(branch.commitId, path, content, now);
  branch.commitId = commitId;
  setOwn(branch.files, path, { content, blobId: objectId('blob', content), lastCommitId: commitId });
  project.lastActivityAt = now;
  const body = { file_path: path, branch: params.branch };
  return mode === 'create' ? created(body) : ok(body);
}

function templateType(ctx: RequestContext): string {
  const { type } = declare({ type: ctx.pathParams['type'] ?? '' }, { type: { type: 'string', required: true, values: TEMPLATE_TYPES } });
  return type;
}

function templatesOf(project: ProjectRecord, type: string): Array<{ key: string; content: string }> {
  const folder = TEMPLATE_FOLDERS[type];
  const branch = own(project.branches, project.defaultBranch);
  if (!folder || !branch) return [];
  return Object.entries(branch.files)
    .filter(([path]) => path.startsWith(folder) && path.endsWith('.md') && !path.slice(folder.length).includes('/'))
    .map(([path, file]) => ({ key: path.slice(folder.length, -'.md'.length), content: file.content }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function listTemplates(ctx: RequestContext): Reply {
  const type = templateType(ctx);
  const project = findProject(ctx);
  return paginate(ctx, templatesOf(project, type), (template) => ({ key: template.key, name: template.key }));
}

function getTemplate(ctx: RequestContext): Reply {
  const type = templateType(ctx);
  const project = findProject(ctx);
  const name = ctx.pathParams['name'] ?? '';
  const template = templatesOf(project, type).find((candidate) => candidate.key === name);
  if (!template) throw notFound('Template');
  return ok({ name: template.key, content: template.content });
}
