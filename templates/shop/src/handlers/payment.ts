// Payments: charges an OrderPlaced and emits PaymentSucceeded or PaymentFailed. A thrown error makes
// EventBridge retry (RetryPolicy in template.yaml), then park the event in the dead-letter queue.
import { emit, type OrderPlaced, type ShopEvent } from './events.js';

/** Orders above this are declined (a stand-in for a real payment provider). */
const LIMIT = 1000;

export const handler = async (event: ShopEvent<OrderPlaced>) => {
  const { orderId, total } = event.detail;
  if (orderId.includes('crash')) throw new Error(`payment provider unavailable for ${orderId}`);
  if (total > LIMIT) {
    console.log(`declining ${orderId}: ${total} is over ${LIMIT}`);
    await emit('shop.payments', 'PaymentFailed', { orderId, total, reason: 'over the limit' });
    return { orderId, paid: false };
  }
  console.log(`charged ${orderId}: ${total}`);
  await emit('shop.payments', 'PaymentSucceeded', { orderId, total });
  return { orderId, paid: true };
};
