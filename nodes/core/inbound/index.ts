export { InboundSettingError } from './errors';
export { readInboundCall, type InboundCall } from './inboundCall';
export {
	classifyInboundCall,
	MISSED_CALL_REASON_NAMES,
	MISSED_CALL_REASONS,
	missedCallReasons,
	readFlowReport,
	type FlowReport,
	type InboundCallEnding,
	type MissedCallReason,
} from './missedCall';
export { isWithheldCallerId, readBlockList, screenCaller, WITHHELD_CALLER_IDS, type CallerRefusal, type CallerScreening, type CallerScreeningRules } from './callerScreening';
export { afterTeamDial, MAX_NUMBERS_AT_ONCE, readRingSeconds, RING_SECONDS_LIMITS, ringTeam, type AfterTeamDial, type RingOrder, type RingTeam, type TeamDialResult } from './ringTeam';
export { ringTeamTwiml, type RingTeamCall } from './ringTeamTwiml';
export { estimatedWaitMinutes, waitEstimateSettings, type WaitEstimateSettings } from './waitEstimate';
export { callbackOfferRules, offersCallbackOnArrival, offersSecondChance, type CallbackOfferRules } from './callbackOffer';
export { minutesText, roundedWaitMinutes, waitAnnouncementText } from './waitAnnouncement';
export { expectedCallbackTimeSpoken } from './expectedCallbackTime';
export { lastFourDigits, spokenDigits } from './spokenDigits';
export { NO_NUMBER_KEYED, NUMBER_NOT_CALLABLE, readKeyedNumber, type KeyedNumber } from './keyedNumber';
export {
	callbackMenuPrompt,
	callbackMenuRules,
	DEFAULT_MENU_ATTEMPTS,
	MENU_KEYS,
	nextMenuStep,
	NO_CHOICE_HEARD,
	NOT_AN_OPTION,
	startCallbackMenu,
	type CallbackMenuRules,
	type CallbackMenuStep,
	type CallbackTiming,
	type GatherStep,
} from './callbackMenu';
export { callbackMenuTwiml, MENU_KEY_SECONDS, NUMBER_KEY_SECONDS, type CallbackMenuGather } from './callbackMenuTwiml';
export { missedCallRequest, type MissedCallDetails, type MissedCallRequest, type MissedCallRequestInput, type MissedCallRequestResult } from './missedCallRequest';
export { menuCallbackRequest, type MenuCallbackDetails, type MenuCallbackRequest, type MenuCallbackRequestInput, type MenuChoices } from './menuCallbackRequest';
