/**
 * Remembers recent page bodies by record ID and payload digest so a later
 * `revisit` record (same content, captured again) can be given its body,
 * within a byte budget: least recently used pages go first.
 */
export interface CachedPage {
  body: Uint8Array;
  contentType?: string;
  status: number;
}

interface Slot {
  page: CachedPage;
  keys: string[];
}

export class RevisitCache {
  /** Map order is insertion order; re-inserting a key marks it recently used. */
  private readonly slots = new Map<string, Slot>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  add(keys: (string | undefined)[], page: CachedPage): void {
    const present = keys.filter((k): k is string => !!k);
    if (present.length === 0 || page.body.length > this.budget) return;
    for (const key of present) {
      const old = this.slots.get(key);
      if (old) this.forget(old);
    }
    const slot: Slot = { page, keys: present };
    for (const key of present) this.slots.set(key, slot);
    this.bytes += page.body.length;
    while (this.bytes > this.budget) {
      const oldest = this.slots.values().next().value;
      if (!oldest) break;
      this.forget(oldest);
    }
  }

  get(keys: (string | undefined)[]): CachedPage | undefined {
    for (const key of keys) {
      const slot = key ? this.slots.get(key) : undefined;
      if (!slot) continue;
      for (const k of slot.keys) {
        this.slots.delete(k);
        this.slots.set(k, slot);
      }
      return slot.page;
    }
    return undefined;
  }

  private forget(slot: Slot): void {
    for (const key of slot.keys) if (this.slots.get(key) === slot) this.slots.delete(key);
    this.bytes -= slot.page.body.length;
  }
}
