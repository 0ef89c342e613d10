/**
 * Why a node that calls or texts did not: the callback is over, no consent for a prerecorded
 * message, the lead's window, the lead's number, or an earlier node failed for the lead.
 */
export type NotCalledReason =
	| 'canceled'
	| 'no-consent'
	| 'outside-calling-window'
	| 'timezone-unknown'
	| 'number-not-allowed'
	| 'number-invalid'
	| 'upstream-error';
