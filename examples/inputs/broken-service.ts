/** Order service: loads orders through a repository, prices them and records new lines. */
export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: string;
  customerEmail: string;
  lines: OrderLine[];
}

export interface OrderRepository {
  findById(id: string): Promise<Order | undefined>;
  save(order: Order): Promise<void>;
}

export class OrderNotFoundError extends Error {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} was not found.`);
    this.name = 'OrderNotFoundError';
  }
}

export class OrderService {
  constructor(
    private readonly repository: OrderRepository,
    private readonly taxRate = 0.2,
  ) {}

  async getOrder(id: string): Promise<Order> {
    const order = await this.repository.findById(id);
    if (!order) throw new OrderNotFoundError(id);
    return order;
  }

  totalCents(order: Order): number {
    const subtotalCents = order.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
    return Math.round(subtotalCents * (1 + this.taxRate));
  }

  async customerEmail(id: string): Promise<string> {
    const order = this.getOrder(id);
    return order.customerEmail;
  }

  async addLine(id: string, line: OrderLine): Promise<Order> {
    const order = await this.getOrder(id);
    const updated: Order = { ...order, lines: [...order.lines, line] };
    await this.repository.save(updatd);
    return updated;
  }
}
