// SQS over AWS JSON 1.0 (`X-Amz-Target: AmazonSQS.<Operation>`). Errors carry SQS's namespaced type
// (`com.amazonaws.sqs#QueueDoesNotExist`), as the service returns it.
import { AwsError } from '../../shared/aws-error.js';
import { SQS_ERRORS } from '../../services/queues/errors.js';
import type { QueuesService } from '../../services/queues/service.js';
import { traceIdOfHeader } from '../../trace/xray-header.js';
import type { ApiRequest, JsonApi, JsonOperation } from '../protocol.js';

/** The SQS operations by name, over the running queues service. */
export function sqsOperations(service: QueuesService): Record<string, JsonOperation> {
  const q = () => service.queueOps;
  const m = () => service.messageOps;
  const t = () => service.moveTasks;
  return {
    CreateQueue: (i) => q().createQueue(i),
    GetQueueUrl: (i) => q().getQueueUrl(i),
    ListQueues: (i) => q().listQueues(i),
    GetQueueAttributes: (i) => q().getQueueAttributes(i),
    SetQueueAttributes: (i) => q().setQueueAttributes(i),
    PurgeQueue: (i) => q().purgeQueue(i),
    DeleteQueue: (i) => q().deleteQueue(i),
    TagQueue: (i) => q().tagQueue(i),
    UntagQueue: (i) => q().untagQueue(i),
    ListQueueTags: (i) => q().listQueueTags(i),
    ListDeadLetterSourceQueues: (i) => q().listDeadLetterSourceQueues(i),
    SendMessage: (i, r) => m().sendMessage(withTraceHeader(i, r)),
    SendMessageBatch: (i, r) => {
      const entries = Array.isArray(i.Entries) ? i.Entries : undefined;
      return m().sendMessageBatch(entries ? { ...i, Entries: entries.map((e) => withTraceHeader(e, r)) } : i);
    },
    ReceiveMessage: (i) => m().receiveMessage(i),
    DeleteMessage: (i) => m().deleteMessage(i),
    DeleteMessageBatch: (i) => m().deleteMessageBatch(i),
    ChangeMessageVisibility: (i) => m().changeMessageVisibility(i),
    ChangeMessageVisibilityBatch: (i) => m().changeMessageVisibilityBatch(i),
    StartMessageMoveTask: (i) => t().start(i),
    ListMessageMoveTasks: (i) => t().list(i),
    CancelMessageMoveTask: (i) => t().cancel(i),
    AddPermission: () => ({}),
    RemovePermission: () => ({}),
  };
}

/**
 * A sender's X-Ray header (`X-Amzn-Trace-Id`, which the SDK adds inside Lambda) becomes the message's
 * AWSTraceHeader, as SQS does; the eddy trace id it carries (the Root eddy gave the handler, or an
 * `Eddy=` field) keeps eddy's causal chain linked.
 */
export function withTraceHeader(
  input: Record<string, unknown>,
  request: ApiRequest,
): Record<string, unknown> {
  const header = request.headers['x-amzn-trace-id'];
  if (typeof header !== 'string' || header === '' || !input || typeof input !== 'object') return input;
  const out: Record<string, unknown> = { ...input };
  const system = (input.MessageSystemAttributes ?? {}) as Record<string, unknown>;
  if (!system.AWSTraceHeader) {
    out.MessageSystemAttributes = { ...system, AWSTraceHeader: { DataType: 'String', StringValue: header } };
  }
  const traceId = traceIdOfHeader(header);
  if (traceId) out.traceId = traceId;
  return out;
}

/** Wraps an operation so SQS errors leave with the `com.amazonaws.sqs#` namespace. */
function namespaced(operation: JsonOperation): JsonOperation {
  return async (input, request) => {
    try {
      return await operation(input, request);
    } catch (error) {
      if (error instanceof AwsError && SQS_ERRORS[error.code]) {
        throw new AwsError(
          `com.amazonaws.sqs#${error.code}`,
          error.message,
          error.status,
          error.extra,
          error.headers,
        );
      }
      throw error;
    }
  };
}

/** The AmazonSQS JSON 1.0 API. */
export function sqsJsonApi(service: QueuesService): JsonApi {
  const operations: Record<string, JsonOperation> = {};
  for (const [name, op] of Object.entries(sqsOperations(service))) operations[name] = namespaced(op);
  return { targetPrefix: 'AmazonSQS', version: '1.0', operations };
}
