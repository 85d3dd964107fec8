// A phone on the laptop's Wi-Fi can drive a running session: it posts key presses here and
// the console, which long-polls, applies them. Commands live in memory only: they matter for
// seconds, a hub runs one process, and a lost command is pressed again by the facilitator.

import type { RemoteKey } from '@satchel/core';

export interface RemoteCommand {
  seq: number;
  key: RemoteKey;
}

interface Channel {
  commands: RemoteCommand[];
  seq: number;
  touched: number;
  waiters: Set<() => void>;
}

const KEEP = 50;
const IDLE_MS = 12 * 3600_000;

export class LiveRelay {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The console opens its run for remotes; a phone can only press keys on an open run of its tenant. */
  open(tenantId: string, runId: string): string {
    const id = `${tenantId}:${runId}`;
    if (!this.channels.has(id)) {
      this.sweep();
      this.channels.set(id, { commands: [], seq: 0, touched: this.now(), waiters: new Set() });
    }
    return runId;
  }

  private channel(tenantId: string, runId: string): Channel | null {
    const channel = this.channels.get(`${tenantId}:${runId}`) ?? null;
    if (channel) channel.touched = this.now();
    return channel;
  }

  private sweep(): void {
    const cutoff = this.now() - IDLE_MS;
    for (const [id, channel] of this.channels) {
      if (channel.touched < cutoff && channel.waiters.size === 0) this.channels.delete(id);
    }
  }

  /** The new command's number, or null when no console opened this run. */
  push(tenantId: string, runId: string, key: RemoteKey): number | null {
    const channel = this.channel(tenantId, runId);
    if (!channel) return null;
    channel.seq += 1;
    channel.commands.push({ seq: channel.seq, key });
    if (channel.commands.length > KEEP) channel.commands.splice(0, channel.commands.length - KEEP);
    for (const wake of channel.waiters) wake();
    channel.waiters.clear();
    return channel.seq;
  }

  /** Commands after `after`, waiting up to `timeoutMs` for one to arrive. */
  async wait(
    tenantId: string,
    runId: string,
    after: number,
    timeoutMs: number,
  ): Promise<{ commands: RemoteCommand[]; latest: number } | null> {
    const channel = this.channel(tenantId, runId);
    if (!channel) return null;
    const pending = () => channel.commands.filter((command) => command.seq > after);
    if (pending().length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          channel.waiters.delete(wake);
          resolve();
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        channel.waiters.add(wake);
      });
    }
    return { commands: pending(), latest: channel.seq };
  }
}
