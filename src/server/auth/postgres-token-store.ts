/** API tokens in PostgreSQL, in the store's schema when it has one. */
import pg from 'pg';
import { tokenInfo, tokenTableSql, type NewToken, type TokenRow, type TokenStore } from './token-store.ts';

const COLUMNS = 'id, name, role, created_at, last_used_at';

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function openPostgresTokenStore(connectionString: string, schema: string | null): Promise<TokenStore> {
  const pool = new pg.Pool({ connectionString, max: 2, ...(schema && { options: `-c search_path=${schema}` }) });
  // an idle client losing its server must not crash the process; the next query reports it
  pool.on('error', () => {});
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await pool.query(tokenTableSql('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'));
  } catch (e) {
    await pool.end();
    throw e;
  }
  const rows = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as TokenRow[];
  return {
    insert: async (t: NewToken, options = {}) => {
      const params = [t.name, t.role, t.hash, t.createdAt];
      if (!options.onlyIfEmpty) return tokenInfo((await rows(`INSERT INTO api_tokens (name, role, token_sha256, created_at) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, params))[0]!);
      // two servers starting at once must not both create a first admin token: the lock makes the check and the insert one step
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('LOCK TABLE api_tokens IN SHARE ROW EXCLUSIVE MODE');
        const inserted = (
          await client.query(
            `INSERT INTO api_tokens (name, role, token_sha256, created_at) SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM api_tokens) RETURNING ${COLUMNS}`,
            params,
          )
        ).rows as TokenRow[];
        await client.query('COMMIT');
        return inserted[0] ? tokenInfo(inserted[0]) : undefined;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    findByHash: async (hash) => {
      const row = (await rows(`SELECT ${COLUMNS} FROM api_tokens WHERE token_sha256 = $1`, [hash]))[0];
      return row ? tokenInfo(row) : undefined;
    },
    list: async () => (await rows(`SELECT ${COLUMNS} FROM api_tokens ORDER BY id`, [])).map(tokenInfo),
    count: async (filter = {}) => {
      const result = filter.role
        ? await pool.query('SELECT count(*)::int AS n FROM api_tokens WHERE role = $1', [filter.role])
        : await pool.query('SELECT count(*)::int AS n FROM api_tokens');
      return (result.rows[0] as { n: number }).n;
    },
    delete: async (id) => ((await pool.query('DELETE FROM api_tokens WHERE id = $1', [id])).rowCount ?? 0) > 0,
    touch: async (id, at) => {
      await pool.query('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
    },
    close: () => pool.end(),
  };
}
