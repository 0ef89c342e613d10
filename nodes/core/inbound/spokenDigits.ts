/**
 * Digits as <Say> reads them one by one: "4, 5, 6, 7". Written together ("4567") Twilio says
 * "four thousand five hundred sixty-seven"; separated by commas each is its own word, with a
 * short pause between, which is how a number is read back for checking.
 */
export function spokenDigits(digits: string): string {
	if (!/^\d+$/.test(digits)) throw new TypeError('Only digits are read out one by one');
	return digits.split('').join(', ');
}

/** The last four digits of a phone number, read to a caller to confirm it without saying all of it. */
export function lastFourDigits(phoneNumber: string): string {
	const digits = phoneNumber.replace(/\D/g, '');
	if (digits.length < 4) throw new TypeError('A phone number has at least four digits');
	return digits.slice(-4);
}
