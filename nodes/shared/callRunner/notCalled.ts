import type { IDataObject } from 'n8n-workflow';

import type { NotCalledReason } from '../../core/calls/notCalledReason';

export type { NotCalledReason };

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
