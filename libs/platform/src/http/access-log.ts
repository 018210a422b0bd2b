import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { Logger } from 'pino';

/** Injection token of the process's pino logger. */
export const LEDGER_LOGGER = Symbol('LEDGER_LOGGER');

/** The process's one pino logger: app logs (through Nest's Logger) and the access log. */
export function createLedgerLogger(level: string, service: string): Logger {
  return pino(
    {
      level,
      base: { service },
      // The access log below never writes headers; anything else that logs a request must not leak its key either.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    // Asynchronous: a line is handed to the kernel after the response, with the lines of other
    // requests that finished meanwhile, instead of one blocking write per request. Buffered lines
    // are flushed when the process exits; only a SIGKILL can lose the last few.
    pino.destination({ dest: 1, sync: false }),
  );
}

/** The same logger without redaction: same stream, level and bindings (the service name). */
function unredacted(logger: Logger): Logger {
  const stream = (logger as unknown as Record<symbol, pino.DestinationStream | undefined>)[pino.symbols.streamSym];
  if (!stream) return logger;
  return pino({ level: logger.level, base: logger.bindings() }, stream);
}

/**
 * One line per request once its response is sent: request id, method, path, client address,
 * status and milliseconds. A plain middleware in place of pino-http: no header serialisation or
 * redaction on the hot path, and no AsyncLocalStorage scope per request (which would turn on
 * promise hooks for every promise the process makes). /health is not logged (probes would
 * drown the log). 5xx answers are logged at error level.
 *
 * The lines are written by a twin of `logger` without its redaction (same destination, level
 * and base fields): a line holds no header to redact, and pino would otherwise copy the `req`
 * part of every line to look for one.
 */
export function accessLogMiddleware(appLogger: Logger) {
  const logger = unredacted(appLogger);
  const maxId = 2 ** 31 - 1;
  let lastId = 0;
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    lastId = lastId === maxId ? 1 : lastId + 1;
    const id = lastId;
    // Where pino-http kept it: anything reading req.id (an error log) still finds the request's id.
    (req as { id?: unknown }).id = id;
    if (req.url === '/health' || !logger.isLevelEnabled('error')) return next();
    const started = performance.now();
    // Read now: once the response is sent the socket may already be detached from the request.
    const remoteAddress = req.socket.remoteAddress;
    res.once('finish', () => {
      const status = res.statusCode;
      if (status < 500 && !logger.isLevelEnabled('info')) return;
      const line = {
        req: { id, method: req.method, url: req.url, remoteAddress },
        res: { statusCode: status },
        responseTime: Math.round(performance.now() - started),
      };
      if (status >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
