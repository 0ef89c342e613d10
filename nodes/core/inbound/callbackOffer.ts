import { InboundSettingError } from './errors';

/**
 * When a caller is offered a callback: on arrival when the expected wait is longer than
 * `offerAboveMinutes`, and once more, a second chance, when they have been waiting longer than
 * `secondChanceAfterMinutes` (null: no second chance).
 */
export interface CallbackOfferRules {
	offerAboveMinutes: number;
	secondChanceAfterMinutes: number | null;
}

/** Checks the thresholds as typed: minutes of 0 or more; a second chance after more than 0 minutes. */
export function callbackOfferRules(offerAboveMinutes: number, secondChanceAfterMinutes: number | null): CallbackOfferRules {
	if (!Number.isFinite(offerAboveMinutes) || offerAboveMinutes < 0) {
		throw new InboundSettingError(`Offer a Callback Above must be a number of minutes of 0 or more, got ${offerAboveMinutes}`);
	}
	if (secondChanceAfterMinutes !== null && (!Number.isFinite(secondChanceAfterMinutes) || secondChanceAfterMinutes <= 0)) {
		throw new InboundSettingError(`Offer Again After Holding must be a number of minutes above 0, got ${secondChanceAfterMinutes}`);
	}
	return { offerAboveMinutes, secondChanceAfterMinutes };
}

/** The first offer, made as the call comes in: only when the wait is strictly longer than the threshold. */
export function offersCallbackOnArrival(estimateMinutes: number, rules: CallbackOfferRules): boolean {
	return estimateMinutes > rules.offerAboveMinutes;
}

/**
 * The second chance, asked while the caller holds: once, after they have waited strictly longer
 * than the second threshold, whether or not they were offered on arrival (the estimate may have
 * been short, and the wait long after all).
 */
export function offersSecondChance(waitedMinutes: number, rules: CallbackOfferRules, alreadyOffered: boolean): boolean {
	return !alreadyOffered && rules.secondChanceAfterMinutes !== null && waitedMinutes > rules.secondChanceAfterMinutes;
}
