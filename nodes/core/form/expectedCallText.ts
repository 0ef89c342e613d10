/** When the lead will be called, as the workflow knows it when it answers the request. */
export interface ExpectedCall {
	/** Already written in the lead's timezone, e.g. "Mon 23 Nov, 9:00 AM EST" (Schedule Attempt's `attemptAtLeadLocal`). */
	timeText: string;
	/** The call is due now or within minutes: the lead is told that rather than a clock time. */
	withinMinutes: boolean;
}

/** Said when no time is known yet: it promises no time, only the text that will give one. */
export const NO_CALL_TIME_YET_TEXT = "We've got your request. We'll text you to confirm when we'll call.";

/**
 * The sentence that tells the lead when we will call, for the thank-you page and the JSON
 * answer alike: "We'll call you within a few minutes.", "We'll call you at Mon 23 Nov, 9:00 AM
 * EST.", or, without a time, a text that promises none.
 */
export function expectedCallText(expected?: ExpectedCall | null): string {
	if (!expected) return NO_CALL_TIME_YET_TEXT;
	if (expected.withinMinutes) return "We'll call you within a few minutes.";
	const time = expected.timeText.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
	return time === '' ? NO_CALL_TIME_YET_TEXT : `We'll call you at ${time}.`;
}
