// The queues service's public face: the service class, and the types pollers and adapters use.
export { QueuesService } from './service.js';
export type { PolledQueueInfo } from './service.js';
export type { PolledMessage, ReceivedMessage, SendInput, SendResult } from './types.js';
export { SQS_ERRORS } from './errors.js';
export { md5OfAttributes, md5OfBody } from './md5.js';
