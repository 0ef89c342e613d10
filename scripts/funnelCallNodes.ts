/**
 * The funnel template's nodes that wait for the time, call, retry and tag (Schedule Call to the
 * final text): the part the templates made from the funnel copy, so they call and tag the same way.
 */
export const FUNNEL_CALL_NODES: readonly string[] = [
	'Schedule Call',
	'Still Open?',
	'Call Business, Then Lead',
	'Late Call Outcome',
	'Mark Complete',
	'Thank-You SMS',
	'Mark Incomplete',
	'Missed Call SMS',
	'Voicemail Drop',
	'Late Voicemail Outcome',
	'Mark Failed',
	'Final SMS',
	'Already Complete or Cancelled',
];
