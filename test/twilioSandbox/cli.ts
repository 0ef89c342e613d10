/**
 * The Twilio sandbox as a process, for the demo and manual trials:
 *
 *   npx ts-node --transpile-only test/twilioSandbox/cli.ts --port 5699
 *
 * Options: --port N (default 5699), --host H, --time-scale X (default 1), --account-sid AC…,
 * --auth-token T, --phone-number +1… (repeatable), --phones-by-last-digit (numbers without a
 * scenario behave by their last digit, as in the demo), --quiet. It prints the credentials to
 * put in the Twilio credential (Base URL, Account SID, Auth Token), the address of the page
 * showing the texts and calls, and runs until interrupted.
 */
import { LAST_DIGIT_PHONES } from './lastDigitPhones';
import { startTwilioSandbox } from './server';

interface CliOptions {
	port: number;
	host: string;
	timeScale: number;
	accountSid: string | undefined;
	authToken: string | undefined;
	phoneNumbers: string[];
	phonesByLastDigit: boolean;
	quiet: boolean;
}

function parseArguments(argv: string[]): CliOptions {
	const options: CliOptions = { port: 5699, host: '127.0.0.1', timeScale: 1, accountSid: undefined, authToken: undefined, phoneNumbers: [], phonesByLastDigit: false, quiet: false };
	for (let index = 0; index < argv.length; index++) {
		const flag = argv[index];
		const value = (): string => {
			const next = argv[++index];
			if (next === undefined) throw new Error(`${flag} needs a value`);
			return next;
		};
		switch (flag) {
			case '--port':
				options.port = Number(value());
				break;
			case '--host':
				options.host = value();
				break;
			case '--time-scale':
				options.timeScale = Number(value());
				break;
			case '--account-sid':
				options.accountSid = value();
				break;
			case '--auth-token':
				options.authToken = value();
				break;
			case '--phone-number':
				options.phoneNumbers.push(value());
				break;
			case '--phones-by-last-digit':
				options.phonesByLastDigit = true;
				break;
			case '--quiet':
				options.quiet = true;
				break;
			default:
				throw new Error(`unknown option ${flag}`);
		}
	}
	if (!Number.isInteger(options.port) || options.port < 0) throw new Error('--port must be a port number');
	if ((options.accountSid === undefined) !== (options.authToken === undefined)) throw new Error('--account-sid and --auth-token go together');
	return options;
}

async function main(): Promise<void> {
	const options = parseArguments(process.argv.slice(2));
	const sandbox = await startTwilioSandbox({
		port: options.port,
		host: options.host,
		timeScale: options.timeScale,
		phonesByLastDigit: options.phonesByLastDigit,
		accounts:
			options.accountSid === undefined || options.authToken === undefined
				? undefined
				: [{ sid: options.accountSid, authToken: options.authToken, phoneNumbers: options.phoneNumbers.length > 0 ? options.phoneNumbers : undefined }],
		log: options.quiet ? undefined : (line) => process.stdout.write(`[twilio-sandbox] ${line}\n`),
	});
	const [account] = sandbox.accounts;
	process.stdout.write(
		[
			`Twilio sandbox on ${sandbox.baseUrl}`,
			`  Base URL:     ${sandbox.baseUrl}`,
			`  Account SID:  ${account?.sid ?? ''}`,
			`  Auth Token:   ${account?.authToken ?? ''}`,
			`  Numbers:      ${account?.phoneNumbers.join(', ') ?? ''}`,
			`  Messaging service: ${account?.messagingServiceSids.join(', ') ?? ''}`,
			`  Phones page:  ${sandbox.baseUrl}/__sandbox/  (texts and calls, for people)`,
			`  Inspection:   ${sandbox.baseUrl}/__sandbox/calls, /messages, /requests, /webhooks`,
			...(options.phonesByLastDigit ? ['  Demo phones:  numbers without a scenario behave by their last digit', ...LAST_DIGIT_PHONES.map((phone) => `    ${phone.ending}: ${phone.behaviour}`)] : []),
			'',
		].join('\n'),
	);
	const shutdown = (): void => {
		void sandbox.stop().then(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
