import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

/**
 * Signals that a callback request may be fake, for the workflow to act on (`callback.risk`).
 * Nothing here refuses a lead: costly numbers are refused earlier (see phone/numberPolicy).
 * These are the requests a person may want to look at before the business calls back.
 */
export type RiskReasonCode = 'voip-line' | 'toll-free-line' | 'pager-line' | 'unknown-line-type' | 'prefix-burst' | 'ip-burst';

export interface RiskReason {
	code: RiskReasonCode;
	/** Plain words for the business owner, shown as-is in a workflow or an email. */
	text: string;
}

export interface RiskSignals {
	/** 'review' when at least one reason other than 'unknown-line-type' was found. */
	level: 'low' | 'review';
	reasons: RiskReason[];
}

export interface RiskThresholds {
	/** Earlier requests from numbers in the same block (see recentSamePrefix) that make a burst. */
	samePrefix: number;
	/** Earlier requests from the same internet address that make a burst. */
	sameIp: number;
}

/** Where to start: a busy form sees a few requests per exchange a day, a bot dozens an hour. */
export const DEFAULT_RISK_THRESHOLDS: Readonly<RiskThresholds> = { samePrefix: 3, sameIp: 5 };

export interface RiskInput {
	/** The lead's number, parsed with libphonenumber-js/max or as E.164 text. */
	phone: PhoneNumber | string;
	/**
	 * Earlier requests in your window from numbers in the same block, not counting this one: the
	 * carrier's number block as phonePrefix in rateLimitKeys cuts it (+1 415 555 for a US number).
	 * Toll fraud and traffic pumping walk through a block, so many requests from one is a burst.
	 */
	recentSamePrefix?: number;
	/** Earlier requests in your window from the same internet address, not counting this one. */
	recentSameIp?: number;
	thresholds: RiskThresholds;
}

/** Reasons that are worth a note but not a review on their own. */
const INFORMATIONAL: ReadonlySet<RiskReasonCode> = new Set(['unknown-line-type']);

const LINE_TEXTS = {
	'voip-line': 'This is an internet phone number (VoIP). They are cheap to get in bulk, so fake requests often use them.',
	'toll-free-line': 'This is a toll-free number. It usually belongs to a business, not to the person who filled in the form.',
	'pager-line': 'This is a pager number. A pager cannot take a phone call.',
	'unknown-line-type': 'The phone records for this country do not say whether this is a mobile, a landline or an internet number.',
	unreadable: 'This phone number could not be read, so its kind of line is unknown.',
} as const;

function readPhone(phone: PhoneNumber | string): PhoneNumber | undefined {
	return typeof phone === 'string' ? parsePhoneNumberFromString(phone.trim()) : phone;
}

/**
 * What the number itself says. In the North American plan (US, Canada, +1) mobile and landline
 * numbers share the same ranges and move between carriers, so libphonenumber always answers
 * FIXED_LINE_OR_MOBILE there: that is normal and not flagged, or every US lead would be. For
 * +1 numbers the useful signals are toll-free lines and bursts within one exchange; telling a
 * VoIP line apart needs a carrier lookup (Twilio Lookup's line type), which this does not do.
 */
function lineTypeReason(phone: PhoneNumber | string): RiskReason | undefined {
	const parsed = readPhone(phone);
	if (!parsed) return { code: 'unknown-line-type', text: LINE_TEXTS.unreadable };
	const type = parsed.getType();
	switch (type) {
		case 'VOIP':
			return { code: 'voip-line', text: LINE_TEXTS['voip-line'] };
		case 'TOLL_FREE':
			return { code: 'toll-free-line', text: LINE_TEXTS['toll-free-line'] };
		case 'PAGER':
			return { code: 'pager-line', text: LINE_TEXTS['pager-line'] };
		case 'FIXED_LINE_OR_MOBILE':
			if (parsed.countryCallingCode === '1') return undefined;
			return { code: 'unknown-line-type', text: LINE_TEXTS['unknown-line-type'] };
		case undefined:
			return { code: 'unknown-line-type', text: LINE_TEXTS['unknown-line-type'] };
		default:
			return undefined;
	}
}

function checkThreshold(name: keyof RiskThresholds, value: number): void {
	if (!Number.isInteger(value) || value < 1) {
		throw new RangeError(`The ${name} risk threshold must be a whole number of at least 1 (got ${value}).`);
	}
}

function isBurst(count: number | undefined, threshold: number): count is number {
	return typeof count === 'number' && Number.isFinite(count) && count >= threshold;
}

function requests(count: number): string {
	return count === 1 ? '1 other request' : `${count} other requests`;
}

/** Fraud signals for one callback request; the workflow decides what 'review' means. */
export function riskSignals(input: RiskInput): RiskSignals {
	checkThreshold('samePrefix', input.thresholds.samePrefix);
	checkThreshold('sameIp', input.thresholds.sameIp);

	const reasons: RiskReason[] = [];
	const line = lineTypeReason(input.phone);
	if (line) reasons.push(line);

	if (isBurst(input.recentSamePrefix, input.thresholds.samePrefix)) {
		reasons.push({
			code: 'prefix-burst',
			text: `${requests(input.recentSamePrefix)} came in lately from phone numbers that start with the same digits. Fake requests often walk through a block of numbers like this.`,
		});
	}
	if (isBurst(input.recentSameIp, input.thresholds.sameIp)) {
		reasons.push({
			code: 'ip-burst',
			text: `${requests(input.recentSameIp)} came in lately from the same internet connection. One person rarely asks for that many callbacks.`,
		});
	}

	const review = reasons.some((reason) => !INFORMATIONAL.has(reason.code));
	return { level: review ? 'review' : 'low', reasons };
}
