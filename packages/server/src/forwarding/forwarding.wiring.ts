import type { AppContext } from '../app/services.js';
import type { LrsService } from '../lrs/lrs.service.js';
import { ForwardingRepo } from './forwarding.repo.js';
import { ForwardingService } from './forwarding.service.js';

/** The forwarding service, listening to the LRS; its forwarder runs only when started (by `serve`). */
export function createForwardingService(ctx: AppContext, lrs: LrsService): ForwardingService {
  const service = new ForwardingService(new ForwardingRepo(ctx.handle.db), ctx.clock, undefined, {}, ctx.log);
  lrs.onStored(service.listener());
  return service;
}
