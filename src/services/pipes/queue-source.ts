// What pollers need from the queues service, as a structural type: services never import each other
// (CONTRIBUTING.md, module map), so the pipes service finds the queues service by name and uses this.
import type { Service, ServiceContext } from '../core/service.js';

/** A message attribute as SQS carries it. */
export interface SourceAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** One message a poll returned (the queues service's PolledMessage). */
export interface SourceMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  traceId: string;
  systemAttributes: Record<string, string>;
  allMessageAttributes: Record<string, SourceAttribute>;
}

/** The polling interface the queues service offers. */
export interface QueueSource {
  queueInfo(
    arn: string,
  ): { arn: string; name: string; fifo: boolean; visibilityTimeoutSeconds: number } | undefined;
  poll(arn: string, max: number, waitMs: number, signal?: AbortSignal): Promise<SourceMessage[]>;
  deletePolled(arn: string, receiptHandle: string): void;
  releasePolled(arn: string, receiptHandle: string, seconds: number): void;
}

/** The running queues service as a QueueSource, or undefined when it is not running. */
export function findQueueSource(context: ServiceContext): QueueSource | undefined {
  const service = context.lookup<Service & Partial<QueueSource>>('queues');
  if (!service || typeof service.poll !== 'function' || typeof service.deletePolled !== 'function')
    return undefined;
  return service as Service & QueueSource;
}
