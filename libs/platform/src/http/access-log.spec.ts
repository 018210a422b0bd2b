import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { Histogram, Registry } from 'prom-client';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { accessLogMiddleware } from './access-log';

/** A server answering `status` for every path, behind the two middlewares; `/users/:id` is a routed path. */
function serve(level: string, status = 200) {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  const logger = pino({ level }, sink);
  const registry = new Registry();
  const histogram = new Histogram({ name: 'http_seconds', help: 'h', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const log = accessLogMiddleware(logger);
  const metrics = httpMetricsMiddleware(histogram);
  const server = createServer((req: IncomingMessage & { route?: { path: string } }, res: ServerResponse) => {
    metrics(req, res, () => log(req, res, () => {
      if (req.url?.startsWith('/users/')) req.route = { path: '/users/:id' };
      res.statusCode = status;
      res.end('{}');
    }));
  });
  return { server, lines, registry };
}

describe('access log and HTTP metrics middlewares', () => {
  it('log one line per request with its id, method, path, status and time, and never a header', async () => {
    const { server, lines } = serve('info');
    await request(server).get('/users/42').set('authorization', 'Bearer clk_secret');
    await request(server).get('/users/43');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'GET', url: '/users/42' }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
    expect(lines[1].req.id).toBe(lines[0].req.id + 1);
    expect(JSON.stringify(lines)).not.toContain('clk_secret');
  });

  it('do not log /health', async () => {
    const { server, lines } = serve('info');
    await request(server).get('/health');
    expect(lines).toHaveLength(0);
  });

  it('log server errors at error level even when info is off', async () => {
    const { server, lines } = serve('warn', 503);
    await request(server).get('/users/1');
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'request errored', res: { statusCode: 503 } })]);
  });

  it('time requests by route pattern and by the status actually sent', async () => {
    const { server, registry } = serve('silent', 404);
    await request(server).get('/users/1');
    await request(server).get('/users/2');
    await request(server).get('/nowhere');
    const text = await registry.metrics();
    expect(text).toContain('http_seconds_count{method="GET",route="/users/:id",status="404"} 2');
    expect(text).toContain('http_seconds_count{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain('/users/1');
  });
});
