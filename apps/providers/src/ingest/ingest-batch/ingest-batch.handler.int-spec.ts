import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Principal } from '@app/auth';
import { EvidenceCipher, EvidenceStore, KeyVault, openEvidenceStore, openKeyVault, PersonalDataCipher } from '@app/personal-data';
import { EvidenceRecorder } from '../../evidence/evidence-recorder';
import { credentialIdFor, EventTypes, RequestContext, Streams } from '@app/contracts';
import { openEventStore } from '@app/event-store';
import { LedgerEnv, LedgerMetrics, loadEnv } from '@app/platform';
import { handlerSpec } from '@app/testing';
import { HolderDigests } from '../holder-digests';
import { IngestService } from '../ingest.service';
import { IngestBatchCommand } from './ingest-batch.command';
import { IngestBatchHandler } from './ingest-batch.handler';

const providerId = 'uni-batch';
const achievementId = '3b1c6f5e-8a54-4c1b-9d1e-2b7f0a3c4d5e';
const registered = { type: EventTypes.ProviderRegistered, data: { providerId, name: 'Batch', jurisdiction: 'NZ', kind: 'university' } };
const defined = { type: EventTypes.AchievementDefined, data: { achievementId, providerId, title: 'Batch' } };
const jwk = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
const keyAdded = { type: EventTypes.ProviderSigningKeyAdded, data: { providerId, keyId: 'key-1', publicKeyJwk: jwk } };
const signaturesRequired = { type: EventTypes.ProviderSigningPolicySet, data: { providerId, requireSignedBatches: true } };

const own: Principal = { keyId: 'k-own', role: 'provider', scope: { providerId } };
const elsewhere: Principal = { keyId: 'k-else', role: 'provider', scope: { providerId: 'uni-elsewhere' } };
const ctx: RequestContext = { actor: { role: 'provider', id: 'k-own' }, channel: 'http', correlationId: 'c', now: '2026-11-01T00:00:00.000Z' };
const issue = (sourceEventId: string, credentialRef: string) => ({
  sourceEventId, type: 'CredentialIssued',
  data: { credentialRef, achievementId, holder: { identifiers: [{ scheme: 'NZ-NSN', value: '123456789' }] }, issuedAt: '2026-03-01T00:00:00Z' },
});
const revoke = (sourceEventId: string, credentialRef: string) => ({ sourceEventId, type: 'CredentialRevoked', data: { credentialRef, reason: 'issued in error' } });

describe('IngestBatchHandler', () => {
  let dir: string;
  let env: LedgerEnv;
  let vault: KeyVault;
  let evidence: EvidenceStore;
  const metrics = new LedgerMetrics('ingest-batch-spec');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-ingest-batch-'));
    env = loadEnv({ DATA_DIR: dir, LEDGER_PEPPER: 'ef'.repeat(32) });
    vault = await openKeyVault(env.vault, dir);
    evidence = await openEvidenceStore(`sqlite:${join(dir, 'evidence.db')}`);
  });

  afterAll(async () => {
    await vault?.close();
    await evidence?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const spec = handlerSpec(
    () => openEventStore('sqlite::memory:'),
    (store) => new IngestBatchHandler(store, new IngestService(store, new HolderDigests(env), new PersonalDataCipher(vault), metrics), new EvidenceRecorder(evidence, new EvidenceCipher(vault))),
  );
  const batch = (items: unknown[], principal = own, signature: IngestBatchCommand['signature'] = {}) => new IngestBatchCommand(providerId, items, principal, ctx, signature);

  describe('when the provider and achievement are known', () => {
    it('accepts every item and appends its events on the credential stream', async () => {
      const run = await spec.given({ [Streams.provider(providerId)]: [registered], [Streams.achievement(achievementId)]: [defined] }).when(batch([issue('b-1', 'B-1'), revoke('b-2', 'B-1')]));
      expect(run.result?.summary).toEqual({ accepted: 2, duplicate: 0, rejected: 0 });
      const stream = Streams.credential(credentialIdFor(providerId, 'B-1'));
      expect(run.appended.map((e) => [e.streamId, e.type])).toEqual([[stream, EventTypes.CredentialIssued], [stream, EventTypes.CredentialRevoked]]);
    });
  });

  describe('when the key belongs to another provider', () => {
    it('refuses the batch and appends nothing', async () => {
      const run = await spec.given({ [Streams.provider(providerId)]: [registered] }).when(batch([issue('b-1', 'B-1')], elsewhere));
      expect(run.error).toMatchObject({ code: 'AUTH.FORBIDDEN' });
      expect(run.appended).toEqual([]);
    });
  });

  describe('when the provider is not registered', () => {
    it('refuses the batch as not found', async () => {
      const run = await spec.given({}).when(batch([issue('b-1', 'B-1')]));
      expect(run.error).toMatchObject({ code: 'PROVIDER.NOT_FOUND' });
      expect(run.appended).toEqual([]);
    });
  });

  describe('when the provider requires signed batches', () => {
    const given = { [Streams.provider(providerId)]: [registered, keyAdded, signaturesRequired], [Streams.achievement(achievementId)]: [defined] };

    it('refuses an unsigned batch as a whole', async () => {
      const run = await spec.given(given).when(batch([issue('b-1', 'B-1')]));
      expect(run.error).toMatchObject({ code: 'SIGNATURE.REQUIRED' });
      expect(run.appended).toEqual([]);
    });

    it('rejects only the item whose own signature fails when each item is signed on its own', async () => {
      const run = await spec.given(given).when(batch([issue('b-1', 'B-1'), issue('b-2', 'B-2')], own, [{ keyId: 'key-1' }, {}]));
      expect(run.result?.results.map((r) => [r.index, r.outcome, r.outcome === 'rejected' ? r.errors[0].code : undefined])).toEqual([
        [0, 'rejected', 'SIGNATURE.INCOMPLETE'],
        [1, 'rejected', 'SIGNATURE.REQUIRED'],
      ]);
      expect(run.appended).toEqual([]);
    });
  });

  describe('when an item names an achievement of no one', () => {
    it('rejects that item and keeps its neighbour', async () => {
      const other = { ...issue('b-2', 'B-2'), data: { ...issue('b-2', 'B-2').data, achievementId: '00000000-0000-4000-8000-000000000000' } };
      const run = await spec.given({ [Streams.provider(providerId)]: [registered], [Streams.achievement(achievementId)]: [defined] }).when(batch([issue('b-1', 'B-1'), other]));
      expect(run.result?.results.map((r) => r.outcome)).toEqual(['accepted', 'rejected']);
      expect(run.appended).toHaveLength(1);
    });
  });
});
