import type { CallbackKey, CallbackRecord } from './callbackRecord';
import type { SetStatusOutcome, StatusChange } from './statusChange';

/** Where a callback's status is owned: n8n's own database, HighLevel, or nowhere (tags only). */
export type CallbackStoreKind = 'dataTable' | 'highLevel' | 'none';

/**
 * The one owner of each callback's status. Tag Router's operations and Schedule Attempt's
 * cancel check go through this and nothing else.
 */
export interface CallbackStore {
	readonly kind: CallbackStoreKind;
	/** The callback with this id, or the latest open one for the phone; null when there is none. */
	read(key: CallbackKey): Promise<CallbackRecord | null>;
	/** Writes a status change without losing one made at the same time by another execution. */
	setStatus(change: StatusChange): Promise<SetStatusOutcome>;
}

export class CallbackStoreError extends Error {}
