/** The one policy engine now lives in @app/contracts (records judges credentials with it too). */
export { evaluatePolicy, evaluateRuleSets } from '@app/contracts';
export type { PolicyEvaluation, PolicySubject, RuleFailure, RuleSetOutcome } from '@app/contracts';
