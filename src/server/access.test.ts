import { ListStreamsCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupWarnings } from './access';
import { startServer, type RunningServer } from './server';
import { SIGNED_HEADERS, rawHttp2Request, rawRequest } from './testing';

const LIST_STREAMS = { ...SIGNED_HEADERS, 'x-amz-target': 'Kinesis_20131202.ListStreams' };
const DISABLE_KEY = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'ShardscopeAdmin.kms:ListKeys' };

let server: RunningServer;
beforeAll(async () => {
  // Throttling off: these tests call ListStreams more often than its 5 a second.
  server = await startServer({ port: 0, throttling: false });
});
afterAll(() => server.close());

describe('a page on another origin', () => {
  it('should be refused the Kinesis API, the admin target and /events with a clear 403', async () => {
    const origin = { origin: 'http://evil.example' };
    const calls = [
      rawRequest(server.url, 'POST', '/', { ...LIST_STREAMS, ...origin }, '{}'),
      rawRequest(server.url, 'POST', '/', { ...DISABLE_KEY, ...origin }, '{}'),
      rawRequest(server.url, 'GET', '/events', origin),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(403);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(JSON.parse(response.body)).toEqual({
        __type: 'AccessDeniedException',
        message:
          "Origin 'http://evil.example' may not call this endpoint. Start it with --cors <origin> to let that page in.",
      });
    }
  });

  it('should get no CORS approval in its preflight', async () => {
    const preflight = await rawRequest(server.url, 'OPTIONS', '/', {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'x-amz-target,content-type',
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('should be refused from a sandboxed page (Origin: null) too', async () => {
    const response = await rawRequest(server.url, 'POST', '/', { ...LIST_STREAMS, origin: 'null' }, '{}');
    expect(response.status).toBe(403);
  });
});

describe('a page served from this machine', () => {
  it.each(['http://localhost:5173', 'http://127.0.0.1:4173', 'http://[::1]:8080', 'http://app.localhost:5173'])(
    'should be let in from %s, with its own origin (not *) in the answer',
    async (origin) => {
      const response = await rawRequest(server.url, 'POST', '/', { ...LIST_STREAMS, origin }, '{}');
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(origin);
      expect(response.headers.vary).toBe('Origin');
      expect(response.headers['access-control-expose-headers']).toContain('x-amzn-RequestId');
    },
  );

  it('should have its preflight answered with only the methods and headers the SDKs send', async () => {
    const preflight = await rawRequest(server.url, 'OPTIONS', '/', {
      origin: 'http://localhost:5173',
      'access-control-request-method': 'DELETE',
      'access-control-request-headers': 'x-evil-header',
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET,POST,OPTIONS');
    expect(preflight.headers['access-control-allow-headers']).not.toContain('x-evil-header');
    expect(preflight.headers['access-control-allow-headers']).toContain('x-amz-target');
  });
});

describe('DNS rebinding (a foreign name resolving to 127.0.0.1)', () => {
  it('should refuse a request whose Host is not a name of the endpoint, over HTTP/1.1 and HTTP/2', async () => {
    const h1 = await rawRequest(
      server.url,
      'POST',
      '/',
      { ...LIST_STREAMS, host: `rebind.example:${server.port}` },
      '{}',
    );
    expect(h1.status).toBe(403);
    expect(JSON.parse(h1.body).message).toBe(
      `Host 'rebind.example:${server.port}' is not a name of this endpoint. ` +
        'Use localhost or 127.0.0.1, or start the endpoint with --allowed-hosts <name>.',
    );
    const h2 = await rawHttp2Request(
      server.url,
      { ':method': 'POST', ':path': '/', ':authority': `rebind.example:${server.port}`, ...LIST_STREAMS },
      '{}',
    );
    expect(h2.status).toBe(403);
    expect(JSON.parse(h2.body).__type).toBe('AccessDeniedException');
    const events = await rawRequest(server.url, 'GET', '/events', { host: 'rebind.example' });
    expect(events.status).toBe(403);
  });

  it('should answer loopback names and the bound address', async () => {
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, 'kinesis.localhost', '127.0.0.1']) {
      const response = await rawRequest(server.url, 'POST', '/', { ...LIST_STREAMS, host }, '{}');
      expect(response.status, host).toBe(200);
    }
  });

  it('should answer a name given with --allowed-hosts, and an origin given with --cors', async () => {
    const open = await startServer({
      port: 0,
      throttling: false,
      allowedHosts: ['devbox.lan'],
      cors: ['http://tools.example:8080'],
    });
    try {
      const named = await rawRequest(open.url, 'POST', '/', { ...LIST_STREAMS, host: `devbox.lan:${open.port}` }, '{}');
      expect(named.status).toBe(200);
      const page = await rawRequest(
        open.url,
        'POST',
        '/',
        { ...LIST_STREAMS, origin: 'http://tools.example:8080' },
        '{}',
      );
      expect(page.status).toBe(200);
      expect(page.headers['access-control-allow-origin']).toBe('http://tools.example:8080');
      const other = await rawRequest(open.url, 'POST', '/', { ...LIST_STREAMS, origin: 'http://tools.example' }, '{}');
      expect(other.status).toBe(403);
    } finally {
      await open.close();
    }
  });
});

describe("--cors '*'", () => {
  it("should restore the service's open answers: any origin, preflights echoed", async () => {
    const open = await startServer({ port: 0, throttling: false, cors: ['*'] });
    try {
      const page = await rawRequest(open.url, 'POST', '/', { ...LIST_STREAMS, origin: 'http://any.example' }, '{}');
      expect(page.status).toBe(200);
      expect(page.headers['access-control-allow-origin']).toBe('*');
      const preflight = await rawRequest(open.url, 'OPTIONS', '/', {
        origin: 'http://any.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-amz-target',
      });
      expect(preflight.headers['access-control-allow-headers']).toBe('x-amz-target');
    } finally {
      await open.close();
    }
  });
});

describe('AWS SDK clients', () => {
  it('should keep working: they send no Origin and name the endpoint as configured', async () => {
    const client = new KinesisClient({
      endpoint: server.url.replace('127.0.0.1', 'localhost'),
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
      requestHandler: new NodeHttpHandler(),
    });
    try {
      expect((await client.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});

describe('start-up warnings', () => {
  it('should warn that there is no authentication when listening beyond loopback, and when any origin is let in', () => {
    expect(startupWarnings({ host: '127.0.0.1', cors: [] })).toEqual([]);
    expect(startupWarnings({ host: 'localhost', cors: ['http://tools.example'] })).toEqual([]);
    expect(startupWarnings({ host: '::1', cors: [] })).toEqual([]);
    const wide = startupWarnings({ host: '0.0.0.0', cors: ['*'] });
    expect(wide).toHaveLength(2);
    expect(wide[0]).toContain('no authentication');
    expect(wide[1]).toContain("--cors '*'");
  });
});
