import type { SpecOperation } from './openApiValidator';
import { twilioError, type TwilioApiError } from './twilioErrors';
import type { WebhookKind } from './webhooks';

export type FaultStatus = 429 | 500 | 503;

/** The next `remaining` requests to an operation answer with an error instead. */
export interface RequestFault {
	id: number;
	/** An operationId (`CreateMessage`), `METHOD /path/template`, or `*` for every operation. */
	operation: string;
	status: FaultStatus;
	remaining: number;
	/** Seconds for the Retry-After header of a 429 (default 1). */
	retryAfter: number;
	/**
	 * The request takes effect (the SMS is sent, the call placed) but the client still gets the
	 * error, as when Twilio's answer is lost: for tests of retries that must not duplicate.
	 */
	afterEffect: boolean;
}

/** Status callbacks matching a number or SID are never sent. */
export interface CallbackDrop {
	id: number;
	number: string | undefined;
	sid: string | undefined;
	/** How many more to drop; undefined drops all. */
	remaining: number | undefined;
	kinds: WebhookKind[];
}

export class FaultError extends Error {}

const STATUS_CALLBACK_KINDS: WebhookKind[] = ['message-status', 'call-status', 'amd-status'];
const ALL_KINDS: WebhookKind[] = ['message-status', 'call-status', 'amd-status', 'voice', 'voice-action', 'sms', 'sms-action'];

export class FaultBook {
	private requestFaults: RequestFault[] = [];
	private callbackDrops: CallbackDrop[] = [];
	private nextId = 1;

	list(): { requests: RequestFault[]; callbacks: CallbackDrop[] } {
		return { requests: [...this.requestFaults], callbacks: [...this.callbackDrops] };
	}

	reset(): void {
		this.requestFaults = [];
		this.callbackDrops = [];
	}

	addRequestFault(input: Record<string, unknown>): RequestFault {
		const { operation, status, count, retryAfter, afterEffect, ...rest } = input;
		rejectUnknown(rest);
		if (typeof operation !== 'string' || operation === '') throw new FaultError('fault.operation must be an operationId, "METHOD /template" or "*"');
		if (status !== 429 && status !== 500 && status !== 503) throw new FaultError('fault.status must be 429, 500 or 503');
		const remaining = count ?? 1;
		if (typeof remaining !== 'number' || !Number.isInteger(remaining) || remaining < 1) throw new FaultError('fault.count must be a positive integer');
		if (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0)) throw new FaultError('fault.retryAfter must be seconds >= 0');
		if (afterEffect !== undefined && typeof afterEffect !== 'boolean') throw new FaultError('fault.afterEffect must be a boolean');
		const fault: RequestFault = {
			id: this.nextId++,
			operation,
			status,
			remaining,
			retryAfter: (retryAfter as number | undefined) ?? 1,
			afterEffect: afterEffect === true,
		};
		this.requestFaults.push(fault);
		return fault;
	}

	addCallbackDrop(input: Record<string, unknown>): CallbackDrop {
		const { number, sid, count, kinds, ...rest } = input;
		rejectUnknown(rest);
		if (number === undefined && sid === undefined) throw new FaultError('dropCallbacks needs a number or a sid');
		if (number !== undefined && typeof number !== 'string') throw new FaultError('dropCallbacks.number must be a string');
		if (sid !== undefined && typeof sid !== 'string') throw new FaultError('dropCallbacks.sid must be a string');
		if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1)) throw new FaultError('dropCallbacks.count must be a positive integer');
		if (kinds !== undefined && (!Array.isArray(kinds) || !kinds.every((kind) => ALL_KINDS.includes(kind as WebhookKind)))) {
			throw new FaultError(`dropCallbacks.kinds must list some of ${ALL_KINDS.join(', ')}`);
		}
		const drop: CallbackDrop = {
			id: this.nextId++,
			number,
			sid,
			remaining: count,
			kinds: (kinds as WebhookKind[] | undefined) ?? STATUS_CALLBACK_KINDS,
		};
		this.callbackDrops.push(drop);
		return drop;
	}

	/** Consumes one matching request fault, if any. */
	takeRequestFault(operation: SpecOperation): RequestFault | undefined {
		const label = `${operation.method} ${operation.pathTemplate}`;
		const fault = this.requestFaults.find(
			(candidate) => candidate.remaining > 0 && (candidate.operation === '*' || candidate.operation === operation.operationId || candidate.operation === label),
		);
		if (fault === undefined) return undefined;
		fault.remaining -= 1;
		if (fault.remaining === 0) this.requestFaults = this.requestFaults.filter((candidate) => candidate !== fault);
		return { ...fault };
	}

	/** Whether a webhook about `sid` between `numbers` must be dropped; consumes one count. */
	shouldDrop(kind: WebhookKind, sid: string, numbers: string[]): boolean {
		const drop = this.callbackDrops.find(
			(candidate) =>
				candidate.kinds.includes(kind) &&
				(candidate.sid === sid || (candidate.number !== undefined && numbers.includes(candidate.number))) &&
				(candidate.remaining === undefined || candidate.remaining > 0),
		);
		if (drop === undefined) return false;
		if (drop.remaining !== undefined) {
			drop.remaining -= 1;
			if (drop.remaining === 0) this.callbackDrops = this.callbackDrops.filter((candidate) => candidate !== drop);
		}
		return true;
	}
}

export function faultResponse(fault: RequestFault): TwilioApiError {
	if (fault.status === 429) {
		return twilioError(20429, 'Too Many Requests', { 'Retry-After': String(fault.retryAfter) });
	}
	return fault.status === 500 ? twilioError(20500, 'Internal Server Error') : twilioError(20503, 'Service Unavailable');
}

function rejectUnknown(rest: Record<string, unknown>): void {
	const unknown = Object.keys(rest);
	if (unknown.length > 0) throw new FaultError(`unknown field(s) ${unknown.join(', ')}`);
}
