import { NodeOperationError, type IDataObject, type IWebhookFunctions } from 'n8n-workflow';

import { PhoneNumberSettingError } from '../core/calls/phoneNumbers';
import { speechVoice, SpeechVoiceError, type SpeechVoice } from '../core/calls/speechVoice';
import { InboundSettingError } from '../core/inbound/errors';
import { missedCallReasons, type MissedCallReason } from '../core/inbound/missedCall';
import { readBlockList, type CallerScreeningRules } from '../core/inbound/callerScreening';
import { ringTeam, type RingOrder, type RingTeam } from '../core/inbound/ringTeam';
import { canonicalZoneName } from '../core/schedule/ianaZone';
import { DEFAULT_MISSED_MESSAGE } from './description/missedCall.properties';

export interface MissedCallSettings {
	mode: 'answer' | 'statusCallback';
	/** Answer mode only. */
	team: RingTeam | null;
	greeting: string;
	missedMessage: string;
	whisper: string;
	voice: SpeechVoice;
	counted: ReadonlySet<MissedCallReason>;
	duplicateWindowMinutes: number;
	screening: CallerScreeningRules;
	fallbackTimezone: string | null;
}

/** The node's settings, checked; a setting that cannot work fails with what to fix. */
export function readMissedCallSettings(context: IWebhookFunctions): MissedCallSettings {
	const text = (name: string, fallback = ''): string => String(context.getNodeParameter(name, fallback) ?? '').trim();
	const options = context.getNodeParameter('options', {}) as IDataObject;
	try {
		const mode = context.getNodeParameter('mode', 'answer') === 'statusCallback' ? 'statusCallback' : 'answer';
		const allowedCountries = context.getNodeParameter('allowedCountries', ['US', 'CA']) as string[];
		const defaultCountry = allowedCountries[0] ?? 'US';
		const fallbackText = String(options.fallbackTimezone ?? '').trim();
		const fallbackTimezone = fallbackText === '' ? null : canonicalZoneName(fallbackText);
		if (fallbackText !== '' && fallbackTimezone === null) {
			throw new InboundSettingError(`Caller Timezone When the Number Does Not Tell: "${fallbackText}" is not a timezone. Use an IANA name such as America/New_York.`);
		}
		return {
			mode,
			team: mode === 'answer' ? ringTeam(text('teamNumbers'), context.getNodeParameter('ringOrder', 'one-by-one') as RingOrder, Number(context.getNodeParameter('ringSeconds', 20))) : null,
			greeting: mode === 'answer' ? text('greeting') : '',
			missedMessage: mode === 'answer' ? text('missedMessage', DEFAULT_MISSED_MESSAGE) : '',
			whisper: mode === 'answer' ? text('whisper') : '',
			voice: speechVoice(String(options.voice ?? ''), String(options.language ?? 'en-US')),
			counted: missedCallReasons(context.getNodeParameter('missedCallReasons', undefined) as string[] | undefined),
			duplicateWindowMinutes: Math.max(0, Number(context.getNodeParameter('duplicateWindowMinutes', 30)) || 0),
			screening: { phone: { defaultCountry, allowedCountries }, blocked: readBlockList(text('blockList'), defaultCountry, 'Never Call Back') },
			fallbackTimezone,
		};
	} catch (error) {
		const known = error instanceof InboundSettingError || error instanceof PhoneNumberSettingError || error instanceof SpeechVoiceError;
		throw new NodeOperationError(context.getNode(), known ? (error as Error).message : (error as Error), known ? { description: 'Fix this setting of the Missed Call Trigger.' } : {});
	}
}
