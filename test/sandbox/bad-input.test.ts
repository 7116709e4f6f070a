import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { api, projectPath } from './support/http.js';

// Whatever a client sends, the sandbox answers as GitLab would and keeps serving.

const PROJECT = projectPath('acme/app');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await createSandbox({ seed: { groups: [{ path: 'acme' }], projects: [{ path: 'acme/app', issues: [{ title: 'One' }] }] } });
});

afterAll(async () => {
  await sandbox.stop();
});

describe('bad input', () => {
  it('answers malformed JSON with Grape’s 400', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: '{"title": "unterminated' });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      error:
        "\nProblem:\n  message body does not match declared format\nResolution:\n  when specifying application/json as content-type, you must pass valid application/json in the request's 'body' ",
    });
  });

  it('answers parameters of the wrong type with "<name> is invalid"', async () => {
    const cases: Array<[string, unknown, string]> = [
      [`/projects/${PROJECT}/issues`, { title: { nested: true } }, 'title is invalid'],
      [`/projects/${PROJECT}/issues`, { title: 'x', assignee_ids: 'abc' }, 'assignee_ids is invalid'],
      [`/projects/${PROJECT}/issues`, { title: 'x', milestone_id: 'soon' }, 'milestone_id is invalid'],
      [`/projects/${PROJECT}/issues`, { title: 'x', confidential: 'maybe' }, 'confidential is invalid'],
      [`/projects/${PROJECT}/issues`, { title: 'x', created_at: 'last tuesday' }, 'created_at is invalid'],
    ];
    for (const [path, body, error] of cases) {
      const response = await api(sandbox, path, { method: 'POST', body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json).toEqual({ error });
    }
  });

  it('answers a non-integer iid in the path with "issue_iid is invalid"', async () => {
    expect((await api(sandbox, `/projects/${PROJECT}/issues/abc`)).json).toEqual({ error: 'issue_iid is invalid' });
  });

  it('reports every missing parameter at once', async () => {
    const response = await api(sandbox, '/projects/acme%2Fapp/repository/files/README.md', { method: 'POST', body: {} });
    expect(response.json).toEqual({ error: 'branch is missing, commit_message is missing, content is missing' });
  });

  it('treats a JSON array or scalar body as no parameters', async () => {
    expect((await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: '[1,2]' })).json).toEqual({ error: 'title is missing' });
    expect((await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: 'null' })).json).toEqual({ error: 'title is missing' });
  });

  it('answers an unparseable HTTP request with 400 and keeps serving', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const url = new URL(sandbox.url);
      const req = request({ host: url.hostname, port: url.port, method: 'GET', path: '/api/v4/version', headers: { 'Content-Length': 'not-a-number' } }, (res) => {
        res.resume();
        resolve(String(res.statusCode));
      });
      req.on('error', (error) => resolve(`error: ${error.message}`));
      req.end();
      setTimeout(() => reject(new Error('no answer')), 5000).unref();
    });
    expect(raw).toMatch(/^(400|error: .*)$/);
    expect((await api(sandbox, '/version')).status).toBe(200);
  });

  it('keeps serving after all of the above', async () => {
    const created = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: 'Still here' } });
    expect(created.status).toBe(201);
  });
});
