import { randomUUID } from 'node:crypto';

/** A callback id people can read over the phone and grep in logs: cb_ + 20 hex characters. */
export function newCallbackId(): string {
	return `cb_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}
