import { IncomingMessage, Server, ServerResponse } from 'node:http';
import express, { Request, Response } from 'express';
import request from 'supertest';
import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { LeanExpressAdapter } from './lean-express-adapter';

/** One app per adapter, each answering GET /answer with `body` through the adapter's reply. */
function serve(Adapter: typeof ExpressAdapter, body: () => unknown, statusCode?: number, setUp?: (res: Response) => void, settings: Record<string, unknown> = {}): Server {
  const adapter = new Adapter(express());
  const app = adapter.getInstance<express.Express>();
  app.set('etag', false);
  for (const [name, value] of Object.entries(settings)) app.set(name, value);
  app.all('/answer', (req: Request, res: Response) => {
    setUp?.(res);
    void adapter.reply(res, body(), statusCode);
  });
  adapter.initHttpServer({});
  return adapter.getHttpServer() as Server;
}

async function both(body: () => unknown, statusCode?: number, method: 'get' | 'head' = 'get', setUp?: (res: Response) => void, settings?: Record<string, unknown>) {
  const [stock, lean] = await Promise.all(
    [ExpressAdapter, LeanExpressAdapter].map(async (Adapter) => {
      const res = await request(serve(Adapter, body, statusCode, setUp, settings))[method]('/answer');
      const { date: _date, ...headers } = res.headers;
      return { status: res.status, headers, text: res.text };
    }),
  );
  return { stock, lean };
}

describe('LeanExpressAdapter', () => {
  it.each([
    ['an object', () => ({ a: 1, b: 'é', c: [null, true], d: new Date(0) }), undefined],
    ['an array with a chosen status', () => [{ id: 'x' }], 201],
    ['an object on a status without a body', () => ({ a: 1 }), 204],
    ['a string', () => 'text', undefined],
    ['null', () => null, undefined],
    ['a file', () => new StreamableFile(Buffer.from('bytes')), undefined],
    ['an object whose toJSON gives nothing', () => ({ toJSON: () => undefined }), undefined],
  ])('answers %s exactly as the stock adapter does', async (_name, body, status) => {
    const { stock, lean } = await both(body, status);
    expect(lean).toEqual(stock);
  });

  it('leaves a content type the handler chose, and HEAD, to express', async () => {
    const typed = await both(() => ({ a: 1 }), undefined, 'get', (res) => res.type('application/problem+json'));
    expect(typed.lean).toEqual(typed.stock);
    expect(typed.lean.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const head = await both(() => ({ a: 1 }), undefined, 'head');
    expect(head.lean).toEqual(head.stock);
    expect(head.lean.headers['content-length']).toBe('7');
  });

  it("keeps express's JSON settings where an app sets them", async () => {
    const { stock, lean } = await both(() => ({ a: 1 }), undefined, 'get', undefined, { 'json spaces': 2 });
    expect(lean).toEqual(stock);
    expect(lean.text).toBe('{\n  "a": 1\n}');
  });

  it("makes requests and responses that already have express's prototypes and are still Node's", async () => {
    const adapter = new LeanExpressAdapter(express());
    const app = adapter.getInstance<express.Express>();
    const seen: { req: boolean; res: boolean; node: boolean; get?: string }[] = [];
    adapter.initHttpServer({});
    const server = adapter.getHttpServer() as Server;
    // Seen before express's own handler touches them: Node made them this way.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      seen.push({ req: Object.getPrototypeOf(req) === app.request, res: Object.getPrototypeOf(res) === app.response, node: req instanceof IncomingMessage && res instanceof ServerResponse });
    });
    app.get('/x', (req: Request, res: Response) => {
      seen[0].get = req.get('x-test');
      res.status(202).json({ ok: true });
    });
    const res = await request(server).get('/x').set('x-test', 'yes');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ok: true });
    expect(seen).toEqual([{ req: true, res: true, node: true, get: 'yes' }]);
  });
});
