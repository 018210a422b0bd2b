import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIdFor } from '@app/contracts';
import {
  decodeEntryBundle, leafHash, openCheckpoint, parseVerifierKey, rootOfLeafHashes, tileHashReader, tilePath, tilesForSize, treeRoot, verifyConsistency,
  verifyInclusion,
} from '@app/ledger-crypto';
import { AppProcess, eventually, issueItem, sampleAchievement } from '@app/testing';

/**
 * Step 9 item 3: the verifiable log over HTTP, checked only with the public tlog primitives, as
 * an outside client would: the checkpoint opens with the served key, tiles rebuild its root,
 * inclusion and consistency proofs verify, and verification answers carry a proof.
 */
describe('the verifiable log over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let origin: string;
  const providerId = 'tlog-uni';

  type Answer = { status: number; body: any };
  const ok = (res: Answer, status = 200) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const bytes = async (path: string, key?: string) => {
    const res = await fetch(`${app.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  };
  const text = async (path: string) => {
    const res = await bytes(path);
    expect(res.type).toBe('text/plain; charset=utf-8');
    return res.body.toString('utf8');
  };
  const sign = async () => ok(await app.api('POST', '/v1/ledger/checkpoints', { key: admin }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-tlog-'));
    origin = 'ledger.test/e2e';
    app = await AppProcess.start({ dataDir: dir, env: { BUS: 'memory', LEDGER_ORIGIN: origin, LEDGER_CHECKPOINT_INTERVAL_MS: '3600000' } });
    admin = app.adminKey();
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: 'Tlog University', jurisdiction: 'NZ', kind: 'university' } }), 201);
    const key = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'provider', scope: { providerId } } }), 201).apiKey;
    const { achievementId } = ok(await app.api('POST', `/v1/providers/${providerId}/achievements`, { key, body: sampleAchievement }), 201);
    const items = Array.from({ length: 300 }, (_, i) => issueItem(`tlog-${i}`, `TLOG-${i}`, achievementId, `holder-${i}`));
    ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items } }), 207);
    // Let identity resolution and the projections settle before timing anything.
    const lastId = credentialIdFor(providerId, 'TLOG-299');
    // A keep-alive connection the busy server dropped may fail one poll: poll again.
    await eventually(async () => (await app.api('GET', `/v1/credentials/${lastId}/verification`, { key: admin }).catch(() => ({ body: {} }))).body.status === 'issued', 30_000, 'records caught up');
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('before any checkpoint is signed', () => {
    it('answers 404 for the checkpoint and for tiles', async () => {
      expect((await app.api('GET', '/v1/ledger/checkpoint')).status).toBe(404);
      expect((await bytes('/v1/ledger/tile/0/000')).status).toBe(404);
    });
  });

  describe('once a checkpoint is signed on request', () => {
    let verifier: ReturnType<typeof parseVerifierKey>;
    let first: { size: number; root: Buffer; note: string };

    beforeAll(async () => {
      const signed = await sign();
      verifier = parseVerifierKey((await text('/v1/ledger/key')).trim());
      const note = await eventuallyText('/v1/ledger/checkpoint');
      const { checkpoint } = openCheckpoint(note, [verifier], origin);
      first = { size: checkpoint.size, root: checkpoint.root, note };
      expect(signed).toMatchObject({ origin, treeSize: checkpoint.size, rootHash: checkpoint.root.toString('base64'), note });
    }, 30_000);

    const eventuallyText = async (path: string) => {
      await eventually(async () => (await bytes(path)).status === 200, 10_000, path);
      return text(path);
    };

    it('serves a checkpoint that opens with the served key, without any API key', () => {
      expect(first.size).toBeGreaterThan(300);
      expect(verifier.name).toBe(origin);
    });

    it('serves hash tiles that rebuild the root, as a tlog-tiles client does', async () => {
      const reader = tileHashReader(first.size, async (tile) => {
        const res = await bytes(`/v1/ledger/${tilePath(tile)}`);
        if (res.status !== 200) throw new Error(`${tilePath(tile)}: ${res.status}`);
        expect(res.type).toBe('application/octet-stream');
        return res.body;
      });
      expect((await treeRoot(reader, first.size)).equals(first.root)).toBe(true);
      // Level-0 tiles concatenated are the leaf hashes.
      const leaves = (await Promise.all(tilesForSize(first.size).filter((t) => t.level === 0).map(async (t) => (await bytes(`/v1/ledger/${tilePath(t)}`)).body)));
      const hashes = Buffer.concat(leaves);
      expect(rootOfLeafHashes(Array.from({ length: first.size }, (_, i) => hashes.subarray(32 * i, 32 * i + 32))).equals(first.root)).toBe(true);
    });

    it('refuses a tile beyond the checkpoint, and entry bundles without an admin or regulator key', async () => {
      expect((await bytes(`/v1/ledger/tile/0/${String(Math.floor(first.size / 256) + 1).padStart(3, '0')}`)).status).toBe(404);
      expect((await bytes('/v1/ledger/tile/entries/000')).status).toBe(401);
      const partner = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'regulator', scope: { jurisdictions: ['NZ'] } } }), 201).apiKey;
      expect((await bytes('/v1/ledger/tile/entries/000', partner)).status).toBe(403);
    });

    it('serves entry bundles whose leaf inputs hash to the tiles', async () => {
      const bundle = await bytes('/v1/ledger/tile/entries/000', admin);
      expect(bundle.status).toBe(200);
      const entries = decodeEntryBundle(bundle.body);
      expect(entries).toHaveLength(256);
      const tile = (await bytes('/v1/ledger/tile/0/000')).body;
      entries.forEach((entry, i) => expect(leafHash(entry).equals(tile.subarray(32 * i, 32 * i + 32))).toBe(true));
      expect(JSON.parse(entries[0].toString('utf8'))).toMatchObject({ revision: 0, type: expect.any(String), metadata: expect.any(Object) });
    });

    it('serves inclusion proofs of several leaves that verify against the checkpoint', async () => {
      const tile = (await bytes('/v1/ledger/tile/0/000')).body;
      for (const index of [0, 1, 77, 255, first.size - 1]) {
        const proof = ok(await app.api('GET', `/v1/ledger/proofs/inclusion?index=${index}&treeSize=${first.size}`));
        expect(proof).toMatchObject({ leafIndex: index, treeSize: first.size, checkpoint: first.note });
        const leaf = Buffer.from(proof.leafHash, 'base64');
        if (index < 256) expect(leaf.equals(tile.subarray(32 * index, 32 * index + 32))).toBe(true);
        expect(verifyInclusion(index, first.size, leaf, proof.hashes.map((h: string) => Buffer.from(h, 'base64')), first.root)).toEqual({ ok: true });
      }
    });

    it('proves a later checkpoint consistent with the first', async () => {
      await app.api('POST', `/v1/providers/${providerId}/events`, { key: admin, body: { items: [{ sourceEventId: 'tlog-revoke', type: 'CredentialRevoked', data: { credentialRef: 'TLOG-5', reason: 'error' } }] } });
      const later = await sign();
      expect(later.treeSize).toBeGreaterThan(first.size);
      // Served as soon as the request answered.
      expect((await app.api('GET', '/v1/ledger/checkpoint')).body).toBe(later.note);
      const { checkpoint } = openCheckpoint(later.note, [verifier], origin);
      const proof = ok(await app.api('GET', `/v1/ledger/proofs/consistency?from=${first.size}&to=${checkpoint.size}`));
      expect(verifyConsistency(first.size, checkpoint.size, proof.hashes.map((h: string) => Buffer.from(h, 'base64')), first.root, checkpoint.root)).toEqual({ ok: true });
      // Without `to`: against the latest.
      expect(ok(await app.api('GET', `/v1/ledger/proofs/consistency?from=${first.size}`)).to).toBe(checkpoint.size);
    });

    it('refuses proofs outside the tree, naming the field', async () => {
      const field = async (path: string) => {
        const res = await app.api('GET', path);
        expect(res.status).toBe(400);
        return res.body.errors.map((e: { field: string }) => e.field);
      };
      expect(await field(`/v1/ledger/proofs/inclusion?index=${first.size}&treeSize=${first.size}`)).toEqual(['index']);
      expect(await field('/v1/ledger/proofs/inclusion?index=1.5')).toEqual(['index']);
      expect(await field('/v1/ledger/proofs/inclusion?index=0&treeSize=7')).toEqual(['treeSize']);
      expect(await field(`/v1/ledger/proofs/consistency?from=${first.size + 1}&to=${first.size}`)).toEqual(['from']);
      expect(await field('/v1/ledger/proofs/consistency?from=0')).toEqual(['from']);
    });

    it("answers verification with the inclusion proof of the credential's latest event", async () => {
      const credentialId = credentialIdFor(providerId, 'TLOG-5');
      await eventually(async () => (await app.api('GET', `/v1/credentials/${credentialId}/verification`, { key: admin })).body.status === 'revoked', 10_000, 'revocation projected');
      const answer = ok(await app.api('GET', `/v1/credentials/${credentialId}/verification`, { key: admin }));
      const proof = answer.inclusionProof;
      const { checkpoint } = openCheckpoint(proof.checkpoint, [verifier], origin);
      expect(proof.treeSize).toBe(checkpoint.size);
      // The revocation is the credential's latest event: its leaf input names it.
      const bundle = decodeEntryBundle((await bytes(`/v1/ledger/tile/entries/${String(Math.floor(proof.leafIndex / 256)).padStart(3, '0')}${checkpoint.size % 256 && Math.floor(proof.leafIndex / 256) === Math.floor(checkpoint.size / 256) ? `.p/${checkpoint.size % 256}` : ''}`, admin)).body);
      const entry = bundle[proof.leafIndex % 256];
      expect(JSON.parse(entry.toString('utf8'))).toMatchObject({ streamId: `credential-${credentialId}`, type: 'CredentialRevoked' });
      expect(leafHash(entry).toString('base64')).toBe(proof.leafHash);
      expect(verifyInclusion(proof.leafIndex, proof.treeSize, leafHash(entry), proof.hashes.map((h: string) => Buffer.from(h, 'base64')), checkpoint.root)).toEqual({ ok: true });
    });
  });
});

/** Signing on a timer: a checkpoint appears unasked, and its own event never makes another one due. */
describe('the verifiable log signing on its own', () => {
  let dir: string;
  let app: AppProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-tlog-timer-'));
    app = await AppProcess.start({ dataDir: dir, env: { BUS: 'memory', LEDGER_CHECKPOINT_INTERVAL_MS: '300' } });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs within an interval of the log growing, then stays quiet while nothing else is appended', async () => {
    await eventually(async () => (await app.api('GET', '/v1/ledger/checkpoint')).status === 200, 10_000, 'a checkpoint signed on the timer');
    const key = parseVerifierKey((await (await fetch(`${app.url}/v1/ledger/key`)).text()).trim());
    const note = (await app.api('GET', '/v1/ledger/checkpoint')).body as string;
    const { checkpoint } = openCheckpoint(note, [key], key.name);
    expect(checkpoint.origin).toMatch(/^credential-ledger\.local\//);
    // Several intervals later: the checkpoint event itself made no new checkpoint due.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await app.api('GET', '/v1/ledger/checkpoint')).body).toBe(note);
    const proof = (await app.api('GET', '/v1/ledger/proofs/inclusion?index=0')).body;
    expect(proof.treeSize).toBe(checkpoint.size);
  });
});
