/** The token store beside a store: the same database URL, parsed the way `openStore` parses it. */
import { parseStoreUrl } from '../../store/open.ts';
import type { TokenStore } from './token-store.ts';

export async function openTokenStore(storeUrl: string | undefined): Promise<TokenStore> {
  const where = parseStoreUrl(storeUrl);
  if (where.kind === 'sqlite') {
    const { openSqliteTokenStore } = await import('./sqlite-token-store.ts');
    return openSqliteTokenStore(where.path);
  }
  const { openPostgresTokenStore } = await import('./postgres-token-store.ts');
  return openPostgresTokenStore(where.connectionString, where.schema);
}
