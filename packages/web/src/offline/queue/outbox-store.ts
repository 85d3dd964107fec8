/**
 * Where outbox records wait. Two implementations share this interface: IndexedDB in the browser
 * (outbox-idb.ts) and memory (below), which the property test drives with crashes at every step.
 * Every method is one atomic step: a crash between two calls loses nothing that was acknowledged.
 */

/** Whose records these are: a learner of one tenant. Records are only ever sent with their credentials. */
export interface OutboxOwner {
  readonly slug: string;
  readonly userId: string;
}

export const ownerKey = (owner: OutboxOwner): string => `${owner.slug} ${owner.userId}`;

export function ownerOf(key: string): OutboxOwner {
  const space = key.indexOf(' ');
  return { slug: key.slice(0, space), userId: key.slice(space + 1) };
}

export type OutboxState = 'pending' | 'dead';

export interface OutboxRecord {
  /** Assigned by the store, increasing: the order records are sent in, per owner. */
  readonly seq: number;
  /** ownerKey() of the learner who was signed in when the record was made. */
  readonly owner: string;
  readonly kind: string;
  /** Idempotency key (statement id, attempt id): the same key is never queued twice. */
  readonly key: string;
  readonly payload: unknown;
  readonly queuedAt: string;
  readonly state: OutboxState;
  /** How many times the server was asked and did not take it. */
  readonly tries: number;
  /** Why it is waiting or was set aside (an error code), for the list the learner sees. */
  readonly error: string | null;
}

export type NewOutboxRecord = Omit<OutboxRecord, 'seq' | 'state' | 'tries' | 'error'>;

export interface OutboxStore {
  /** Adds a record; false (and nothing changes) when one with this owner, kind and key waits already. */
  add(record: NewOutboxRecord): Promise<boolean>;
  /** Pending records of one owner, oldest first. */
  pending(owner: string, limit: number): Promise<OutboxRecord[]>;
  /** Owners that have pending records. */
  owners(): Promise<string[]>;
  /** Every record (pending and dead), oldest first, optionally of one owner: for the list page. */
  all(owner?: string): Promise<OutboxRecord[]>;
  remove(seqs: readonly number[]): Promise<void>;
  /** Changes state, tries or error of a record that is still there (a removed one stays removed). */
  update(seq: number, change: Partial<Pick<OutboxRecord, 'state' | 'tries' | 'error'>>): Promise<void>;
}

/** A store in memory, with the same semantics as the IndexedDB one. */
export function memoryOutboxStore(): OutboxStore {
  let next = 1;
  const records = new Map<number, OutboxRecord>();
  const sorted = () => [...records.values()].sort((a, b) => a.seq - b.seq);
  return {
    add(record) {
      for (const r of records.values()) {
        if (r.owner === record.owner && r.kind === record.kind && r.key === record.key) {
          return Promise.resolve(false);
        }
      }
      const seq = next++;
      records.set(seq, { ...record, seq, state: 'pending', tries: 0, error: null });
      return Promise.resolve(true);
    },
    pending(owner, limit) {
      return Promise.resolve(
        sorted()
          .filter((r) => r.owner === owner && r.state === 'pending')
          .slice(0, limit),
      );
    },
    owners() {
      const found = new Set<string>();
      for (const r of sorted()) if (r.state === 'pending') found.add(r.owner);
      return Promise.resolve([...found]);
    },
    all(owner) {
      return Promise.resolve(sorted().filter((r) => owner === undefined || r.owner === owner));
    },
    remove(seqs) {
      for (const seq of seqs) records.delete(seq);
      return Promise.resolve();
    },
    update(seq, change) {
      const found = records.get(seq);
      if (found) records.set(seq, { ...found, ...change });
      return Promise.resolve();
    },
  };
}
