// The shapes the queues service speaks: close to SQS's JSON API so the adapters stay thin.
import type { WireAttribute } from './validate-message.js';

/** One message to send (SendMessage, a batch entry, or a router call). */
export interface SendInput {
  MessageBody?: unknown;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, WireAttribute>;
  MessageSystemAttributes?: Record<string, WireAttribute>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  /** Links the message to the chain that sent it (not an SQS field). */
  traceId?: string;
}

/** What SendMessage answers. */
export interface SendResult {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

/** ReceiveMessage's options. */
export interface ReceiveInput {
  MaxNumberOfMessages?: number;
  VisibilityTimeout?: number;
  WaitTimeSeconds?: number;
  AttributeNames?: string[];
  MessageSystemAttributeNames?: string[];
  MessageAttributeNames?: string[];
  ReceiveRequestAttemptId?: string;
}

/** A received message, as ReceiveMessage returns it. */
export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, WireAttribute>;
}

/** A received message with what eddy's pollers also need (not sent over the wire). */
export interface PolledMessage extends ReceivedMessage {
  /** The trace id the message carries. */
  traceId: string;
  /** All system attributes, whatever was asked. */
  systemAttributes: Record<string, string>;
  /** All message attributes. */
  allMessageAttributes: Record<string, WireAttribute>;
}

/** A batch entry's failure, as the batch operations report it. */
export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}
