// ItemBatcher for Distributed Map (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html):
// items are grouped into `{ BatchInput?, Items }` objects holding at most MaxItemsPerBatch items and at
// most MaxInputBytesPerBatch bytes of JSON (the whole batch object counted, BatchInput included). An item
// that cannot fit a batch on its own fails the state with States.ItemBatcherFailed. The engine evaluates
// the *Path / JSONata forms and passes numbers here.
import { StatesError } from '../errors/states-error.js';

/** An ItemBatcher with its limits evaluated. */
export interface BatcherSettings {
  MaxItemsPerBatch?: number;
  MaxInputBytesPerBatch?: number;
  BatchInput?: unknown;
}

/** AWS's ceiling on a batch's size: 256 KiB. */
export const MAX_BATCH_BYTES = 256 * 1024;

/** Groups `items` into batches. */
export function batchItems(settings: BatcherSettings, items: unknown[]): unknown[] {
  const maxItems =
    settings.MaxItemsPerBatch && settings.MaxItemsPerBatch > 0 ? settings.MaxItemsPerBatch : Infinity;
  const maxBytes = Math.min(settings.MaxInputBytesPerBatch ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
  const head = settings.BatchInput === undefined ? {} : { BatchInput: settings.BatchInput };
  // `{"Items":[]}` plus BatchInput, then each item and the comma before it.
  const emptySize = Buffer.byteLength(JSON.stringify({ ...head, Items: [] }));
  const batches: unknown[] = [];
  let current: unknown[] = [];
  let size = emptySize;
  for (const item of items) {
    const itemSize = Buffer.byteLength(JSON.stringify(item) ?? 'null');
    if (emptySize + itemSize > maxBytes) {
      throw new StatesError(
        'States.ItemBatcherFailed',
        `An item of ${itemSize} bytes does not fit in a batch of at most ${maxBytes} bytes.`,
      );
    }
    const added = itemSize + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && (current.length >= maxItems || size + added > maxBytes)) {
      batches.push({ ...head, Items: current });
      current = [];
      size = emptySize;
    }
    size += itemSize + (current.length > 0 ? 1 : 0);
    current.push(item);
  }
  if (current.length > 0) batches.push({ ...head, Items: current });
  return batches;
}
