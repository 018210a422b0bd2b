import { AchievementSpec, CredentialChangeEvent, CredentialEvent, EventTypes, RecordedEvent } from '@app/contracts';
import { applyThroughCache, Projection, ReadTx } from '@app/read-store';
import { AchievementView, Collections, CredentialView, ProviderView } from './credential-view';

const STATUS_AFTER: Record<Exclude<CredentialChangeEvent['type'], 'CredentialAmended'>, CredentialView['status']> = {
  [EventTypes.CredentialExpired]: 'expired',
  [EventTypes.CredentialSuspended]: 'suspended',
  [EventTypes.CredentialReinstated]: 'issued',
  [EventTypes.CredentialRevoked]: 'revoked',
};

/** Credentials with their providers and achievements, as verification reads them. */
export class CredentialsProjection implements Projection {
  readonly name = 'records.credentials';
  readonly collections = Object.values(Collections);

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case EventTypes.ProviderRegistered: {
        const p = event.data;
        return tx.put<ProviderView>(Collections.providers, p.providerId, { providerId: p.providerId, name: p.name, jurisdiction: p.jurisdiction, kind: p.kind });
      }
      case EventTypes.AchievementDefined: {
        const a = event.data;
        return tx.put<AchievementView>(Collections.achievements, a.achievementId, achievementView(a.achievementId, a.providerId, a, false));
      }
      case EventTypes.AchievementRevised: {
        const a = event.data;
        const before = await tx.get<AchievementView>(Collections.achievements, a.achievementId);
        return tx.put<AchievementView>(Collections.achievements, a.achievementId, achievementView(a.achievementId, a.providerId, a.spec, before?.retired ?? false));
      }
      case EventTypes.AchievementRetired: {
        const { achievementId } = event.data;
        const before = await tx.get<AchievementView>(Collections.achievements, achievementId);
        if (before) await tx.put<AchievementView>(Collections.achievements, achievementId, { ...before, retired: true });
        return;
      }
      case EventTypes.CredentialIssued: {
        const c = event.data;
        return tx.put<CredentialView>(Collections.credentials, c.credentialId, {
          credentialId: c.credentialId, credentialRef: c.credentialRef, providerId: c.providerId, achievementId: c.achievementId,
          status: 'issued', issuedAt: c.issuedAt, ...(c.validUntil ? { validUntil: c.validUntil } : {}), ...(c.grade ? { grade: c.grade } : {}),
          statusChangedAt: event.metadata.occurredAt, recordedAt: event.metadata.recordedAt, history: [entry(event)],
        });
      }
      case EventTypes.CredentialAmended: {
        const { credentialId, changes } = event.data;
        const view = await tx.get<CredentialView>(Collections.credentials, credentialId);
        if (!view) return;
        Object.assign(view, changes);
        view.history.push(entry(event));
        return tx.put(Collections.credentials, credentialId, view);
      }
      case EventTypes.CredentialExpired:
      case EventTypes.CredentialSuspended:
      case EventTypes.CredentialReinstated:
      case EventTypes.CredentialRevoked: {
        const { credentialId } = event.data;
        const reason = reasonOf(event);
        const view = await tx.get<CredentialView>(Collections.credentials, credentialId);
        if (!view) return;
        view.status = STATUS_AFTER[event.type];
        view.statusChangedAt = event.metadata.occurredAt;
        if (reason === undefined) delete view.statusReason;
        else view.statusReason = reason;
        view.history.push(entry(event));
        return tx.put(Collections.credentials, credentialId, view);
      }
    }
  }

  /** A credential's issue and later changes in one batch: one write of its view. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }
}

function achievementView(achievementId: string, providerId: string, a: AchievementSpec, retired: boolean): AchievementView {
  return {
    achievementId, providerId, title: a.title, ...(a.level ? { level: a.level } : {}),
    workload: { hours: a.workload.hours, ...(a.workload.credits ? { credits: a.workload.credits } : {}) },
    language: a.language, participation: a.participation, retired,
  };
}

/** Why the credential changed, for the events that say (an expiry has no reason). */
function reasonOf(event: RecordedEvent<CredentialChangeEvent>): string | undefined {
  return event.type === EventTypes.CredentialExpired ? undefined : event.data.reason;
}

function entry(event: RecordedEvent<CredentialEvent>): CredentialView['history'][number] {
  const reason = event.type === EventTypes.CredentialIssued ? undefined : reasonOf(event);
  return { type: event.type, occurredAt: event.metadata.occurredAt, recordedAt: event.metadata.recordedAt, position: event.position, ...(reason ? { reason } : {}) };
}
