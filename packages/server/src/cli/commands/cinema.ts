import { z } from 'zod';
import type { Actor } from '../../http/context.js';
import { CinemaRepo } from '../../cinema/cinema.repo.js';
import { PackError, packPlans, type PackUpstream } from '../../cinema/cinema.pack.js';
import { CliError, requireString, UsageError, type Command } from '../command.js';
import { withServices } from '../runtime.js';
import { tenantOrFail } from './identity-args.js';

const PlanId = z.uuid();

export const cinemaPackCommand: Command = {
  name: ['cinema', 'pack'],
  summary: 'Copy Learning Cinema plans and their media onto this machine, then check every item plays',
  usage: 'satchel cinema pack --tenant SLUG [--upstream URL] PLAN_ID...',
  help: [
    'Run on the facilitator laptop (a hub) before the team leaves the network. With --upstream, each plan,',
    'its library items and their files are copied from that server (only what is missing, resumed after a',
    'dropped link, each file checked against its SHA-256). Then every media item of every plan is checked',
    'on this disk: present, intact and in a format that plays. Exits 1 if any plan is not ready.',
    'Options:',
    '  --tenant SLUG     the platform the plans belong to',
    '  --upstream URL    the server to copy from (e.g. the national server)',
    '  --json            print the result as JSON',
    'Environment:',
    '  SATCHEL_UPSTREAM_TOKEN  an API token (sat_…) of a facilitator or admin upstream, needed with --upstream',
    'Example:',
    '  SATCHEL_UPSTREAM_TOKEN=sat_… satchel cinema pack --tenant syria --upstream https://learn.example.org 0193…',
  ].join('\n'),
  options: { tenant: { type: 'string' }, upstream: { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, io) {
    const slug = requireString(values, 'tenant');
    if (positionals.length === 0) throw new UsageError('give at least one plan id');
    const bad = positionals.filter((id) => !PlanId.safeParse(id).success);
    if (bad.length > 0) throw new UsageError(`not a plan id: ${bad.join(', ')}`);
    let upstream: PackUpstream | null = null;
    if (typeof values.upstream === 'string') {
      const token = io.env.SATCHEL_UPSTREAM_TOKEN?.trim();
      if (!token)
        throw new UsageError('--upstream needs SATCHEL_UPSTREAM_TOKEN (an API token of the upstream)');
      if (!/^https?:\/\//.test(values.upstream)) throw new UsageError('--upstream must be an http(s) URL');
      upstream = { baseUrl: values.upstream, token };
    }
    return withServices(io, async (services, handle, config) => {
      const tenant = await tenantOrFail(services, slug);
      // The command line acts for the machine's operator, who may pack any plan of the tenant.
      const actor: Actor = {
        userId: '00000000-0000-0000-0000-000000000000',
        tenantId: tenant.id,
        username: 'satchel-cli',
        displayName: 'Command line',
        roles: ['admin'],
        isOperator: true,
        via: 'token',
        sessionId: null,
      };
      try {
        const packed = await packPlans(
          {
            repo: new CinemaRepo(handle.db),
            cinema: services.cinema,
            blobs: services.blobs,
            blobDir: config.blobDir,
            clock: services.ctx.clock,
          },
          tenant,
          actor,
          positionals,
          upstream,
          (event) => {
            if (!values.json)
              io.err(
                `${event.stage === 'file' ? '  copying' : event.stage === 'plan' ? 'fetching plan' : 'checking'} ${event.detail}\n`,
              );
          },
        );
        if (values.json) {
          io.out(`${JSON.stringify(packed)}\n`);
        } else {
          for (const plan of packed) {
            io.out(
              `${plan.readiness.ready ? 'READY  ' : 'NOT READY'} ${plan.title} (${plan.planId})${plan.copiedFiles ? `, ${plan.copiedFiles} files copied` : ''}\n`,
            );
            for (const item of plan.notCopied) io.out(`  not copied ${item.title}: ${item.reason}\n`);
            for (const item of plan.readiness.items)
              io.out(
                `  ${item.status === 'ok' ? 'ok     ' : item.status.padEnd(7)} ${item.title}: ${item.message}\n`,
              );
          }
        }
        return packed.every((plan) => plan.readiness.ready) ? 0 : 1;
      } catch (error) {
        if (error instanceof PackError) throw new CliError(error.message);
        throw error;
      }
    });
  },
};
