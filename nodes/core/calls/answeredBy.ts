/**
 * What Twilio's answering machine detection says picked up, in the product's words. Twilio
 * reports `human`, `machine_start`, `machine_end_beep`, `machine_end_silence`,
 * `machine_end_other`, `fax` or `unknown` (it could not tell within its timeout).
 */
export type PickedUpBy = 'person' | 'machine' | 'fax' | 'unknown';

export function pickedUpBy(answeredBy: string | null | undefined): PickedUpBy | null {
	if (answeredBy === undefined || answeredBy === null || answeredBy === '') return null;
	if (answeredBy === 'human') return 'person';
	if (answeredBy.startsWith('machine')) return 'machine';
	if (answeredBy === 'fax') return 'fax';
	return 'unknown';
}
