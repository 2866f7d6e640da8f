// Orders: turns a CheckoutRequested from the cart into an OrderPlaced.
import { emit, type CheckoutRequested, type ShopEvent } from './events.js';

export const handler = async (event: ShopEvent<CheckoutRequested>) => {
  const { cartId, customerId, items } = event.detail;
  const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0);
  const orderId = `order-${cartId}`;
  console.log(`placing ${orderId} for ${customerId}: ${items.length} items, total ${total}`);
  await emit('shop.orders', 'OrderPlaced', { orderId, cartId, customerId, total });
  return { orderId };
};
