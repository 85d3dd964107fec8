import { ownerKey, ownerOf, type OutboxOwner, type OutboxRecord, type OutboxStore } from './outbox-store.js';

/**
 * What a sender made of one batch. `sent`: the server holds every record (some may be listed in
 * `refused`, which the server answered for but would not take: they are set aside). `retry`: nothing
 * is known (network down, 5xx, an answer that is not what the API sends), so the batch goes again later.
 * `rejected`: the server refused the batch as bad (a 4xx): the engine halves the batch until the bad
 * record is alone, then sets it aside. `unauthorised`: no credential for this owner here and now.
 */
export type SendOutcome =
  | {
      readonly kind: 'sent';
      readonly refused?: ReadonlyMap<string, string>;
      readonly results?: ReadonlyMap<string, unknown>;
    }
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs?: number }
  | { readonly kind: 'rejected'; readonly error: string }
  | { readonly kind: 'unauthorised'; readonly error: string };

export interface OutboxSender {
  /** Most records one request carries. */
  readonly batchSize: number;
  /** Sends records of one kind and one owner, in order; resolves with the outcome, never rejects on purpose. */
  send(owner: OutboxOwner, records: readonly OutboxRecord[]): Promise<SendOutcome>;
}

export type OutboxEvent =
  | { readonly type: 'changed' }
  | { readonly type: 'sent'; readonly kind: string; readonly key: string; readonly result: unknown };

export interface OutboxEnv {
  readonly store: OutboxStore;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Runs the sync holding a lock other tabs and the service worker also take (Web Locks). */
  readonly exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Asks for a sync at a later time (a timer in the browser; tests call sync themselves). */
  readonly later?: (ms: number) => void;
}

/** Backoff for 5xx and garbage: full jitter on an exponential ceiling, from 1 s up to 5 min. */
export function backoffMs(failures: number, random: () => number): number {
  const ceiling = Math.min(300_000, 1000 * 2 ** Math.min(failures, 16));
  return Math.floor(random() * ceiling) + 250;
}

export interface SyncOptions {
  /** The network just came back or a learner signed in: waiting owners are tried at once. */
  readonly fresh?: boolean;
}

/**
 * The outbox: records wait in a store until their sender has delivered them, oldest first per owner.
 * A record leaves the store only after the server acknowledged it, so a crash at any point means at
 * worst sending it again, which the server ignores (every kind is idempotent by its key).
 */
