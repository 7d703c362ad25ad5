/** A numbered schema change; applied once, in order, inside one transaction with the others pending. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** The rollups must be recomputed from the rows already there (they were added or their meaning changed). */
  rebuildRollups?: boolean;
}

/** Throws if the list is not 1, 2, 3 … in order: a gap or a duplicate would silently skip a change. */
export function checkMigrations(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order: position ${i + 1} holds version ${m.version}`);
  });
}
