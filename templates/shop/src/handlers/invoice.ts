// Invoicing: subscribes to PaymentSucceeded. Added without changing any other part of the shop.
import type { PaymentOutcome, ShopEvent } from './events.js';

export const handler = async (event: ShopEvent<PaymentOutcome>) => {
  const invoiceId = `invoice-${event.detail.orderId}`;
  console.log(`invoice ${invoiceId}: ${event.detail.total}`);
  return { invoiceId };
};
