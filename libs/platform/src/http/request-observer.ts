import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { Histogram } from 'prom-client';
import { routeTimer } from '../metrics/http-metrics.middleware';
import { accessLineWriter, requestIds } from './access-log';

/**
 * The HTTP metrics and the access log in one middleware with one 'finish' listener: every
 * request is timed from arrival to its last byte under its method, route pattern and the status
 * sent (see httpMetricsMiddleware), and every request but /health gets its access log line
 * (see accessLogMiddleware), from the same clock reading. One router layer and one listener
 * instead of two of each.
 */
export function observeRequests(histogram: Histogram<'method' | 'route' | 'status'>, logger: Logger) {
  const time = routeTimer(histogram);
  const write = accessLineWriter(logger);
  const nextId = requestIds();
  return (req: IncomingMessage & { route?: { path?: string } }, res: ServerResponse, next: () => void): void => {
    const id = nextId();
    // Where pino-http kept it: anything reading req.id (an error log) still finds the request's id.
    (req as { id?: unknown }).id = id;
    const started = performance.now();
    const logged = req.url !== '/health';
    // Read now: once the response is sent the socket may already be detached from the request.
    const remoteAddress = logged ? req.socket.remoteAddress : undefined;
    res.once('finish', () => {
      const ms = performance.now() - started;
      const status = res.statusCode;
      time(req.method ?? 'GET', req.route?.path ?? 'unmatched', status, ms / 1000);
      if (logged) write({ id, method: req.method, url: req.url, remoteAddress, status, responseTime: Math.round(ms) });
    });
    next();
  };
}
