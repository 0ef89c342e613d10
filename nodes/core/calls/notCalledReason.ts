/**
 * Why a node that calls or texts did not: the callback is over, no consent for a prerecorded
 * message, the lead's window, the lead's number, an earlier node failed for the lead, or the
 * workflow is no longer published.
 */
export type NotCalledReason =
	| 'canceled'
	| 'no-consent'
	| 'outside-calling-window'
	| 'timezone-unknown'
	| 'number-not-allowed'
	| 'number-invalid'
	| 'upstream-error'
	/** The workflow was unpublished while the callback waited (or n8n could not say it still is). */
	| 'workflow-unpublished';
