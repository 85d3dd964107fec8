import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ForwardingDestinationsTable } from '../db/schema.js';

export type DestinationRow = Selectable<ForwardingDestinationsTable>;

export interface PendingRow {
  statement_id: string;
  stored: string;
}

/** Destinations, their queue, and the statements they forward. */
export class ForwardingRepo {
  constructor(private readonly db: Db) {}

  async insert(row: Insertable<ForwardingDestinationsTable>): Promise<void> {
    await this.db.insertInto('forwarding_destinations').values(row).execute();
  }

  async list(tenantId: string): Promise<DestinationRow[]> {
    return this.db
      .selectFrom('forwarding_destinations')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  async byId(tenantId: string, id: string): Promise<DestinationRow | undefined> {
    return this.db
      .selectFrom('forwarding_destinations')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async update(
    tenantId: string,
    id: string,
    patch: Updateable<ForwardingDestinationsTable>,
  ): Promise<number> {
    const result = await this.db
      .updateTable('forwarding_destinations')
      .set(patch)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Removes a destination and its queue. */
  async remove(tenantId: string, id: string, now: string): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('forwarding_queue')
        .where('tenant_id', '=', tenantId)
        .where('destination_id', '=', id)
        .execute();
      const result = await tx
        .updateTable('forwarding_destinations')
        .set({ deleted_at: now, updated_at: now, lease_owner: null, lease_until: null })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }

  /** Destinations whose next delivery is due, across tenants (for the worker). */
  async due(now: string): Promise<DestinationRow[]> {
    return this.db
      .selectFrom('forwarding_destinations')
      .selectAll()
      .where('deleted_at', 'is', null)
      .where('paused', '=', 0)
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .execute();
  }

  /** Destinations of a tenant that queue statements (paused ones too: pausing holds delivery, not queueing). */
  async active(tenantId: string): Promise<DestinationRow[]> {
    return this.list(tenantId);
  }

  /**
   * Takes the destination for one worker until `until`: the lease is what keeps a
   * destination to one batch in flight across processes. A lease that ran out (a
   * worker that died) can be taken over.
   */
  async lease(tenantId: string, id: string, owner: string, now: string, until: string): Promise<boolean> {
    const result = await this.db
      .updateTable('forwarding_destinations')
      .set({ lease_owner: owner, lease_until: until })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .where('paused', '=', 0)
      .where((eb) =>
        eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', owner)]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async release(
    tenantId: string,
    id: string,
    owner: string,
    patch: Updateable<ForwardingDestinationsTable> = {},
  ): Promise<void> {
    await this.db
      .updateTable('forwarding_destinations')
      .set({ ...patch, lease_owner: null, lease_until: null })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  /**
   * Queues the tenant's statements that match the destination's filter, either those
   * named by `ids` or those stored from `since` on. The queue's primary key makes each
   * statement queued, and so sent, once however often it is offered.
   */
  async enqueue(
    destination: DestinationRow,
    scope: { ids: readonly string[] } | { since: string },
  ): Promise<void> {
    if ('ids' in scope && scope.ids.length === 0) return;
    const verbs = JSON.parse(destination.verbs) as string[];
    const prefix = destination.activity_prefix;
    let select = this.db
      .selectFrom('statements as s')
      .select([
        's.tenant_id',
        sql<string>`cast(${destination.id} as text)`.as('destination_id'),
        's.id as statement_id',
        's.stored',
      ])
      .where('s.tenant_id', '=', destination.tenant_id)
      .where('s.stored', '>=', destination.start_from);
    if ('ids' in scope) select = select.where('s.id', 'in', scope.ids);
    else select = select.where('s.stored', '>=', scope.since);
    if (verbs.length > 0) select = select.where('s.verb_id', 'in', verbs);
    if (prefix) select = select.where(sql<string>`substr(s.object_id, 1, ${prefix.length})`, '=', prefix);
    await this.db
      .insertInto('forwarding_queue')
      .columns(['tenant_id', 'destination_id', 'statement_id', 'stored'])
      .expression(select)
      .onConflict((oc) => oc.columns(['tenant_id', 'destination_id', 'statement_id']).doNothing())
      .execute();
  }

  /** The oldest undelivered statements of a destination. */
  async pending(tenantId: string, destinationId: string, limit: number): Promise<PendingRow[]> {
    return this.db
      .selectFrom('forwarding_queue')
      .select(['statement_id', 'stored'])
      .where('tenant_id', '=', tenantId)
      .where('destination_id', '=', destinationId)
      .where('delivered_at', 'is', null)
      .orderBy('stored')
      .orderBy('statement_id')
      .limit(limit)
      .execute();
  }

  async statements(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('statements')
      .select(['id', 'statement'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.statement]));
  }

  /** Marks a batch delivered and records the success on the destination, in one transaction. */
  async delivered(
    tenantId: string,
    destinationId: string,
    ids: readonly string[],
    now: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('forwarding_queue')
        .set({ delivered_at: now })
        .where('tenant_id', '=', tenantId)
        .where('destination_id', '=', destinationId)
        .where('statement_id', 'in', ids)
        .where('delivered_at', 'is', null)
        .execute();
      await tx
        .updateTable('forwarding_destinations')
        .set((eb) => ({
          delivered_count: eb('delivered_count', '+', ids.length),
          last_delivered_at: now,
          failures: 0,
          next_attempt_at: null,
        }))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', destinationId)
        .execute();
    });
  }

  async attempted(tenantId: string, destinationId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('forwarding_queue')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('destination_id', '=', destinationId)
      .where('statement_id', 'in', ids)
      .execute();
  }

  async pendingCounts(tenantId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('forwarding_queue')
      .select(['destination_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', tenantId)
      .where('delivered_at', 'is', null)
      .groupBy('destination_id')
      .execute();
    return new Map(rows.map((r) => [r.destination_id, Number(r.n)]));
  }
}
