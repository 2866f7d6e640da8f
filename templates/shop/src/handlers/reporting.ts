// Reporting: one rule with a prefix pattern sees orders and payments as they happen.
import type { ShopEvent } from './events.js';

export const handler = async (event: ShopEvent<Record<string, unknown>>) => {
  console.log(`report: ${event['detail-type']} from ${event.source} at ${event.time}`);
  return { recorded: event.id };
};
