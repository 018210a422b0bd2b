/** Stops the engines the global setup started (not those given by the environment). */
export default async function teardown(): Promise<void> {
  const started = (globalThis as { __LEDGER_ENGINES__?: { stop(): Promise<void> }[] }).__LEDGER_ENGINES__ ?? [];
  for (const engine of started.reverse()) await engine.stop().catch((error) => console.warn(`[engines] stop failed: ${String(error)}`));
}
