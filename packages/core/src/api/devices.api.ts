import { z } from 'zod';
import { SlugParam } from './common.api.js';

// Device tokens of the offline learner app (decision 0005): a long-lived secret, one per learner
// profile on a device, that re-opens a session after weeks offline and vouches for records the
// learner made while they were still allowed to, even after they have been signed out since.

/** The header that carries a device token on the device routes. */
export const DEVICE_TOKEN_HEADER = 'x-satchel-device-token';

/** `POST /api/t/:tenant/auth/devices`. */
export const CreateDeviceTokenRequest = z.object({
  /** A label the learner recognises in their list of devices ("Amina's phone", the browser's name). */
  label: z.string().trim().min(1).max(100),
});
export type CreateDeviceTokenRequest = z.infer<typeof CreateDeviceTokenRequest>;

export const DeviceToken = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
});
export type DeviceToken = z.infer<typeof DeviceToken>;

export const CreatedDeviceToken = z.object({
  device: DeviceToken,
  /** The secret, shown only in this response; the device keeps it with the learner's profile. */
  token: z.string(),
});
export type CreatedDeviceToken = z.infer<typeof CreatedDeviceToken>;

export const DeviceTokenList = z.object({ items: z.array(DeviceToken) });
export type DeviceTokenList = z.infer<typeof DeviceTokenList>;

export const DeviceTokenParams = SlugParam.extend({ deviceId: z.string().min(1).max(64) });

/** `POST /api/t/:tenant/device/statements`: statements queued on the device, in the order made. */
export const DeviceStatementsRequest = z.array(z.record(z.string(), z.unknown())).min(1).max(500);

export const DeviceStatementsResponse = z.object({
  /** Ids now stored (or stored before: re-sending is harmless). */
  stored: z.array(z.string()),
  /** Statements not taken because they were made after the learner lost access, with the reason. */
  refused: z.array(z.object({ id: z.string(), code: z.string() })),
});
export type DeviceStatementsResponse = z.infer<typeof DeviceStatementsResponse>;
