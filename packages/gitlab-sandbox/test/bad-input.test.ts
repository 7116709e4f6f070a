import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, projectPath } from './support/http.js';

// Whatever a client sends, the sandbox answers as GitLab would and keeps serving.

const PROJECT = projectPath('acme/app');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { groups: [{ path: 'acme' }], projects: [{ path: 'acme/app', issues: [{ title: 'One' }] }] } });
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
    expect((await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: '[1,2]' })).json).toEqual({
      error: 'title is missing',
    });
    expect((await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: 'null' })).json).toEqual({
      error: 'title is missing',
    });
  });

  it('answers an unparseable HTTP request with 400 and keeps serving', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const url = new URL(sandbox.url);
      const req = request(
        { host: url.hostname, port: url.port, method: 'GET', path: '/api/v4/version', headers: { 'Content-Length': 'not-a-number' } },
        (res) => {
          res.resume();
          resolve(String(res.statusCode));
        },
      );
      req.on('error', (error) => resolve(`error: ${error.message}`));
      req.end();
      setTimeout(() => reject(new Error('no answer')), 5000).unref();
    });
    expect(raw).toMatch(/^(400|error: .*)$/);
    expect((await api(sandbox, '/version')).status).toBe(200);
  });

  it('answers branch and file names that are Object.prototype keys as missing, and stores them as files', async () => {
    for (const path of [
      '/repository/files/README.md?ref=constructor',
      '/repository/files/README.md?ref=__proto__',
      '/repository/files/__proto__?ref=main',
      '/repository/files/constructor/raw',
    ]) {
      const response = await api(sandbox, `/projects/${PROJECT}${path}`);
      expect(response.status, path).toBe(404);
      expect(String((response.json as { message: string }).message), path).toMatch(/^404 (Commit|File) Not Found$/);
    }
    const body = { branch: 'main', content: 'odd name', commit_message: 'Add an oddly named file' };
    expect((await api(sandbox, `/projects/${PROJECT}/repository/files/__proto__`, { method: 'POST', body })).status).toBe(201);
    const raw = await api(sandbox, `/projects/${PROJECT}/repository/files/__proto__/raw`);
    expect([raw.status, raw.text]).toEqual([200, 'odd name']);
    const viaPrototype = await api(sandbox, `/projects/${PROJECT}/repository/files/hasOwnProperty?ref=main`);
    expect(viaPrototype.status).toBe(404);
  });

  it('refuses integers it cannot hold exactly instead of rounding them into duplicate iids', async () => {
    // Sent as JSON text: 2**53 + 1 would already be rounded in a JavaScript number.
    for (const iid of ['1e300', '9007199254740993']) {
      const response = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: `{"title":"Huge iid","iid":${iid}}` });
      expect(response.json).toEqual({ error: 'iid is invalid' });
    }
    expect((await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: 'x', iid: 4_294_967_296 } })).json).toEqual({
      error: 'iid is invalid',
    });
    const first = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: 'Next' } });
    const second = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: 'After' } });
    expect((second.json as { iid: number }).iid).toBe((first.json as { iid: number }).iid + 1);
  });

  it('answers parameters nested deeper than Rack allows with 400', async () => {
    const key = `a${'[x]'.repeat(5000)}`;
    const response = await fetch(`${sandbox.url}/api/v4/projects/${PROJECT}/issues`, {
      method: 'POST',
      headers: { 'PRIVATE-TOKEN': sandbox.token, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `title=deep&${key}=1`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: '400 Bad request - Parameters are nested too deeply' });
    const shallow = await fetch(`${sandbox.url}/api/v4/projects/${PROJECT}/issues?${`a${'[x]'.repeat(10)}`}=1`, {
      headers: { 'PRIVATE-TOKEN': sandbox.token },
    });
    expect(shallow.status).toBe(200);
  });

  it('answers HEAD and an overlong URL without crashing', async () => {
    const head = await fetch(`${sandbox.url}/api/v4/version`, { method: 'HEAD', headers: { 'PRIVATE-TOKEN': sandbox.token } });
    expect(head.status).toBe(200);
    const long = await fetch(`${sandbox.url}/api/v4/projects/${PROJECT}/issues?search=${'a'.repeat(20_000)}`, {
      headers: { 'PRIVATE-TOKEN': sandbox.token },
    });
    expect(long.status).toBe(414);
  });

  it('keeps serving after all of the above', async () => {
    const created = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: 'Still here' } });
    expect(created.status).toBe(201);
  });
});
