// Wire protocol history. A device that has been offline for months must still
// be understood, so MIN_SUPPORTED_PROTOCOL is never raised while such devices
// may be in the field.
// 1: first protocol: JSON API, xAPI statement batches, course manifests v1.
// 2: record sync carries quiz attempts, SCORM and cmi5 run-time data and xAPI documents.
export const PROTOCOL_VERSION = 2;
export const MIN_SUPPORTED_PROTOCOL = 1;
/**
 * Oldest protocol a hub may sync with (pull, push). Not served a subset on purpose: a hub
 * that integrated a vector without the kinds it could not parse would never receive those
 * records after its upgrade, so it is refused with `protocol_unsupported` until updated.
 * Devices (learner app, xAPI) still speak MIN_SUPPORTED_PROTOCOL.
 */
export const MIN_SYNC_PROTOCOL = 2;
export const PROTOCOL_HEADER = 'x-satchel-protocol';
