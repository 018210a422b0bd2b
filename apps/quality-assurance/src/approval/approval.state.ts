import { decisionJurisdiction, EventTypes, LedgerEvent, PolicyRef } from '@app/contracts';

export interface JurisdictionApproval {
  status: 'approved' | 'declined' | 'withdrawn';
  qaBodyId: string;
  policy: PolicyRef;
  /** The achievement revision the decision judged; undefined for decisions recorded before revisions were named. */
  revision?: number;
}

/** The approval stream of one achievement: at most one live decision per jurisdiction. */
export interface ApprovalState {
  byJurisdiction: Record<string, JurisdictionApproval>;
}

export const initialApprovalState: ApprovalState = { byJurisdiction: {} };

export function evolveApproval(state: ApprovalState, event: LedgerEvent): ApprovalState {
  switch (event.type) {
    case EventTypes.AchievementApproved:
    case EventTypes.AchievementApprovalDeclined: {
      const d = event.data;
      const status = event.type === EventTypes.AchievementApproved ? 'approved' : 'declined';
      return { byJurisdiction: { ...state.byJurisdiction, [decisionJurisdiction(d)]: { status, qaBodyId: d.qaBodyId, policy: d.policy, ...(d.revision !== undefined ? { revision: d.revision } : {}) } } };
    }
    case EventTypes.AchievementApprovalWithdrawn: {
      const d = event.data;
      const before = state.byJurisdiction[d.jurisdiction];
      return before ? { byJurisdiction: { ...state.byJurisdiction, [d.jurisdiction]: { ...before, status: 'withdrawn' } } } : state;
    }
    default:
      return state;
  }
}
