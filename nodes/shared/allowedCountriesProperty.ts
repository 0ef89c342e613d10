import type { INodeProperties } from 'n8n-workflow';

import { countryOptions } from '../CallbackRequestTrigger/description/countryOptions';

/**
 * The one Allowed Countries setting, as the trigger and every node that calls or texts show it
 * (United States and Canada by default); `description` says what the node does with it.
 */
export function allowedCountriesProperty(description: string): INodeProperties {
	return { displayName: 'Allowed Countries', name: 'allowedCountries', type: 'multiOptions', options: countryOptions, default: ['US', 'CA'], description };
}
