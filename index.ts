export { CallbackRequestTrigger } from './nodes/CallbackRequestTrigger/CallbackRequestTrigger.node';
export { CallbackHeaderAuthApi } from './credentials/CallbackHeaderAuthApi.credentials';
export { CallbackHmacAuthApi } from './credentials/CallbackHmacAuthApi.credentials';
export { ScheduleAttempt } from './nodes/ScheduleAttempt/ScheduleAttempt.node';
export { TagRouter } from './nodes/TagRouter/TagRouter.node';
export { CallbackHighLevelApi } from './credentials/CallbackHighLevelApi.credentials';
export { SendSms } from './nodes/SendSms/SendSms.node';
export { CallbackTwilioApi } from './credentials/CallbackTwilioApi.credentials';
