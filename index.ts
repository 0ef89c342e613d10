export { CallbackRequestTrigger } from './nodes/CallbackRequestTrigger/CallbackRequestTrigger.node';
export { CallbackHeaderAuthApi } from './credentials/CallbackHeaderAuthApi.credentials';
export { CallbackHmacAuthApi } from './credentials/CallbackHmacAuthApi.credentials';
export { ScheduleAttempt } from './nodes/ScheduleAttempt/ScheduleAttempt.node';
