import type { IncomingMessage, ServerResponse } from 'node:http';
import { Histogram } from 'prom-client';

type Observe = (seconds: number) => void;

/**
 * Times every request from arrival to the last byte, labelled by method, route pattern (never
 * the raw path, which holds ids) and the status actually sent. A plain middleware rather than
 * a Nest interceptor: an interceptor wraps every call in RxJS and AsyncResource bindings, which
 * cost more than the rest of a cheap read. One histogram child per label set, bound once.
 */
export function httpMetricsMiddleware(histogram: Histogram<'method' | 'route' | 'status'>) {
  const children = new Map<string, Observe>();
  const child = (method: string, route: string, status: number): Observe => {
    const key = `${method} ${status} ${route}`;
    let observe = children.get(key);
    if (!observe) {
      const bound = histogram.labels(method, route, String(status));
      observe = (seconds) => bound.observe(seconds);
      children.set(key, observe);
    }
    return observe;
  };
  return (req: IncomingMessage & { route?: { path?: string } }, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      child(req.method ?? 'GET', req.route?.path ?? 'unmatched', res.statusCode)(Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
