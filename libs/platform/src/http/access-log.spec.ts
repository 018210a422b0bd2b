import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { Histogram, Registry } from 'prom-client';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { accessLineWriter, accessLogMiddleware } from './access-log';
import { observeRequests } from './request-observer';

type Mode = 'two middlewares' | 'observeRequests';

/** A server answering `status` for every path, behind the two middlewares or the combined one; `/users/:id` is a routed path. */
function serve(mode: Mode, level: string, status = 200) {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  const logger = pino({ level }, sink);
  const registry = new Registry();
  const histogram = new Histogram({ name: 'http_seconds', help: 'h', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const log = accessLogMiddleware(logger);
  const metrics = httpMetricsMiddleware(histogram);
  const observe = observeRequests(histogram, logger);
  const server = createServer((req: IncomingMessage & { route?: { path: string } }, res: ServerResponse) => {
    const answer = () => {
      if (req.url?.startsWith('/users/')) req.route = { path: '/users/:id' };
      res.statusCode = status;
      res.end('{}');
    };
    if (mode === 'observeRequests') observe(req, res, answer);
    else metrics(req, res, () => log(req, res, answer));
  });
  return { server, lines, registry };
}

describe.each<Mode>(['two middlewares', 'observeRequests'])('access log and HTTP metrics (%s)', (mode) => {
  it('log one line per request with its id, method, path, status and time, and never a header', async () => {
    const { server, lines } = serve(mode, 'info');
    await request(server).get('/users/42').set('authorization', 'Bearer clk_secret');
    await request(server).get('/users/43');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'GET', url: '/users/42' }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
    expect(lines[1].req.id).toBe(lines[0].req.id + 1);
    expect(JSON.stringify(lines)).not.toContain('clk_secret');
  });

  it('do not log /health', async () => {
    const { server, lines } = serve(mode, 'info');
    await request(server).get('/health');
    expect(lines).toHaveLength(0);
  });

  it('log server errors at error level even when info is off', async () => {
    const { server, lines } = serve(mode, 'warn', 503);
    await request(server).get('/users/1');
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'request errored', res: { statusCode: 503 } })]);
  });

  it('time requests by route pattern and by the status actually sent', async () => {
    const { server, registry } = serve(mode, 'silent', 404);
    await request(server).get('/users/1');
    await request(server).get('/users/2');
    await request(server).get('/nowhere');
    const text = await registry.metrics();
    expect(text).toContain('http_seconds_count{method="GET",route="/users/:id",status="404"} 2');
    expect(text).toContain('http_seconds_count{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain('/users/1');
  });
});

describe('accessLineWriter', () => {
  it('writes the very bytes logger.info and logger.error would write', () => {
    const written: string[] = [];
    const sink = { write: (line: string) => written.push(line) };
    const logger = pino({ level: 'info', base: { service: 'ledger' } }, sink);
    const write = accessLineWriter(logger);
    const req = { id: 7, method: 'GET', url: '/v1/x?a="b"\\c', remoteAddress: '::1' };
    for (const status of [200, 503]) {
      const before = Date.now();
      write({ ...req, status, responseTime: 3 });
      const entry = { req, res: { statusCode: status }, responseTime: 3 };
      if (status >= 500) logger.error(entry, 'request errored');
      else logger.info(entry, 'request completed');
      const [ours, pinos] = written.splice(0).map((line) => line.replace(/"time":\d+/, `"time":${before}`));
      expect(ours).toBe(pinos);
    }
  });

  it('goes through the logger itself when its lines are not pino defaults', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    const logger = pino({ level: 'info', messageKey: 'message' }, sink);
    accessLineWriter(logger)({ id: 1, method: 'GET', url: '/a', remoteAddress: undefined, status: 200, responseTime: 1 });
    return new Promise<void>((resolve) => setImmediate(() => {
      expect(lines).toEqual([expect.objectContaining({ message: 'request completed', req: { id: 1, method: 'GET', url: '/a' } })]);
      resolve();
    }));
  });
});
