export { composeSms, type ComposedSms, type ComposeSmsInput } from './composeSms';
export { expectedCallbackTimeText, parseCallbackTime, scheduledTimeText } from './callbackTimeText';
export { DEFAULT_TEXTS, SMS_MESSAGE_TYPES, withSurveyLink, type SmsMessageType } from './defaultTexts';
export { SmsTextError } from './errors';
export { hasOptOutLanguage, OPT_OUT_NOTICE, withOptOutLanguage, type OptOutLanguageRule } from './optOutLanguage';
export { fillPlaceholders, markPlaceholders, PLACEHOLDER_NAMES, renderPlaceholders, type PlaceholderName, type PlaceholderValues } from './placeholders';
export { segmentCount, type SmsEncoding, type SmsSegments } from './segmentCount';
export { ADVISED_MAX_CHARACTERS, lengthNotice, MAX_CHARACTERS } from './smsLength';
export { placeholderValues, readableNumber, type SmsLeadData } from './placeholderValues';
