import { CredentialView } from '../../credentials/credential-view';
import { stackStatusOf } from './stack-credentials';

const row = (type: string, position: number) => ({ type, occurredAt: '2026-03-01T00:00:00.000Z', recordedAt: '2026-03-01T00:00:00.000Z', position });
const view = (status: CredentialView['status'], types: string[], validUntil?: string) => ({
  status, ...(validUntil ? { validUntil } : {}), history: ['CredentialIssued', ...types].map((t, i) => row(t, i + 1)),
});
const now = new Date('2026-06-01T00:00:00Z');

describe('stackStatusOf', () => {
  it('keeps issued, suspended and revoked as they are', () => {
    expect(stackStatusOf(view('issued', []), now)).toBe('issued');
    expect(stackStatusOf(view('suspended', ['CredentialSuspended']), now)).toBe('suspended');
    expect(stackStatusOf(view('revoked', ['CredentialSuspended', 'CredentialRevoked']), now)).toBe('revoked');
  });

  it('answers expired once past validUntil, before CredentialExpired is written', () => {
    expect(stackStatusOf(view('issued', [], '2026-05-01T00:00:00Z'), now)).toBe('expired');
    expect(stackStatusOf(view('expired', ['CredentialExpired'], '2026-05-01T00:00:00Z'), now)).toBe('expired');
  });

  it('keeps a suspension that was never lifted, even after the credential expired', () => {
    expect(stackStatusOf(view('suspended', ['CredentialSuspended'], '2026-05-01T00:00:00Z'), now)).toBe('suspended');
    expect(stackStatusOf(view('expired', ['CredentialSuspended', 'CredentialExpired'], '2026-05-01T00:00:00Z'), now)).toBe('suspended');
  });

  it('lets a reinstatement lift the suspension', () => {
    expect(stackStatusOf(view('issued', ['CredentialSuspended', 'CredentialReinstated']), now)).toBe('issued');
  });
});
