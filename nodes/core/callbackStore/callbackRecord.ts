import type { CallbackStatus } from './callbackStatus';
import type { ContextData } from './contextData';
import type { ScheduledAttempt } from './scheduledAttempt';
import type { SystemNote } from './systemNote';

/** Everything a store keeps about one callback. */
export interface CallbackRecord {
	callbackId: string;
	/** E.164. */
	phone: string | null;
	/** The CRM's contact id, when a CRM holds the contact. */
	contactId: string | null;
	status: CallbackStatus;
	/** The contact's tags as this store last set them. */
	tags: string[];
	/** The highest attempt number recorded. */
	attempts: number;
	lastOutcome: string | null;
	/** ISO 8601, UTC: when the callback was first recorded. */
	requestedAt: string;
	/** ISO 8601, UTC: when the status last changed (a repeated status does not change it). */
	statusChangedAt: string;
	notes: SystemNote[];
	/** The lead replied STOP to an SMS; tracked beside the status, never instead of it. */
	optOut: boolean;
	context: ContextData;
	/** The attempt the callback waits for, as Schedule Attempt last recorded it; null when none was. */
	scheduledAttempt: ScheduledAttempt | null;
	/** ISO 8601: the time the lead booked (a slot or a preferred time); null for "as soon as possible". */
	bookedFor: string | null;
	/** The phone's booked callbacks missed in a row, counted when this one ended (noShow.ts). */
	missedInARow: number;
	/** ISO 8601: until when the lead, a no-show, is not booked again automatically; null when they may be. */
	noShowUntil: string | null;
	/** Grows by one with every write; a write that expected another version lost a race. */
	version: number;
}

/** Which callback an operation is about: its id, or else the latest open one for a phone. */
export interface CallbackKey {
	callbackId: string | null;
	phone: string | null;
}
