import type { AttemptGroup } from './callbackMetrics';

/** How the report names each attempt group to a person. */
export const ATTEMPT_LABELS: Readonly<Record<AttemptGroup, string>> = {
	'1': 'Call 1',
	'2': 'Call 2',
	'3+': 'Call 3 or later',
};
