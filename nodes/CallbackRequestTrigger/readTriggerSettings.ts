import type { IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallbackField } from '../core/callbackRequest/CallbackRequest';
import type { PayloadPreset } from '../core/callbackRequest/fieldAliases';
import { DEFAULT_SUBMISSION_RULES, type RequirableField, type SubmissionRules } from '../core/callbackRequest/normalizeSubmission';
import { isKnownTimezone } from '../core/callbackRequest/parsePreferredTime';
import { DEFAULT_CONSENT_TEXT } from './description/form.properties';

export type TriggerAuthentication = 'none' | 'headerToken' | 'hmacSignature';

export interface HostedFormSettings {
	enabled: boolean;
	businessName: string;
	title: string;
	introText: string;
	nameFields: 'firstAndLast' | 'fullName';
	optionalFields: Array<'email' | 'reason' | 'preferredTime'>;
	consentText: string;
	submitLabel: string;
	afterSubmit: 'thankYouPage' | 'redirect';
	thankYouMessage: string;
	redirectUrl: string;
}

export interface TriggerSettings {
	authentication: TriggerAuthentication;
	duplicateWindowMinutes: number;
	rules: SubmissionRules;
	form: HostedFormSettings;
}

interface TriggerOptions {
	fieldNames?: { field?: Array<{ field: CallbackField; submittedAs: string }> };
	honeypotFieldName?: string;
	fallbackTimezone?: string;
	maxReasonLength?: number;
	maxDaysAhead?: number;
	sourceLabel?: string;
}

/** Reads the node's parameters into the core's rules, failing with a message that says what to fix. */
export function readTriggerSettings(context: IWebhookFunctions): TriggerSettings {
	const parameter = <T>(name: string, fallback: T): T => context.getNodeParameter(name, fallback) as T;
	const options = parameter<TriggerOptions>('options', {});
	const authentication = parameter<TriggerAuthentication>('authentication', 'none');
	const preset = parameter<PayloadPreset>('payloadFormat', 'standard');
	const formEnabled = parameter<boolean>('hostedForm', true);

	const fallbackTimezone = options.fallbackTimezone?.trim() || null;
	if (fallbackTimezone && !isKnownTimezone(fallbackTimezone)) {
		throw new NodeOperationError(
			context.getNode(),
			`"${fallbackTimezone}" is not a timezone. Use an IANA name such as America/New_York in Options > Lead Timezone When None Is Sent.`,
		);
	}

	const fieldOverrides: Partial<Record<CallbackField, string>> = {};
	for (const mapping of options.fieldNames?.field ?? []) {
		if (mapping.submittedAs?.trim()) fieldOverrides[mapping.field] = mapping.submittedAs.trim();
	}

	const consentText = formEnabled ? parameter<string>('consentText', DEFAULT_CONSENT_TEXT).trim() : '';
	const sourceLabel = options.sourceLabel?.trim();
	const afterSubmit = parameter<'thankYouPage' | 'redirect'>('afterSubmit', 'thankYouPage');

	return {
		authentication,
		duplicateWindowMinutes: parameter<number>('duplicateWindowMinutes', 30),
		rules: {
			...DEFAULT_SUBMISSION_RULES,
			preset,
			fieldOverrides,
			phone: {
				defaultCountry: parameter<string>('defaultCountry', 'US'),
				allowedCountries: parameter<string[]>('allowedCountries', ['US', 'CA']),
				example: parameter<string>('defaultCountry', 'US') === 'US' ? '(415) 555-2671' : undefined,
			},
			requiredFields: parameter<RequirableField[]>('requiredFields', ['firstName']),
			honeypotFieldName: options.honeypotFieldName ?? DEFAULT_SUBMISSION_RULES.honeypotFieldName,
			fallbackTimezone,
			maxReasonLength: options.maxReasonLength ?? DEFAULT_SUBMISSION_RULES.maxReasonLength,
			maxDaysAhead: options.maxDaysAhead ?? DEFAULT_SUBMISSION_RULES.maxDaysAhead,
			consentText: consentText || null,
			defaultSource: sourceLabel || (preset === 'highLevel' ? 'highlevel' : 'webhook'),
		},
		form: {
			enabled: formEnabled && authentication === 'none',
			businessName: formEnabled ? parameter<string>('businessName', 'Our team') : '',
			title: formEnabled ? parameter<string>('formTitle', 'Request a callback') : '',
			introText: formEnabled ? parameter<string>('introText', '') : '',
			nameFields: formEnabled ? parameter<'firstAndLast' | 'fullName'>('nameFields', 'firstAndLast') : 'firstAndLast',
			optionalFields: formEnabled ? parameter<HostedFormSettings['optionalFields']>('formFields', ['email', 'reason']) : [],
			consentText,
			submitLabel: formEnabled ? parameter<string>('submitLabel', 'Call me back') : '',
			afterSubmit,
			thankYouMessage: afterSubmit === 'thankYouPage' ? parameter<string>('thankYouMessage', '') : '',
			redirectUrl: afterSubmit === 'redirect' ? parameter<string>('redirectUrl', '') : '',
		},
	};
}
