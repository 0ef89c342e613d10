export { formParams, formValue, paramsFromParsedBody } from './formParams';
export { requestedUrl } from './requestedUrl';
export { expectedTwilioSignature, isValidTwilioSignature, type TwilioFormParams } from './twilioSignature';
