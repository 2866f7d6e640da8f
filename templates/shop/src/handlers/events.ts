// The shop's events and one helper to put them on the bus with the ordinary AWS SDK. Locally, eddy sets
// AWS_ENDPOINT_URL so the same code reaches the local bus; on AWS it reaches EventBridge.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

/** An EventBridge event as a rule delivers it to a function. */
export interface ShopEvent<T> {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  detail: T;
}

/** A checkout the cart asks for. */
export interface CheckoutRequested {
  cartId: string;
  customerId: string;
  items: { sku: string; quantity: number; price: number }[];
}

/** An order, placed. */
export interface OrderPlaced {
  orderId: string;
  cartId: string;
  customerId: string;
  total: number;
}

/** A payment's outcome. */
export interface PaymentOutcome {
  orderId: string;
  total: number;
  reason?: string;
}

const client = new EventBridgeClient({});

/** Puts one event on the shop's bus; throws when EventBridge rejects it. */
export async function emit(source: string, detailType: string, detail: object): Promise<string> {
  const out = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: process.env.EVENT_BUS_NAME,
          Source: source,
          DetailType: detailType,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  const entry = out.Entries?.[0];
  if (!entry?.EventId) throw new Error(`PutEvents failed: ${entry?.ErrorCode} ${entry?.ErrorMessage}`);
  return entry.EventId;
}
