/** Read model of one credential as the records side shows it. */
export interface CredentialView {
  credentialId: string;
  credentialRef: string;
  providerId: string;
  achievementId: string;
  status: 'issued' | 'suspended' | 'expired' | 'revoked';
  issuedAt: string;
  validUntil?: string;
  grade?: string;
  statusChangedAt: string;
  statusReason?: string;
  recordedAt: string;
  history: { type: string; occurredAt: string; recordedAt: string; position: number; reason?: string }[];
}

export interface ProviderView {
  providerId: string;
  name: string;
  jurisdiction: string;
  kind: string;
}

export interface AchievementView {
  achievementId: string;
  providerId: string;
  title: string;
  level?: { framework: string; value: number };
  workload: { hours: number; credits?: { system: string; value: number } };
  language: string;
  participation: string;
  retired: boolean;
}

export const Collections = {
  credentials: 'credentials',
  providers: 'providers',
  achievements: 'achievements',
} as const;
