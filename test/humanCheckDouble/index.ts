/** A local double of the Turnstile, hCaptcha and reCAPTCHA siteverify endpoints. */
export {
	HumanCheckDouble,
	TEST_KEYS,
	VERIFY_PATHS,
	type HumanCheckDoubleOptions,
	type IssueOptions,
	type Outage,
	type RecordedVerify,
} from './humanCheckDouble';
