// Wire protocol history. A device that has been offline for months must still
// be understood, so MIN_SUPPORTED_PROTOCOL is never raised while such devices
// may be in the field.
// 1: first protocol: JSON API, xAPI statement batches, course manifests v1.
export const PROTOCOL_VERSION = 1;
export const MIN_SUPPORTED_PROTOCOL = 1;
export const PROTOCOL_HEADER = 'x-satchel-protocol';
