// Runs for every OrderPlaced event on the app's bus (see template.yaml).

/** The part of an EventBridge event this handler reads. */
interface OrderPlacedEvent {
  source: string;
  'detail-type': string;
  detail: { orderId: string; total?: number };
}

export const handler = async (event: OrderPlacedEvent) => {
  console.log(`order ${event.detail.orderId} placed`);
  return { greeted: event.detail.orderId };
};
