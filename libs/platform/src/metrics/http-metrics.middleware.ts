import type { IncomingMessage, ServerResponse } from 'node:http';
import { Histogram } from 'prom-client';

type Observe = (seconds: number) => void;

/** Records one request's duration under its method, route pattern and status. */
export type RouteTimer = (method: string, route: string, status: number, seconds: number) => void;

/** One histogram child per label set, bound once and found again by a string key. */
export function routeTimer(histogram: Histogram<'method' | 'route' | 'status'>): RouteTimer {
  const children = new Map<string, Observe>();
  return (method, route, status, seconds) => {
    const key = `${method} ${status} ${route}`;
    let observe = children.get(key);
    if (!observe) {
      const bound = histogram.labels(method, route, String(status));
      observe = (s) => bound.observe(s);
      children.set(key, observe);
    }
    observe(seconds);
  };
}

/**
 * Times every request from arrival to the last byte, labelled by method, route pattern (never
 * the raw path, which holds ids) and the status actually sent. A plain middleware rather than
 * a Nest interceptor: an interceptor wraps every call in RxJS and AsyncResource bindings, which
 * cost more than the rest of a cheap read. The app itself uses observeRequests (metrics and
 * access log on one listener); this is the metrics half alone.
 */
export function httpMetricsMiddleware(histogram: Histogram<'method' | 'route' | 'status'>) {
  const time = routeTimer(histogram);
  return (req: IncomingMessage & { route?: { path?: string } }, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      time(req.method ?? 'GET', req.route?.path ?? 'unmatched', res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
