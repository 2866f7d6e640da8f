import { describe, expect, it } from 'vitest';
import { md5OfAttributes, md5OfBody } from '../../../src/services/queues/md5.js';

// Expected digests from the published aws-md5-of-message-attributes examples (computed by SQS itself).
describe('SQS digests', () => {
  it('hashes the body as UTF-8', () => {
    expect(md5OfBody('hello')).toBe('5d41402abc4b2a76b9719d911017c592');
  });

  it('hashes a string attribute', () => {
    expect(md5OfAttributes({ attribName1: { DataType: 'String', StringValue: 'attribValue 1' } })).toBe(
      '19e27d4e946b072f3f58da80d94fd778',
    );
  });

  it('hashes a custom number type with transport byte 1', () => {
    expect(
      md5OfAttributes({
        customNumberTypeAttrib: {
          DataType: 'Number.float',
          StringValue: '4563442423554324324264524243.32543234',
        },
      }),
    ).toBe('9fe1b90bbd9965bdf77bac517c7d2495');
  });

  it('hashes a binary attribute with transport byte 2', () => {
    expect(
      md5OfAttributes({
        binaryAttribute: { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') },
      }),
    ).toBe('31a92b15d92f8db860eda32aceb656c3');
  });

  it('sorts attributes by name', () => {
    expect(
      md5OfAttributes({
        binaryAttribute: { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') },
        customNumberTypeAttrib: {
          DataType: 'Number.float',
          StringValue: '4563442423554324324264524243.32543234',
        },
        attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
      }),
    ).toBe('c932db14a896c663f83c260297d594ff');
  });

  it('has no digest without attributes', () => {
    expect(md5OfAttributes({})).toBeUndefined();
  });
});
