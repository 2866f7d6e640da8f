// ItemBatcher: item and byte limits, BatchInput, and an item too large for any batch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchItems } from '../../../src/services/workflows/distributed/batcher.js';

describe('batchItems', () => {
  it('groups by MaxItemsPerBatch and adds BatchInput to each batch', () => {
    expect(batchItems({ MaxItemsPerBatch: 2, BatchInput: { job: 'j' } }, [1, 2, 3])).toEqual([
      { BatchInput: { job: 'j' }, Items: [1, 2] },
      { BatchInput: { job: 'j' }, Items: [3] },
    ]);
  });

  it('keeps every batch within MaxInputBytesPerBatch, in order, losing nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 40 })),
        fc.integer({ min: 60, max: 300 }),
        (items, limit) => {
          const batches = batchItems({ MaxInputBytesPerBatch: limit }, items) as { Items: string[] }[];
          for (const b of batches) expect(Buffer.byteLength(JSON.stringify(b))).toBeLessThanOrEqual(limit);
          expect(batches.flatMap((b) => b.Items)).toEqual(items);
        },
      ),
    );
  });

  it('fails with States.ItemBatcherFailed for an item larger than a batch', () => {
    expect(() => batchItems({ MaxInputBytesPerBatch: 20 }, ['x'.repeat(50)])).toThrow(
      expect.objectContaining({ error: 'States.ItemBatcherFailed' }),
    );
  });
});
