import type { Database } from '#src/db/engine.ts';
import type { Principal } from '#src/web/principal.ts';

export async function principalForApiKey(_db: Database, _key: string): Promise<Principal | null> {
  return null;
}