export class Outbox {
  private readonly senders = new Map<string, OutboxSender>();
  private readonly failures = new Map<string, number>();
  private readonly waitUntil = new Map<string, number>();
  /** Per owner: the batch size while a refused batch is being halved to find the bad record. */
  private readonly narrowed = new Map<string, number>();
  private readonly listeners = new Set<(event: OutboxEvent) => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly env: OutboxEnv) {
    this.now = env.now ?? Date.now;
    this.random = env.random ?? Math.random;
  }

  get store(): OutboxStore {
    return this.env.store;
  }

  register(kind: string, sender: OutboxSender): void {
    this.senders.set(kind, sender);
  }

  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores a record; resolves once it is durably written. Queuing the same key again changes nothing. */
  async enqueue(owner: OutboxOwner, kind: string, key: string, payload: unknown): Promise<void> {
    await this.env.store.add({
      owner: ownerKey(owner),
      kind,
      key,
      payload,
      queuedAt: new Date(this.now()).toISOString(),
    });
    this.emit({ type: 'changed' });
  }

  /** Puts a set-aside record back in line (the learner asked to try it again). */
  async revive(seq: number): Promise<void> {
    await this.env.store.update(seq, { state: 'pending', error: null });
    this.emit({ type: 'changed' });
  }

  async discard(seq: number): Promise<void> {
    await this.env.store.remove([seq]);
    this.emit({ type: 'changed' });
  }

  /** Sends what can be sent now. Concurrent calls share one run (and ask for one more pass after it). */
  sync(options: SyncOptions = {}): Promise<void> {
    if (options.fresh) {
      this.waitUntil.clear();
      this.failures.clear();
    }
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async () => {
      do {
        this.again = false;
        await (this.env.exclusive ? this.env.exclusive(() => this.pass()) : this.pass());
      } while (this.again);
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    for (const owner of await this.env.store.owners()) await this.drain(owner);
  }

  private async drain(owner: string): Promise<void> {
    for (;;) {
      const until = this.waitUntil.get(owner);
      if (until !== undefined && until > this.now()) return;
      const head = await this.env.store.pending(owner, 100);
      const first = head[0];
      if (!first) return;
      const sender = this.senders.get(first.kind);
      // A kind this context cannot send (its player is not loaded): it and what follows wait.
      if (!sender) return;
      const size = Math.max(1, Math.min(sender.batchSize, this.narrowed.get(owner) ?? Infinity));
      const batch: OutboxRecord[] = [];
      for (const record of head) {
        if (record.kind !== first.kind || batch.length >= size) break;
        batch.push(record);
      }
      let outcome: SendOutcome;
      try {
        outcome = await sender.send(ownerOf(owner), batch);
      } catch (error) {
        outcome = { kind: 'retry', error: error instanceof Error ? error.message : 'send_failed' };
      }
      if (!(await this.settle(owner, batch, outcome))) return;
    }
  }

  /** Applies an outcome; true when the owner's queue may go on now. */
  private async settle(owner: string, batch: OutboxRecord[], outcome: SendOutcome): Promise<boolean> {
    const store = this.env.store;
    switch (outcome.kind) {
      case 'sent': {
        const refused = outcome.refused ?? new Map<string, string>();
        for (const record of batch) {
          const why = refused.get(record.key);
          if (why !== undefined) await store.update(record.seq, { state: 'dead', error: why });
        }
        await store.remove(batch.filter((r) => !refused.has(r.key)).map((r) => r.seq));
        this.failures.delete(owner);
        for (const record of batch) {
          if (!refused.has(record.key)) {
            this.emit({
              type: 'sent',
              kind: record.kind,
              key: record.key,
              result: outcome.results?.get(record.key),
            });
          }
        }
        this.emit({ type: 'changed' });
        return true;
      }
      case 'rejected': {
        if (batch.length > 1) {
          this.narrowed.set(owner, Math.ceil(batch.length / 2));
          return true;
        }
        const [only] = batch;
        if (only)
          await store.update(only.seq, { state: 'dead', tries: only.tries + 1, error: outcome.error });
        this.narrowed.delete(owner);
        this.emit({ type: 'changed' });
        return true;
      }
      case 'retry':
      case 'unauthorised': {
        const failures = (this.failures.get(owner) ?? 0) + 1;
        this.failures.set(owner, failures);
        const delay =
          outcome.kind === 'unauthorised'
            ? Number.POSITIVE_INFINITY
            : Math.max(outcome.retryAfterMs ?? 0, backoffMs(failures, this.random));
        this.waitUntil.set(owner, this.now() + delay);
        const [head] = batch;
        if (head) await store.update(head.seq, { tries: head.tries + 1, error: outcome.error });
        if (Number.isFinite(delay)) this.env.later?.(delay);
        this.emit({ type: 'changed' });
        return false;
      }
      default: {
        const never: never = outcome;
        throw new Error(`unknown outcome ${JSON.stringify(never)}`);
      }
    }
  }

  /** True while relaying another context's change, so it is not echoed back to them. */
  notifying = false;

  /** Another tab or the service worker changed the queue or sent a record: tell this page's listeners. */
  relay(event: OutboxEvent): void {
    this.notifying = true;
    try {
      this.emit(event);
    } finally {
      this.notifying = false;
    }
  }

  private emit(event: OutboxEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not stop the queue.
      }
    }
  }
}
