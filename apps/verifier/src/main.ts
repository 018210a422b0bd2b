import { runVerifier } from './cli';

/**
 * Offline verifier of the ledger's log (`npm run verify -- --help`): trusts nothing of the
 * ledger but its verifier key, and imports no app code, only @app/ledger-crypto.
 */
runVerifier(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
}).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
