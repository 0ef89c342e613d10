import type { IDataObject } from 'n8n-workflow';

/** Why a calling node did not place the call. */
export type NotCalledReason =
	| 'canceled'
	| 'no-consent'
	| 'outside-calling-window'
	| 'timezone-unknown'
	| 'number-not-allowed'
	| 'number-invalid'
	| 'upstream-error';

/** What every calling node reports about a lead it did not call, before adding its own fields. */
export interface NotCalled extends IDataObject {
	phase: 'reported';
	executionId: string;
	nodeId: string;
	attempt: number | null;
	reason: NotCalledReason;
	/** In words for the user. */
	reasonText: string;
	/** When the lead's window opens (ISO), for outside-calling-window. */
	opensAt: string | null;
	/** The lead's zone the window was read on, when known. */
	leadTimezone: string | null;
	endedAt: string;
}
