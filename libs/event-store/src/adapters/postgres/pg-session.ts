import { Pool, PoolClient } from 'pg';

/**
 * Runs `work` on one pooled client between BEGIN and COMMIT, rolling back when it throws.
 * `begin` and `commit` may carry more statements (a lock, a NOTIFY) on the same round trip.
 * A client whose rollback failed is destroyed instead of returned: its session state is unknown.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN', commit: () => string = () => 'COMMIT'): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query(commit());
    return result;
  } catch (error) {
    broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))),
    );
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A double-quoted identifier; callers validate names first, quoting keeps case and reserved words safe. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
