import { getCountries } from 'libphonenumber-js/max';
import type { INodePropertyOptions } from 'n8n-workflow';

import { countryName } from '../../core/phone/parseLeadPhoneNumber';

/** Every country libphonenumber knows, by English name, for the country pickers. */
export const countryOptions: INodePropertyOptions[] = getCountries()
	.map((code) => ({ name: `${countryName(code)} (${code})`, value: code }))
	.sort((a, b) => a.name.localeCompare(b.name));
