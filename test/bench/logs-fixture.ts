// A deterministic 100,000-line log of a checkout service (Spring Boot format) for the log
// shaping benchmark: high-volume request and business lines with varying numbers, ids and
// addresses, periodic warnings, and twelve known error templates at low frequency: some
// only early in the log, some with Java stack traces, and a burst near the end.

import type { InputLogLine } from '../../src/shape/logs.ts';

export interface KnownError {
  /** Text every occurrence contains and no other line does: what "retained" looks for. */
  fixedText: string;
  /** Line indexes (0-based) where it is logged. */
  at: number[];
  lines: (rng: Rng) => string[];
}

export type Rng = () => number;

/** mulberry32: a small seeded generator, so every run logs the same lines. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const hex = (rng: Rng, length: number) =>
  Array.from({ length }, () => '0123456789abcdef'[Math.floor(rng() * 16)]).join('');
const uuid = (rng: Rng) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
const ip = (rng: Rng) => `10.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`;
const every = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

const frames = (...calls: string[]) => calls.map((c) => `\tat ${c}`);

export const KNOWN_ERRORS: KnownError[] = [
  {
    fixedText: 'Unhandled exception while processing order',
    at: [3_141, 4_902, 6_313, 8_777],
    lines: (rng) => [
      `c.e.checkout.order.OrderService : Unhandled exception while processing order ${int(rng, 10_000, 99_999)}`,
      'java.lang.NullPointerException: Cannot invoke getTotal() because order is null',
      ...frames(
        'com.example.checkout.order.OrderService.price(OrderService.java:212)',
        'com.example.checkout.order.OrderService.process(OrderService.java:148)',
        'com.example.checkout.web.OrderController.create(OrderController.java:61)',
        'org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)',
      ),
    ],
  },
  {
    fixedText: 'Failed to connect to inventory-service',
    at: every(5_500, 95_000, 9_000),
    lines: (rng) => [
      `c.e.checkout.stock.InventoryClient : Failed to connect to inventory-service at ${ip(rng)}:8080: Connection refused`,
    ],
  },
  {
    fixedText: 'Kafka producer send failed for topic order-events',
    at: [11_020, 14_480, 19_707],
    lines: (rng) => [
      `c.e.checkout.events.EventPublisher : Kafka producer send failed for topic order-events partition ${int(rng, 0, 11)}: NOT_LEADER_OR_FOLLOWER`,
    ],
  },
  {
    fixedText: 'Could not parse webhook payload from stripe',
    at: [15_321],
    lines: () => [
      'c.e.checkout.web.WebhookController : Could not parse webhook payload from stripe',
      "com.fasterxml.jackson.core.JsonParseException: Unexpected character ('}' (code 125)): was expecting double-quote",
      ...frames(
        'com.fasterxml.jackson.core.JsonParser._constructError(JsonParser.java:2391)',
        'com.fasterxml.jackson.databind.ObjectMapper.readValue(ObjectMapper.java:3548)',
        'com.example.checkout.web.WebhookController.receive(WebhookController.java:44)',
      ),
    ],
  },
  {
    fixedText: 'Deadlock detected while updating inventory_reservations',
    at: [40_404, 55_055],
    lines: (rng) => [
      `c.e.checkout.stock.ReservationRepository : Deadlock detected while updating inventory_reservations (tx ${hex(rng, 12)})`,
    ],
  },
  {
    fixedText: 'Failed to upload invoice PDF to S3 bucket',
    at: [22_222, 29_001],
    lines: (rng) => [
      `c.e.checkout.billing.InvoiceService : Failed to upload invoice PDF to S3 bucket invoices-prod: Access Denied (Status Code: 403; Request ID: ${hex(rng, 16).toUpperCase()})`,
    ],
  },
  {
    fixedText: 'OutOfMemoryError: Java heap space',
    at: [61_234],
    lines: () => [
      'c.e.checkout.config.AsyncConfig : Uncaught error in worker thread',
      'java.lang.OutOfMemoryError: Java heap space',
      ...frames(
        'java.base/java.util.Arrays.copyOf(Arrays.java:3537)',
        'com.example.checkout.report.ReportBuilder.render(ReportBuilder.java:88)',
        'java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)',
      ),
    ],
  },
  {
    fixedText: 'Redis command timed out after',
    at: every(7_000, 97_000, 15_000),
    lines: (rng) => [
      `c.e.checkout.auth.SessionStore : Redis command timed out after ${int(rng, 1, 3)} second(s) (GET session)`,
    ],
  },
  {
    fixedText: 'JWT signature verification failed for request',
    at: [70_100, 74_900, 79_300],
    lines: (rng) => [
      `c.e.checkout.auth.AuthFilter : JWT signature verification failed for request ${uuid(rng)}`,
    ],
  },
  {
    fixedText: 'Circuit breaker fraud-check is OPEN',
    at: [96_100, 96_600, 97_100, 97_600, 98_100],
    lines: (rng) => [
      `c.e.checkout.fraud.FraudClient : Circuit breaker fraud-check is OPEN, rejecting call (failure rate ${int(rng, 50, 90)}.${int(rng, 0, 9)}%)`,
    ],
  },
  {
    fixedText: 'TLS handshake with payments-gateway failed',
    at: every(98_500, 99_850, 20),
    lines: () => [
      'c.e.checkout.payment.PaymentClient : TLS handshake with payments-gateway failed: PKIX path validation failed: certificate has expired',
    ],
  },
  {
    fixedText: 'Connection is not available, request timed out after',
    at: every(99_000, 99_995, 7),
    lines: (rng) => [
      `com.zaxxer.hikari.pool.HikariPool : HikariPool-1 - Connection is not available, request timed out after ${int(rng, 30_000, 30_050)}ms.`,
    ],
  },
];

const ROUTES = [
  () => 'GET /api/v1/orders/{n}',
  () => 'POST /api/v1/orders',
  () => 'GET /api/v1/cart/{n}',
  () => 'GET /api/v1/products/SKU-{n}',
  () => 'GET /actuator/health',
] as const;
const THREADS = ['nio-8080-exec', 'scheduling', 'kafka-consumer'] as const;

function infoLine(rng: Rng): [level: string, text: string] {
  const roll = rng();
  if (roll < 0.6) {
    const route = pick(rng, ROUTES)().replace('{n}', String(int(rng, 1, 999_999)));
    const status = pick(rng, [200, 200, 200, 201, 204, 304, 404]);
    return [
      'INFO',
      `c.e.checkout.web.RequestLog : ${route} ${status} ${int(rng, 2, 900)}ms client=${ip(rng)}:${int(rng, 30_000, 60_999)} request_id=${uuid(rng)}`,
    ];
  }
  if (roll < 0.75) {
    return [
      'INFO',
      `c.e.checkout.cart.CartService : cart ${int(rng, 1, 99_999)} updated: ${int(rng, 1, 12)} items, total ${int(rng, 5, 900)}.${int(rng, 10, 99)} EUR (user customer${int(rng, 1, 50_000)}@example.com)`,
    ];
  }
  if (roll < 0.85) {
    return [
      'INFO',
      `c.e.checkout.payment.PaymentClient : authorized payment pi_${hex(rng, 24)} for order ${int(rng, 10_000, 99_999)} in ${int(rng, 80, 950)}ms`,
    ];
  }
  if (roll < 0.93) {
    return [
      'INFO',
      `c.e.checkout.stock.InventoryClient : reserved ${int(rng, 1, 20)} units of SKU-${int(rng, 1_000, 9_999)} in warehouse ${pick(rng, ['fra', 'ams', 'dub'])}`,
    ];
  }
  return [
    'DEBUG',
    `c.e.checkout.cache.CacheManager : cache hit for key product:${int(rng, 1, 99_999)} (age ${int(rng, 1, 600)}s)`,
  ];
}

function warnLine(rng: Rng): string {
  return pick(rng, [
    () =>
      `c.e.checkout.payment.PaymentClient : slow response from payments-gateway: ${int(rng, 1_001, 4_000)}ms (threshold 1000ms)`,
    () =>
      `com.zaxxer.hikari.pool.HikariPool : HikariPool-1 - pool stats (total=${int(rng, 10, 20)}, active=${int(rng, 8, 20)}, idle=0, waiting=${int(rng, 1, 40)})`,
    () =>
      `o.s.retry.support.RetryTemplate : retrying inventory reservation for order ${int(rng, 10_000, 99_999)} (attempt ${int(rng, 2, 3)}/3)`,
  ])();
}

/** The log, one Spring Boot line per item (stack frames are lines of their own). */
export function* checkoutServiceLog(totalLines = 100_000): Generator<InputLogLine> {
  const rng = seededRng(20_250_314);
  const errorsAt = new Map<number, KnownError>();
  for (const error of KNOWN_ERRORS) for (const index of error.at) errorsAt.set(index, error);
  const start = Date.UTC(2025, 2, 14, 8, 0, 0);
  let emitted = 0;
  for (let index = 0; emitted < totalLines; index++) {
    const time = new Date(start + index * 47 + int(rng, 0, 40)).toISOString().replace('T', ' ').slice(0, 23);
    const thread = `${pick(rng, THREADS)}-${int(rng, 1, 16)}`;
    const prefix = (level: string) => `${time} ${level.padStart(5)} 1 --- [${thread.padStart(15)}] `;
    const error = errorsAt.get(index);
    let lines: string[];
    if (error) {
      const [first, ...rest] = error.lines(rng);
      lines = [`${prefix('ERROR')}${first}`, ...rest];
    } else if (index % 487 === 0) {
      lines = [`${prefix('WARN')}${warnLine(rng)}`];
    } else {
      const [level, text] = infoLine(rng);
      lines = [`${prefix(level)}${text}`];
    }
    for (const text of lines) {
      if (emitted++ >= totalLines) return;
      yield { text };
    }
  }
}
