/** How urgent a callback is: priority callbacks may use the places kept for them and go first for a free line. */
export type CallbackPriority = 'high' | 'normal';

const HIGH = /^(high|vip|urgent|priority|yes|true|1)$/i;

/** A form field or CRM tag value read as a priority: "VIP", "high", "yes", true, 1 … are high; anything else normal. */
export function readPriority(value: unknown): CallbackPriority {
	const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
	if (single === true || single === 1) return 'high';
	return typeof single === 'string' && HIGH.test(single.trim()) ? 'high' : 'normal';
}
