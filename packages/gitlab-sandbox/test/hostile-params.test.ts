import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asObject, projectPath } from './support/http.js';

// Parameters named after JavaScript's prototype machinery are ordinary keys, as they are in Rack:
// no query string, form or JSON body can change how a later request is authenticated or answered.

let sandbox: Sandbox;
const PROJECT = projectPath('acme/app');

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: {
      users: [{ username: 'amara.okafor' }],
      groups: [{ path: 'acme', members: { 'amara.okafor': 'developer' } }],
      projects: [{ path: 'acme/app' }],
    },
  });
});

afterAll(async () => {
  await sandbox.stop();
});

async function whoAmI(): Promise<unknown> {
  const response = await api(sandbox, '/user');
  return asObject(response.json)['username'];
}

const HOSTILE_KEYS = [
  '__proto__[sudo]=amara.okafor',
  '__proto__%5Bsudo%5D=amara.okafor',
  'constructor[prototype][sudo]=amara.okafor',
  'prototype[sudo]=amara.okafor',
  '__proto__[]=amara.okafor',
  'a[__proto__][sudo]=amara.okafor',
];

describe('prototype keys in parameters', () => {
  it('leave the query string of later requests alone', async () => {
    for (const pair of HOSTILE_KEYS) {
      // Anonymous, as in the attack: GitLab's /version answers 401 without a token.
      const response = await api(sandbox, `/version?${pair}`, { token: null });
      expect(response.status, pair).toBe(401);
      expect(await whoAmI(), pair).toBe('root');
    }
    expect(({} as Record<string, unknown>)['sudo']).toBeUndefined();
  });

  it('leave form bodies alone', async () => {
    for (const pair of HOSTILE_KEYS) {
      const response = await api(sandbox, `/projects/${PROJECT}/issues`, {
        method: 'POST',
        body: `title=Form&${pair}`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status, pair).toBe(201);
      expect(asObject(asObject(response.json)['author'])['username'], pair).toBe('root');
      expect(await whoAmI(), pair).toBe('root');
    }
  });

  it('leave multipart bodies alone', async () => {
    for (const pair of HOSTILE_KEYS) {
      const [key = '', value = ''] = pair.split('=');
      const form = new FormData();
      form.append('title', 'Multipart');
      form.append(decodeURIComponent(key), value);
      const response = await fetch(`${sandbox.url}/api/v4/projects/${PROJECT}/issues`, {
        method: 'POST',
        headers: { 'PRIVATE-TOKEN': sandbox.token },
        body: form,
      });
      expect(response.status, pair).toBe(201);
      expect(await whoAmI(), pair).toBe('root');
    }
    expect(({} as Record<string, unknown>)['sudo']).toBeUndefined();
  });

  it('leave JSON bodies alone, at any depth', async () => {
    const bodies = [
      '{"title":"JSON","__proto__":{"sudo":"amara.okafor"}}',
      '{"title":"JSON","constructor":{"prototype":{"sudo":"amara.okafor"}}}',
      '{"title":"JSON","prototype":{"sudo":"amara.okafor"}}',
      '{"title":"JSON","not":{"__proto__":{"sudo":"amara.okafor"}}}',
    ];
    for (const body of bodies) {
      const response = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body });
      expect(response.status, body).toBe(201);
      expect(asObject(asObject(response.json)['author'])['username'], body).toBe('root');
      expect(await whoAmI(), body).toBe('root');
    }
    expect(({} as Record<string, unknown>)['sudo']).toBeUndefined();
  });

  it('treats parameters named like Object.prototype members as absent when not sent', async () => {
    // `constructor` and `toString` exist on every plain object; a declared parameter must not see them.
    const response = await api(sandbox, `/projects/${PROJECT}/issues?toString=1&valueOf=2&hasOwnProperty=3`);
    expect(response.status).toBe(200);
    const sudoAsKey = await api(sandbox, '/user?constructor=amara.okafor');
    expect(asObject(sudoAsKey.json)['username']).toBe('root');
  });
});

function rawRequest(host: string): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: `/api/v4/projects/${PROJECT}`, headers: { Host: host, 'PRIVATE-TOKEN': sandbox.token } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('a malformed Host header', () => {
  it('gets the 400 that nginx in front of GitLab answers, not a 500', async () => {
    for (const host of ['exa mple', '[::1', 'a/b', 'host:port', 'a..b', '@evil']) {
      const response = await rawRequest(host);
      expect(response.status, host).toBe(400);
      expect(response.type, host).toBe('text/html');
      expect(response.body, host).toContain('<title>400 Bad Request</title>');
    }
  });

  it('leaves a well-formed one to build the URLs in responses', async () => {
    const response = await rawRequest('gitlab.example.test:8080');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ web_url: 'http://gitlab.example.test:8080/acme/app' });
  });
});

describe('multipart/form-data bodies', () => {
  it('are read like form bodies, nested keys and arrays included, as curl --form sends them', async () => {
    const form = new FormData();
    form.append('title', 'Sent with curl --form');
    form.append('description', 'Line one\nLine two');
    form.append('labels', 'one,two');
    form.append('assignee_ids[]', '1');
    const response = await fetch(`${sandbox.url}/api/v4/projects/${PROJECT}/issues`, {
      method: 'POST',
      headers: { 'PRIVATE-TOKEN': sandbox.token },
      body: form,
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      title: 'Sent with curl --form',
      // FormData sends line breaks as CRLF, and Rack keeps them.
      description: 'Line one\r\nLine two',
      labels: ['one', 'two'],
      assignees: [{ username: 'root' }],
    });
  });

  it('answers a body that does not match its boundary with 400', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues`, {
      method: 'POST',
      body: '--nope\r\nContent-Disposition: form-data; name="title"\r\n\r\nx',
      headers: { 'Content-Type': 'multipart/form-data; boundary=other' },
    });
    expect(response.status).toBe(400);
  });
});
