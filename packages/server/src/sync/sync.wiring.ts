import type { AppContext } from '../app/services.js';
import type { LrsService } from '../lrs/lrs.service.js';
import type { ProjectionSink } from '../progress/progress.service.js';
import { SyncClient } from './sync.client.js';
import { SyncService } from './sync.service.js';

export interface SyncWiring {
  service: SyncService;
  client: SyncClient;
}

export function createSync(ctx: AppContext, projections: ProjectionSink, lrs: LrsService): SyncWiring {
  const service = new SyncService(ctx.handle.db, ctx.clock, projections);
  // Statements get their change counter as soon as they are stored, not at the next sync.
  lrs.onStored((event) => {
    // Statements that sync itself stored carry their stamp already.
    if (event.origin === 'sync') return;
    service.tracker.stampPending().catch((err: unknown) => ctx.log?.error({ err }, 'sync stamping failed'));
  });
  // Statements arriving by sync or bundle reach the LRS's listeners (forwarding) at once.
  service.onStatementsStored((tenantId, ids) => lrs.announceStored(tenantId, ids));
  return { service, client: new SyncClient(service, ctx.clock) };
}
