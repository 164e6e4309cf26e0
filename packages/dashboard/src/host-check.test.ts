import { describe, expect, it } from 'vitest';
import { expectRefusal } from './test-support/assertions.js';
import { fixtureDashboard, startForTest, TEST_TOKEN } from './test-support/fixture-dashboard.js';
import { send, sendRaw } from './test-support/http-client.js';
import { tempDir } from '@streamgank/testing';

const CLEAR_ALL = JSON.stringify({ all: true });

describe('the Host check (DNS rebinding)', () => {
  it('answers to 127.0.0.1 and localhost on its own port, in any case', async () => {
    const { base, dashboard } = await fixtureDashboard();
    const port = new URL(dashboard.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await send(base, { path: '/api/stats', headers: { Host: host } })).status).toBe(200);
    }
  });

  it('refuses every route for any other Host, including a mutating one with the right token', async () => {
    const { base, dashboard, fixture } = await fixtureDashboard();
    const port = Number(new URL(dashboard.url).port);
    const before = fixture.cache.list().total_count;
    const foreignHosts = [
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      'localhost',
      `127.0.0.1.nip.io:${port}`,
      `[::1]:${port}`,
    ];
    for (const host of foreignHosts) {
      for (const path of ['/', '/static/app.js', '/api/stats', '/api/entries', `/blobs/${fixture.poster.sha256}`]) {
        const message = expectRefusal(await send(base, { path, headers: { Host: host } }), 403);
        expect(message).toContain(dashboard.url);
      }
      const clear = await send(base, {
        method: 'POST',
        path: '/api/clear',
        headers: { Host: host, Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': 'application/json' },
        body: CLEAR_ALL,
      });
      expectRefusal(clear, 403);
    }
    expect(fixture.cache.list().total_count).toBe(before);
  });

  it('refuses a request without a Host header', async () => {
    const { base } = await fixtureDashboard();
    const response = await sendRaw(base, 'GET /api/stats HTTP/1.0\r\nConnection: close\r\n\r\n');
    expect(response.status).toBe(403);
    expect(response.text).not.toContain('total_files');
  });

  it('on an address other than loopback, answers only to that exact address', async () => {
    const dashboard = await startForTest({ cacheDir: tempDir(), host: '127.0.0.2' });
    const port = new URL(dashboard.url).port;
    expect(dashboard.url).toBe(`http://127.0.0.2:${port}/`);
    expect((await send(dashboard.url, { path: '/api/stats' })).status).toBe(200);
    expectRefusal(await send(dashboard.url, { path: '/api/stats', headers: { Host: `localhost:${port}` } }), 403);
    expectRefusal(await send(dashboard.url, { path: '/api/stats', headers: { Host: `127.0.0.1:${port}` } }), 403);
  });
});

describe('cross-origin requests', () => {
  it('sends no CORS headers, whatever the Origin', async () => {
    const { base, fixture } = await fixtureDashboard();
    for (const path of ['/', '/api/stats', '/api/entries', `/blobs/${fixture.poster.sha256}`]) {
      const response = await send(base, { path, headers: { Origin: 'https://evil.example' } });
      expect(response.status).toBe(200);
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('answers a CORS preflight with a plain 405', async () => {
    const { base } = await fixtureDashboard();
    const response = await send(base, {
      method: 'OPTIONS',
      path: '/api/clear',
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expectRefusal(response, 405);
  });

  it('refuses absolute-form request targets', async () => {
    const { base, dashboard } = await fixtureDashboard();
    const host = new URL(dashboard.url).host;
    const response = await sendRaw(
      base,
      `GET http://${host}/api/stats HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    );
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('total_files');
  });
});
