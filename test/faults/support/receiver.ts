// A local webhook receiver counting what arrives; it can hold a request open (a delivery in flight) on demand,
// and answer with another status than 200 (a receiver that is down for a while).
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  at: number;
  deliveryId: string;
  body: string;
  /** What it was answered (0 while held open). */
  status: number;
}

export class Receiver {
  readonly arrivals: Arrival[] = [];
  /** The next arrival this accepts (given how many times its delivery id has arrived) is held open, never answered. */
  holdNext: ((arrival: Arrival, nth: number) => boolean) | null = null;
  readonly held: Arrival[] = [];
  /** The status each arrival is answered with. */
  status: (arrival: Arrival) => number = () => 200;
  private server!: Server;
  url = '';

  constructor(private readonly delayMs = 150) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const arrival: Arrival = {
      at: Date.now(),
      deliveryId: String(req.headers['x-delivery-id'] ?? ''),
      body: Buffer.concat(chunks).toString('utf8'),
      status: 0,
    };
    this.arrivals.push(arrival);
    const nth = this.arrivals.filter((a) => a.deliveryId === arrival.deliveryId).length;
    if (this.holdNext?.(arrival, nth)) {
      this.holdNext = null;
      this.held.push(arrival);
      return;
    }
    arrival.status = this.status(arrival);
    // A little work per delivery, so a kill finds deliveries in flight.
    setTimeout(() => {
      res.statusCode = arrival.status;
      res.end();
    }, this.delayMs);
  }

  distinctIds(): Set<string> {
    return new Set(this.arrivals.map((a) => a.deliveryId));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
