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

/** What one access log line says about a request. */
export interface AccessLine {
  id: number;
  method: string | undefined;
  url: string | undefined;
  remoteAddress: string | undefined;
  status: number;
  /** Milliseconds, rounded. */
  responseTime: number;
}

/** Writes access lines: 5xx at error level, the rest at info; false when that level is off. */
export type AccessLineWriter = (line: AccessLine) => boolean;

/**
 * The access log's writer for `logger`. Lines are what `logger.info(line, 'request completed')`
 * would write, byte for byte (level, time, the logger's bindings, req, res, responseTime, msg).
 * For a logger with pino's default time and message key they are put together here as one string
 * and handed to the logger's stream: no redaction pass (a line holds no header), no generic
 * serialiser walking the object. Any other logger gets the lines through its own methods.
 */
export function accessLineWriter(logger: Logger): AccessLineWriter {
  const fields = logger as unknown as Record<symbol, unknown>;
  const stream = fields[pino.symbols.streamSym] as pino.DestinationStream | undefined;
  const bindings = fields[pino.symbols.chindingsSym];
  const plain =
    stream !== undefined && typeof bindings === 'string' && fields[pino.symbols.timeSym] === pino.stdTimeFunctions.epochTime &&
    fields[pino.symbols.messageKeySym] === 'msg' && Object.keys(logger.levels.values).length === Object.keys(pino.levels.values).length;
  return (line) => {
    const error = line.status >= 500;
    if (!logger.isLevelEnabled(error ? 'error' : 'info')) return false;
    const req = { id: line.id, method: line.method, url: line.url, remoteAddress: line.remoteAddress };
    if (!plain) {
      const entry = { req, res: { statusCode: line.status }, responseTime: line.responseTime };
      if (error) logger.error(entry, 'request errored');
      else logger.info(entry, 'request completed');
      return true;
    }
    stream.write(
      `{"level":${error ? 50 : 30},"time":${Date.now()}${bindings},"req":${JSON.stringify(req)},"res":{"statusCode":${line.status}},` +
        `"responseTime":${line.responseTime},"msg":"${error ? 'request errored' : 'request completed'}"}\n`,
    );
    return true;
  };
}

/** Numbers access log lines 1, 2, ... and wraps before 2^31 - 1; the number is also left on req.id. */
export function requestIds(): () => number {
  const maxId = 2 ** 31 - 1;
  let lastId = 0;
  return () => (lastId = lastId === maxId ? 1 : lastId + 1);
}

/**
 * One line per request once its response is sent: request id, method, path, client address,
 * status and milliseconds. A plain middleware in place of pino-http: no header serialisation or
 * redaction on the hot path, and no AsyncLocalStorage scope per request (which would turn on
 * promise hooks for every promise the process makes). /health is not logged (probes would
 * drown the log). 5xx answers are logged at error level. The app itself uses observeRequests
 * (access log and metrics on one listener); this is the access log half alone.
 */
export function accessLogMiddleware(logger: Logger) {
  const nextId = requestIds();
  const write = accessLineWriter(logger);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const id = nextId();
    // Where pino-http kept it: anything reading req.id (an error log) still finds the request's id.
    (req as { id?: unknown }).id = id;
    if (req.url === '/health' || !logger.isLevelEnabled('error')) return next();
    const started = performance.now();
    // Read now: once the response is sent the socket may already be detached from the request.
    const remoteAddress = req.socket.remoteAddress;
    res.once('finish', () => {
      write({ id, method: req.method, url: req.url, remoteAddress, status: res.statusCode, responseTime: Math.round(performance.now() - started) });
    });
    next();
  };
}
